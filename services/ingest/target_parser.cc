// Main-target parsing; see target_parser.h.
#include "services/ingest/target_parser.h"

#include <algorithm>
#include <initializer_list>
#include <tuple>

#include "services/ingest/report_patterns.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

constexpr size_t npos = std::u32string_view::npos;

// Words that end an indicator's name: the verb or comparison that sets the target.
constexpr std::u32string_view kIndicatorEnds[] = {
    U"增长", U"增速", U"增幅",   U"提高",   U"提升",   U"上升",   U"下降", U"降低",   U"减少",
    U"削减", U"回落", U"完成",   U"达到",   U"控制在", U"保持在", U"保持", U"稳定在", U"实现",
    U"突破", U"超过", U"不低于", U"不少于", U"不高于", U"不超过", U"高于", U"低于",   U"进一步",
    U"持续", U"稳步", U"继续",   U"基本",   U"分别",   U"比上年", U"同比", U"改善"};
constexpr std::u32string_view kGrowthVerbs[] = {U"增长", U"增速", U"提高", U"提升", U"上升",
                                                U"下降", U"降低", U"减少", U"削减", U"回落"};
constexpr std::u32string_view kDownVerbs[] = {U"下降", U"降低", U"减少", U"削减", U"回落"};
// Comparisons before a number ("不低于1.6万个"), longest first so 不低于 wins over 低于.
constexpr std::u32string_view kBeforeNumber[] = {U"不低于", U"不少于", U"不高于", U"不超过",
                                                 U"高于",   U"低于",   U"超过",   U"至少"};
constexpr std::u32string_view kAfterNumber[] = {U"左右", U"以上", U"以下", U"以内"};
// Qualitative targets: a comparison, else the verb that states the aim.
constexpr std::u32string_view kQualitativeComparisons[] = {
    U"不低于", U"不少于", U"不高于", U"不超过", U"高于", U"低于", U"以内", U"以下", U"以上"};
constexpr std::u32string_view kQualitativeVerbs[] = {U"下降", U"削减", U"降低", U"减少",
                                                     U"改善", U"增长", U"提高", U"提升",
                                                     U"平衡", U"稳定", U"完成", U"持平"};
constexpr std::u32string_view kConnectors[] = {U"其中", U"力争", U"确保", U"全年", U"今年", U"同时",
                                               U"并且", U"以及", U"并",   U"和",   U"及"};

std::u32string_view View(std::u32string_view text, Range r) {
  return text.substr(r.begin, r.size());
}

Range TrimRange(std::u32string_view text, Range r) {
  while (r.begin < r.end && (IsBlank(text[r.begin]) || text[r.begin] == U'\n')) ++r.begin;
  while (r.end > r.begin && (IsBlank(text[r.end - 1]) || text[r.end - 1] == U'\n')) --r.end;
  return r;
}

// Earliest occurrence in `s` at or after `from` of any of `words`; npos if none.
template <size_t N>
std::pair<size_t, std::u32string_view> FindFirst(std::u32string_view s,
                                                 const std::u32string_view (&words)[N],
                                                 size_t from = 0) {
  std::pair<size_t, std::u32string_view> best{npos, {}};
  for (auto w : words) {
    size_t p = s.find(w, from);
    if (p != npos && (p < best.first || (p == best.first && w.size() > best.second.size()))) {
      best = {p, w};
    }
  }
  return best;
}

template <size_t N>
bool ContainsAnyOf(std::u32string_view s, const std::u32string_view (&words)[N]) {
  return FindFirst(s, words).first != npos;
}

bool IsClauseBreak(char32_t c) {
  return c == U'，' || c == U',' || c == U'；' || c == U';' || IsSentenceEnd(c) || c == U'\n';
}

// The first number of a clause that is a value: not part of a name ("PM2.5"), not a
// year or date ("2020年").
bool FindValue(std::u32string_view s, size_t* begin, size_t* end) {
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiDigit(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() &&
           (IsAsciiDigit(s[j]) || (s[j] == U'.' && j + 1 < s.size() && IsAsciiDigit(s[j + 1])))) {
      ++j;
    }
    bool in_name = i > 0 && (IsAsciiAlpha(s[i - 1]) || s[i - 1] == U'.');
    bool date = j < s.size() &&
                (s[j] == U'年' || s[j] == U'月' || s[j] == U'日' || s[j] == U'届' || s[j] == U'季');
    if (!in_name && !date) {
      *begin = i;
      *end = j;
      return true;
    }
    i = j;
  }
  return false;
}

bool IsUnitStop(char32_t c) {
  static constexpr std::u32string_view kStops = U"的和与及或并、左以";
  return kStops.find(c) != npos;
}

}  // namespace

bool ParseTargetClause(std::u32string_view text, Range clause, Target* target) {
  Range r = TrimRange(text, clause);
  // A listed target: "1.地区生产总值增长6%左右；" / "（2）…".
  if (Marker m; MatchNumberMarker(View(text, r), &m)) r.begin += static_cast<uint32_t>(m.length);
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (auto c : kConnectors) {
      if (StartsWith(View(text, r), c) && r.size() > c.size() + 2) {
        r.begin += static_cast<uint32_t>(c.size());
        stripped = true;
      }
    }
  }
  std::u32string_view s = View(text, r);
  size_t num_begin = npos;
  size_t num_end = npos;
  bool has_number = FindValue(s, &num_begin, &num_end);
  // The indicator ends at the first target verb after its first character, or at the value.
  size_t ind_end = has_number ? num_begin : s.size();
  // A clause that opens with a verb ("实现正增长") names no indicator; 基本 may open one
  // (基本养老保险参保率).
  auto [opening, opening_word] = FindFirst(s, kIndicatorEnds, 0);
  if (opening == 0 && opening_word != U"基本") return false;
  auto [marker, unused] = FindFirst(s, kIndicatorEnds, 1);
  if (marker != npos) ind_end = std::min(ind_end, marker);
  Range indicator = TrimRange(text, {r.begin, r.begin + static_cast<uint32_t>(ind_end)});
  if (EndsWith(View(text, indicator), U"分别")) indicator.end -= 2;
  std::u32string_view name = View(text, indicator);
  if (name.size() < 2 || Contains(name, U"、")) return false;

  Target t;
  t.clause = r;
  t.indicator = indicator;
  std::u32string_view rest = s.substr(ind_end);
  if (has_number) {
    t.value = U32ToUtf8(s.substr(num_begin, num_end - num_begin));
    size_t u = num_end;
    if (u < s.size() && (s[u] == U'%' || s[u] == U'％' || s[u] == U'‰')) {
      t.unit = U32ToUtf8(s.substr(u, 1));
      ++u;
    } else {
      size_t v = u;
      while (v < s.size() && v - u < 8 && (IsHan(s[v]) || IsAsciiAlpha(s[v]) || s[v] == U'/') &&
             !IsUnitStop(s[v])) {
        ++v;
      }
      t.unit = U32ToUtf8(s.substr(u, v - u));
      u = v;
    }
    std::u32string_view between = s.substr(ind_end, num_begin - ind_end);
    for (auto q : kAfterNumber) {
      if (StartsWith(s.substr(u), q)) t.qualifier = U32ToUtf8(q);
    }
    if (t.qualifier.empty()) {
      auto [q, word] = FindFirst(between, kBeforeNumber);
      if (q != npos) t.qualifier = U32ToUtf8(word);
    }
    t.measure = ContainsAnyOf(between, kGrowthVerbs) ? "growth" : "level";
    if (ContainsAnyOf(between, kDownVerbs)) t.direction = "down";
  } else {
    auto [q, word] = FindFirst(rest, kQualitativeComparisons);
    if (q == npos) std::tie(q, word) = FindFirst(rest, kQualitativeVerbs);
    if (q == npos) return false;
    t.qualifier = U32ToUtf8(word);
    t.measure = "qualitative";
    for (auto d : kDownVerbs) {
      if (word == d) t.direction = "down";
    }
  }
  *target = std::move(t);
  return true;
}

namespace {

// The lead-in "主要目标是：" / "主要预期目标是：" in `range`; returns the index just past
// its colon, or npos.
size_t FindLeadIn(std::u32string_view text, Range range, size_t* sentence_begin) {
  std::u32string_view s = View(text, range);
  for (size_t p = s.find(U"目标"); p != npos; p = s.find(U"目标", p + 2)) {
    size_t look = p >= 8 ? p - 8 : 0;
    std::u32string_view before = s.substr(look, p - look);
    if (!Contains(before, U"主要") && !Contains(before, U"预期")) continue;
    size_t j = p + 2;
    static constexpr std::u32string_view kGlue = U"是为如下确定";
    while (j < s.size() && j - p - 2 < 4 && kGlue.find(s[j]) != npos) ++j;
    if (j >= s.size() || (s[j] != U'：' && s[j] != U':')) continue;
    size_t b = p;
    while (b > 0 && !IsSentenceEnd(s[b - 1]) && s[b - 1] != U'\n') --b;
    *sentence_begin = range.begin + b;
    return range.begin + j + 1;
  }
  return npos;
}

}  // namespace

TargetStatement FindTargets(std::u32string_view text, const ReportLayout& layout, bool* found) {
  *found = false;
  TargetStatement statement;
  // The year's plan first: a report may also set targets for five years ahead, in a
  // part whose heading names no year or an earlier one.
  std::vector<const Section*> plans;
  for (const auto& s : layout.sections) {
    if (s.kind == SectionKind::kPlan) plans.push_back(&s);
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const Section* a, const Section* b) { return a->year > b->year; });
  std::vector<Range> places;
  for (const Section* s : plans) places.push_back(s->preamble);
  for (const Section* s : plans) places.push_back(s->whole);
  places.push_back({0, static_cast<uint32_t>(text.size())});

  size_t colon = npos;
  size_t sentence_begin = 0;
  for (const Range& place : places) {
    colon = FindLeadIn(text, place, &sentence_begin);
    if (colon != npos) break;
  }
  if (colon == npos) return statement;

  // The targets run to the end of the paragraph; a lead-in that ends its paragraph is
  // followed by the list in the next ones, up to the one that ends with 。.
  size_t end = colon;
  while (end < text.size() && text[end] != U'\n') ++end;
  if (TrimRange(text, {static_cast<uint32_t>(colon), static_cast<uint32_t>(end)}).empty()) {
    for (int para = 0; para < 12 && end < text.size(); ++para) {
      size_t next_end = end + 1;
      while (next_end < text.size() && text[next_end] != U'\n') ++next_end;
      end = next_end;
      size_t last = end;
      while (last > 0 && IsBlank(text[last - 1])) --last;
      if (last > 0 && IsSentenceEnd(text[last - 1])) break;
    }
  }
  statement.sentence = {static_cast<uint32_t>(sentence_begin), static_cast<uint32_t>(end)};

  int depth = 0;
  size_t clause_begin = colon;
  for (size_t i = colon; i <= end; ++i) {
    char32_t c = i < end ? text[i] : U'\n';
    if (c == U'（' || c == U'(' || c == U'“') ++depth;
    if ((c == U'）' || c == U')' || c == U'”') && depth > 0) --depth;
    if (i < end && (depth > 0 || !IsClauseBreak(c))) continue;
    Target target;
    if (ParseTargetClause(text, {static_cast<uint32_t>(clause_begin), static_cast<uint32_t>(i)},
                          &target)) {
      statement.targets.push_back(std::move(target));
    }
    clause_begin = i + 1;
  }
  *found = !statement.targets.empty();
  return statement;
}

}  // namespace kg::ingest
