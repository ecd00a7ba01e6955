// Strategic goal phrases; see goal_finder.h.
#include "services/ingest/goal_finder.h"

#include <set>

#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

constexpr size_t npos = std::u32string_view::npos;
constexpr size_t kMinGoal = 2;
constexpr size_t kMaxGoal = 40;
// Each aim of a list of aims is at least this long.
constexpr size_t kMinListPart = 4;
// Words that frame an aim at its end: "…的工作思路", "“十个主动仗”要求".
constexpr std::u32string_view kFrameWords[] = {U"的工作思路", U"工作思路", U"的思路",  U"的要求",
                                               U"要求",       U"的目标",   U"目标任务"};
// 以X<verb>Y in a statement: Y is the aim, X the means ("以交通一体化推动京雄保一体化发展").
constexpr std::u32string_view kMeansVerbs[] = {U"推动", U"促进", U"带动", U"助推",
                                               U"推进", U"引领", U"支撑", U"保障"};
// <verb>X这个<what>: X is the aim ("坚持扩大内需这个战略基点").
constexpr std::u32string_view kHoldVerbs[] = {U"坚持", U"把握", U"抓住", U"扭住",
                                              U"紧扣", U"用好", U"立足"};

// What may stand before 成为 for it to state an aim ("让法治成为为政准则" does not).
constexpr std::u32string_view kBecomePrefixes[] = {U"努力", U"围绕", U"打造", U"建设",
                                                   U"争取", U"加快", U"力争", U"致力于",
                                                   U"全力", U"奋力", U"争当", U"真正"};
// 以X为<word>: the words that make X an aim rather than a means or a guide.
constexpr std::u32string_view kStatementLeads[] = {U"引领",     U"统领",     U"主线",  U"主题",
                                                   U"目标",     U"总抓手",   U"抓手",  U"牵引",
                                                   U"根本目的", U"工作主线", U"总目标"};
constexpr std::u32string_view kTaskLeads[] = {U"引领", U"统领"};
// In running text, 打造 states an aim only with an adverb of effort before it.
constexpr std::u32string_view kEffortAdverbs[] = {U"努力", U"全力", U"加快", U"着力",
                                                  U"倾力", U"奋力", U"积极", U"致力",
                                                  U"重点", U"全面", U"力争", U"倾心"};
// Verbs stripped from the parts of "为A、B、C而奋斗".
constexpr std::u32string_view kAimVerbs[] = {U"加快", U"全面", U"奋力", U"努力", U"落实", U"打造",
                                             U"建设", U"实现", U"推动", U"推进", U"确保", U"争创",
                                             U"建成", U"开创", U"谱写", U"加速", U"深入", U"持续"};

bool IsStop(char32_t c) { return IsClauseMark(c) || IsSentenceEnd(c) || c == U'\n'; }

bool IsOpenQuote(char32_t c) { return c == U'“' || c == U'《' || c == U'「' || c == U'‘'; }
bool IsCloseQuote(char32_t c) { return c == U'”' || c == U'》' || c == U'」' || c == U'’'; }

// End of the clause starting at `pos` within `limit` (quoted text does not end it).
uint32_t ClauseEnd(std::u32string_view text, uint32_t pos, uint32_t limit) {
  int depth = 0;
  for (uint32_t i = pos; i < limit; ++i) {
    if (IsOpenQuote(text[i])) ++depth;
    if (IsCloseQuote(text[i]) && depth > 0) --depth;
    if (depth == 0 && IsStop(text[i])) return i;
  }
  return limit;
}

// End of a goal's object starting at `pos`: the clause end, or earlier where a list of
// aims goes on with another verb ("打造“N区”“M地”、全面建设…") or the sentence turns to
// "而不懈奋斗".
uint32_t ObjectEnd(std::u32string_view text, uint32_t pos, uint32_t limit);

// Start of the clause that contains `pos`, not before `floor`.
uint32_t ClauseStart(std::u32string_view text, uint32_t pos, uint32_t floor) {
  while (pos > floor && !IsStop(text[pos - 1])) --pos;
  return pos;
}

bool EndsWithAt(std::u32string_view text, uint32_t end, std::u32string_view word, uint32_t floor) {
  return end >= floor + word.size() && text.compare(end - word.size(), word.size(), word) == 0;
}

template <size_t N>
bool PrecededByAny(std::u32string_view text, uint32_t pos, const std::u32string_view (&words)[N],
                   uint32_t floor) {
  for (auto w : words) {
    if (EndsWithAt(text, pos, w, floor)) return true;
  }
  return false;
}

// Asked at every position of every sentence for each pattern, so the first character
// turns most positions away before the compare.
bool At(std::u32string_view text, uint32_t pos, std::u32string_view word) {
  return pos + word.size() <= text.size() && (word.empty() || text[pos] == word[0]) &&
         text.compare(pos, word.size(), word) == 0;
}

uint32_t ObjectEnd(std::u32string_view text, uint32_t pos, uint32_t limit) {
  uint32_t end = ClauseEnd(text, pos, limit);
  int depth = 0;
  for (uint32_t i = pos; i < end; ++i) {
    if (IsOpenQuote(text[i])) ++depth;
    if (IsCloseQuote(text[i]) && depth > 0) --depth;
    if (depth > 0) continue;
    if (text[i] == U'、') {
      for (auto v : kAimVerbs) {
        if (At(text, i + 1, v)) return i;
      }
    }
    if (At(text, i, U"作为")) return i;  // "把打好X作为Y"
    if (text[i] == U'而') {
      for (uint32_t j = i + 1; j < end && j - i <= 4; ++j) {
        if (At(text, j, U"奋斗")) return i;
      }
    }
  }
  return end;
}

class Collector {
 public:
  Collector(std::u32string_view text, Range sentence, std::vector<GoalMatch>* out,
            std::set<std::u32string>* seen)
      : text_(text), sentence_(sentence), out_(out), seen_(seen) {}

  void Add(Range name, std::u32string_view pattern) {
    name = Trim(name);
    // What frames an aim is not part of it: "…的工作思路", "“十个主动仗”要求".
    for (bool cut = true; cut;) {
      cut = false;
      for (std::u32string_view tail : kFrameWords) {
        if (name.size() > tail.size() + kMinGoal &&
            text_.compare(name.end - tail.size(), tail.size(), tail) == 0) {
          name.end -= static_cast<uint32_t>(tail.size());
          name = Trim(name);
          cut = true;
        }
      }
    }
    // A list of aims ("创建全国文明城、国家卫生城") is one goal per aim, unless a modifier
    // at its end covers them all ("…、产业链现代化的攻坚战").
    std::vector<Range> parts = ListParts(name);
    if (parts.size() > 1) {
      for (const Range& part : parts) AddOne(part, pattern);
      return;
    }
    AddOne(name, pattern);
  }

 private:
  // Trims blanks, and a quote that wraps the whole name.
  Range Trim(Range name) const {
    while (name.begin < name.end && IsBlank(text_[name.begin])) ++name.begin;
    while (name.end > name.begin && IsBlank(text_[name.end - 1])) --name.end;
    if (name.size() >= 2 && text_[name.begin] == U'“' && text_[name.end - 1] == U'”' &&
        std::u32string_view(text_.substr(name.begin + 1, name.size() - 2)).find(U'“') == npos) {
      ++name.begin;
      --name.end;
    }
    return name;
  }

  std::vector<Range> ListParts(Range name) const {
    std::vector<Range> parts;
    int depth = 0;
    uint32_t b = name.begin;
    for (uint32_t i = name.begin; i <= name.end; ++i) {
      if (i < name.end && IsOpenQuote(text_[i])) ++depth;
      if (i < name.end && IsCloseQuote(text_[i]) && depth > 0) --depth;
      if (i < name.end && !(text_[i] == U'、' && depth == 0)) continue;
      parts.push_back({b, i});
      b = i + 1;
    }
    if (parts.size() < 2) return {};
    std::u32string_view last = text_.substr(parts.back().begin, parts.back().size());
    if (last.find(U'的') != npos) return {};
    for (const Range& p : parts) {
      if (p.size() < kMinListPart) return {};
    }
    return parts;
  }

  void AddOne(Range name, std::u32string_view pattern) {
    name = Trim(name);
    if (name.size() < kMinGoal || name.size() > kMaxGoal) return;
    std::u32string key(text_.substr(name.begin, name.size()));
    if (!seen_->insert(key).second) return;
    out_->push_back({name, sentence_, pattern});
  }

  std::u32string_view text_;
  Range sentence_;
  std::vector<GoalMatch>* out_;
  std::set<std::u32string>* seen_;
};

void MatchBecome(std::u32string_view text, Range s, Collector* c) {
  for (uint32_t p = s.begin; p + 2 <= s.end; ++p) {
    if (!At(text, p, U"成为")) continue;
    for (auto prefix : kBecomePrefixes) {
      if (EndsWithAt(text, p, prefix, s.begin)) {
        c->Add({p + 2, ObjectEnd(text, p + 2, s.end)}, U"成为");
        break;
      }
    }
  }
}

template <size_t N>
void MatchLeadWords(std::u32string_view text, Range s, const std::u32string_view (&words)[N],
                    Collector* c) {
  for (uint32_t p = s.begin; p < s.end; ++p) {
    if (text[p] != U'为') continue;
    bool lead = false;
    for (auto w : words) lead = lead || At(text, p + 1, w);
    if (!lead) continue;
    // The earliest 以 of the clause opens X ("坚持以供给侧结构性改革为主线").
    uint32_t start = ClauseStart(text, p, s.begin);
    for (uint32_t q = start; q < p; ++q) {
      if (text[q] == U'以') {
        c->Add({q + 1, p}, U"以…为");
        break;
      }
    }
  }
}

void MatchStrategy(std::u32string_view text, Range s, bool statement, Collector* c) {
  for (uint32_t p = s.begin; p + 2 <= s.end; ++p) {
    if (!At(text, p, U"战略")) continue;
    // "战略基点", "战略支撑" are not strategies being carried out.
    uint32_t after = p + 2;
    if (after < s.end && IsHan(text[after]) && text[after] != U'的') continue;
    uint32_t start = ClauseStart(text, p, s.begin);
    for (uint32_t q = p; q > start + 1; --q) {
      bool implement = EndsWithAt(text, q, U"实施", start);
      bool uphold = statement && EndsWithAt(text, q, U"坚持", start);
      if ((implement || uphold) && p >= q + 2) {
        c->Add({q, p + 2}, implement ? U"实施…战略" : U"坚持…战略");
        break;
      }
    }
  }
}

// How much must stand before a verb for its object to count as an aim.
enum Effort { kAnywhere, kEffort, kEffortOrClauseStart };

void MatchVerbObject(std::u32string_view text, Range s, std::u32string_view verb,
                     Effort need_effort, size_t min_length, Collector* c) {
  for (uint32_t p = s.begin; p + verb.size() <= s.end; ++p) {
    if (!At(text, p, verb)) continue;
    uint32_t x = p + static_cast<uint32_t>(verb.size());
    if (At(text, x, U"成为")) continue;  // 打造成为 / 建设成为: MatchBecome's
    if (At(text, x, U"形成")) x += 2;    // 打造形成X
    if (At(text, x, U"成") && !At(text, x, U"成果")) x += 1;  // 打造成X
    bool effort =
        PrecededByAny(text, p, kEffortAdverbs, s.begin) || EndsWithAt(text, p, U"围绕", s.begin);
    // Inside a list of verb phrases ("谱写…、打造…、擦亮…") the object ends at the next 、.
    uint32_t b = p;
    for (auto adverb : kEffortAdverbs) {
      if (EndsWithAt(text, p, adverb, s.begin)) b = p - static_cast<uint32_t>(adverb.size());
    }
    bool in_list = b > s.begin && text[b - 1] == U'、';
    bool clause_start = ClauseStart(text, p, s.begin) == p;
    if (need_effort == kEffort && !effort) continue;
    if (need_effort == kEffortOrClauseStart && !effort && !clause_start) continue;
    uint32_t end = ObjectEnd(text, x, s.end);
    if (in_list) {
      int depth = 0;
      for (uint32_t i = x; i < end; ++i) {
        if (IsOpenQuote(text[i])) ++depth;
        if (IsCloseQuote(text[i]) && depth > 0) --depth;
        if (depth == 0 && text[i] == U'、') {
          end = i;
          break;
        }
      }
    }
    if (end < x + min_length) continue;
    c->Add({x, end}, verb);
  }
}

// "以X推动Y" opening a clause of a statement: Y is the aim, X the means.
void MatchMeansToEnd(std::u32string_view text, Range s, Collector* c) {
  for (uint32_t p = s.begin; p < s.end; ++p) {
    if (text[p] != U'以' || ClauseStart(text, p, s.begin) != p) continue;
    uint32_t clause_end = ClauseEnd(text, p, s.end);
    for (uint32_t q = p + 2; q + 2 <= clause_end && q - p <= 14; ++q) {
      bool verb = false;
      for (auto v : kMeansVerbs) verb = verb || At(text, q, v);
      if (!verb) continue;
      uint32_t y = q + 2;
      uint32_t end = ObjectEnd(text, y, s.end);
      if (end >= y + 4) c->Add({y, end}, U"以…推动");
      break;
    }
  }
}

// "坚持X这个战略基点" / "抓住X这一关键": X is the aim.
void MatchThisOne(std::u32string_view text, Range s, Collector* c) {
  for (uint32_t p = s.begin; p + 2 <= s.end; ++p) {
    if (!(At(text, p, U"这个") || At(text, p, U"这一"))) continue;
    uint32_t start = ClauseStart(text, p, s.begin);
    for (uint32_t q = start; q + 2 <= p; ++q) {
      bool hold = false;
      for (auto v : kHoldVerbs) hold = hold || At(text, q, v);
      if (hold) {
        c->Add({q + 2, p}, U"坚持…这个");
        break;
      }
    }
  }
}

// "围绕X，…" opening a clause of a title: X is what the area is organised around.
void MatchAround(std::u32string_view text, Range s, Collector* c) {
  for (uint32_t p = s.begin; p + 2 <= s.end; ++p) {
    if (!At(text, p, U"围绕") || ClauseStart(text, p, s.begin) != p) continue;
    uint32_t x = p + 2;
    bool other = At(text, x, U"成为") || At(text, x, U"建设") || At(text, x, U"打造") ||
                 At(text, x, U"上述") || At(text, x, U"以上") || At(text, x, U"这");
    if (!other) c->Add({x, ObjectEnd(text, x, s.end)}, U"围绕");
  }
}

// "为A、B、C而（不懈）奋斗": the aims a plan's preamble ends on.
void MatchStriveFor(std::u32string_view text, Range s, Collector* c) {
  for (uint32_t p = s.begin; p < s.end; ++p) {
    if (text[p] != U'而') continue;
    uint32_t q = p + 1;
    while (q < s.end && q - p <= 4 && !At(text, q, U"奋斗")) ++q;
    if (!At(text, q, U"奋斗")) continue;
    uint32_t start = ClauseStart(text, p, s.begin);
    if (text[start] != U'为') continue;
    uint32_t part = start + 1;
    int depth = 0;
    for (uint32_t i = part; i <= p; ++i) {
      if (i < p && IsOpenQuote(text[i])) ++depth;
      if (i < p && IsCloseQuote(text[i]) && depth > 0) --depth;
      if (i < p && !(text[i] == U'、' && depth == 0)) continue;
      uint32_t b = part;
      for (bool stripped = true; stripped;) {
        stripped = false;
        for (auto v : kAimVerbs) {
          if (At(text, b, v) && b + v.size() < i) {
            b += static_cast<uint32_t>(v.size());
            stripped = true;
          }
        }
      }
      c->Add({b, i}, U"为…而奋斗");
      part = i + 1;
    }
  }
}

}  // namespace

std::vector<GoalMatch> FindStrategicGoals(std::u32string_view text, Range range, GoalScope scope) {
  std::vector<GoalMatch> out;
  std::set<std::u32string> seen;
  bool statement = scope == GoalScope::kStatement;
  bool first = true;
  for (const Range& s : SplitSentences(text, range)) {
    Collector c(text, s, &out, &seen);
    MatchBecome(text, s, &c);
    if (statement) {
      MatchLeadWords(text, s, kStatementLeads, &c);
    } else {
      MatchLeadWords(text, s, kTaskLeads, &c);
    }
    MatchStrategy(text, s, statement, &c);
    MatchVerbObject(text, s, U"打造", statement ? kAnywhere : kEffort, 2, &c);
    if (statement) {
      // "建设" is as often a noun ("政府自身建设还存在…"): only "加快建设X" or a clause
      // that opens with it ("建设生态宜居美丽乡村").
      MatchVerbObject(text, s, U"建设", kEffortOrClauseStart, 4, &c);
      MatchVerbObject(text, s, U"打好", kAnywhere, 2, &c);
      MatchVerbObject(text, s, U"打赢", kAnywhere, 2, &c);
      if (first) MatchAround(text, s, &c);  // an area's title: "围绕X，Y"
      MatchMeansToEnd(text, s, &c);
      MatchThisOne(text, s, &c);
      MatchStriveFor(text, s, &c);
    }
    first = false;
  }
  return out;
}

}  // namespace kg::ingest
