// The read path of RocksGraphStore and its lifecycle; writes are in report_writer.cc.
#include "storage/rocks_graph_store.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "storage/fulltext.h"
#include "storage/ids.h"
#include "storage/key_codec.h"
#include "storage/record_codec.h"
#include "storage/report_writer.h"
#include "storage/rocks_engine.h"
#include "storage/status_macros.h"

namespace kg::storage {
namespace {

absl::Status CheckNodeTypeFilter(std::string_view node_type) {
  if (node_type.empty() ||
      std::find(std::begin(kNodeTypes), std::end(kNodeTypes), node_type) != std::end(kNodeTypes)) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown node type '", std::string(node_type), "'"));
}

bool TypeMatches(const Node& node, std::string_view node_type) {
  return node_type.empty() || node.type == node_type;
}

// The nodes with these ids as of `snapshot`, in order, skipping absent ones.
absl::StatusOr<std::vector<Node>> ReadNodes(const RocksEngine& engine,
                                            const rocksdb::Snapshot* snapshot,
                                            const std::vector<NodeId>& ids) {
  std::vector<Node> nodes;
  nodes.reserve(ids.size());
  for (NodeId id : ids) {
    KG_ASSIGN_OR_RETURN(std::optional<NodeRecord> record, engine.ReadNode(snapshot, id));
    if (record.has_value()) nodes.push_back(FromRecord(*record));
  }
  return nodes;
}

}  // namespace

RocksGraphStore::RocksGraphStore(std::unique_ptr<RocksEngine> engine)
    : engine_(std::move(engine)) {}

RocksGraphStore::~RocksGraphStore() { Close().IgnoreError(); }

absl::StatusOr<std::unique_ptr<RocksGraphStore>> RocksGraphStore::Open(const std::string& dir) {
  // Refuse to run with a folding that differs from the one the indexes were built with.
  KG_RETURN_IF_ERROR(TextFoldingStatus());
  KG_ASSIGN_OR_RETURN(std::unique_ptr<RocksEngine> engine, RocksEngine::Open(dir));
  return std::unique_ptr<RocksGraphStore>(new RocksGraphStore(std::move(engine)));
}

absl::Status RocksGraphStore::Close() {
  absl::MutexLock lock(&write_mu_);
  if (engine_ == nullptr) return absl::OkStatus();
  absl::Status status = engine_->Close();
  engine_.reset();
  return status;
}

absl::Status RocksGraphStore::CheckOpen() const {
  if (engine_ != nullptr) return absl::OkStatus();
  return absl::FailedPreconditionError("graph store is closed");
}

absl::StatusOr<ReportInfo> RocksGraphStore::PutReport(const ReportGraph& graph, bool* replaced) {
  absl::MutexLock lock(&write_mu_);
  KG_RETURN_IF_ERROR(CheckOpen());
  return WriteReport(*engine_, graph, replaced);
}

absl::Status RocksGraphStore::DeleteReport(ReportId report) {
  absl::MutexLock lock(&write_mu_);
  KG_RETURN_IF_ERROR(CheckOpen());
  return RemoveReport(*engine_, report);
}

absl::StatusOr<std::vector<ReportInfo>> RocksGraphStore::ListReports() {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  std::vector<ReportInfo> reports;
  absl::Status parse_status;
  KG_RETURN_IF_ERROR(engine_->Scan(snapshot->snapshot(), Column::kMeta, ManifestPrefix(),
                                   [&](std::string_view key, std::string_view value) {
                                     if (!ParseManifestKey(key).has_value()) return true;
                                     absl::StatusOr<ReportManifest> manifest =
                                         ParseRecord<ReportManifest>(value, "manifest");
                                     if (!manifest.ok()) {
                                       parse_status = manifest.status();
                                       return false;
                                     }
                                     reports.push_back(FromRecord(manifest->info()));
                                     return true;
                                   }));
  KG_RETURN_IF_ERROR(parse_status);
  return reports;
}

absl::StatusOr<Node> RocksGraphStore::GetNode(NodeId id) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_ASSIGN_OR_RETURN(std::optional<NodeRecord> record, engine_->ReadNode(nullptr, id));
  if (!record.has_value()) return absl::NotFoundError(absl::StrCat("no node ", IdToHex(id)));
  return FromRecord(*record);
}

absl::StatusOr<std::vector<Node>> RocksGraphStore::GetNodes(const std::vector<NodeId>& ids) {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  return ReadNodes(*engine_, snapshot->snapshot(), ids);
}

absl::StatusOr<std::vector<Edge>> RocksGraphStore::GetEdges(NodeId node, Direction direction,
                                                            std::string_view edge_type,
                                                            size_t limit, bool* truncated) {
  KG_RETURN_IF_ERROR(CheckOpen());
  std::string prefix = EdgePrefix(node);
  if (!edge_type.empty()) {
    std::optional<uint8_t> code = EdgeTypeCode(edge_type);
    if (!code.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown edge type '", std::string(edge_type), "'"));
    }
    prefix = EdgePrefix(node, *code);
  }
  auto snapshot = engine_->NewSnapshot();
  std::vector<Edge> edges;
  bool cut = false;
  absl::Status parse_status;
  KG_RETURN_IF_ERROR(engine_->Scan(
      snapshot->snapshot(), direction == Direction::kOut ? Column::kOutEdges : Column::kInEdges,
      prefix, [&](std::string_view, std::string_view value) {
        if (edges.size() >= limit) {
          cut = true;
          return false;
        }
        absl::StatusOr<EdgeRecord> record = ParseRecord<EdgeRecord>(value, "edge");
        if (!record.ok()) {
          parse_status = record.status();
          return false;
        }
        edges.push_back(FromRecord(*record));
        return true;
      }));
  KG_RETURN_IF_ERROR(parse_status);
  if (truncated != nullptr) *truncated = cut;
  return edges;
}

absl::StatusOr<std::vector<Node>> RocksGraphStore::LookupName(std::string_view name,
                                                              std::string_view node_type) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_RETURN_IF_ERROR(CheckNodeTypeFilter(node_type));
  const std::string folded = FoldText(name);
  if (folded.empty()) return std::vector<Node>();
  auto snapshot = engine_->NewSnapshot();
  std::vector<NodeId> ids;
  KG_RETURN_IF_ERROR(engine_->Scan(snapshot->snapshot(), Column::kNames, TermPrefix(folded),
                                   [&](std::string_view key, std::string_view) {
                                     if (auto parsed = ParseTermKey(key)) {
                                       ids.push_back(parsed->node);
                                     }
                                     return true;
                                   }));
  KG_ASSIGN_OR_RETURN(std::vector<Node> nodes, ReadNodes(*engine_, snapshot->snapshot(), ids));
  nodes.erase(std::remove_if(nodes.begin(), nodes.end(),
                             [&](const Node& n) { return !TypeMatches(n, node_type); }),
              nodes.end());
  return nodes;
}

absl::StatusOr<std::vector<SearchHit>> RocksGraphStore::SearchText(std::string_view query,
                                                                   std::string_view node_type,
                                                                   double min_score, size_t limit) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_RETURN_IF_ERROR(CheckNodeTypeFilter(node_type));
  const std::vector<std::string> tokens = Bigrams(FoldText(query));
  if (tokens.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("query '", std::string(query), "' has no letters, digits or ideographs"));
  }
  auto snapshot = engine_->NewSnapshot();
  // Number of the query's tokens each node's name contains. Tokens are distinct and a
  // posting is unique per (token, node), so each counts at most once.
  absl::flat_hash_map<NodeId, size_t> matched;
  for (const std::string& token : tokens) {
    KG_RETURN_IF_ERROR(engine_->Scan(snapshot->snapshot(), Column::kPostings, TermPrefix(token),
                                     [&](std::string_view key, std::string_view) {
                                       if (auto parsed = ParseTermKey(key)) {
                                         ++matched[parsed->node];
                                       }
                                       return true;
                                     }));
  }
  // Score before reading nodes, so that weak matches of common tokens cost no reads.
  const auto score_of = [&](size_t count) {
    return static_cast<double>(count) / static_cast<double>(tokens.size());
  };
  std::vector<NodeId> candidates;
  for (const auto& [id, count] : matched) {
    if (score_of(count) >= min_score) candidates.push_back(id);
  }
  KG_ASSIGN_OR_RETURN(std::vector<Node> nodes,
                      ReadNodes(*engine_, snapshot->snapshot(), candidates));
  struct Ranked {
    size_t matched;
    size_t name_length;  // code points
    Node node;
  };
  std::vector<Ranked> ranked;
  for (Node& node : nodes) {
    if (!TypeMatches(node, node_type)) continue;
    const size_t name_length = CodePointCount(node.name);
    ranked.push_back(Ranked{matched[node.id], name_length, std::move(node)});
  }
  // Best first: more query tokens, then shorter name, then smaller id.
  const size_t kept = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + kept, ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      return std::tie(b.matched, a.name_length, a.node.id) <
                             std::tie(a.matched, b.name_length, b.node.id);
                    });
  std::vector<SearchHit> hits;
  hits.reserve(kept);
  for (size_t i = 0; i < kept; ++i) {
    hits.push_back(SearchHit{std::move(ranked[i].node), score_of(ranked[i].matched)});
  }
  return hits;
}

absl::StatusOr<std::vector<std::string>> RocksGraphStore::GetText(const std::vector<Span>& spans) {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  struct ReportText {
    std::string text;
    std::vector<size_t> offsets;  // CodePointByteOffsets(text)
  };
  std::map<ReportId, ReportText> texts;  // each report read and indexed once per call
  std::vector<std::string> result;
  result.reserve(spans.size());
  for (const Span& span : spans) {
    auto it = texts.find(span.report);
    if (it == texts.end()) {
      KG_ASSIGN_OR_RETURN(std::optional<std::string> text,
                          engine_->ReadText(snapshot->snapshot(), span.report));
      if (!text.has_value()) {
        return absl::NotFoundError(absl::StrCat("no report ", IdToHex(span.report)));
      }
      std::vector<size_t> offsets = CodePointByteOffsets(*text);
      it = texts.emplace(span.report, ReportText{std::move(*text), std::move(offsets)}).first;
    }
    const ReportText& text = it->second;
    const size_t length = text.offsets.size() - 1;
    if (span.begin > span.end) {
      return absl::InvalidArgumentError(
          absl::StrCat("span [", span.begin, ", ", span.end, ") begins after its end"));
    }
    if (span.end > length) {
      return absl::OutOfRangeError(
          absl::StrCat("span [", span.begin, ", ", span.end, ") ends past the text of report ",
                       IdToHex(span.report), " (", length, " code points)"));
    }
    const size_t begin = text.offsets[span.begin];
    result.push_back(text.text.substr(begin, text.offsets[span.end] - begin));
  }
  return result;
}

absl::Status RocksGraphStore::Export(ReportId report,
                                     const std::function<absl::Status(const Node&)>& node_sink,
                                     const std::function<absl::Status(const Edge&)>& edge_sink) {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  const rocksdb::Snapshot* view = snapshot->snapshot();
  if (report == 0) {
    // Exporting everything is a bulk read, not a query: scanning is the point.
    absl::Status status;
    KG_RETURN_IF_ERROR(
        engine_->Scan(view, Column::kNodes, "", [&](std::string_view, std::string_view value) {
          absl::StatusOr<NodeRecord> record = ParseRecord<NodeRecord>(value, "node");
          status = record.ok() ? node_sink(FromRecord(*record)) : record.status();
          return status.ok();
        }));
    KG_RETURN_IF_ERROR(status);
    KG_RETURN_IF_ERROR(
        engine_->Scan(view, Column::kOutEdges, "", [&](std::string_view, std::string_view value) {
          absl::StatusOr<EdgeRecord> record = ParseRecord<EdgeRecord>(value, "edge");
          status = record.ok() ? edge_sink(FromRecord(*record)) : record.status();
          return status.ok();
        }));
    return status;
  }

  KG_ASSIGN_OR_RETURN(std::optional<ReportManifest> manifest, engine_->ReadManifest(view, report));
  if (!manifest.has_value()) {
    return absl::NotFoundError(absl::StrCat("no report ", IdToHex(report)));
  }
  // Records the manifest lists may be gone: a delete of another report removes edges
  // that touched its nodes.
  for (const auto* ids : {&manifest->owned_nodes(), &manifest->shared_nodes()}) {
    for (NodeId id : *ids) {
      KG_ASSIGN_OR_RETURN(std::optional<NodeRecord> record, engine_->ReadNode(view, id));
      if (record.has_value()) KG_RETURN_IF_ERROR(node_sink(FromRecord(*record)));
    }
  }
  for (const auto* refs : {&manifest->owned_edges(), &manifest->shared_edges()}) {
    for (const EdgeRef& ref : *refs) {
      KG_ASSIGN_OR_RETURN(std::optional<EdgeRecord> record, engine_->ReadEdge(view, KeyOf(ref)));
      if (record.has_value()) KG_RETURN_IF_ERROR(edge_sink(FromRecord(*record)));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<StoreStats> RocksGraphStore::Stats() {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_ASSIGN_OR_RETURN(StoreCounters counters, engine_->ReadCounters(nullptr));
  StoreStats stats;
  stats.reports = counters.reports();
  stats.nodes = counters.nodes();
  stats.edges = counters.edges();
  stats.name_entries = counters.name_entries();
  stats.postings = counters.postings();
  return stats;
}

absl::StatusOr<StoreStats> RocksGraphStore::CountRecords() {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  auto count = [&](Column column, std::string_view prefix, uint64_t* counter) -> absl::Status {
    return engine_->Scan(snapshot->snapshot(), column, prefix,
                         [counter](std::string_view, std::string_view) {
                           ++*counter;
                           return true;
                         });
  };
  StoreStats stats;
  uint64_t in_edges = 0;
  KG_RETURN_IF_ERROR(count(Column::kMeta, ManifestPrefix(), &stats.reports));
  KG_RETURN_IF_ERROR(count(Column::kNodes, "", &stats.nodes));
  KG_RETURN_IF_ERROR(count(Column::kOutEdges, "", &stats.edges));
  KG_RETURN_IF_ERROR(count(Column::kInEdges, "", &in_edges));
  KG_RETURN_IF_ERROR(count(Column::kNames, "", &stats.name_entries));
  KG_RETURN_IF_ERROR(count(Column::kPostings, "", &stats.postings));
  if (in_edges != stats.edges) {
    return absl::DataLossError(
        absl::StrCat(stats.edges, " out-edge entries but ", in_edges, " in-edge entries"));
  }
  return stats;
}

}  // namespace kg::storage
