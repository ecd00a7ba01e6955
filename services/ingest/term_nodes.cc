// AddTerms: the report's named policies and slogans, and who mentions them.
//   - every glossary entry is a term with its definition (and the longer head it was
//     written as, when its name is the quoted core: 审批权限和审批流程“N集中” -> N集中,
//     attr alias; the head without its quotes is looked for in the text as well);
//   - a phrase the report puts in quotes is a term too when it looks like a slogan: it
//     holds a number ("六稳", "1+7", "三大攻坚战"), is quoted more than once ("放管服"),
//     or names a policy by the noun after it ("“揭榜挂帅”制度", "“一网通办”改革").
//     Reports without a glossary still get their slogans this way;
//   - a task, area, achievement, goal or part's preamble whose own text contains a
//     term's name mentions it, and so does the text a note marker ("^[3]") follows: the
//     marker ties it to glossary entry 3 whatever the words;
//   - a glossary definition that names another glossary term includes it (includes
//     edges to places are added by AddPlaces).
// Names that lost characters (U+FFFD) make no term.
#include <algorithm>
#include <bitset>
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
// Quoted slogans kept at most (a bound for hostile input; reports have tens), and the
// text size beyond which the bound shrinks, so that looking for every term in every
// text stays within about kMentionBudget character comparisons.
constexpr size_t kMaxQuotedTerms = 400;
constexpr size_t kMinQuotedTerms = 20;
constexpr size_t kMentionBudget = size_t{1} << 26;
// How far before a note marker the words it annotates are looked for.
constexpr uint32_t kNoteReach = 30;
// Nouns after a quoted phrase that make it a policy's name ("“揭榜挂帅”制度").
constexpr std::u32string_view kPolicyNouns[] = {
    U"改革",   U"政策", U"工程", U"行动", U"计划", U"战略", U"体系", U"模式", U"机制",
    U"工作法", U"制度", U"试点", U"品牌", U"活动", U"专项", U"攻坚", U"建设", U"目标"};

struct TermRef {
  std::u32string name;
  storage::NodeId id = 0;
  Range definition;     // empty for quoted terms
  std::u32string also;  // another way the text writes it (the head without quotes)
  int ordinal = 0;      // the glossary entry's number, 0 if none
};

bool HasLostChar(std::u32string_view s) { return s.find(U'\uFFFD') != std::u32string_view::npos; }

std::u32string WithoutQuotes(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s) {
    if (c != U'“' && c != U'”' && c != U'"' && c != U'「' && c != U'」') out.push_back(c);
  }
  return out;
}

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

// Where each of a set of names occurs in the text (whole occurrences only), found in
// one pass over the text by the names' first characters.
class OccurrenceIndex {
 public:
  OccurrenceIndex(std::u32string_view text, const std::vector<std::u32string_view>& names)
      : names_(names), at_(names.size()) {
    std::map<char32_t, std::vector<size_t>> by_first;
    // A bit per first character (folded to 12 bits) turns away most of the text before
    // the map is searched: the map look-up at every character was a hot spot.
    std::bitset<4096> firsts;
    for (size_t k = 0; k < names.size(); ++k) {
      if (names[k].empty()) continue;
      by_first[names[k][0]].push_back(k);
      firsts.set(names[k][0] & 4095);
    }
    for (size_t i = 0; i < text.size(); ++i) {
      if (!firsts.test(text[i] & 4095)) continue;
      auto it = by_first.find(text[i]);
      if (it == by_first.end()) continue;
      for (size_t k : it->second) {
        std::u32string_view name = names[k];
        if (text.compare(i, name.size(), name) == 0 && IsWholeOccurrence(text, i, name.size())) {
          at_[k].push_back(static_cast<uint32_t>(i));
        }
      }
    }
  }

  // The occurrences of name `k` inside `ranges`, at most kMaxMentionSpans, appended.
  void Within(size_t k, const std::vector<Range>& ranges, std::vector<Range>* out) const {
    const std::vector<uint32_t>& at = at_[k];
    const uint32_t length = static_cast<uint32_t>(names_[k].size());
    for (const Range& r : ranges) {
      for (auto it = std::lower_bound(at.begin(), at.end(), r.begin);
           it != at.end() && *it + length <= r.end && out->size() < kMaxMentionSpans; ++it) {
        out->push_back({*it, *it + length});
      }
    }
  }

 private:
  std::vector<std::u32string_view> names_;
  std::vector<std::vector<uint32_t>> at_;
};

void AddGlossaryTerms(ExtractionState* st, std::vector<TermRef>* terms) {
  GraphBuilder& g = *st->graph;
  const auto& sections = st->layout->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].kind != SectionKind::kGlossary) continue;
    Range body{sections[i].heading.end, sections[i].whole.end};
    for (const GlossaryEntry& e : ParseGlossary(st->text, body)) {
      std::string name = g.Text(e.name);
      if (HasLostChar(Utf8ToU32(name))) {
        st->warnings->push_back(
            absl::StrCat("left out a glossary entry whose name lost characters: ", name));
        continue;
      }
      storage::Attrs attrs = {{"definition", g.Text(e.definition)}, {"source", "glossary"}};
      std::string head = g.Text(e.head);
      if (head != name) attrs["alias"] = head;
      if (!e.ordinal.empty()) attrs["ordinal"] = U32ToUtf8(e.ordinal);
      storage::NodeId id =
          g.AddOwned("term", absl::StrCat("term/", name), name, attrs, {e.name, e.whole});
      g.AddEdge("part_of", id, st->section_nodes[i], {}, {e.whole});
      TermRef ref{Utf8ToU32(name), id, e.definition, {}, 0};
      std::u32string plain = WithoutQuotes(Utf8ToU32(head));
      if (head != name && plain != ref.name) ref.also = plain;
      std::string digits = U32ToUtf8(e.ordinal);
      if (!digits.empty() && digits.size() <= 3 &&
          digits.find_first_not_of("0123456789") == std::string::npos) {
        ref.ordinal = std::stoi(digits);
      }
      terms->push_back(std::move(ref));
    }
  }
}

void AddQuotedTerms(ExtractionState* st, std::vector<TermRef>* terms) {
  GraphBuilder& g = *st->graph;
  std::u32string_view text = st->text;
  struct Seen {
    Range first;
    int count = 0;
    bool policy = false;  // followed by a policy noun somewhere
  };
  std::map<std::u32string, Seen> quoted;
  std::vector<std::u32string> order;
  const size_t max_terms = std::clamp(kMentionBudget / std::max<size_t>(text.size(), 1),
                                      kMinQuotedTerms, kMaxQuotedTerms);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != U'“') continue;
    int section = SectionAt(*st->layout, static_cast<uint32_t>(i));
    if (section >= 0 && st->layout->sections[section].kind == SectionKind::kGlossary) continue;
    size_t close = text.find(U'”', i + 1);
    if (close == std::u32string_view::npos || close - i - 1 > kMaxQuoted) continue;
    std::u32string inner(text.substr(i + 1, close - i - 1));
    if (!IsSloganText(inner) || HasLostChar(inner)) continue;
    auto [it, fresh] = quoted.try_emplace(inner);
    if (fresh) {
      if (order.size() >= max_terms) {
        quoted.erase(it);
        continue;
      }
      it->second.first = {static_cast<uint32_t>(i + 1), static_cast<uint32_t>(close)};
      order.push_back(inner);
    }
    ++it->second.count;
    for (auto noun : kPolicyNouns) {
      if (text.compare(close + 1, noun.size(), noun) == 0) it->second.policy = true;
    }
    i = close;
  }
  std::map<std::u32string, bool> known;
  for (const TermRef& t : *terms) known[t.name] = true;
  for (const auto& name : order) {
    const Seen& seen = quoted[name];
    if (known.count(name) > 0 || !(HasNumber(name) || seen.count >= 2 || seen.policy)) continue;
    std::string utf8 = U32ToUtf8(name);
    storage::NodeId id =
        g.AddOwned("term", absl::StrCat("term/", utf8), utf8, {{"source", "quoted"}}, {seen.first});
    terms->push_back({name, id, {}});
  }
}

// The texts that may mention a term: what AddStructure and AddGoals registered, and the
// parts' preambles (where the plan's and the review's framing sentences are).
std::vector<TextOwner> MentionOwners(const ExtractionState& st) {
  std::vector<TextOwner> owners = st.text_owners;
  const auto& sections = st.layout->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (!sections[i].preamble.empty() && sections[i].kind != SectionKind::kGlossary) {
      owners.push_back({st.section_nodes[i], {sections[i].preamble}});
    }
  }
  return owners;
}

void AddMentions(ExtractionState* st, const std::vector<TermRef>& terms) {
  GraphBuilder& g = *st->graph;
  std::vector<TextOwner> owners = MentionOwners(*st);
  // Names 2k, heads without quotes 2k+1.
  std::vector<std::u32string_view> names;
  for (const TermRef& term : terms) {
    names.push_back(term.name.size() >= 2 ? std::u32string_view(term.name) : U"");
    names.push_back(term.also);
  }
  OccurrenceIndex index(st->text, names);
  for (size_t k = 0; k < terms.size(); ++k) {
    const TermRef& term = terms[k];
    if (term.name.size() < 2) continue;
    for (const TextOwner& owner : owners) {
      std::vector<Range> at;
      index.Within(2 * k, owner.ranges, &at);
      if (!term.also.empty()) index.Within(2 * k + 1, owner.ranges, &at);
      if (!at.empty()) g.AddEdge("mentions", owner.id, term.id, {}, at);
    }
    for (const TermRef& other : terms) {
      if (other.id == term.id || other.definition.empty()) continue;
      std::vector<Range> at;
      index.Within(2 * k, {other.definition}, &at);
      if (at.empty()) continue;
      // A glossary definition that names another glossary term includes it; a quoted
      // slogan it uses is only mentioned.
      g.AddEdge(term.definition.empty() ? "mentions" : "includes", other.id, term.id, {}, at);
    }
  }
}

// Note markers ("“三步走”战略目标^[1]"): the text before the marker mentions glossary entry
// 1, quoted by the term's name when it stands just before the marker, else by the words
// since the clause began.
void AddNoteMentions(ExtractionState* st, const std::vector<TermRef>& terms) {
  if (st->note_refs == nullptr || st->note_refs->empty()) return;
  GraphBuilder& g = *st->graph;
  std::map<int, const TermRef*> by_ordinal;
  for (const TermRef& t : terms) {
    if (t.ordinal > 0 && !t.definition.empty()) by_ordinal.emplace(t.ordinal, &t);
  }
  if (by_ordinal.empty()) return;
  std::vector<TextOwner> owners = MentionOwners(*st);
  for (const NoteRef& ref : *st->note_refs) {
    auto it = by_ordinal.find(ref.number);
    if (it == by_ordinal.end() || ref.pos == 0 || ref.pos > st->text.size()) continue;
    const TermRef& term = *it->second;
    uint32_t floor = ref.pos > kNoteReach ? ref.pos - kNoteReach : 0;
    std::u32string_view before = st->text.substr(floor, ref.pos - floor);
    Range span;
    size_t at = before.rfind(term.name);
    if (at != std::u32string_view::npos) {
      span = {floor + static_cast<uint32_t>(at),
              floor + static_cast<uint32_t>(at + term.name.size())};
    } else {
      uint32_t b = ref.pos;
      while (b > floor && !IsClauseMark(st->text[b - 1]) && !IsSentenceEnd(st->text[b - 1]) &&
             st->text[b - 1] != U'\n' && st->text[b - 1] != U'、') {
        --b;
      }
      span = {b, ref.pos};
    }
    if (span.empty()) continue;
    for (const TextOwner& owner : owners) {
      for (const Range& r : owner.ranges) {
        if (span.begin >= r.begin && span.end <= r.end) {
          g.AddEdge("mentions", owner.id, term.id, {}, {span});
          break;
        }
      }
    }
  }
}

}  // namespace

void AddTerms(ExtractionState* st) {
  std::vector<TermRef> terms;
  AddGlossaryTerms(st, &terms);
  AddQuotedTerms(st, &terms);
  AddMentions(st, terms);
  AddNoteMentions(st, terms);
}

}  // namespace kg::ingest
