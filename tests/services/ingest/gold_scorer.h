// Scores an extracted ReportGraph against a hand annotation (data/gold/*.json): recall
// and precision per kind of thing the annotation lists, and the annotation's questions
// answered the way the query service answers them.
#ifndef KG_TESTS_SERVICES_INGEST_GOLD_SCORER_H_
#define KG_TESTS_SERVICES_INGEST_GOLD_SCORER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace kg::testing {

struct KindScore {
  std::string kind;
  int gold = 0;                     // items the annotation lists
  int recalled = 0;                 // of them, found in the graph
  int predicted = 0;                // items of this kind in the graph
  int correct = 0;                  // of them, matching the annotation
  std::vector<std::string> missed;  // annotated items not found (or not fully right)
};

// One of the annotation's questions: which expected answers were missing and which
// forbidden ones were given.
struct QueryScore {
  std::string id;
  std::vector<std::string> missing;
  std::vector<std::string> forbidden;
};

struct GoldScore {
  KindScore task_areas, tasks, review_areas, review_items, targets, terms;
  std::vector<QueryScore> queries;
  // A table of the scores, one kind per line, and the misses.
  std::string Report() const;
};

// Scores `graph` against the annotation `gold_json`. Matching is by exact name, as the
// annotation copies the report's strings; a target counts only with indicator, value,
// unit and qualifier all right; a term with its name and a definition containing the
// annotated snippet. INVALID_ARGUMENT if the annotation is not valid JSON.
absl::StatusOr<GoldScore> ScoreAgainstGold(const storage::ReportGraph& graph,
                                           std::string_view gold_json);

// The names of tasks (and task areas) that serve a goal matching `phrase` the way the
// query service matches it: at least 3/4 of the phrase's character bigrams in the
// goal's name.
std::vector<std::string> TasksServing(const storage::ReportGraph& graph, std::string_view phrase);

// The names of tasks (and areas and achievements) that mention the term named `term`.
std::vector<std::string> MentionersOf(const storage::ReportGraph& graph, std::string_view term);

}  // namespace kg::testing

#endif  // KG_TESTS_SERVICES_INGEST_GOLD_SCORER_H_
