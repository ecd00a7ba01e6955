// Scores an extracted report graph (export_graph.h) against its hand annotation
// (gold_annotation.h): recall and precision per kind of thing the annotation lists,
// the words it says are not places, and its questions answered as the services answer
// them. This is the extraction measurement used by `kgctl score` and by the tests that
// hold the extractor to the project's bars (tests/services/ingest/dev_gold_test.cc).
//
// Kinds (key: what counts):
//   task_areas     plan areas, ordinal and title right
//   tasks          plan tasks under the right area (by ordinal), and governance tasks
//   review_areas   review areas, ordinal and title right
//   review_items   review items under the right area
//   targets_found  main targets whose indicator was found (the graph's main targets:
//                  goals of kind target with scope main, or no scope)
//   targets_right  … with value, unit and qualifier right as well
//   terms          glossary terms: the name, and a definition holding the snippet
//   places_admin, places_region, places_infra, places_zone
//                  the annotation's place lists (graph_queries.h: PlaceFound); no
//                  precision, the lists are not exhaustive
//   places         every listed place; precision over the place nodes (indicative)
//   queries        expected answers given (recall) against forbidden ones (precision)
// A kind whose annotation list is empty has no recall (shown "-", never below a bar).
//
// Thread-safety: plain values and functions; safe to call concurrently.
#ifndef KG_CLIENTS_SCORE_GOLD_SCORER_H_
#define KG_CLIENTS_SCORE_GOLD_SCORER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/score/export_graph.h"
#include "clients/score/gold_annotation.h"

namespace kg::score {

struct KindScore {
  std::string key;    // "tasks"
  std::string label;  // "tasks", as the table prints it
  // Must kinds are what a report's extraction is held to (--min-recall, test bars):
  // structure, targets, glossary, and the admin and region places.
  bool must = false;
  // Whether precision means something for this kind (false for the place lists).
  bool has_precision = true;
  int gold = 0;                     // items the annotation lists
  int recalled = 0;                 // of them, found in the graph
  int predicted = 0;                // items of this kind in the graph
  int correct = 0;                  // of them, matching the annotation
  std::vector<std::string> missed;  // annotated items not found (or not right)
  std::vector<std::string> extra;   // graph items the annotation does not list

  // recalled / gold; 1 when the annotation lists nothing.
  double recall() const;
  // correct / predicted; 1 when the graph has nothing of the kind.
  double precision() const;
};

// One of the annotation's questions.
struct QueryScore {
  std::string id;
  std::string op;
  std::string q;
  bool evaluated = true;               // false for an op the scorer does not know
  int expected = 0;                    // expect and expect_text entries
  int found = 0;                       // of them, in the answer
  std::vector<std::string> missing;    // expected, not in the answer
  std::vector<std::string> forbidden;  // forbidden, yet in the answer

  bool ok() const { return evaluated && missing.empty() && forbidden.empty(); }
};

struct GoldScore {
  // The report scored: its id (from its spans), region, year and title as the graph
  // has them.
  std::string report_id;
  std::string region;
  int year = 0;
  std::string title;
  // Things a reader should know: a report identity differing from the annotation's,
  // a title not holding title_contains, no report node at all.
  std::vector<std::string> notes;

  std::vector<KindScore> kinds;  // in the order of the header comment
  // The annotation's not_places that the graph takes for places.
  int not_places = 0;
  std::vector<std::string> false_places;
  std::vector<QueryScore> queries;

  // The kind with `key`; a static empty score for an unknown key.
  const KindScore& kind(std::string_view key) const;
};

// Scores `graph` against `gold`. A graph holding several reports (a whole-store
// export) is first restricted to the report with the annotation's region and year;
// a graph holding a single report is scored whatever its identity (with a note when it
// differs). NOT_FOUND when several reports are present and none has that identity.
absl::StatusOr<GoldScore> ScoreAgainstGold(const ExportGraph& graph, const GoldAnnotation& gold);

// The scores as an aligned plain-text table (ASCII columns, one kind per line), then,
// with `details`, what each kind missed and had extra, and each question's outcome.
std::string FormatScoreTable(const GoldScore& score, bool details);

// The must kinds (with a non-empty annotation) whose recall is below `min_recall`,
// each as "tasks 85.7% < 90%".
std::vector<std::string> MustKindsBelow(const GoldScore& score, double min_recall);

}  // namespace kg::score

#endif  // KG_CLIENTS_SCORE_GOLD_SCORER_H_
