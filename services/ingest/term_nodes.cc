// AddTerms: the report's named policies and slogans, and who mentions them.
//   - every glossary entry is a term with its definition (and the longer head it was
//     written as, when its name is the quoted core: 审批权限和审批流程“N集中” -> N集中);
//   - a phrase the report puts in quotes is a term too when it looks like a slogan: it
//     holds a number ("六稳", "1+7", "三大攻坚战") or is quoted more than once ("放管服").
//     Reports without a glossary still get their slogans this way;
//   - a task, area, achievement or goal whose own text contains a term's name mentions
//     it, and so does a glossary definition that uses another term.
#include <map>

#include "absl/strings/str_cat.h"
#include "services/ingest/extraction_steps.h"
#include "services/ingest/glossary_parser.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

constexpr size_t kMinQuoted = 2;
constexpr size_t kMaxQuoted = 12;
constexpr size_t kMaxMentionSpans = 5;

struct TermRef {
  std::u32string name;
  storage::NodeId id = 0;
  Range definition;  // empty for quoted terms
};

bool HasNumber(std::u32string_view s) {
  static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十百千万两双";
  for (char32_t c : s) {
    if (IsDigitLike(c) || kNumerals.find(c) != std::u32string_view::npos) return true;
  }
  return false;
}

bool IsSloganText(std::u32string_view s) {
  if (s.size() < kMinQuoted || s.size() > kMaxQuoted) return false;
  for (char32_t c : s) {
    if (IsClauseMark(c) || IsSentenceEnd(c) || c == U'“' || c == U'”' || c == U'\n') {
      return false;
    }
  }
  return true;
}

// A name ending (or starting) in a digit or '+' must not continue into more of a longer
// name: 1+4+4 is not mentioned by "1+4+4+8".
bool IsWholeOccurrence(std::u32string_view text, size_t pos, size_t len) {
  auto joins = [](char32_t a, char32_t b) {
    bool a_num = IsDigitLike(a) || a == U'+';
    bool b_num = IsDigitLike(b) || b == U'+';
    return a_num && b_num;
  };
  if (pos > 0 && joins(text[pos - 1], text[pos])) return false;
  size_t end = pos + len;
  if (end < text.size() && joins(text[end - 1], text[end])) return false;
  return true;
}

std::vector<Range> Occurrences(std::u32string_view text, const std::vector<Range>& ranges,
                               std::u32string_view name) {
  std::vector<Range> out;
  for (const Range& r : ranges) {
    if (r.empty()) continue;
    std::u32string_view scope = text.substr(r.begin, r.size());
    for (size_t p = scope.find(name);
         p != std::u32string_view::npos && out.size() < kMaxMentionSpans;
         p = scope.find(name, p + 1)) {
      size_t abs = r.begin + p;
      if (!IsWholeOccurrence(text, abs, name.size())) continue;
      out.push_back({static_cast<uint32_t>(abs), static_cast<uint32_t>(abs + name.size())});
    }
  }
  return out;
}

void AddGlossaryTerms(ExtractionState* st, std::vector<TermRef>* terms) {
  GraphBuilder& g = *st->graph;
  const auto& sections = st->layout->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].kind != SectionKind::kGlossary) continue;
    Range body{sections[i].heading.end, sections[i].whole.end};
    for (const GlossaryEntry& e : ParseGlossary(st->text, body)) {
      std::string name = g.Text(e.name);
      storage::Attrs attrs = {{"definition", g.Text(e.definition)}, {"source", "glossary"}};
      std::string head = g.Text(e.head);
      if (head != name) attrs["alias"] = head;
      if (!e.ordinal.empty()) attrs["ordinal"] = U32ToUtf8(e.ordinal);
      storage::NodeId id =
          g.AddOwned("term", absl::StrCat("term/", name), name, attrs, {e.name, e.whole});
      g.AddEdge("part_of", id, st->section_nodes[i], {}, {e.whole});
      terms->push_back({Utf8ToU32(name), id, e.definition});
    }
  }
}

void AddQuotedTerms(ExtractionState* st, std::vector<TermRef>* terms) {
  GraphBuilder& g = *st->graph;
  std::u32string_view text = st->text;
  struct Seen {
    Range first;
    int count = 0;
  };
  std::map<std::u32string, Seen> quoted;
  std::vector<std::u32string> order;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != U'“') continue;
    int section = SectionAt(*st->layout, static_cast<uint32_t>(i));
    if (section >= 0 && st->layout->sections[section].kind == SectionKind::kGlossary) continue;
    size_t close = text.find(U'”', i + 1);
    if (close == std::u32string_view::npos || close - i - 1 > kMaxQuoted) continue;
    std::u32string inner(text.substr(i + 1, close - i - 1));
    if (!IsSloganText(inner)) continue;
    auto [it, fresh] = quoted.try_emplace(inner);
    if (fresh) {
      it->second.first = {static_cast<uint32_t>(i + 1), static_cast<uint32_t>(close)};
      order.push_back(inner);
    }
    ++it->second.count;
    i = close;
  }
  std::map<std::u32string, bool> known;
  for (const TermRef& t : *terms) known[t.name] = true;
  for (const auto& name : order) {
    const Seen& seen = quoted[name];
    if (known.count(name) > 0 || !(HasNumber(name) || seen.count >= 2)) continue;
    std::string utf8 = U32ToUtf8(name);
    storage::NodeId id =
        g.AddOwned("term", absl::StrCat("term/", utf8), utf8, {{"source", "quoted"}}, {seen.first});
    terms->push_back({name, id, {}});
  }
}

void AddMentions(ExtractionState* st, const std::vector<TermRef>& terms) {
  GraphBuilder& g = *st->graph;
  for (const TermRef& term : terms) {
    if (term.name.size() < 2) continue;
    for (const TextOwner& owner : st->text_owners) {
      std::vector<Range> at = Occurrences(st->text, owner.ranges, term.name);
      if (!at.empty()) g.AddEdge("mentions", owner.id, term.id, {}, at);
    }
    for (const TermRef& other : terms) {
      if (other.id == term.id || other.definition.empty()) continue;
      std::vector<Range> at = Occurrences(st->text, {other.definition}, term.name);
      if (!at.empty()) g.AddEdge("mentions", other.id, term.id, {}, at);
    }
  }
}

}  // namespace

void AddTerms(ExtractionState* st) {
  std::vector<TermRef> terms;
  AddGlossaryTerms(st, &terms);
  AddQuotedTerms(st, &terms);
  AddMentions(st, terms);
}

}  // namespace kg::ingest
