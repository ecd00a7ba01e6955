// Synthetic reports for the scale benchmark: the bundled reports extracted by the real
// ingest pipeline, then copied under other report identities so that a store can be
// filled to any size with graphs of the real shape.
//
// A copy keeps the text, names, attributes and edges of its base report. Its report
// id, and so the id of every node and edge the report owns, differs; shared nodes
// (places, indicators) and shared edges keep their ids, so they stay shared across
// copies as they are across real reports, and gain the copy's spans.
#ifndef KG_BENCH_SYNTHETIC_REPORTS_H_
#define KG_BENCH_SYNTHETIC_REPORTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace kg::ingest::places {
class Gazetteer;
}  // namespace kg::ingest::places

namespace kg::bench {

// tests/data/jinshan-2020.txt and tests/data/dev/*.txt under `source_dir`, in name order.
std::vector<std::string> BundledReportPaths(const std::string& source_dir);

// Each of `paths` through BuildReportGraph (ingest_pipeline.h). `gazetteer` may be null.
absl::StatusOr<std::vector<storage::ReportGraph>> ExtractReports(
    const std::vector<std::string>& paths, const ingest::places::Gazetteer* gazetteer);

// Copy number `variant` (>= 1) of `base`: edition "synthetic-<variant>", the year moved
// by variant % 20, every owned id derived from the new report id. Deterministic.
storage::ReportGraph VaryReport(const storage::ReportGraph& base, int variant);

// A one-node report (no shared nodes) whose PutReport is the cheapest possible write;
// the benchmark writes it to empty the store's read cache between passes.
storage::ReportGraph TinyReport();

}  // namespace kg::bench

#endif  // KG_BENCH_SYNTHETIC_REPORTS_H_
