// AddGoals: the year's targets (goal kind=target, measures -> indicator), the targets the
// report says it does not set (absent=true), the five-year outline's aims and targets
// (horizon=five-year, served by no task), the quantified commitments inside tasks
// (kind=target, scope=task, served by their task), the strategic aims (goal
// kind=strategic) with the serves edges that tie tasks to them, and the review's results
// for the targets' indicators (reports). Names that lost characters (U+FFFD) make no
// goal or indicator.
//
// Which tasks serve a strategic goal:
//   - an area's title and opening sentence state aims for the whole area: the area and
//     every task in it serve them (evidence "area");
//   - the governance part's preamble ends on its aim ("努力建设新时代人民满意政府"): every
//     governance task serves it (evidence "section");
//   - a task's own text naming an aim with a strong phrase (努力成为X, 全力打造X, 以X为
//     引领, 实施X战略) makes that task serve it (evidence "text");
//   - aims in the plan's preamble ("为落实…、加快打造…而不懈奋斗") frame the whole plan;
//     they are goals part_of the plan part but served by no task, since linking every
//     task to them would drown the specific links that questions ask about.
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/ingest/extraction_steps.h"
#include "services/ingest/goal_finder.h"
#include "services/ingest/target_parser.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

// How far after an indicator's name a review sentence may give its value.
constexpr uint32_t kMaxResultClause = 40;

// Goals longer than this are not names but sentences cut at a comma.
constexpr size_t kMaxGoalName = 40;

struct IndicatorRef {
  std::u32string name;    // the indicator's name
  std::u32string search;  // what to look for in the review: the name as the text writes it
                          // ("城乡常住居民人均可支配收入" for 城镇常住居民人均可支配收入)
  storage::NodeId id = 0;
};

bool HasLostChar(std::string_view utf8) {
  return utf8.find("\xEF\xBF\xBD") != std::string_view::npos;
}

// The attributes every target goal carries.
storage::Attrs TargetAttrs(const ExtractionState* st, const Target& t, const std::string& name,
                           const char* scope) {
  storage::Attrs attrs = {{"kind", "target"},
                          {"indicator", name},
                          {"measure", t.measure},
                          {"scope", scope},
                          {"year", absl::StrCat(st->year)}};
  if (!t.value.empty()) attrs["value"] = t.value;
  if (!t.value_max.empty()) attrs["value_max"] = t.value_max;
  if (!t.unit.empty()) attrs["unit"] = t.unit;
  if (!t.qualifier.empty()) attrs["qualifier"] = t.qualifier;
  if (!t.direction.empty()) attrs["direction"] = t.direction;
  if (!t.parent.empty()) attrs["parent"] = t.parent;
  if (t.absent) attrs["absent"] = "true";
  return attrs;
}

// Adds the target goal `t` (keyed `key`) measuring its indicator, part of `owner`; 0 if
// the indicator's name lost characters.
storage::NodeId AddTargetGoal(ExtractionState* st, const Target& t, const std::string& key,
                              storage::Attrs attrs, storage::NodeId owner,
                              std::vector<IndicatorRef>* indicators) {
  GraphBuilder& g = *st->graph;
  const std::string& name = attrs["indicator"];
  if (HasLostChar(name)) {
    st->warnings->push_back(
        absl::StrCat("left out a target whose indicator lost characters: ", g.Text(t.clause)));
    return 0;
  }
  bool task = attrs["scope"] == "task";
  storage::NodeId goal = g.AddOwned("goal", key, g.Text(t.clause), std::move(attrs), {t.clause});
  if (owner != 0) g.AddEdge("part_of", goal, owner, {}, {t.clause});
  st->text_owners.push_back({goal, {t.clause}});
  // A commitment whose name the text does not write in one piece ("新建24座公共厕所" ->
  // 新建公共厕所) keeps it as attr indicator only: shared indicators are names as written
  // (or, for a 城乡 clause split in two, the clause's indicator as written).
  if (task && !t.name.empty()) return goal;
  storage::NodeId ind = g.AddShared("indicator", name, {t.indicator});
  g.AddEdge("measures", goal, ind, {}, {t.clause});
  if (indicators != nullptr) {
    indicators->push_back({Utf8ToU32(name), Utf8ToU32(g.Text(t.indicator)), ind});
  }
  return goal;
}

// The year's main targets, and the ones the report says it does not set. A "其中" target
// is part_of the target on its parent indicator (and names it in attr parent).
std::vector<IndicatorRef> AddTargets(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  std::vector<IndicatorRef> indicators;
  bool found = false;
  TargetStatement statement = FindTargets(st->text, *st->layout, &found);
  std::vector<Target> absent = FindAbsentTargets(st->text, *st->layout);
  if (!found && absent.empty()) {
    st->warnings->push_back("found no main-target sentence (…主要目标是：…)");
    return indicators;
  }
  std::map<std::string, int> repeats;
  std::map<std::string, storage::NodeId> by_indicator;
  auto add = [&](const Target& t) {
    int section = SectionAt(*st->layout, t.clause.begin);
    storage::NodeId owner = section >= 0 ? st->section_nodes[section] : st->report_node;
    std::string name = IndicatorName(st->text, t);
    std::string key = absl::StrCat("goal/target/", name);
    if (int n = repeats[name]++; n > 0) absl::StrAppend(&key, "#", n + 1);
    storage::NodeId goal =
        AddTargetGoal(st, t, key, TargetAttrs(st, t, name, "main"), owner, &indicators);
    if (goal == 0) return;
    if (!t.parent.empty() && by_indicator.count(t.parent) > 0) {
      g.AddEdge("part_of", goal, by_indicator[t.parent], {{"relation", "其中"}}, {t.clause});
    }
    by_indicator.emplace(name, goal);
  };
  for (const Target& t : statement.targets) add(t);
  for (const Target& t : absent) {
    if (repeats.count(IndicatorName(st->text, t)) == 0) add(t);
  }
  return indicators;
}

// The five-year outline (十四五, 今后五年): its aims as strategic goals and its
// quantified targets as target goals, all with horizon=five-year and part_of the
// outline's part; no task serves them (the year's tasks come from the year's plan).
void AddFiveYearGoals(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  const auto& sections = st->layout->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].kind != SectionKind::kOutlook) continue;
    for (const Block& area : sections[i].areas) {
      std::string name = g.Text(area.name);
      if (name.empty() || HasLostChar(name) || Utf8ToU32(name).size() > kMaxGoalName) continue;
      storage::Attrs attrs = {{"kind", "strategic"},
                              {"year", absl::StrCat(st->year)},
                              {"horizon", "five-year"},
                              {"scope", "outlook"}};
      storage::NodeId id = g.AddOwned("goal", absl::StrCat("goal/five-year/", name), name,
                                      std::move(attrs), {area.name, area.whole});
      g.AddEdge("part_of", id, st->section_nodes[i], {}, {area.heading});
      st->text_owners.push_back({id, {area.whole}});
    }
  }
  std::map<std::string, int> repeats;
  for (const Target& t : FindFiveYearTargets(st->text, *st->layout)) {
    int section = SectionAt(*st->layout, t.clause.begin);
    if (section < 0) continue;
    std::string name = IndicatorName(st->text, t);
    std::string key = absl::StrCat("goal/five-year-target/", name);
    if (int n = repeats[name]++; n > 0) absl::StrAppend(&key, "#", n + 1);
    storage::Attrs attrs = TargetAttrs(st, t, name, "outlook");
    attrs["horizon"] = "five-year";
    AddTargetGoal(st, t, key, std::move(attrs), st->section_nodes[section], nullptr);
  }
}

// Quantified commitments in the plan's tasks ("新增养老床位700张"): target goals with
// scope=task, which the task serves (evidence "text") and which measure their
// indicator. The serves edge makes "what does this task aim at" and "which tasks work
// toward this number" one hop each, as for strategic goals.
void AddTaskTargets(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  for (const PlanArea& area : st->plan_areas) {
    for (size_t i = 0; i < area.tasks.size(); ++i) {
      int k = 0;
      for (const Target& t : FindTaskTargets(st->text, area.task_texts[i])) {
        std::string name = IndicatorName(st->text, t);
        std::string key = absl::StrCat("goal/task/", area.tasks[i], "/", ++k);
        storage::NodeId goal =
            AddTargetGoal(st, t, key, TargetAttrs(st, t, name, "task"), 0, nullptr);
        if (goal != 0) g.AddEdge("serves", area.tasks[i], goal, {{"evidence", "text"}}, {t.clause});
      }
    }
  }
}

// The strategic goal `m` names; 0 if its name lost characters.
storage::NodeId AddStrategicGoal(ExtractionState* st, const GoalMatch& m, const char* scope) {
  GraphBuilder& g = *st->graph;
  std::string name = g.Text(m.name);
  if (HasLostChar(name)) return 0;
  storage::Attrs attrs = {{"kind", "strategic"},
                          {"year", absl::StrCat(st->year)},
                          {"pattern", U32ToUtf8(m.pattern)},
                          {"scope", scope}};
  storage::NodeId id =
      g.AddOwned("goal", absl::StrCat("goal/strategic/", name), name, attrs, {m.name});
  st->text_owners.push_back({id, {m.name}});
  return id;
}

void AddStrategicGoals(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  for (const PlanArea& area : st->plan_areas) {
    if (area.statement.empty()) continue;
    for (const GoalMatch& m : FindStrategicGoals(st->text, area.statement, GoalScope::kStatement)) {
      storage::NodeId goal = AddStrategicGoal(st, m, area.id != 0 ? "area" : "section");
      if (goal == 0) continue;
      storage::Attrs attrs = {{"evidence", area.evidence}};
      if (area.id != 0) g.AddEdge("serves", area.id, goal, attrs, {m.sentence});
      for (storage::NodeId task : area.tasks) g.AddEdge("serves", task, goal, attrs, {m.sentence});
    }
  }
  for (const PlanArea& area : st->plan_areas) {
    for (size_t i = 0; i < area.tasks.size(); ++i) {
      for (const GoalMatch& m :
           FindStrategicGoals(st->text, area.task_texts[i], GoalScope::kTaskText)) {
        storage::NodeId goal = AddStrategicGoal(st, m, "task");
        if (goal == 0) continue;
        g.AddEdge("serves", area.tasks[i], goal, {{"evidence", "text"}}, {m.sentence});
      }
    }
  }
  const auto& sections = st->layout->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].kind != SectionKind::kPlan || sections[i].preamble.empty()) continue;
    for (const GoalMatch& m :
         FindStrategicGoals(st->text, sections[i].preamble, GoalScope::kStatement)) {
      storage::NodeId goal = AddStrategicGoal(st, m, "preamble");
      if (goal == 0) continue;
      g.AddEdge("part_of", goal, st->section_nodes[i], {}, {m.sentence});
    }
  }
}

// End of the clause starting at `begin`, within `limit` and kMaxResultClause.
uint32_t ResultClauseEnd(std::u32string_view text, uint32_t begin, uint32_t limit) {
  uint32_t end = begin;
  while (end < limit && end - begin < kMaxResultClause &&
         !(IsSentenceEnd(text[end]) || text[end] == U'，' || text[end] == U',' ||
           text[end] == U'；' || text[end] == U';' || text[end] == U'\n')) {
    ++end;
  }
  return end;
}

// A growth rate given just after a level ("完成192.3亿元，按可比价计算，同比增长6.0%"):
// the next two clauses of the sentence are looked at; empty if none gives one.
Target GrowthAfter(std::u32string_view text, Range indicator, std::u32string_view name,
                   uint32_t end, uint32_t limit) {
  for (int clause = 0; clause < 2 && end < limit && !IsSentenceEnd(text[end]); ++clause) {
    uint32_t begin = end + 1;
    uint32_t next = ResultClauseEnd(text, begin, limit);
    std::u32string_view s = text.substr(begin, next - begin);
    for (std::u32string_view lead : {U"同比", U"比上年", U"分别"}) {
      if (StartsWith(s, lead)) s.remove_prefix(lead.size());
    }
    if (StartsWith(s, U"增长") || StartsWith(s, U"下降") || StartsWith(s, U"增速")) {
      for (Target& t : ParseTargetClauses(text, {begin, next}, indicator)) {
        // "分别增长6.5%、9.4%" after "城乡…分别完成…": the rate of this indicator.
        if (!t.value.empty() && t.measure == "growth" &&
            Utf8ToU32(IndicatorName(text, t)) == name) {
          return t;
        }
      }
    }
    end = next;
  }
  return {};
}

// The review's results for the targets' indicators: "属地地区生产总值同比增长6.7%" in an
// achievement's text gives achievement -reports-> indicator with the value (and, for a
// level followed by its growth rate, attr growth). Results stated in a review part's
// preamble (the year's figures before the areas) are reported by a summary achievement
// of that part (level=summary), made when it reports something.
void AddResults(ExtractionState* st, const std::vector<IndicatorRef>& indicators) {
  GraphBuilder& g = *st->graph;
  std::vector<TextOwner> owners;
  std::vector<int> summary_of;  // parallel to owners: the review section of a preamble
  const auto& sections = st->layout->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].kind == SectionKind::kReview && !sections[i].preamble.empty()) {
      owners.push_back({0, {sections[i].preamble}});
      summary_of.push_back(static_cast<int>(i));
    }
  }
  for (const TextOwner& o : st->review_texts) {
    owners.push_back(o);
    summary_of.push_back(-1);
  }
  std::set<storage::NodeId> done;
  for (const IndicatorRef& ind : indicators) {
    if (!done.insert(ind.id).second || ind.search.empty()) continue;
    for (size_t k = 0; k < owners.size(); ++k) {
      bool reported = false;
      for (const Range& r : owners[k].ranges) {
        std::u32string_view scope = st->text.substr(r.begin, r.size());
        for (size_t p = scope.find(ind.search); p != std::u32string_view::npos && !reported;
             p = scope.find(ind.search, p + 1)) {
          uint32_t begin = r.begin + static_cast<uint32_t>(p);
          // "快于属地规上产值1.6个百分点" compares with the indicator; it reports nothing.
          if (begin > 0 && st->text[begin - 1] == U'于') continue;
          uint32_t end = ResultClauseEnd(st->text, begin, r.end);
          const Target* result = nullptr;
          std::vector<Target> parsed = ParseTargetClauses(st->text, {begin, end});
          for (const Target& t : parsed) {
            if (!t.value.empty() && Utf8ToU32(IndicatorName(st->text, t)) == ind.name) {
              result = &t;
            }
          }
          if (result == nullptr) continue;
          const Target& t = *result;
          storage::Attrs attrs = {{"value", t.value}, {"measure", t.measure}};
          if (!t.unit.empty()) attrs["unit"] = t.unit;
          if (!t.direction.empty()) attrs["direction"] = t.direction;
          if (t.measure == "level") {
            Target growth = GrowthAfter(st->text, t.indicator, ind.name, end, r.end);
            if (!growth.value.empty()) {
              attrs["growth"] = growth.value;
              if (!growth.direction.empty()) attrs["growth_direction"] = growth.direction;
            }
          }
          storage::NodeId owner = owners[k].id;
          if (owner == 0) {
            const Section& section = sections[summary_of[k]];
            int32_t year = section.year != 0 ? section.year : st->year - 1;
            owner = g.AddOwned("achievement", absl::StrCat("review/summary/", summary_of[k]),
                               g.Text(section.name),
                               {{"level", "summary"}, {"year", absl::StrCat(year)}},
                               {section.name, section.preamble});
            g.AddEdge("part_of", owner, st->section_nodes[summary_of[k]], {}, {section.heading});
            owners[k].id = owner;
          }
          if (const storage::Node* node = g.FindNode(owner); node != nullptr) {
            auto year = node->attrs.find("year");
            if (year != node->attrs.end()) attrs["year"] = year->second;
          }
          g.AddEdge("reports", owner, ind.id, attrs, {{begin, end}});
          reported = true;
        }
        if (reported) break;
      }
    }
  }
}

}  // namespace

void AddGoals(ExtractionState* st) {
  std::vector<IndicatorRef> indicators = AddTargets(st);
  AddFiveYearGoals(st);
  AddTaskTargets(st);
  AddStrategicGoals(st);
  AddResults(st, indicators);
}

}  // namespace kg::ingest
