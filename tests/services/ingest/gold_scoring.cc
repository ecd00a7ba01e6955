// Scoring through the export contract; see gold_scoring.h.
#include "tests/services/ingest/gold_scoring.h"

#include <cstdlib>
#include <iostream>

#include "clients/client/proto_convert.h"
#include "clients/kgctl/graph_json.h"
#include "clients/score/gold_annotation.h"

namespace kg::testing {

std::string ExportJsonl(const storage::ReportGraph& graph) {
  std::string out;
  for (const storage::Node& node : graph.nodes) {
    kg::v1::Node proto;
    client::ToProto(node, &proto);
    out += cli::NodeJsonLine(proto);
  }
  for (const storage::Edge& edge : graph.edges) {
    kg::v1::Edge proto;
    client::ToProto(edge, &proto);
    out += cli::EdgeJsonLine(proto);
  }
  return out;
}

score::ExportGraph ToExportGraph(const storage::ReportGraph& graph) {
  absl::StatusOr<score::ExportGraph> parsed = score::ParseExportJsonl(ExportJsonl(graph));
  if (!parsed.ok()) {  // the writer and the reader disagree: a bug in one of them
    std::cerr << "export contract not readable: " << parsed.status() << "\n";
    std::abort();
  }
  return *std::move(parsed);
}

absl::StatusOr<score::GoldScore> ScoreAgainstGoldJson(const storage::ReportGraph& graph,
                                                      std::string_view gold_json) {
  absl::StatusOr<score::GoldAnnotation> gold = score::ParseGoldAnnotation(gold_json);
  if (!gold.ok()) return gold.status();
  return score::ScoreAgainstGold(ToExportGraph(graph), *gold);
}

}  // namespace kg::testing
