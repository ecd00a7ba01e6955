// GraphStore: the one interface through which ingest and query code read and write the
// graph. Implementations: RocksGraphStore (in process, storage/rocks_graph_store.h) and
// RemoteGraphStore (the gRPC client of kg-stored, clients/client/remote_graph_store.h).
// The same tests run against both.
//
// Thread-safety: every implementation is safe for concurrent use. Each read call sees
// one consistent snapshot; writes (PutReport, DeleteReport) are atomic.
#ifndef KG_STORAGE_GRAPH_STORE_H_
#define KG_STORAGE_GRAPH_STORE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/consistency_checker.h"
#include "storage/graph_types.h"

namespace kg::storage {

class GraphStore {
 public:
  virtual ~GraphStore() = default;

  // Writes a report's whole subgraph in one atomic batch, replacing an earlier report
  // with the same id (its nodes, edges, index entries and text are removed in the same
  // batch; shared nodes keep other reports' spans). Sets *replaced if one existed.
  // Returns the stored ReportInfo with counts filled in.
  // INVALID_ARGUMENT: zero ids, unknown node or edge type, an edge whose end is neither
  // in the graph nor already stored, an owned record whose report differs from info.id.
  virtual absl::StatusOr<ReportInfo> PutReport(const ReportGraph& graph,
                                               bool* replaced) = 0;

  // Removes a report with everything it owns; shared records lose its spans and are
  // removed when no report names them any more. NOT_FOUND if no such report.
  virtual absl::Status DeleteReport(ReportId report) = 0;

  // All stored reports, ordered by id.
  virtual absl::StatusOr<std::vector<ReportInfo>> ListReports() = 0;

  // The node with this id. NOT_FOUND if absent. Node reads (GetNode, GetNodes,
  // LookupName, SearchText) and edge reads (GetEdges) return a shared record without
  // its spans, which grow with every report naming it: GetSpans reads them.
  virtual absl::StatusOr<Node> GetNode(NodeId id) = 0;

  // The nodes with these ids, in the order asked; unknown ids are skipped.
  virtual absl::StatusOr<std::vector<Node>> GetNodes(const std::vector<NodeId>& ids) = 0;

  // Edges leaving (kOut) or entering (kIn) a node, optionally of one type (empty: all),
  // at most `limit` of them (sets *truncated when cut). A prefix seek, never a scan.
  virtual absl::StatusOr<std::vector<Edge>> GetEdges(NodeId node, Direction direction,
                                                     std::string_view edge_type,
                                                     size_t limit, bool* truncated) = 0;

  // The same edges as GetEdges (same order, limit and *truncated), as Links: a walk
  // that needs only where edges go (multi-hop reach, shortest paths) reads them without
  // decoding records (RocksGraphStore reads only the edge keys).
  virtual absl::StatusOr<std::vector<Link>> GetLinks(NodeId node, Direction direction,
                                                     std::string_view edge_type, size_t limit,
                                                     bool* truncated) = 0;

  // Nodes whose folded name (see fulltext.h FoldText) equals the folded `name`,
  // optionally of one type (empty: all), within `reports` (see ReportSet).
  virtual absl::StatusOr<std::vector<Node>> LookupName(std::string_view name,
                                                       std::string_view node_type,
                                                       const ReportSet& reports) = 0;

  // Full-text search over node names by character bigrams of the folded text, within
  // `reports` (see ReportSet). Hits whose score (share of the query's distinct bigrams
  // present) is below `min_score` are dropped; best first, ties by shorter name then
  // id; at most `limit`. INVALID_ARGUMENT for a query with no searchable characters.
  virtual absl::StatusOr<std::vector<SearchHit>> SearchText(std::string_view query,
                                                            std::string_view node_type,
                                                            double min_score, size_t limit,
                                                            const ReportSet& reports) = 0;

  // The spans of each node, parallel to `ids` (an unknown id gets an empty list): only
  // those of `reports` (empty: every report's), ordered by (report, begin, end), at most
  // `limit_per_node` of each. This is how a shared node's spans are read; node reads
  // leave them out (see Node).
  virtual absl::StatusOr<std::vector<std::vector<Span>>> GetSpans(
      const std::vector<NodeId>& ids, const ReportSet& reports, size_t limit_per_node) = 0;

  // The text of each span (code-point offsets into the report's cleaned text).
  // NOT_FOUND for an unknown report; OUT_OF_RANGE for a span past the text's end.
  virtual absl::StatusOr<std::vector<std::string>> GetText(const std::vector<Span>& spans) = 0;

  // Calls `node_sink` for every node, then `edge_sink` for every edge, of the whole
  // store (report == 0) or of one report (its owned records and the shared ones it
  // names). Stops and returns the first non-OK status a sink returns.
  virtual absl::Status Export(ReportId report,
                              const std::function<absl::Status(const Node&)>& node_sink,
                              const std::function<absl::Status(const Edge&)>& edge_sink) = 0;

  // Record counts.
  virtual absl::StatusOr<StoreStats> Stats() = 0;

  // Operations on the store as a whole. They have defaults (UNIMPLEMENTED) so that
  // facades and fakes which only read and write reports need not provide them.

  // Verifies every invariant of the store (consistency_checker.h) on one snapshot,
  // listing at most `max_problems` of the problems found (all are counted). Slow: reads
  // every record. A non-OK status means the check could not run, not that the store is
  // inconsistent.
  virtual absl::StatusOr<ConsistencyReport> CheckConsistency(size_t /*max_problems*/) {
    return absl::UnimplementedError("this graph store cannot check its consistency");
  }

  // Writes an online, point-in-time copy of the whole store into directory `dir`, which
  // is created (with its parents) and may then be opened as a store of its own: that is
  // the restore. `dir` is a path on the store's machine. INVALID_ARGUMENT for an empty
  // or relative path or one inside the store's own directory; FAILED_PRECONDITION if
  // `dir` exists and is not an empty directory.
  virtual absl::Status Backup(const std::string& /*dir*/) {
    return absl::UnimplementedError("this graph store cannot back itself up");
  }
};

}  // namespace kg::storage

#endif  // KG_STORAGE_GRAPH_STORE_H_
