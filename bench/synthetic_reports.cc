// See synthetic_reports.h.
#include "bench/synthetic_reports.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/ingest_pipeline.h"
#include "storage/ids.h"

namespace kg::bench {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

void MoveSpans(std::vector<storage::Span>* spans, storage::ReportId report) {
  for (storage::Span& span : *spans) span.report = report;
}

}  // namespace

std::vector<std::string> BundledReportPaths(const std::string& source_dir) {
  std::vector<std::string> paths = {source_dir + "/tests/data/jinshan-2020.txt"};
  const std::string dev = source_dir + "/tests/data/dev";
  std::vector<std::string> dev_paths;
  if (DIR* dir = opendir(dev.c_str())) {
    while (dirent* entry = readdir(dir)) {
      const std::string name = entry->d_name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) {
        dev_paths.push_back(dev + "/" + name);
      }
    }
    closedir(dir);
  }
  std::sort(dev_paths.begin(), dev_paths.end());
  paths.insert(paths.end(), dev_paths.begin(), dev_paths.end());
  return paths;
}

absl::StatusOr<std::vector<storage::ReportGraph>> ExtractReports(
    const std::vector<std::string>& paths, const ingest::places::Gazetteer* gazetteer) {
  std::vector<storage::ReportGraph> graphs;
  for (const std::string& path : paths) {
    std::string bytes;
    if (!ReadFile(path, &bytes)) return absl::NotFoundError(absl::StrCat("cannot read ", path));
    auto result = ingest::BuildReportGraph(bytes, {}, gazetteer);
    if (!result.ok()) {
      return absl::Status(result.status().code(),
                          absl::StrCat(path, ": ", result.status().message()));
    }
    graphs.push_back(std::move(result->graph));
  }
  return graphs;
}

storage::ReportGraph VaryReport(const storage::ReportGraph& base, int variant) {
  storage::ReportGraph copy = base;
  storage::ReportInfo& info = copy.info;
  info.year = base.info.year - variant % 20;
  info.edition = absl::StrCat("synthetic-", variant);
  info.id = storage::MakeReportId(info.region, info.year, info.edition);
  info.source_sha256 = ingest::Sha256Hex(absl::StrCat(base.info.source_sha256, info.edition));

  // Owned ids are derived from the new report id and the old id, as the pipeline derives
  // them from the report id and a key local to the report.
  absl::flat_hash_map<storage::NodeId, storage::NodeId> renamed;
  for (storage::Node& node : copy.nodes) {
    MoveSpans(&node.spans, info.id);
    if (node.report == 0) continue;
    const storage::NodeId id =
        storage::MakeOwnedNodeId(info.id, node.type, storage::IdToHex(node.id));
    renamed[node.id] = id;
    node.id = id;
    node.report = info.id;
  }
  info.node_id = renamed.at(base.info.node_id);
  auto rename = [&](storage::NodeId id) {
    auto it = renamed.find(id);
    return it == renamed.end() ? id : it->second;
  };
  for (storage::Edge& edge : copy.edges) {
    MoveSpans(&edge.spans, info.id);
    edge.src = rename(edge.src);
    edge.dst = rename(edge.dst);
    if (edge.report == 0) continue;
    edge.report = info.id;
    // From the old id, not the ends: a report may hold two edges of one type between
    // the same two nodes.
    edge.id = storage::StableHash(
        absl::StrCat(storage::IdToHex(info.id), "/", storage::IdToHex(edge.id)));
  }
  return copy;
}

storage::ReportGraph TinyReport() {
  storage::ReportGraph graph;
  storage::ReportInfo& info = graph.info;
  info.region = "scale-bench";
  info.year = 1900;
  info.edition = "cache-flush";
  info.id = storage::MakeReportId(info.region, info.year, info.edition);
  info.node_id = storage::MakeOwnedNodeId(info.id, "report", "report");
  info.title = "scale-bench cache flush";
  graph.text = "flush";
  storage::Node node;
  node.id = info.node_id;
  node.type = "report";
  node.name = info.title;
  node.report = info.id;
  node.spans.push_back({info.id, 0, 5});
  graph.nodes.push_back(std::move(node));
  return graph;
}

}  // namespace kg::bench
