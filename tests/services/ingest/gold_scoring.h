// Scores an extracted ReportGraph against a gold annotation through the export contract:
// the graph is written as `kgctl export` writes it (clients/client proto conversion,
// clients/kgctl/graph_json.h) and read back by clients/score, so the tests measure
// exactly what `kgctl score` measures.
#ifndef KG_TESTS_SERVICES_INGEST_GOLD_SCORING_H_
#define KG_TESTS_SERVICES_INGEST_GOLD_SCORING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "clients/score/export_graph.h"
#include "clients/score/gold_scorer.h"
#include "storage/graph_types.h"

namespace kg::testing {

// The graph as export JSON lines, nodes first.
std::string ExportJsonl(const storage::ReportGraph& graph);

// The graph read back from its export JSON lines.
score::ExportGraph ToExportGraph(const storage::ReportGraph& graph);

// Scores `graph` against the annotation `gold_json`; INVALID_ARGUMENT for a bad
// annotation.
absl::StatusOr<score::GoldScore> ScoreAgainstGoldJson(const storage::ReportGraph& graph,
                                                      std::string_view gold_json);

}  // namespace kg::testing

#endif  // KG_TESTS_SERVICES_INGEST_GOLD_SCORING_H_
