// Gold scoring; see gold_scorer.h.
#include "clients/score/gold_scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/score/graph_queries.h"

namespace kg::score {
namespace {

// Key of a governance task's "area" in child keys.
constexpr int kGovernance = -2;

KindScore NewKind(const char* key, const char* label, bool must, bool has_precision = true) {
  KindScore k;
  k.key = key;
  k.label = label;
  k.must = must;
  k.has_precision = has_precision;
  return k;
}

std::string DescribeArea(const std::string& ordinal, const std::string& title) {
  return ordinal.empty() ? title : absl::StrCat(ordinal, " ", title);
}

bool OrdinalsAgree(const std::string& gold, const std::string& graph) {
  if (gold.empty()) return true;
  const int want = OrdinalNumber(gold);
  return want >= 0 ? OrdinalNumber(graph) == want : SameText(gold, graph);
}

// The index of the annotated area that the graph's area node stands for: by ordinal
// when the annotation numbers its areas, else by title; -1 if none.
int GoldAreaFor(const ExportNode& area, const std::vector<GoldArea>& gold) {
  for (size_t i = 0; i < gold.size(); ++i) {
    if (gold[i].ordinal.empty() ? SameText(gold[i].title, area.name)
                                : OrdinalsAgree(gold[i].ordinal, area.Attr("ordinal"))) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void ScoreAreas(const std::vector<const ExportNode*>& nodes, const std::vector<GoldArea>& gold,
                KindScore* k) {
  std::vector<bool> found(gold.size(), false);
  for (const ExportNode* n : nodes) {
    bool matched = false;
    for (size_t i = 0; i < gold.size() && !matched; ++i) {
      if (!found[i] && OrdinalsAgree(gold[i].ordinal, n->Attr("ordinal")) &&
          SameText(gold[i].title, n->name)) {
        found[i] = matched = true;
      }
    }
    if (matched) {
      ++k->correct;
    } else {
      k->extra.push_back(DescribeArea(n->Attr("ordinal"), n->name));
    }
  }
  k->predicted = static_cast<int>(nodes.size());
  k->gold = static_cast<int>(gold.size());
  for (size_t i = 0; i < gold.size(); ++i) {
    if (found[i]) {
      ++k->recalled;
    } else {
      k->missed.push_back(DescribeArea(gold[i].ordinal, gold[i].title));
    }
  }
}

// Scores the tasks of plan areas (or the items of review areas): a graph node counts
// when its name is listed under the annotated area its parent stands for. With
// `governance`, tasks of the government's own part (part=governance, or a section as
// parent) are scored against that list.
void ScoreChildren(const ExportIndex& index, const std::vector<const ExportNode*>& nodes,
                   const std::vector<GoldArea>& areas, const std::vector<std::string>* governance,
                   KindScore* k) {
  // The annotated children in the annotation's order, areas first, then governance.
  std::vector<std::pair<std::pair<int, std::string>, std::string>> gold;  // key, description
  for (size_t i = 0; i < areas.size(); ++i) {
    for (const std::string& child : areas[i].children) {
      gold.push_back({{static_cast<int>(i), Fold(child)},
                      absl::StrCat(areas[i].ordinal.empty() ? areas[i].title : areas[i].ordinal,
                                   " / ", child)});
    }
  }
  if (governance != nullptr) {
    for (const std::string& task : *governance) {
      gold.push_back({{kGovernance, Fold(task)}, absl::StrCat("governance / ", task)});
    }
  }
  std::set<std::pair<int, std::string>> gold_keys;
  for (const auto& entry : gold) gold_keys.insert(entry.first);
  std::set<std::pair<int, std::string>> found;
  for (const ExportNode* n : nodes) {
    const ExportNode* parent = index.Parent(*n);
    int area = -1;
    std::string where = "?";
    if (governance != nullptr &&
        (n->Attr("part") == "governance" || (parent != nullptr && parent->type == "section"))) {
      area = kGovernance;
      where = "governance";
    } else if (parent != nullptr && parent->type == n->type) {
      area = GoldAreaFor(*parent, areas);
      where = parent->Attr("ordinal").empty() ? parent->name : parent->Attr("ordinal");
    }
    const std::pair<int, std::string> key(area, Fold(n->name));
    if (gold_keys.count(key) > 0 && found.insert(key).second) {
      ++k->correct;
    } else {
      k->extra.push_back(absl::StrCat(where, " / ", n->name));
    }
  }
  k->predicted = static_cast<int>(nodes.size());
  k->gold = static_cast<int>(gold_keys.size());
  k->recalled = static_cast<int>(found.size());
  for (const auto& [key, description] : gold) {
    if (found.count(key) == 0) k->missed.push_back(description);
  }
}

bool ValueRight(const std::optional<double>& want, const std::string& got) {
  if (!want.has_value()) return got.empty();
  if (got.empty()) return false;
  char* end = nullptr;
  const double value = std::strtod(got.c_str(), &end);
  if (end == got.c_str()) return false;
  return std::fabs(value - *want) <= 1e-9 * std::max(1.0, std::fabs(*want));
}

bool TargetRight(const ExportNode& goal, const GoldTarget& t) {
  return ValueRight(t.value, goal.Attr("value")) && SameText(goal.Attr("unit"), t.unit) &&
         SameText(goal.Attr("qualifier"), t.qualifier);
}

std::string DescribeTarget(const std::string& value, const std::string& unit,
                           const std::string& qualifier) {
  std::string out = value.empty() ? "(no value)" : value;
  if (!unit.empty()) absl::StrAppend(&out, " ", unit);
  if (!qualifier.empty()) absl::StrAppend(&out, " ", qualifier);
  return out;
}

std::string FormatNumber(double v) { return absl::StrFormat("%g", v); }

void ScoreTargets(const ExportIndex& index, const std::vector<GoldTarget>& gold,
                  KindScore* found_kind, KindScore* right_kind) {
  // The year's main targets: target goals of scope main (or without a scope); targets
  // set inside tasks or for the five-year outlook are not what the annotation lists.
  std::vector<const ExportNode*> goals;
  for (const ExportNode* g : index.Nodes("goal", "kind", "target")) {
    if (g->Attr("scope").empty() || g->Attr("scope") == "main") goals.push_back(g);
  }
  std::vector<bool> used(goals.size(), false);
  for (const GoldTarget& t : gold) {
    int match = -1;
    for (size_t i = 0; i < goals.size(); ++i) {
      if (used[i] || !SameText(goals[i]->Attr("indicator"), t.indicator)) continue;
      if (match < 0) match = static_cast<int>(i);
      if (TargetRight(*goals[i], t)) {
        match = static_cast<int>(i);
        break;
      }
    }
    const std::string want =
        DescribeTarget(t.value ? FormatNumber(*t.value) : "", t.unit, t.qualifier);
    if (match < 0) {
      found_kind->missed.push_back(absl::StrCat(t.indicator, " ", want));
      right_kind->missed.push_back(absl::StrCat(t.indicator, " ", want, " (not found)"));
      continue;
    }
    used[match] = true;
    ++found_kind->recalled;
    const ExportNode& g = *goals[match];
    if (TargetRight(g, t)) {
      ++right_kind->recalled;
    } else {
      right_kind->missed.push_back(
          absl::StrCat(t.indicator, " ", want, " (got ",
                       DescribeTarget(g.Attr("value"), g.Attr("unit"), g.Attr("qualifier")), ")"));
    }
  }
  for (size_t i = 0; i < goals.size(); ++i) {
    if (!used[i]) {
      found_kind->extra.push_back(
          absl::StrCat(goals[i]->Attr("indicator"), " (", goals[i]->name, ")"));
    }
  }
  found_kind->gold = right_kind->gold = static_cast<int>(gold.size());
  found_kind->predicted = right_kind->predicted = static_cast<int>(goals.size());
  found_kind->correct = found_kind->recalled;
  right_kind->correct = right_kind->recalled;
}

void ScoreTerms(const ExportIndex& index, const std::vector<GoldTerm>& gold, KindScore* k) {
  const std::vector<const ExportNode*> terms = index.Nodes("term", "source", "glossary");
  std::set<std::string> gold_names;
  for (const GoldTerm& t : gold) {
    gold_names.insert(Fold(t.name));
    bool named = false;
    bool defined = false;
    for (const ExportNode* n : terms) {
      if (!SameText(n->name, t.name)) continue;
      named = true;
      if (Fold(n->Attr("definition")).find(Fold(t.snippet)) != std::string::npos) defined = true;
    }
    if (defined) {
      ++k->recalled;
    } else {
      k->missed.push_back(named ? absl::StrCat(t.name, " (definition lacks \"", t.snippet, "\")")
                                : t.name);
    }
  }
  for (const ExportNode* n : terms) {
    if (gold_names.count(Fold(n->name)) == 0) k->extra.push_back(n->name);
  }
  k->gold = static_cast<int>(gold.size());
  k->predicted = static_cast<int>(terms.size());
  k->correct = k->recalled;
}

KindScore ScorePlaceList(const ExportIndex& index, const char* key, const char* label, bool must,
                         const std::vector<std::string>& gold) {
  KindScore k = NewKind(key, label, must, /*has_precision=*/false);
  k.gold = static_cast<int>(gold.size());
  for (const std::string& place : gold) {
    if (PlaceFound(index, place)) {
      ++k.recalled;
    } else {
      k.missed.push_back(place);
    }
  }
  return k;
}

// Every listed place, and the precision of the graph's place nodes against them.
KindScore ScoreAllPlaces(const ExportIndex& index, const GoldAnnotation& gold) {
  KindScore k = NewKind("places", "places (all lists)", false);
  std::vector<std::string> all;
  std::set<std::string> seen;
  for (const auto* list :
       {&gold.places_admin, &gold.places_region, &gold.places_infra, &gold.places_zone}) {
    for (const std::string& p : *list) {
      if (seen.insert(Fold(p)).second) all.push_back(p);
    }
  }
  k.gold = static_cast<int>(all.size());
  for (const std::string& p : all) k.recalled += PlaceFound(index, p) ? 1 : 0;
  for (const ExportNode* n : index.Nodes("place")) {
    ++k.predicted;
    bool listed = false;
    for (const std::string& p : all) {
      if (PlaceNameMatches(p, n->name)) listed = true;
    }
    for (const ExportEdge* e : index.EdgesInto(n->id, "mentions")) {
      if (!listed && seen.count(Fold(e->Attr("surface"))) > 0) listed = true;
    }
    if (listed) {
      ++k.correct;
    } else {
      k.extra.push_back(n->name);
    }
  }
  return k;
}

QueryScore AnswerQuery(const ExportIndex& index, const GoldQuery& q) {
  QueryScore s;
  s.id = q.id;
  s.op = q.op;
  s.q = q.q;
  std::vector<std::string> answer;
  std::vector<std::string> texts;
  if (q.op == "serves") {
    answer = TasksServing(index, q.q);
  } else if (q.op == "term") {
    answer = MentionersOf(index, q.q);
    texts = TermTexts(index, q.q);
  } else if (q.op == "place") {
    answer = PlaceMentioners(index, q.q);
  } else {
    s.evaluated = false;
    return s;
  }
  std::set<std::string> got;
  for (const std::string& a : answer) got.insert(Fold(a));
  for (const std::string& e : q.expect) {
    ++s.expected;
    if (got.count(Fold(e)) > 0) {
      ++s.found;
    } else {
      s.missing.push_back(e);
    }
  }
  for (const std::string& e : q.expect_text) {
    ++s.expected;
    bool present = false;
    for (const std::string& t : texts) {
      if (Fold(t).find(Fold(e)) != std::string::npos) present = true;
    }
    if (present) {
      ++s.found;
    } else {
      s.missing.push_back(e);
    }
  }
  for (const std::string& f : q.forbid) {
    if (got.count(Fold(f)) > 0) s.forbidden.push_back(f);
  }
  return s;
}

std::string Percent(int part, int whole) {
  if (whole == 0) return "-";
  return absl::StrFormat("%.1f%%", 100.0 * part / whole);
}

std::string Ratio(int part, int whole) { return absl::StrCat(part, "/", whole); }

}  // namespace

double KindScore::recall() const { return gold == 0 ? 1 : static_cast<double>(recalled) / gold; }

double KindScore::precision() const {
  return predicted == 0 ? 1 : static_cast<double>(correct) / predicted;
}

const KindScore& GoldScore::kind(std::string_view key) const {
  static const KindScore kEmpty;
  for (const KindScore& k : kinds) {
    if (k.key == key) return k;
  }
  return kEmpty;
}

absl::StatusOr<GoldScore> ScoreAgainstGold(const ExportGraph& graph, const GoldAnnotation& gold) {
  GoldScore score;
  const std::string year = absl::StrCat(gold.year);
  // Choose the report: the one with the annotation's identity, else the only one.
  const std::vector<ExportReport> reports = ReportsIn(graph);
  const ExportReport* chosen = nullptr;
  for (const ExportReport& r : reports) {
    if (SameText(r.node->Attr("region"), gold.region) && r.node->Attr("year") == year &&
        (chosen == nullptr || r.node->Attr("edition").empty())) {
      chosen = &r;
    }
  }
  if (chosen == nullptr && reports.size() == 1) {
    chosen = &reports.front();
    score.notes.push_back(absl::StrCat("the graph's report is ", chosen->node->Attr("region"), " ",
                                       chosen->node->Attr("year"), "; the annotation's is ",
                                       gold.region, " ", year));
  }
  if (chosen == nullptr && reports.size() > 1) {
    return absl::NotFoundError(absl::StrCat("no report of ", gold.region, " ", year, " among the ",
                                            reports.size(), " reports in the graph"));
  }
  ExportGraph restricted;
  const ExportGraph* scored = &graph;
  if (chosen != nullptr) {
    score.report_id = chosen->report_id;
    score.region = chosen->node->Attr("region");
    score.year = std::atoi(chosen->node->Attr("year").c_str());
    score.title =
        chosen->node->Attr("title").empty() ? chosen->node->name : chosen->node->Attr("title");
    if (reports.size() > 1) {
      restricted = RestrictToReport(graph, chosen->report_id);
      scored = &restricted;
    }
    if (!gold.title_contains.empty() &&
        Fold(score.title).find(Fold(gold.title_contains)) == std::string::npos) {
      score.notes.push_back(
          absl::StrCat("the title \"", score.title, "\" lacks \"", gold.title_contains, "\""));
    }
  } else {
    score.notes.push_back("the graph has no report node");
  }
  const ExportIndex index(*scored);

  KindScore task_areas = NewKind("task_areas", "task areas", true);
  ScoreAreas(index.Nodes("task", "level", "area"), gold.task_areas, &task_areas);
  KindScore tasks = NewKind("tasks", "tasks", true);
  ScoreChildren(index, index.Nodes("task", "level", "task"), gold.task_areas,
                &gold.governance_tasks, &tasks);
  KindScore review_areas = NewKind("review_areas", "review areas", true);
  ScoreAreas(index.Nodes("achievement", "level", "area"), gold.review_areas, &review_areas);
  KindScore review_items = NewKind("review_items", "review items", true);
  ScoreChildren(index, index.Nodes("achievement", "level", "item"), gold.review_areas, nullptr,
                &review_items);
  KindScore targets_found = NewKind("targets_found", "targets found", true);
  KindScore targets_right = NewKind("targets_right", "targets right", true);
  ScoreTargets(index, gold.targets, &targets_found, &targets_right);
  KindScore terms = NewKind("terms", "glossary terms", true);
  ScoreTerms(index, gold.terms, &terms);

  score.kinds = {std::move(task_areas),   std::move(tasks),         std::move(review_areas),
                 std::move(review_items), std::move(targets_found), std::move(targets_right),
                 std::move(terms)};
  score.kinds.push_back(
      ScorePlaceList(index, "places_admin", "places admin", true, gold.places_admin));
  score.kinds.push_back(
      ScorePlaceList(index, "places_region", "places region", true, gold.places_region));
  score.kinds.push_back(
      ScorePlaceList(index, "places_infra", "places infra", false, gold.places_infra));
  score.kinds.push_back(
      ScorePlaceList(index, "places_zone", "places zone", false, gold.places_zone));
  score.kinds.push_back(ScoreAllPlaces(index, gold));

  score.not_places = static_cast<int>(gold.not_places.size());
  for (const std::string& word : gold.not_places) {
    if (PlaceFound(index, word)) score.false_places.push_back(word);
  }

  KindScore queries = NewKind("queries", "query answers", false);
  for (const GoldQuery& q : gold.queries) {
    QueryScore s = AnswerQuery(index, q);
    queries.gold += s.expected;
    queries.recalled += s.found;
    queries.correct += s.found;
    queries.predicted += s.found + static_cast<int>(s.forbidden.size());
    for (const std::string& m : s.missing) queries.missed.push_back(absl::StrCat(s.id, ": ", m));
    for (const std::string& f : s.forbidden) queries.extra.push_back(absl::StrCat(s.id, ": ", f));
    score.queries.push_back(std::move(s));
  }
  score.kinds.push_back(std::move(queries));
  return score;
}

std::string FormatScoreTable(const GoldScore& score, bool details) {
  std::string out;
  if (!score.report_id.empty()) {
    absl::StrAppend(&out, "report ", score.report_id, "  ", score.region, " ", score.year, "  ",
                    score.title, "\n");
  }
  for (const std::string& note : score.notes) absl::StrAppend(&out, "note: ", note, "\n");
  constexpr char kRow[] = "%-18s  %-6s  %9s  %6s  %9s  %9s\n";
  absl::StrAppendFormat(&out, kRow, "kind", "bar", "found", "recall", "correct", "precision");
  for (const KindScore& k : score.kinds) {
    const bool precision = k.has_precision;
    absl::StrAppendFormat(&out, kRow, k.label, k.must ? "must" : "should",
                          k.gold == 0 ? "-" : Ratio(k.recalled, k.gold),
                          Percent(k.recalled, k.gold),
                          precision && k.predicted > 0 ? Ratio(k.correct, k.predicted) : "-",
                          precision ? Percent(k.correct, k.predicted) : "-");
  }
  absl::StrAppendFormat(&out, "%-18s  %-6s  %9s  %s\n", "false places", "<=2",
                        Ratio(static_cast<int>(score.false_places.size()), score.not_places),
                        score.false_places.empty()
                            ? "of not_places taken as places"
                            : absl::StrCat("of not_places taken as places: ",
                                           absl::StrJoin(score.false_places, ", ")));
  if (!details) return out;
  for (const KindScore& k : score.kinds) {
    if (k.key == "queries") continue;  // reported per question below
    for (const std::string& m : k.missed) absl::StrAppend(&out, k.label, ": missed ", m, "\n");
    for (const std::string& e : k.extra) absl::StrAppend(&out, k.label, ": extra ", e, "\n");
  }
  for (const QueryScore& q : score.queries) {
    absl::StrAppend(&out, "query ", q.id, " (", q.op, " ", q.q, "): ");
    if (!q.evaluated) {
      absl::StrAppend(&out, "not evaluated (unknown op)\n");
      continue;
    }
    absl::StrAppend(&out, q.ok() ? "ok" : "WRONG", ", ", q.found, "/", q.expected, " expected\n");
    for (const std::string& m : q.missing) absl::StrAppend(&out, "    missing ", m, "\n");
    for (const std::string& f : q.forbidden) absl::StrAppend(&out, "    forbidden ", f, "\n");
  }
  return out;
}

std::vector<std::string> MustKindsBelow(const GoldScore& score, double min_recall) {
  std::vector<std::string> out;
  for (const KindScore& k : score.kinds) {
    if (!k.must || k.gold == 0 || k.recall() >= min_recall) continue;
    out.push_back(absl::StrFormat("%s %.1f%% < %g%%", k.label, 100 * k.recall(), 100 * min_recall));
  }
  return out;
}

}  // namespace kg::score
