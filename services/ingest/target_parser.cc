// Target parsing; see target_parser.h.
#include "services/ingest/target_parser.h"

#include <algorithm>
#include <initializer_list>
#include <tuple>

#include "services/ingest/report_patterns.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

constexpr size_t npos = std::u32string_view::npos;

// Qualitative predicates that are set phrases ("进出口量稳质升"): the whole phrase is the
// qualifier.
constexpr std::u32string_view kQualitativeIdioms[] = {U"量稳质升", U"量质齐升", U"稳中有升",
                                                      U"稳中有进", U"稳中向好", U"稳中提质",
                                                      U"持续向好", U"总体平稳", U"只增不减"};
// Words that end an indicator's name: the verb or comparison that sets the target.
constexpr std::u32string_view kIndicatorEnds[] = {
    U"增长",     U"增速",     U"增幅",     U"涨幅",     U"提高",     U"提升",     U"上升",
    U"上涨",     U"下降",     U"降低",     U"减少",     U"削减",     U"回落",     U"完成",
    U"达到",     U"控制在",   U"保持在",   U"保持",     U"稳定在",   U"实现",     U"突破",
    U"超过",     U"不低于",   U"不少于",   U"不高于",   U"不超过",   U"高于",     U"低于",
    U"进一步",   U"持续",     U"稳步",     U"继续",     U"基本",     U"分别",     U"比上年",
    U"同比",     U"改善",     U"年均",     U"量稳质升", U"量质齐升", U"稳中有升", U"稳中有进",
    U"稳中向好", U"稳中提质", U"持续向好", U"总体平稳", U"只增不减"};
constexpr std::u32string_view kGrowthVerbs[] = {U"增长", U"增速", U"增幅", U"涨幅", U"提高",
                                                U"提升", U"上升", U"上涨", U"下降", U"降低",
                                                U"减少", U"削减", U"回落"};
constexpr std::u32string_view kDownVerbs[] = {U"下降", U"降低", U"减少", U"削减", U"回落"};
// Comparisons before a number ("不低于1.6万个"), longest first so 不低于 wins over 低于.
constexpr std::u32string_view kBeforeNumber[] = {U"不低于", U"不少于", U"不高于", U"不超过",
                                                 U"高于",   U"低于",   U"超过",   U"至少"};
constexpr std::u32string_view kAfterNumber[] = {U"左右", U"以上", U"以下", U"以内"};
// Qualitative targets: a comparison, a set phrase, 实现X, else the verb that states the aim.
constexpr std::u32string_view kQualitativeComparisons[] = {
    U"不低于", U"不少于", U"不高于", U"不超过", U"高于", U"低于", U"以内", U"以下", U"以上"};
constexpr std::u32string_view kQualitativeVerbs[] = {U"下降", U"削减", U"降低", U"减少", U"改善",
                                                     U"增长", U"提高", U"提升", U"平衡", U"稳定",
                                                     U"完成", U"持平", U"同步"};
constexpr std::u32string_view kConnectors[] = {U"其中", U"力争", U"确保", U"全年", U"今年", U"同时",
                                               U"并且", U"以及", U"并",   U"和",   U"及"};
// How the names of measured quantities end: a bare noun phrase or a list item ending so
// is an indicator ("城镇新增就业人数", "城镇登记失业率").
constexpr std::u32string_view kIndicatorSuffixes[] = {
    U"总值", U"收入", U"投资", U"总额", U"增加值", U"产值", U"率",   U"数",
    U"量",   U"额",   U"指数", U"价格", U"产量",   U"浓度", U"比重", U"比例",
    U"能耗", U"排放", U"人数", U"外资", U"支出",   U"规模", U"资金", U"天数",
    U"面积", U"寿命", U"年限", U"投入", U"能力",   U"就业", U"消费"};
// A range between two values: "6%－6.5%", "6-6.5%", "6%至6.5%".
constexpr std::u32string_view kRangeMarks = U"－-—–~～至到";
// Verbs of a quantified commitment in a task's text.
constexpr std::u32string_view kCommitVerbs[] = {
    U"新增", U"新建", U"新开工", U"新培育", U"新引进", U"新改建", U"建成", U"建设", U"改造",
    U"完成", U"开工", U"实施",   U"培育",   U"引进",   U"打造",   U"创建", U"改建", U"整治",
    U"发放", U"培训", U"招引",   U"提供",   U"推广",   U"开通",   U"种植", U"修复", U"治理"};
// Words of effort that open a task's sentence before what it measures ("全力确保空气优良
// 天数达到350天").
constexpr std::u32string_view kTaskAdverbs[] = {U"全力", U"努力", U"力争", U"确保",
                                                U"积极", U"持续", U"全面", U"着力",
                                                U"全年", U"年内", U"将",   U"把"};
// Measure words a commitment counts in, longest first.
constexpr std::u32string_view kMeasureWords[] = {
    U"万平方米", U"平方公里", U"万人次", U"万千瓦", U"平方米", U"立方米", U"人次", U"万人",
    U"万亩",     U"万吨",     U"亿元",   U"万元",   U"公里",   U"千米",   U"公顷", U"千瓦",
    U"兆瓦",     U"家次",     U"个",     U"家",     U"户",     U"张",     U"座",   U"所",
    U"套",       U"栋",       U"间",     U"辆",     U"台",     U"条",     U"项",   U"处",
    U"人",       U"亩",       U"吨",     U"元",     U"次",     U"场",     U"批",   U"名",
    U"艘",       U"床",       U"公顷",   U"km",     U"%",      U"％"};

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
  // One pass that stops at the earliest match, skipping positions whose character starts
  // no word (a bit per character, folded to 6 bits): searching the text once per word
  // was a hot spot with the long lists.
  uint64_t firsts = 0;
  for (auto w : words) {
    if (w.empty()) {  // matches anywhere: the plain search per word says how
      for (auto v : words) {
        size_t p = s.find(v, from);
        if (p != npos && (p < best.first || (p == best.first && v.size() > best.second.size()))) {
          best = {p, v};
        }
      }
      return best;
    }
    firsts |= 1ULL << (w[0] & 63);
  }
  for (size_t p = from; p < s.size(); ++p) {
    if (((firsts >> (s[p] & 63)) & 1) == 0) continue;
    for (auto w : words) {
      if (w.size() > best.second.size() && s.compare(p, w.size(), w) == 0) best = {p, w};
    }
    if (best.first != npos) return best;
  }
  return best;
}

template <size_t N>
bool ContainsAnyOf(std::u32string_view s, const std::u32string_view (&words)[N]) {
  return FindFirst(s, words).first != npos;
}

template <size_t N>
std::u32string_view StartingWith(std::u32string_view s, const std::u32string_view (&words)[N]) {
  std::u32string_view best;
  for (auto w : words) {
    if (StartsWith(s, w) && w.size() > best.size()) best = w;
  }
  return best;
}

bool EndsWithIndicatorSuffix(std::u32string_view s) {
  for (auto w : kIndicatorSuffixes) {
    if (EndsWith(s, w)) return true;
  }
  return false;
}

bool IsClauseBreak(char32_t c) {
  return c == U'，' || c == U',' || c == U'；' || c == U';' || IsSentenceEnd(c) || c == U'\n';
}

// The number at `i`: digits with at most one decimal point; returns its end.
size_t NumberEnd(std::u32string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() &&
         (IsAsciiDigit(s[j]) || (s[j] == U'.' && j + 1 < s.size() && IsAsciiDigit(s[j + 1])))) {
    ++j;
  }
  return j;
}

// The first number of a clause at or after `from` that is a value: not part of a name
// ("PM2.5", "5G"), not a year or date ("2020年", "3月").
bool FindValue(std::u32string_view s, size_t from, size_t* begin, size_t* end) {
  size_t i = from;
  while (i < s.size()) {
    if (!IsAsciiDigit(s[i])) {
      ++i;
      continue;
    }
    size_t j = NumberEnd(s, i);
    std::u32string_view number = s.substr(i, j - i);
    bool integer = number.find(U'.') == npos;
    bool in_name = (i > 0 && (IsAsciiAlpha(s[i - 1]) || s[i - 1] == U'.')) ||
                   (j < s.size() && IsAsciiAlpha(s[j]) && !StartsWith(s.substr(j), U"km"));
    char32_t after = j < s.size() ? s[j] : U' ';
    bool date = (after == U'年' && integer && number.size() == 4) ||
                ((after == U'月' || after == U'日') && integer && number.size() <= 2) ||
                after == U'届' || after == U'季';
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
  static constexpr std::u32string_view kStops = U"的和与及或并、左以至到";
  return kStops.find(c) != npos;
}

// The unit right after a number at `u`: "%" or a run of Chinese or Latin letters and '/'
// ("万个", "微克/立方米"); sets *end past it.
std::string ReadUnit(std::u32string_view s, size_t u, size_t* end) {
  if (u < s.size() && (s[u] == U'%' || s[u] == U'％')) {
    *end = u + 1;
    return "%";
  }
  if (u < s.size() && s[u] == U'‰') {
    *end = u + 1;
    return "‰";
  }
  size_t v = u;
  while (v < s.size() && v - u < 8 && (IsHan(s[v]) || IsAsciiAlpha(s[v]) || s[v] == U'/') &&
         !IsUnitStop(s[v])) {
    ++v;
  }
  *end = v;
  return U32ToUtf8(s.substr(u, v - u));
}

// How a clause opens once numbers and connectors are stripped.
struct Opening {
  Range rest;            // the clause after them
  bool part = false;     // opened with 其中
  bool aspired = false;  // opened with 力争
};

Opening StripOpening(std::u32string_view text, Range clause) {
  Opening o;
  Range r = TrimRange(text, clause);
  // A listed target: "1.地区生产总值增长6%左右；" / "（2）…".
  if (Marker m; MatchNumberMarker(View(text, r), &m)) r.begin += static_cast<uint32_t>(m.length);
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (auto c : kConnectors) {
      if (StartsWith(View(text, r), c) && r.size() > c.size() + 1) {
        if (c == U"其中") o.part = true;
        if (c == U"力争") o.aspired = true;
        r.begin += static_cast<uint32_t>(c.size());
        stripped = true;
      }
    }
  }
  o.rest = r;
  return o;
}

// One value of a clause: the number, an optional range end, the unit.
struct Value {
  size_t begin = 0, end = 0;  // the number in the clause
  std::string number, number_max, unit;
  size_t after = 0;  // index just past the value (and its unit)
};

// Reads the values starting at `num_begin`: one, a range ("6%－6.5%"), or a list joined
// by 和/、 ("7%和8%", "13.5%、18%").
std::vector<Value> ReadValues(std::u32string_view s, size_t num_begin, size_t num_end) {
  std::vector<Value> values;
  size_t b = num_begin;
  size_t e = num_end;
  while (true) {
    Value v;
    v.begin = b;
    v.end = e;
    v.number = U32ToUtf8(s.substr(b, e - b));
    size_t u = e;
    v.unit = ReadUnit(s, e, &u);
    // A range: "6%－6.5%", "6-6.5%".
    if (u < s.size() && kRangeMarks.find(s[u]) != npos && u + 1 < s.size() &&
        IsAsciiDigit(s[u + 1])) {
      size_t m_end = NumberEnd(s, u + 1);
      v.number_max = U32ToUtf8(s.substr(u + 1, m_end - u - 1));
      size_t u2 = m_end;
      std::string unit2 = ReadUnit(s, m_end, &u2);
      if (v.unit.empty()) v.unit = unit2;
      u = u2;
    }
    v.after = u;
    values.push_back(v);
    // Another value of a list: "和8%", "、18%".
    if (u + 1 < s.size() && (s[u] == U'和' || s[u] == U'、' || s[u] == U'及') &&
        IsAsciiDigit(s[u + 1])) {
      b = u + 1;
      e = NumberEnd(s, b);
      continue;
    }
    break;
  }
  // A unit written once for a list applies to all ("7和8%").
  for (auto& v : values) {
    if (v.unit.empty()) v.unit = values.back().unit;
  }
  return values;
}

// Splits an indicator into as many names as a "分别" clause has values: "城乡…" into
// 城镇… and 农村…, "A和B" / "A、B" into A and B; empty if it cannot.
std::vector<std::pair<Range, std::string>> SplitIndicator(std::u32string_view text, Range ind,
                                                          size_t count) {
  std::vector<std::pair<Range, std::string>> out;
  std::u32string_view name = View(text, ind);
  if (count == 2 && StartsWith(name, U"城乡") && name.size() > 3) {
    std::u32string rest(name.substr(2));
    out.push_back({ind, U32ToUtf8(U"城镇" + rest)});
    out.push_back({ind, U32ToUtf8(U"农村" + rest)});
    return out;
  }
  std::vector<Range> parts;
  uint32_t b = ind.begin;
  for (uint32_t i = ind.begin; i <= ind.end; ++i) {
    bool sep = i < ind.end &&
               (text[i] == U'和' || text[i] == U'、' || text[i] == U'及' || text[i] == U'与');
    if (i == ind.end || sep) {
      if (i > b) parts.push_back({b, i});
      b = i + 1;
    }
  }
  if (parts.size() != count) return {};
  for (const Range& p : parts) out.push_back({p, ""});
  return out;
}

// Parses one clause. `inherited`, if given, is the indicator a clause that names none
// takes (from the clause before). Returns the targets (several for "分别" with several
// values); empty if the clause states none.
std::vector<Target> ParseClause(std::u32string_view text, Range clause, const Range* inherited,
                                const std::string& inherited_name) {
  std::vector<Target> out;
  Opening o = StripOpening(text, clause);
  Range r = o.rest;
  std::u32string_view s = View(text, r);
  if (s.empty()) return out;
  size_t num_begin = npos;
  size_t num_end = npos;
  bool has_number = FindValue(s, 0, &num_begin, &num_end);

  // A clause that opens with a verb ("实现正增长") or a value names no indicator of its
  // own; 基本 may open one (基本养老保险参保率).
  auto [opening, opening_word] = FindFirst(s, kIndicatorEnds, 0);
  bool own = !((opening == 0 && opening_word != U"基本") || (has_number && num_begin == 0));
  Range indicator;
  size_t ind_end = 0;  // where the rest of the clause starts in `s`
  if (own) {
    ind_end = has_number ? num_begin : s.size();
    auto [marker, unused] = FindFirst(s, kIndicatorEnds, 1);
    if (marker != npos) ind_end = std::min(ind_end, marker);
    indicator = TrimRange(text, {r.begin, r.begin + static_cast<uint32_t>(ind_end)});
    for (std::u32string_view tail : {U"分别", U"再", U"均", U"要", U"将", U"也"}) {
      if (EndsWith(View(text, indicator), tail) && indicator.size() > tail.size() + 1) {
        indicator.end -= static_cast<uint32_t>(tail.size());
      }
    }
  } else if (inherited != nullptr && !inherited->empty()) {
    indicator = *inherited;
  } else {
    return out;
  }
  std::u32string_view name = View(text, indicator);
  if (name.size() < 2) return out;

  Target t;
  t.clause = r;
  t.indicator = indicator;
  if (!own) t.name = inherited_name;
  std::u32string_view rest = s.substr(ind_end);
  std::vector<Value> values;
  if (has_number) {
    values = ReadValues(s, num_begin, num_end);
    std::u32string_view between = s.substr(ind_end, num_begin - ind_end);
    std::u32string_view after = s.substr(values.back().after);
    for (auto q : kAfterNumber) {
      if (StartsWith(after, q)) t.qualifier = U32ToUtf8(q);
    }
    if (t.qualifier.empty()) {
      auto [q, word] = FindFirst(between, kBeforeNumber);
      if (q != npos) t.qualifier = U32ToUtf8(word);
    }
    t.measure = ContainsAnyOf(between, kGrowthVerbs) ? "growth" : "level";
    // "…增长6%左右，力争7%": a value alone measures what the clause before measured.
    if (!own && between.empty()) t.measure.clear();
    if (ContainsAnyOf(between, kDownVerbs)) t.direction = "down";
  } else {
    auto [q, word] = FindFirst(rest, kQualitativeComparisons);
    if (q == npos) std::tie(q, word) = FindFirst(rest, kQualitativeIdioms);
    std::u32string predicate;
    if (q == npos && StartsWith(rest, U"实现") && rest.size() > 2 && rest.size() <= 8) {
      predicate = std::u32string(rest.substr(2));  // 实现正增长 -> 正增长
    }
    if (q == npos && predicate.empty()) std::tie(q, word) = FindFirst(rest, kQualitativeVerbs);
    if (q == npos && predicate.empty()) return out;
    t.qualifier = U32ToUtf8(predicate.empty() ? std::u32string(word) : predicate);
    t.measure = "qualitative";
    for (auto d : kDownVerbs) {
      if (word == d) t.direction = "down";
    }
  }
  if (t.qualifier.empty() && o.aspired) t.qualifier = "力争";
  if (o.part) t.parent = "-";  // filled in by the caller, which knows the clause before

  if (values.size() <= 1) {
    if (!values.empty()) {
      t.value = values[0].number;
      t.value_max = values[0].number_max;
      t.unit = values[0].unit;
    }
    if (own && Contains(name, U"、")) return out;
    out.push_back(std::move(t));
    return out;
  }
  // Several values ("分别增长7%和8%左右"): one target per value, on the split indicator.
  auto names = SplitIndicator(text, indicator, values.size());
  for (size_t k = 0; k < values.size(); ++k) {
    Target v = t;
    v.value = values[k].number;
    v.value_max = values[k].number_max;
    v.unit = values[k].unit;
    if (!names.empty()) {
      v.indicator = names[k].first;
      v.name = names[k].second;
    }
    out.push_back(std::move(v));
  }
  return out;
}

// The clauses of `range`: split at clause breaks outside brackets and quotes.
std::vector<Range> SplitClauses(std::u32string_view text, Range range) {
  std::vector<Range> out;
  int depth = 0;
  uint32_t begin = range.begin;
  for (uint32_t i = range.begin; i <= range.end; ++i) {
    char32_t c = i < range.end ? text[i] : U'\n';
    if (c == U'（' || c == U'(' || c == U'“') ++depth;
    if ((c == U'）' || c == U')' || c == U'”') && depth > 0) --depth;
    if (i < range.end && (depth > 0 || !IsClauseBreak(c))) continue;
    Range clause = TrimRange(text, {begin, i});
    if (!clause.empty()) out.push_back(clause);
    begin = i + 1;
  }
  return out;
}

// "A、B、C等约束性指标完成…": the listed indicators, if the clause is such a list.
bool ListedIndicators(std::u32string_view text, Range clause, std::vector<Range>* items) {
  std::u32string_view s = View(text, clause);
  size_t deng = s.find(U"等");
  if (deng == npos || s.find(U"指标", deng) == npos || s.find(U"指标", deng) > deng + 6) {
    return false;
  }
  uint32_t b = clause.begin;
  uint32_t stop = clause.begin + static_cast<uint32_t>(deng);
  for (uint32_t i = clause.begin; i <= stop; ++i) {
    if (i == stop || text[i] == U'、') {
      Range item = TrimRange(text, {b, i});
      if (!item.empty()) items->push_back(item);
      b = i + 1;
    }
  }
  return true;
}

// The longest prefix of `clause` that names an indicator ("固定资产投资扭转下滑态势" ->
// 固定资产投资); empty if none.
Range SubjectOf(std::u32string_view text, Range clause) {
  Opening o = StripOpening(text, clause);
  Range r = o.rest;
  for (uint32_t e = std::min<uint32_t>(r.end, r.begin + 16); e >= r.begin + 2; --e) {
    if (EndsWithIndicatorSuffix(View(text, {r.begin, e}))) return {r.begin, e};
  }
  return {};
}

// True for a bare indicator name standing alone in a clause ("城镇新增就业人数").
bool IsBareIndicator(std::u32string_view text, Range clause) {
  Opening o = StripOpening(text, clause);
  std::u32string_view s = View(text, o.rest);
  size_t b = 0, e = 0;
  return s.size() >= 2 && s.size() <= 16 && EndsWithIndicatorSuffix(s) &&
         !FindValue(s, 0, &b, &e) && FindFirst(s, kIndicatorEnds, 1).first == npos;
}

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

bool InOutlook(const ReportLayout& layout, size_t pos) {
  for (const Section& s : layout.sections) {
    if (s.kind == SectionKind::kOutlook && pos >= s.whole.begin && pos < s.whole.end) return true;
  }
  return false;
}

// "收入5万元以下的村": a value that, with its qualifier, qualifies the noun after it.
bool DescribesWhatIsCounted(std::u32string_view s) {
  size_t b = 0, e = 0;
  if (!FindValue(s, 0, &b, &e)) return false;
  size_t u = e;
  ReadUnit(s, e, &u);
  for (auto q : kAfterNumber) {
    if (StartsWith(s.substr(u), q)) u += q.size();
  }
  return u < s.size() && s[u] == U'的';
}

}  // namespace

std::string IndicatorName(std::u32string_view text, const Target& target) {
  if (!target.name.empty()) return target.name;
  return U32ToUtf8(View(text, target.indicator));
}

bool ParseTargetClause(std::u32string_view text, Range clause, Target* target) {
  std::vector<Target> targets = ParseClause(text, clause, nullptr, "");
  if (targets.empty()) return false;
  *target = std::move(targets.front());
  if (target->parent == "-") target->parent.clear();
  if (target->measure.empty()) target->measure = "level";
  return true;
}

std::vector<Target> ParseTargetClauses(std::u32string_view text, Range range, Range inherited) {
  std::vector<Target> out;
  Range inherit = inherited;      // the indicator a clause without one takes
  std::string inherit_name;       // its name when not its text
  std::string parent;             // the last indicator not under 其中
  std::vector<Range> bare;        // bare indicator names waiting for their predicate
  std::string measure = "level";  // the measure of the last target, for a bare value
  std::string direction;
  for (const Range& clause : SplitClauses(text, range)) {
    std::vector<Range> listed;
    if (ListedIndicators(text, clause, &listed)) {
      listed.insert(listed.begin(), bare.begin(), bare.end());
      for (const Range& item : listed) {
        if (!EndsWithIndicatorSuffix(View(text, item)) || item.size() > 16) continue;
        Target t;
        t.clause = clause;
        t.indicator = item;
        t.measure = "qualitative";
        out.push_back(std::move(t));
      }
      bare.clear();
      continue;
    }
    std::vector<Target> targets = ParseClause(text, clause, &inherit, inherit_name);
    if (!targets.empty()) {
      for (Target& t : targets) {
        if (t.measure.empty()) {
          t.measure = measure;
          t.direction = direction;
        }
        measure = t.measure;
        direction = t.direction;
        std::string name = IndicatorName(text, t);
        if (t.parent == "-") {
          t.parent = parent;
        } else {
          parent = name;
        }
        inherit = t.indicator;
        inherit_name = t.name;
        out.push_back(std::move(t));
      }
      bare.clear();
      continue;
    }
    if (IsBareIndicator(text, clause)) bare.push_back(StripOpening(text, clause).rest);
    if (Range subject = SubjectOf(text, clause); !subject.empty()) {
      inherit = subject;
      inherit_name.clear();
    }
  }
  return out;
}

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
    Range rest = place;
    while (rest.begin < rest.end) {
      colon = FindLeadIn(text, rest, &sentence_begin);
      if (colon == npos || !InOutlook(layout, colon)) break;
      rest.begin = static_cast<uint32_t>(colon);
      colon = npos;
    }
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
  statement.targets =
      ParseTargetClauses(text, {static_cast<uint32_t>(colon), static_cast<uint32_t>(end)});
  *found = !statement.targets.empty();
  return statement;
}

std::vector<Target> FindAbsentTargets(std::u32string_view text, const ReportLayout& layout) {
  static constexpr std::u32string_view kNegations[] = {
      U"没有提出", U"不提出",   U"未提出", U"不再提出", U"没有设定", U"不设定",
      U"未设定",   U"不再设定", U"不设置", U"不设",     U"未设",     U"不制定"};
  std::vector<Target> out;
  for (const Section& section : layout.sections) {
    if (section.kind != SectionKind::kPlan && section.kind != SectionKind::kOutlook) continue;
    std::u32string_view s = View(text, section.whole);
    for (size_t p = 0; p < s.size(); ++p) {
      if (s[p] != U'没' && s[p] != U'不' && s[p] != U'未') continue;
      std::u32string_view word;
      for (auto n : kNegations) {
        if (s.compare(p, n.size(), n) == 0 && n.size() > word.size()) word = n;
      }
      if (word.empty()) continue;
      size_t x = p + word.size();
      size_t goal = s.find(U"目标", x);
      if (goal == npos || goal - x > 20 || goal == x) continue;
      bool clause_break = false;
      for (size_t k = x; k < goal; ++k) clause_break = clause_break || IsClauseBreak(s[k]);
      if (clause_break) continue;
      uint32_t b = section.whole.begin + static_cast<uint32_t>(x);
      uint32_t e = section.whole.begin + static_cast<uint32_t>(goal);
      for (std::u32string_view head : {U"全年", U"今年", U"年度", U"明确的", U"明确"}) {
        if (StartsWith(View(text, {b, e}), head)) b += static_cast<uint32_t>(head.size());
      }
      for (std::u32string_view tail : {U"的", U"具体", U"预期", U"量化"}) {
        if (EndsWith(View(text, {b, e}), tail)) e -= static_cast<uint32_t>(tail.size());
      }
      if (e < b + 2) continue;
      Target t;
      uint32_t clause_begin = section.whole.begin + static_cast<uint32_t>(p);
      t.clause = {clause_begin, section.whole.begin + static_cast<uint32_t>(goal + 2)};
      t.indicator = {b, e};
      t.measure = "qualitative";
      t.absent = true;
      out.push_back(std::move(t));
      p = goal;
    }
  }
  return out;
}

std::vector<Target> FindFiveYearTargets(std::u32string_view text, const ReportLayout& layout) {
  std::vector<Target> out;
  for (const Section& section : layout.sections) {
    if (section.kind != SectionKind::kOutlook) continue;
    // Only the outline's aims, not the look back at the past five years before them.
    for (const Block& area : section.areas) {
      for (const Range& sentence : SplitSentences(text, area.whole)) {
        for (Target& t : ParseTargetClauses(text, sentence)) {
          if (t.value.empty() || t.unit.empty()) continue;
          std::string name = IndicatorName(text, t);
          std::u32string u = Utf8ToU32(name);
          if (u.size() > 16 || !EndsWithIndicatorSuffix(u)) continue;
          out.push_back(std::move(t));
        }
      }
    }
  }
  return out;
}

std::vector<Target> FindTaskTargets(std::u32string_view text, Range task_text) {
  std::vector<Target> out;
  for (const Range& clause : SplitClauses(text, task_text)) {
    Opening o = StripOpening(text, clause);
    Range r = o.rest;
    std::u32string_view s = View(text, r);
    size_t num_begin = 0, num_end = 0;
    if (!FindValue(s, 0, &num_begin, &num_end)) continue;
    // An indicator before its value ("畜禽粪污无害化处理率达到70%").
    Target t;
    if (ParseTargetClause(text, clause, &t) && !t.value.empty() && !t.unit.empty()) {
      for (bool stripped = true; stripped;) {
        stripped = false;
        for (std::u32string_view adverb : kTaskAdverbs) {
          if (StartsWith(View(text, t.indicator), adverb) &&
              t.indicator.size() > adverb.size() + 2) {
            t.indicator.begin += static_cast<uint32_t>(adverb.size());
            stripped = true;
          }
        }
      }
      std::u32string_view name = View(text, t.indicator);
      if (name.size() <= 16 && EndsWithIndicatorSuffix(name) && !DescribesWhatIsCounted(s) &&
          FindFirst(name, kCommitVerbs).first == npos) {
        out.push_back(std::move(t));
        continue;
      }
    }
    // A commitment: verb, thing, number, measure word ("新增养老床位700张") or verb,
    // number, measure word, thing ("新建24座公共厕所").
    size_t v = 0;
    std::u32string_view verb;
    for (; v < s.size() && v < 6; ++v) {
      verb = StartingWith(s.substr(v), kCommitVerbs);
      if (!verb.empty()) break;
    }
    if (verb.empty() || v + verb.size() > num_begin) continue;
    std::u32string_view measure = StartingWith(s.substr(num_end), kMeasureWords);
    if (measure.empty()) continue;
    size_t after = num_end + measure.size();
    Target c;
    c.clause = r;
    c.value = U32ToUtf8(s.substr(num_begin, num_end - num_begin));
    c.unit = measure == U"％" ? "%" : U32ToUtf8(measure);
    c.measure = "level";
    std::u32string_view between = s.substr(v + verb.size(), num_begin - v - verb.size());
    auto [q, word] = FindFirst(between, kBeforeNumber);
    if (q != npos) {
      c.qualifier = U32ToUtf8(word);
      between = between.substr(0, q);
    }
    std::u32string_view tail = s.substr(after);
    for (auto w : kAfterNumber) {
      if (StartsWith(tail, w)) {
        c.qualifier = U32ToUtf8(w);
        tail = tail.substr(w.size());
      }
    }
    if (c.qualifier.empty() && o.aspired) c.qualifier = "力争";
    // "5万元以下的村" describes what is counted; it sets no number to reach.
    if (StartsWith(tail, U"的")) continue;
    uint32_t verb_begin = r.begin + static_cast<uint32_t>(v);
    std::u32string_view before = TrimBlanks(between);
    // The thing counted after the measure word ("新建24座公共厕所"), up to the clause's
    // end, a 的 or the next item of a list.
    size_t k = 0;
    while (k < tail.size() && k < 12 && IsHan(tail[k]) && tail[k] != U'的') ++k;
    std::u32string_view thing = tail.substr(0, k);
    while (!thing.empty() && (thing.back() == U'和' || thing.back() == U'及' ||
                              thing.back() == U'与' || thing.back() == U'等')) {
      thing.remove_suffix(1);
    }
    // A name, not a date or a list: digits only as part of a name ("5G基站").
    auto plain = [](std::u32string_view x) {
      size_t han = 0;
      for (size_t k = 0; k < x.size(); ++k) {
        char32_t ch = x[k];
        bool name_digit = IsAsciiDigit(ch) && k + 1 < x.size() &&
                          (IsAsciiAlpha(x[k + 1]) || IsAsciiDigit(x[k + 1]));
        if ((IsDigitLike(ch) && !name_digit) || ch == U'（' || ch == U'(' || ch == U'、') {
          return false;
        }
        han += IsHan(ch) ? 1 : 0;
      }
      return han * 2 >= x.size();
    };
    if (!plain(before) || before.size() > 16) continue;
    if (thing.size() >= 2) {
      c.indicator = r;
      c.name = U32ToUtf8(std::u32string(verb) + std::u32string(before) + std::u32string(thing));
    } else if (before.size() >= 2) {
      c.indicator = {verb_begin, verb_begin + static_cast<uint32_t>(verb.size() + between.size())};
      c.indicator = TrimRange(text, c.indicator);
    } else {
      continue;
    }
    bool lost = false;
    for (char32_t ch : Utf8ToU32(IndicatorName(text, c))) lost = lost || ch == 0xFFFD;
    if (!lost) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kg::ingest
