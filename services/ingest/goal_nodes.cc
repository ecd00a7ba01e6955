// AddGoals: the year's targets (goal kind=target, measures -> indicator), the strategic
// aims (goal kind=strategic) with the serves edges that tie tasks to them, and the
// review's results for the targets' indicators (reports).
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

struct IndicatorRef {
  std::u32string name;
  storage::NodeId id = 0;
};

std::vector<IndicatorRef> AddTargets(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  std::vector<IndicatorRef> indicators;
  bool found = false;
  TargetStatement statement = FindTargets(st->text, *st->layout, &found);
  if (!found) {
    st->warnings->push_back("found no main-target sentence (…主要目标是：…)");
    return indicators;
  }
  int section = SectionAt(*st->layout, statement.sentence.begin);
  storage::NodeId owner = section >= 0 ? st->section_nodes[section] : st->report_node;
  std::map<std::string, int> repeats;
  for (const Target& t : statement.targets) {
    std::string indicator = g.Text(t.indicator);
    std::string key = absl::StrCat("goal/target/", indicator);
    if (int n = repeats[indicator]++; n > 0) absl::StrAppend(&key, "#", n + 1);
    storage::Attrs attrs = {{"kind", "target"},
                            {"indicator", indicator},
                            {"measure", t.measure},
                            {"year", absl::StrCat(st->year)}};
    if (!t.value.empty()) attrs["value"] = t.value;
    if (!t.unit.empty()) attrs["unit"] = t.unit;
    if (!t.qualifier.empty()) attrs["qualifier"] = t.qualifier;
    if (!t.direction.empty()) attrs["direction"] = t.direction;
    storage::NodeId goal = g.AddOwned("goal", key, g.Text(t.clause), attrs, {t.clause});
    storage::NodeId ind = g.AddShared("indicator", indicator, {t.indicator});
    g.AddEdge("measures", goal, ind, {}, {t.clause});
    g.AddEdge("part_of", goal, owner, {}, {t.clause});
    st->text_owners.push_back({goal, {t.clause}});
    indicators.push_back({Utf8ToU32(indicator), ind});
  }
  return indicators;
}

storage::NodeId AddStrategicGoal(ExtractionState* st, const GoalMatch& m, const char* scope) {
  GraphBuilder& g = *st->graph;
  std::string name = g.Text(m.name);
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
      g.AddEdge("part_of", goal, st->section_nodes[i], {}, {m.sentence});
    }
  }
}

// The review's results for the targets' indicators: "属地地区生产总值同比增长6.7%" in an
// achievement's text gives achievement -reports-> indicator with the value.
void AddResults(ExtractionState* st, const std::vector<IndicatorRef>& indicators) {
  GraphBuilder& g = *st->graph;
  std::set<storage::NodeId> done;
  for (const IndicatorRef& ind : indicators) {
    if (!done.insert(ind.id).second) continue;
    for (const TextOwner& owner : st->review_texts) {
      bool reported = false;
      for (const Range& r : owner.ranges) {
        std::u32string_view scope = st->text.substr(r.begin, r.size());
        for (size_t p = scope.find(ind.name); p != std::u32string_view::npos && !reported;
             p = scope.find(ind.name, p + 1)) {
          uint32_t begin = r.begin + static_cast<uint32_t>(p);
          // "快于属地规上产值1.6个百分点" compares with the indicator; it reports nothing.
          if (begin > 0 && st->text[begin - 1] == U'于') continue;
          uint32_t end = begin;
          while (end < r.end && end - begin < kMaxResultClause &&
                 !(IsSentenceEnd(st->text[end]) || st->text[end] == U'，' ||
                   st->text[end] == U',' || st->text[end] == U'；' || st->text[end] == U'\n')) {
            ++end;
          }
          Target t;
          if (!ParseTargetClause(st->text, {begin, end}, &t) || t.value.empty() ||
              t.indicator.size() != ind.name.size()) {
            continue;
          }
          storage::Attrs attrs = {{"value", t.value}, {"measure", t.measure}};
          if (!t.unit.empty()) attrs["unit"] = t.unit;
          if (!t.direction.empty()) attrs["direction"] = t.direction;
          if (const storage::Node* node = g.FindNode(owner.id); node != nullptr) {
            auto year = node->attrs.find("year");
            if (year != node->attrs.end()) attrs["year"] = year->second;
          }
          g.AddEdge("reports", owner.id, ind.id, attrs, {{begin, end}});
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
  AddStrategicGoals(st);
  AddResults(st, indicators);
}

}  // namespace kg::ingest
