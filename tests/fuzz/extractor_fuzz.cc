// Fuzzes the whole ingest pipeline without I/O, as the IngestService handler runs it:
// BuildReportGraph (decode -> clean -> extract) with the real gazetteer of
// third_party/gazetteer (scripts/setup.sh installs it; KG_GAZETTEER overrides). Any
// bytes are either refused with INVALID_ARGUMENT or give a graph the store accepts: the
// checks below are the ones GraphStore::PutReport makes (storage/report_writer.cc), so a
// graph that breaks one would be refused at write time, after the work was done.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/places/gazetteer.h"
#include "storage/fulltext.h"
#include "storage/graph_types.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using kg::storage::ReportGraph;
using kg::storage::Span;

const kg::ingest::places::Gazetteer* RealGazetteer() {
  static const auto* gazetteer = [] {
    const char* env = std::getenv("KG_GAZETTEER");
    std::string dir = env ? env : KG_SOURCE_DIR "/third_party/gazetteer";
    auto loaded = kg::ingest::places::Gazetteer::Load(dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "extractor fuzz: no gazetteer in %s (run scripts/setup.sh): %s\n",
                   dir.c_str(), loaded.status().ToString().c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return gazetteer;
}

template <typename T>
bool Contains(const std::string_view* list, size_t n, const T& value) {
  for (size_t i = 0; i < n; ++i) {
    if (list[i] == value) return true;
  }
  return false;
}

void CheckSpans(const std::vector<Span>& spans, const ReportGraph& graph) {
  for (const Span& span : spans) {
    KG_FUZZ_CHECK(span.report == graph.info.id, "span of this report");
    KG_FUZZ_CHECK(span.begin <= span.end, "span ordered");
    KG_FUZZ_CHECK(span.end <= graph.info.text_length, "span inside the text");
  }
}

void CheckGraph(const ReportGraph& graph) {
  KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(graph.text), "text is UTF-8");
  KG_FUZZ_CHECK(graph.info.id != 0, "report id");
  KG_FUZZ_CHECK(graph.info.text_length == kg::storage::CodePointCount(graph.text),
                "text_length counts the text's code points");
  constexpr size_t kNodeTypeCount = std::size(kg::storage::kNodeTypes);
  constexpr size_t kEdgeTypeCount = std::size(kg::storage::kEdgeTypes);
  absl::flat_hash_set<kg::storage::NodeId> nodes;
  bool has_report_node = false;
  for (const auto& node : graph.nodes) {
    KG_FUZZ_CHECK(node.id != 0, "node id");
    KG_FUZZ_CHECK(nodes.insert(node.id).second, "node ids distinct");
    KG_FUZZ_CHECK(Contains(kg::storage::kNodeTypes, kNodeTypeCount, node.type), "node type");
    KG_FUZZ_CHECK(node.report == 0 || node.report == graph.info.id, "node owner");
    KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(node.name), "node name is UTF-8");
    CheckSpans(node.spans, graph);
    if (node.id == graph.info.node_id && node.type == "report") has_report_node = true;
  }
  KG_FUZZ_CHECK(has_report_node, "the report's own node");
  absl::flat_hash_set<kg::storage::EdgeId> edges;
  for (const auto& edge : graph.edges) {
    KG_FUZZ_CHECK(edge.id != 0 && edge.src != 0 && edge.dst != 0, "edge ids");
    KG_FUZZ_CHECK(edges.insert(edge.id).second, "edge ids distinct");
    KG_FUZZ_CHECK(Contains(kg::storage::kEdgeTypes, kEdgeTypeCount, edge.type), "edge type");
    KG_FUZZ_CHECK(edge.report == 0 || edge.report == graph.info.id, "edge owner");
    CheckSpans(edge.spans, graph);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  RealGazetteer();  // loaded before the first input, so it does not count as a slow one
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kg::ingest::IngestOptions options;
  auto result = kg::ingest::BuildReportGraph(bytes, options, RealGazetteer());
  if (!result.ok()) {
    // Bad input is the caller's fault: INVALID_ARGUMENT, never an internal error.
    KG_FUZZ_CHECK(absl::IsInvalidArgument(result.status()), "refusals are INVALID_ARGUMENT");
    // Text without a region or a year is refused; supplying them must get further.
    if (result.status().message().find("region") == std::string_view::npos &&
        result.status().message().find("year") == std::string_view::npos) {
      return 0;
    }
    options.region = "某省某市";
    options.year = 2020;
    result = kg::ingest::BuildReportGraph(bytes, options, RealGazetteer());
    if (!result.ok()) {
      KG_FUZZ_CHECK(absl::IsInvalidArgument(result.status()), "refusals are INVALID_ARGUMENT");
      return 0;
    }
  }
  CheckGraph(result->graph);
  return 0;
}
