// Report outline parsing; see report_structure.h.
//
// Reports mark their tasks in one of a few ways, tried in this order inside an area:
//   B  一是…。二是…。 clauses (numbered inline);
//   A  paragraphs that open with a lead phrase ("持续优化营商环境。…") or an Arabic number;
//   C  lead phrases inside running text, as in reports whose area is one long paragraph
//      ("…坚决打好重点战役。全力防范重大风险。按照…"); told from ordinary short sentences by
//      the text that follows them (a lead phrase heads at least two sentences).
// Review parts use only A and B: their running text is full of short factual sentences.
#include "services/ingest/report_structure.h"

#include <algorithm>
#include <map>
#include <optional>

#include "services/ingest/report_identity.h"
#include "services/ingest/report_patterns.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

// Lead phrases are short: "持续优化营商环境" (8), "推动形成全面对外开放新格局" (13),
// "积极的财政政策要提质增效、更可持续" (17), "做好巩固拓展脱贫攻坚成果同乡村振兴有效衔接" (21).
constexpr size_t kMinLead = 4;
constexpr size_t kMaxLead = 24;
// A title longer than this is cut at its first clause for the name.
constexpr size_t kMaxChildName = 30;
// Mode C (FindInlineLeads): the least text an inline lead phrase heads, the most of it
// compared with the lead, the cost of a lead and the bonus for one after ordinary text.
constexpr uint32_t kMinInlineBodyLength = 30;
constexpr uint32_t kMaxInlineStretch = 3000;
constexpr size_t kMaxLeadWindow = 60;
constexpr double kLeadCost = 0.15;
constexpr double kFirstLeadBonus = 0.1;
// ... and for a candidate followed by a body of its own before the next short sentence
// (two sentences of some length, or one long one), and for one of parallel leads
// ("始终加强政治建设。…始终践行初心使命。…": three or more, at least 40% of the candidates,
// opening with the same two characters).
constexpr size_t kProperBodySentences = 2;
constexpr uint32_t kProperBodyLength = 40;
constexpr uint32_t kLongProperBody = 80;
constexpr double kProperBodyBonus = 0.1;
constexpr size_t kMinParallel = 3;
constexpr double kMinParallelShare = 0.4;
constexpr double kParallelBonus = 0.3;
// Mode A: the text a lead phrase heads in its own paragraph.
constexpr size_t kMinLeadBody = 30;

std::u32string_view View(std::u32string_view text, Range r) {
  return text.substr(r.begin, r.size());
}

std::vector<Range> Paragraphs(std::u32string_view text, Range within) {
  std::vector<Range> out;
  uint32_t b = within.begin;
  for (uint32_t i = within.begin; i <= within.end; ++i) {
    if (i == within.end || text[i] == U'\n') {
      if (i > b) out.push_back({b, i});
      b = i + 1;
    }
  }
  return out;
}

// Trims blanks and trailing punctuation from a name.
Range TrimName(std::u32string_view text, Range r) {
  while (r.begin < r.end && IsBlank(text[r.begin])) ++r.begin;
  while (r.end > r.begin) {
    char32_t c = text[r.end - 1];
    if (IsBlank(c) || IsSentenceEnd(c) || IsClauseMark(c) || c == U'、') {
      --r.end;
    } else {
      break;
    }
  }
  return r;
}

// End (exclusive, after the terminator and closers) of the sentence starting at `pos`,
// bounded by `limit` and the line end.
uint32_t SentenceEnd(std::u32string_view text, uint32_t pos, uint32_t limit) {
  uint32_t i = pos;
  while (i < limit && text[i] != U'\n') {
    if (IsSentenceEnd(text[i])) {
      ++i;
      while (i < limit && IsCloser(text[i])) ++i;
      return i;
    }
    ++i;
  }
  return i;
}

// The name of a child whose heading sentence is [begin, end): the sentence without its
// terminator, cut at the first clause mark when too long to be a title.
Range ChildName(std::u32string_view text, Range sentence) {
  Range name = TrimName(text, sentence);
  if (name.size() > kMaxChildName) {
    for (uint32_t i = name.begin; i < name.end; ++i) {
      if (IsClauseMark(text[i])) {
        name.end = i;
        break;
      }
    }
  }
  return TrimName(text, name);
}

// A sentence that can be a lead phrase: short, no clause marks, no numbers.
bool IsLeadSentence(std::u32string_view text, Range sentence) {
  std::u32string_view s = View(text, sentence);
  size_t e = s.size();
  while (e > 0 && IsCloser(s[e - 1])) --e;
  if (e == 0 || !(s[e - 1] == U'。' || s[e - 1] == U'！')) return false;
  std::u32string_view core = TrimBlanks(s.substr(0, e - 1));
  if (core.size() < kMinLead || core.size() > kMaxLead) return false;
  size_t han = 0;
  for (char32_t c : core) {
    if (IsClauseMark(c) || IsDigitLike(c) || IsSentenceEnd(c) || c == U'(' || c == U'（') {
      return false;
    }
    if (IsHan(c)) ++han;
  }
  return han >= kMinLead;
}

// "各位代表！…": the address that closes a part; no area runs past it.
bool IsAddress(std::u32string_view text, Range para) {
  return StartsWith(View(text, para), U"各位代表");
}

SectionKind Classify(std::u32string_view heading) {
  if (IsGlossaryHeading(heading)) return SectionKind::kGlossary;
  auto any = [&](std::initializer_list<std::u32string_view> words) {
    for (auto w : words) {
      if (Contains(heading, w)) return true;
    }
    return false;
  };
  if (any({U"自身建设", U"政府建设", U"治理能力", U"治理体系", U"人民满意政府", U"作风建设",
           U"政府职能"})) {
    return SectionKind::kGovernance;
  }
  bool review = any({U"回顾", U"过去", U"总结", U"成就", U"成绩"});
  bool plan = any({U"任务", U"安排", U"重点工作", U"目标", U"计划", U"部署", U"举措", U"工作"});
  // Plans for five years (a new government's term, a five-year plan period) stand apart
  // from the year's plan: their aims are not this year's tasks.
  bool five_year = any({U"五年", U"十四五", U"十五五", U"十三五", U"十二五", U"规划", U"远景"});
  if (review && plan && !Contains(heading, U"回顾")) return SectionKind::kOutlook;
  if (review) return SectionKind::kReview;
  if (five_year && plan && FindYear(heading) == 0) return SectionKind::kOutlook;
  if (plan) return SectionKind::kPlan;
  return SectionKind::kOther;
}

// ---- children (tasks, review items) of an area ----

struct Body {
  Range rest_of_head;        // text after the area's title in its heading paragraph
  std::vector<Range> paras;  // the following paragraphs
  uint32_t end = 0;          // where the area ends
};

std::vector<Block> FindEnumChildren(std::u32string_view text, const Body& body) {
  std::vector<Range> spans;
  if (!body.rest_of_head.empty()) spans.push_back(body.rest_of_head);
  spans.insert(spans.end(), body.paras.begin(), body.paras.end());
  struct Hit {
    uint32_t pos;
    Marker marker;
    Range para;
  };
  std::vector<Hit> hits;
  int expected = 1;
  for (const Range& para : spans) {
    for (uint32_t i = para.begin; i < para.end; ++i) {
      Marker m;
      if (MatchEnumMarker(text, i, &m) && m.value == expected) {
        hits.push_back({i, m, para});
        ++expected;
      }
    }
  }
  std::vector<Block> out;
  if (hits.size() < 2) return out;
  for (size_t k = 0; k < hits.size(); ++k) {
    const Hit& h = hits[k];
    Block b;
    b.ordinal = h.marker.ordinal;
    b.index = static_cast<int>(k + 1);
    uint32_t start = h.pos + static_cast<uint32_t>(h.marker.length);
    uint32_t sentence_end = SentenceEnd(text, start, h.para.end);
    b.heading = {h.pos, sentence_end};
    b.name = ChildName(text, {start, sentence_end});
    uint32_t end = h.para.end;
    if (k + 1 < hits.size() && hits[k + 1].para.begin == h.para.begin) end = hits[k + 1].pos;
    b.whole = {h.pos, end};
    out.push_back(b);
  }
  return out;
}

std::vector<Block> FindLeadParagraphs(std::u32string_view text, const Body& body) {
  std::vector<std::pair<size_t, Block>> heads;  // paragraph index, block
  for (size_t i = 0; i < body.paras.size(); ++i) {
    const Range& para = body.paras[i];
    Marker m;
    Block b;
    if (MatchNumberMarker(View(text, para), &m)) {
      uint32_t start = para.begin + static_cast<uint32_t>(m.length);
      uint32_t end = SentenceEnd(text, start, para.end);
      b.ordinal = m.ordinal;
      b.heading = {para.begin, end};
      b.name = ChildName(text, {start, end});
      heads.push_back({i, b});
      continue;
    }
    uint32_t end = SentenceEnd(text, para.begin, para.end);
    if (end + kMinLeadBody <= para.end && IsLeadSentence(text, {para.begin, end})) {
      b.heading = {para.begin, end};
      b.name = TrimName(text, {para.begin, end});
      heads.push_back({i, b});
    }
  }
  std::vector<Block> out;
  if (heads.size() < 2) return out;
  for (size_t k = 0; k < heads.size(); ++k) {
    Block b = heads[k].second;
    b.index = static_cast<int>(k + 1);
    if (b.ordinal.empty()) b.ordinal = Utf8ToU32(std::to_string(b.index));
    uint32_t end = k + 1 < heads.size() ? body.paras[heads[k + 1].first].begin : body.end;
    // The block runs over its continuation paragraphs, up to the next head.
    uint32_t last = body.paras[heads[k].first].end;
    for (size_t i = heads[k].first + 1; i < body.paras.size() && body.paras[i].begin < end; ++i) {
      last = body.paras[i].end;
    }
    b.whole = {b.heading.begin, last};
    out.push_back(b);
  }
  return out;
}

// Character bigrams of the Chinese runs of `r`, sorted and unique.
std::vector<uint64_t> HanBigrams(std::u32string_view text, Range r) {
  std::vector<uint64_t> out;
  for (uint32_t i = r.begin; i + 1 < r.end; ++i) {
    if (IsHan(text[i]) && IsHan(text[i + 1])) {
      out.push_back((static_cast<uint64_t>(text[i]) << 32) | text[i + 1]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Mode C. A lead phrase sums up the text it heads, so of the many short sentences that
// could be leads, the chosen ones are those that best sum up the stretches they would
// head: a dynamic programme over the candidates maximises, over the chosen leads, the
// share of each lead's bigrams that recur in its stretch, less a cost per lead (so a
// sentence of a stretch does not cut it in two unless it sums up its half better), plus
// bonuses for what marks a paragraph's head in the genre: following ordinary text (the
// first of several short sentences in a row usually heads them), a body of its own, and
// parallel wording with other leads. A stretch must have some length. Tuned on the
// development reports: national clause-per-line text has many short sentences inside
// task bodies; district and city reports have few.
std::vector<Block> FindInlineLeads(std::u32string_view text, const Body& body) {
  std::vector<Range> sentences;
  if (!body.rest_of_head.empty()) {
    auto s = SplitSentences(text, body.rest_of_head);
    sentences.insert(sentences.end(), s.begin(), s.end());
  }
  for (const Range& para : body.paras) {
    auto s = SplitSentences(text, para);
    sentences.insert(sentences.end(), s.begin(), s.end());
  }
  const size_t n = sentences.size();
  std::vector<bool> lead(n);
  std::vector<size_t> candidates;
  for (size_t i = 0; i < n; ++i) {
    lead[i] = IsLeadSentence(text, sentences[i]);
    if (lead[i]) candidates.push_back(i);
  }
  std::vector<std::vector<uint64_t>> grams(n);
  for (size_t i = 0; i < n; ++i) grams[i] = HanBigrams(text, sentences[i]);
  // The bonus each candidate earns before its stretch is compared with it.
  std::map<std::u32string, size_t> openings;
  for (size_t i : candidates) ++openings[std::u32string(text.substr(sentences[i].begin, 2))];
  std::vector<double> bonus(n, 0.0);
  for (size_t k = 0; k < candidates.size(); ++k) {
    size_t i = candidates[k];
    if (i == 0 || !lead[i - 1]) bonus[i] += kFirstLeadBonus;
    size_t next = k + 1 < candidates.size() ? candidates[k + 1] : n;
    uint32_t length = 0;
    for (size_t s = i + 1; s < next; ++s) length += sentences[s].size();
    if ((next - i - 1 >= kProperBodySentences && length >= kProperBodyLength) ||
        length >= kLongProperBody) {
      bonus[i] += kProperBodyBonus;
    }
    size_t parallel = openings[std::u32string(text.substr(sentences[i].begin, 2))];
    if (parallel >= kMinParallel && parallel >= kMinParallelShare * candidates.size()) {
      bonus[i] += kParallelBonus;
    }
  }

  // gain[k][d]: what the lead at candidate k earns when its stretch ends at candidate
  // k + 1 + d (or at the end of the area); NaN-free, -inf where the stretch is too short.
  // A stretch spans at most kMaxLeadWindow candidates, which keeps this linear.
  const size_t m = candidates.size();
  constexpr double kNone = -1e9;
  std::vector<std::vector<double>> gain(m);
  for (size_t k = 0; k < m; ++k) {
    size_t i = candidates[k];
    std::vector<bool> hit(grams[i].size(), false);
    size_t hits = 0;
    uint32_t length = 0;
    size_t s = i + 1;
    for (size_t l = k + 1; l <= m && l - k <= kMaxLeadWindow; ++l) {
      size_t stop = l < m ? candidates[l] : n;
      for (; s < stop && length <= kMaxInlineStretch; ++s) {
        length += sentences[s].size();
        for (uint64_t g : grams[s]) {
          auto it = std::lower_bound(grams[i].begin(), grams[i].end(), g);
          if (it != grams[i].end() && *it == g && !hit[it - grams[i].begin()]) {
            hit[it - grams[i].begin()] = true;
            ++hits;
          }
        }
      }
      if (length < kMinInlineBodyLength) {
        gain[k].push_back(kNone);
        continue;
      }
      double share = grams[i].empty() ? 0.0 : static_cast<double>(hits) / grams[i].size();
      gain[k].push_back(share - kLeadCost + bonus[i]);
    }
  }
  // best[l]: the best total of leads before candidate l, with candidate l (or, for l = m,
  // the end of the area) closing the last stretch.
  std::vector<double> best(m + 1, 0.0);
  std::vector<int> prev(m + 1, -1);
  for (size_t l = 0; l <= m; ++l) {
    for (size_t k = l > kMaxLeadWindow ? l - kMaxLeadWindow : 0; k < l; ++k) {
      double g = gain[k][l - k - 1];
      if (g <= kNone) continue;
      if (best[k] + g > best[l]) {
        best[l] = best[k] + g;
        prev[l] = static_cast<int>(k);
      }
    }
  }
  std::vector<size_t> accepted;
  for (int k = prev[m]; k >= 0; k = prev[k]) accepted.push_back(candidates[k]);
  std::reverse(accepted.begin(), accepted.end());

  std::vector<Block> out;
  for (size_t k = 0; k < accepted.size(); ++k) {
    const Range& s = sentences[accepted[k]];
    Block b;
    b.index = static_cast<int>(k + 1);
    b.ordinal = Utf8ToU32(std::to_string(b.index));
    b.heading = s;
    b.name = TrimName(text, s);
    uint32_t end = k + 1 < accepted.size() ? sentences[accepted[k + 1]].begin : body.end;
    // Do not end on a line break.
    while (end > s.end && (text[end - 1] == U'\n' || IsBlank(text[end - 1]))) --end;
    b.whole = {s.begin, end};
    out.push_back(b);
  }
  return out;
}

bool StartsWithDash(std::u32string_view line) {
  return StartsWith(line, U"——") || StartsWith(line, U"－－") || StartsWith(line, U"--") ||
         StartsWith(line, U"―――") || StartsWith(line, U"――");
}

// Paragraphs that open with a dash ("——着力提升发展质量效益，保持经济持续健康发展。…"),
// each a child that runs to the next one.
std::vector<Block> FindDashChildren(std::u32string_view text, const Body& body) {
  std::vector<size_t> heads;
  for (size_t i = 0; i < body.paras.size(); ++i) {
    std::u32string_view line = View(text, body.paras[i]);
    // Not the subtitle's "——2021年3月5日在…会议上".
    if (StartsWithDash(line) && !Contains(line.substr(0, 40), U"会议")) heads.push_back(i);
  }
  std::vector<Block> out;
  if (heads.size() < 2) return out;
  for (size_t k = 0; k < heads.size(); ++k) {
    const Range& para = body.paras[heads[k]];
    uint32_t start = para.begin;
    while (start < para.end && (text[start] == U'—' || text[start] == U'－' ||
                                text[start] == U'-' || text[start] == U'―')) {
      ++start;
    }
    Block b;
    b.index = static_cast<int>(k + 1);
    b.ordinal = Utf8ToU32(std::to_string(b.index));
    uint32_t end = SentenceEnd(text, start, para.end);
    b.heading = {para.begin, end};
    b.name = ChildName(text, {start, end});
    uint32_t last = para.end;
    size_t stop = k + 1 < heads.size() ? heads[k + 1] : body.paras.size();
    for (size_t i = heads[k] + 1; i < stop; ++i) last = body.paras[i].end;
    b.whole = {para.begin, last};
    out.push_back(b);
  }
  return out;
}

// Governance parts number their tasks like areas: "（一）铸忠诚，坚持旗帜鲜明讲政治。…".
std::vector<Block> FindParenChildren(std::u32string_view text, const Body& body) {
  std::vector<Block> out;
  int expected = 1;
  for (size_t i = 0; i < body.paras.size(); ++i) {
    const Range& para = body.paras[i];
    Marker m;
    if (!MatchAreaMarker(View(text, para), &m) || m.value != expected) continue;
    ++expected;
    Block b;
    b.ordinal = m.ordinal;
    b.index = m.value;
    uint32_t start = para.begin + static_cast<uint32_t>(m.length);
    uint32_t end = SentenceEnd(text, start, para.end);
    b.heading = {para.begin, end};
    b.name = ChildName(text, {start, end});
    b.whole = para;
    out.push_back(b);
  }
  if (out.size() < 2) out.clear();
  // A task runs to the next one.
  for (size_t k = 0; k + 1 < out.size(); ++k) {
    for (const Range& para : body.paras) {
      if (para.begin > out[k].whole.end && para.end < out[k + 1].whole.begin) {
        out[k].whole.end = para.end;
      }
    }
  }
  return out;
}

std::vector<Block> FindChildren(std::u32string_view text, const Body& body, bool governance,
                                bool inline_leads) {
  if (governance) {
    auto paren = FindParenChildren(text, body);
    if (!paren.empty()) return paren;
  }
  auto dashed = FindDashChildren(text, body);
  if (!dashed.empty()) return dashed;
  auto enumerated = FindEnumChildren(text, body);
  if (!enumerated.empty()) return enumerated;
  auto leads = FindLeadParagraphs(text, body);
  if (!leads.empty()) return leads;
  if (inline_leads) return FindInlineLeads(text, body);
  return {};
}

// The opening of an area: the text between its title and its first child; without
// children, the first few sentences after the title.
Range OpeningOf(std::u32string_view text, const Body& body, const std::vector<Block>& children) {
  uint32_t begin = !body.rest_of_head.empty()
                       ? body.rest_of_head.begin
                       : (body.paras.empty() ? body.end : body.paras.front().begin);
  uint32_t end = children.empty() ? body.end : children.front().heading.begin;
  if (children.empty()) {
    auto sentences = SplitSentences(text, {begin, end});
    if (sentences.size() > 3) end = sentences[2].end;
  }
  Range r{begin, std::max(begin, end)};
  while (r.end > r.begin && (text[r.end - 1] == U'\n' || IsBlank(text[r.end - 1]))) --r.end;
  return r;
}

// Splits the paragraphs of a part into areas marked by （一） (or, failing that, by 一是
// at paragraph starts).
std::vector<Block> ParseAreas(std::u32string_view text, const std::vector<Range>& paras,
                              uint32_t section_end, bool inline_leads) {
  struct Head {
    size_t para;
    Marker marker;
  };
  std::vector<Head> heads;
  for (int style = 0; style < 2 && heads.empty(); ++style) {
    int expected = 1;
    for (size_t i = 0; i < paras.size(); ++i) {
      Marker m;
      bool hit = style == 0 ? MatchAreaMarker(View(text, paras[i]), &m)
                            : MatchEnumMarker(text, paras[i].begin, &m);
      if (hit && m.value == expected) {
        heads.push_back({i, m});
        ++expected;
      }
    }
    if (style == 1 && heads.size() < 2) heads.clear();
  }

  std::vector<Block> areas;
  for (size_t k = 0; k < heads.size(); ++k) {
    const Range& head = paras[heads[k].para];
    size_t next_para = k + 1 < heads.size() ? heads[k + 1].para : paras.size();
    Block area;
    area.ordinal = heads[k].marker.ordinal;
    area.index = heads[k].marker.value;
    uint32_t start = head.begin + static_cast<uint32_t>(heads[k].marker.length);
    uint32_t title_end = SentenceEnd(text, start, head.end);
    area.heading = {head.begin, title_end};
    area.name = TrimName(text, {start, title_end});

    Body body;
    body.rest_of_head = {title_end, head.end};
    while (body.rest_of_head.begin < body.rest_of_head.end &&
           IsBlank(text[body.rest_of_head.begin])) {
      ++body.rest_of_head.begin;
    }
    body.end = head.end;
    for (size_t i = heads[k].para + 1; i < next_para; ++i) {
      if (IsAddress(text, paras[i])) break;
      body.paras.push_back(paras[i]);
      body.end = paras[i].end;
    }
    if (next_para == paras.size()) body.end = std::min(body.end, section_end);
    area.children = FindChildren(text, body, /*governance=*/false, inline_leads);
    area.opening = OpeningOf(text, body, area.children);
    area.whole = {head.begin, body.end};
    areas.push_back(std::move(area));
  }
  return areas;
}

// Areas and tasks of one part, by its kind; the preamble is what comes before them.
void ParseSectionBody(std::u32string_view text, const std::vector<Range>& body, Section* section) {
  uint32_t end = section->whole.end;
  uint32_t first_body = body.empty() ? end : body.front().begin;
  switch (section->kind) {
    case SectionKind::kReview:
    case SectionKind::kPlan:
    case SectionKind::kOutlook: {
      section->areas = ParseAreas(text, body, end, section->kind == SectionKind::kPlan);
      if (section->areas.empty() && section->kind == SectionKind::kOutlook) {
        // A five-year outline in ——paragraphs: each states one aim.
        Body b;
        b.paras = body;
        b.end = end;
        section->areas = FindDashChildren(text, b);
      }
      uint32_t stop = section->areas.empty() ? end : section->areas.front().heading.begin;
      section->preamble = {first_body, std::max(first_body, stop)};
      break;
    }
    case SectionKind::kGovernance: {
      Body b;
      b.paras = body;
      b.end = end;
      section->tasks = FindChildren(text, b, /*governance=*/true, /*inline_leads=*/true);
      uint32_t stop = section->tasks.empty() ? end : section->tasks.front().heading.begin;
      section->preamble = {first_body, std::max(first_body, stop)};
      break;
    }
    default:
      section->preamble = {first_body, end};
      break;
  }
  while (section->preamble.end > section->preamble.begin &&
         text[section->preamble.end - 1] == U'\n') {
    --section->preamble.end;
  }
}

// A part that is an area of the plan: its heading is the area's title, its numbered
// paragraphs （一）… (or its lead phrases, 一是…, ——…) its tasks.
Block AreaOfPart(std::u32string_view text, const Section& part, const std::vector<Range>& paras,
                 int index) {
  Block area;
  area.ordinal = part.ordinal;
  area.index = index;
  area.heading = {part.heading.begin, SentenceEnd(text, part.name.begin, part.heading.end)};
  area.name = part.name;
  Body body;
  body.rest_of_head = {area.heading.end, part.heading.end};
  while (body.rest_of_head.begin < body.rest_of_head.end &&
         IsBlank(text[body.rest_of_head.begin])) {
    ++body.rest_of_head.begin;
  }
  body.end = part.heading.end;
  for (const Range& para : paras) {
    if (IsAddress(text, para)) break;
    body.paras.push_back(para);
    body.end = para.end;
  }
  area.children = FindParenChildren(text, body);
  if (area.children.empty()) {
    area.children = FindChildren(text, body, /*governance=*/false, /*inline_leads=*/true);
  }
  area.opening = OpeningOf(text, body, area.children);
  area.whole = {part.heading.begin, std::max(body.end, part.heading.end)};
  return area;
}

// Reports without a part on the government's own work often close the plan with a
// paragraph that takes it up ("各位代表！…对政府自身建设提出了更高更严要求。…始终加强政治
// 建设。…"): it becomes a governance part of its own, its lead phrases the tasks.
void SplitOffGovernance(std::u32string_view text, ReportLayout* layout) {
  auto& sections = layout->sections;
  for (const Section& s : sections) {
    if (s.kind == SectionKind::kGovernance) return;
  }
  int plan = -1;
  for (size_t k = 0; k < sections.size(); ++k) {
    if (sections[k].kind == SectionKind::kPlan) plan = static_cast<int>(k);
  }
  if (plan < 0) return;
  Section& host = sections[plan];
  uint32_t from = host.areas.empty() ? host.preamble.end : host.areas.back().heading.end;
  std::vector<Range> paras = Paragraphs(text, {from, host.whole.end});
  for (size_t i = 0; i < paras.size(); ++i) {
    if (!IsAddress(text, paras[i])) continue;
    std::vector<Range> sentences = SplitSentences(text, paras[i]);
    int stating = -1;
    for (size_t k = 0; k < sentences.size() && k < 3 && stating < 0; ++k) {
      if (Contains(View(text, sentences[k]), U"自身建设")) stating = static_cast<int>(k);
    }
    if (stating < 0) continue;
    Section gov;
    gov.kind = SectionKind::kGovernance;
    gov.heading = sentences[stating];
    gov.name = TrimName(text, sentences[stating]);
    gov.whole = {paras[i].begin, host.whole.end};
    Body body;
    body.rest_of_head = {gov.heading.end, paras[i].end};
    body.end = paras[i].end;
    for (size_t k = i + 1; k < paras.size() && !IsAddress(text, paras[k]); ++k) {
      body.paras.push_back(paras[k]);
      body.end = paras[k].end;
    }
    gov.tasks = FindChildren(text, body, /*governance=*/true, /*inline_leads=*/true);
    if (gov.tasks.empty()) return;
    gov.preamble = {paras[i].begin, gov.tasks.front().heading.begin};
    host.whole.end = paras[i].begin;
    while (host.whole.end > host.whole.begin && text[host.whole.end - 1] == U'\n') {
      --host.whole.end;
    }
    if (!host.areas.empty()) {
      Block& last = host.areas.back();
      last.whole.end = std::min(last.whole.end, host.whole.end);
    }
    sections.insert(sections.begin() + plan + 1, std::move(gov));
    return;
  }
}

}  // namespace

std::string_view SectionKindName(SectionKind kind) {
  switch (kind) {
    case SectionKind::kReview:
      return "review";
    case SectionKind::kPlan:
      return "plan";
    case SectionKind::kGovernance:
      return "governance";
    case SectionKind::kGlossary:
      return "glossary";
    case SectionKind::kOutlook:
      return "outlook";
    case SectionKind::kOther:
      return "other";
  }
  return "other";
}

std::vector<Range> SplitSentences(std::u32string_view text, Range range) {
  std::vector<Range> out;
  uint32_t i = range.begin;
  while (i < range.end) {
    while (i < range.end && (IsBlank(text[i]) || text[i] == U'\n')) ++i;
    if (i >= range.end) break;
    uint32_t end = SentenceEnd(text, i, range.end);
    out.push_back({i, end});
    i = end;
  }
  return out;
}

ReportLayout ParseLayout(std::u32string_view text) {
  ReportLayout layout;
  std::vector<Range> paras = Paragraphs(text, {0, static_cast<uint32_t>(text.size())});

  // Part headings must count up (一、 二、 三、), which keeps a stray "一、" in running text
  // from starting a part; the glossary heading always starts one.
  std::vector<size_t> starts;
  int expected = 1;
  bool in_glossary = false;
  for (size_t i = 0; i < paras.size(); ++i) {
    Marker m;
    std::u32string_view line = View(text, paras[i]);
    // In a glossary, "三、放管服：是指…" is an entry, not a part.
    bool entry =
        in_glossary && line.substr(0, 32).find_first_of(U":：") != std::u32string_view::npos;
    if (IsGlossaryHeading(line)) {
      starts.push_back(i);
      in_glossary = true;
    } else if (!entry && MatchPartHeading(line, &m) && m.value >= expected &&
               m.value <= expected + 1) {
      in_glossary = false;
      starts.push_back(i);
      expected = m.value + 1;
    }
  }

  struct Part {
    Section section;
    std::vector<Range> body;  // the paragraphs after the heading
  };
  std::vector<Part> parts;
  for (size_t k = 0; k < starts.size(); ++k) {
    const Range& head = paras[starts[k]];
    size_t next = k + 1 < starts.size() ? starts[k + 1] : paras.size();
    Part part;
    Section& section = part.section;
    std::u32string_view line = View(text, head);
    Marker m;
    uint32_t name_begin = head.begin;
    if (MatchPartHeading(line, &m)) {
      section.ordinal = m.ordinal;
      name_begin += static_cast<uint32_t>(m.length);
    }
    section.heading = head;
    section.name = TrimName(text, {name_begin, SentenceEnd(text, name_begin, head.end)});
    section.kind = Classify(View(text, section.name));
    section.year = FindYear(View(text, section.name));
    uint32_t end = next < paras.size() ? paras[next].begin : static_cast<uint32_t>(text.size());
    while (end > head.end && text[end - 1] == U'\n') --end;
    section.whole = {head.begin, end};
    part.body.assign(paras.begin() + starts[k] + 1, paras.begin() + next);
    ParseSectionBody(text, part.body, &section);
    parts.push_back(std::move(part));
  }

  // Reports that give each area of the year's plan a part of its own ("三、坚持创新驱动，
  // 加快产业升级" after "二、2020年工作总体要求和主要目标"): the parts after a plan part
  // without areas, up to the government's own part, are that plan's areas.
  int plan = -1;
  for (size_t k = 0; k < parts.size() && plan < 0; ++k) {
    if (parts[k].section.kind == SectionKind::kPlan) plan = static_cast<int>(k);
  }
  std::vector<size_t> area_parts;
  if (plan >= 0 && parts[plan].section.areas.empty()) {
    for (size_t k = plan + 1; k < parts.size(); ++k) {
      const Section& s = parts[k].section;
      bool own_plan = s.kind == SectionKind::kPlan && !s.areas.empty();
      if ((s.kind != SectionKind::kOther && s.kind != SectionKind::kPlan) || own_plan) break;
      area_parts.push_back(k);
    }
  } else if (plan < 0) {
    // No part names the plan: the untitled parts after the review are its areas.
    size_t k = 0;
    while (k < parts.size() && parts[k].section.kind != SectionKind::kReview) ++k;
    for (++k; k < parts.size() && parts[k].section.kind == SectionKind::kOther; ++k) {
      area_parts.push_back(k);
    }
    if (area_parts.size() < 2) area_parts.clear();
    if (!area_parts.empty()) {
      plan = static_cast<int>(area_parts.front());
      parts[plan].section.kind = SectionKind::kPlan;
      parts[plan].section.preamble = {parts[plan].section.heading.end,
                                      parts[plan].section.heading.end};
    }
  }
  if (!area_parts.empty()) {
    Section& host = parts[plan].section;
    int index = 0;
    for (size_t k : area_parts) {
      const Part& part = parts[k];
      host.areas.push_back(AreaOfPart(text, part.section, part.body, ++index));
      host.whole.end = std::max(host.whole.end, part.section.whole.end);
    }
  }
  for (size_t k = 0; k < parts.size(); ++k) {
    bool merged = std::find(area_parts.begin(), area_parts.end(), k) != area_parts.end() &&
                  static_cast<int>(k) != plan;
    if (!merged) layout.sections.push_back(std::move(parts[k].section));
  }
  SplitOffGovernance(text, &layout);
  return layout;
}

}  // namespace kg::ingest
