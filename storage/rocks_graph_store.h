// RocksGraphStore: the GraphStore kept in a local RocksDB directory, used in process by
// kgd and kg-stored and by tests. Key layout: key_codec.h; write path: report_writer.h.
//
// Thread-safety: safe for concurrent use, except Close() (below). Writes are serialised
// by one writer mutex (RocksDB batches are atomic, but planning a replace reads the
// current state, so two concurrent writers could plan from the same stale view). Each
// read call sees exactly one state even while writes land (see read_cache.h), and reads
// never wait for writes.
//
// Choices within the GraphStore contract:
// - Stats() reads counters that every write batch updates, so it is one point read;
//   CountRecords() recounts by scanning, to check them.
// - A `limit` of 0 in GetEdges returns no edges (and sets *truncated if any exist).
// - Unknown `edge_type` / `node_type` filters are INVALID_ARGUMENT, not empty results.
// - LookupName of a name that folds to nothing returns no nodes.
// - GetText: a span with begin > end is INVALID_ARGUMENT.
// - Export of an unknown report is NOT_FOUND. Per-report export yields the report's
//   owned nodes, then the shared nodes it names, then its owned and shared edges, each
//   in the order of the graph it was written with; shared records carry that report's
//   spans only (a whole-store export carries every report's).
// - Reads are answered from a cache of earlier reads (read_cache.h) that every write
//   empties; a read overlapping a write falls back to a RocksDB snapshot, so each call
//   still sees one state. Each cached-path read call (ListReports, GetNode(s), GetEdges,
//   GetLinks (answered from a kept edge list when there is one, else from keys),
//   LookupName, SearchText, GetText) notes that state's write generation to the
//   thread's read observer (read_generation.h), so a caller making several calls can
//   tell whether they all saw the same state.
// - When a write removes a node, every stored edge touching it is removed too (also
//   edges of other reports), so no edge ever points at a missing node.
#ifndef KG_STORAGE_ROCKS_GRAPH_STORE_H_
#define KG_STORAGE_ROCKS_GRAPH_STORE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "storage/engine_figures.h"
#include "storage/graph_store.h"
#include "storage/key_codec.h"
#include "storage/read_cache.h"

namespace rocksdb {
class Snapshot;
}  // namespace rocksdb

namespace kg::storage {

class RecordDecoder;  // record_codec.h, which brings the record protos

// storage/rocks_engine.h, kept out of this header so that users of the store do not
// compile against RocksDB or the record protos.
class RocksEngine;

class RocksGraphStore final : public GraphStore {
 public:
  // Opens the store in directory `dir`, creating it if `dir` is missing or empty.
  // FAILED_PRECONDITION if `dir` is not a kg store, has another format version, or the
  // text folding dictionaries (OpenCC) are not installed; I/O errors as UNAVAILABLE.
  static absl::StatusOr<std::unique_ptr<RocksGraphStore>> Open(const std::string& dir);

  // Choices for benchmarks and tests; Open(dir) uses the defaults.
  struct Options {
    // Keep reads between writes (read_cache.h). Off, every read goes to RocksDB: what a
    // benchmark of the store's own reads at several sizes wants, as how often the cache
    // hits depends on the size of the store and the calls sampled.
    bool read_cache = true;
  };
  static absl::StatusOr<std::unique_ptr<RocksGraphStore>> Open(const std::string& dir,
                                                               const Options& options);

  ~RocksGraphStore() override;  // Closes, ignoring errors.

  // Flushes and closes the database. Idempotent. Must not run concurrently with any
  // other call; calls after it return FAILED_PRECONDITION.
  absl::Status Close();

  absl::StatusOr<ReportInfo> PutReport(const ReportGraph& graph, bool* replaced) override;
  absl::Status DeleteReport(ReportId report) override;
  absl::StatusOr<std::vector<ReportInfo>> ListReports() override;
  absl::StatusOr<Node> GetNode(NodeId id) override;
  absl::StatusOr<std::vector<Node>> GetNodes(const std::vector<NodeId>& ids) override;
  absl::StatusOr<std::vector<Edge>> GetEdges(NodeId node, Direction direction,
                                             std::string_view edge_type, size_t limit,
                                             bool* truncated) override;
  absl::StatusOr<std::vector<Link>> GetLinks(NodeId node, Direction direction,
                                             std::string_view edge_type, size_t limit,
                                             bool* truncated) override;
  absl::StatusOr<std::vector<Node>> LookupName(std::string_view name, std::string_view node_type,
                                               const ReportSet& reports) override;
  absl::StatusOr<std::vector<SearchHit>> SearchText(std::string_view query,
                                                    std::string_view node_type, double min_score,
                                                    size_t limit,
                                                    const ReportSet& reports) override;
  absl::StatusOr<std::vector<std::vector<Span>>> GetSpans(const std::vector<NodeId>& ids,
                                                          const ReportSet& reports,
                                                          size_t limit_per_node) override;
  absl::StatusOr<std::vector<std::string>> GetText(const std::vector<Span>& spans) override;
  absl::Status Export(ReportId report, const std::function<absl::Status(const Node&)>& node_sink,
                      const std::function<absl::Status(const Edge&)>& edge_sink) override;
  absl::StatusOr<StoreStats> Stats() override;
  absl::StatusOr<ConsistencyReport> CheckConsistency(size_t max_problems) override;
  // A RocksDB checkpoint (rocks_engine.h), taken without stopping reads or writes: it
  // holds every write acknowledged before it began and none of any write after.
  absl::Status Backup(const std::string& dir) override;

  // Flushes and compacts the whole store (RocksEngine::Compact), writes waiting. For
  // benchmarks of a store at rest and for operators after a bulk load.
  absl::Status Compact();

  // RocksDB's own size estimates and block-cache counters, for metrics.
  absl::StatusOr<EngineFigures> Figures() const;

  // The counts Stats() reports, recounted by scanning every column family. Slow; for
  // tests and consistency checks.
  absl::StatusOr<StoreStats> CountRecords();

 private:
  RocksGraphStore(std::unique_ptr<RocksEngine> engine, const Options& options);

  // OK while open; FAILED_PRECONDITION after Close().
  absl::Status CheckOpen() const;

  // Runs `read(ticket, snapshot, found)`: first with a cache ticket and no snapshot (the
  // latest state, consulting the cache and adding what it read to *found), which is
  // answered if no write began meanwhile (read_cache.h); otherwise again with no ticket
  // under a snapshot.
  template <typename Read>
  auto CachedRead(const Read& read) -> decltype(read(nullptr, nullptr, nullptr));

  // The nodes with these ids, in order, skipping absent ones; from the cache when
  // `ticket` is set, adding what was read to *found.
  absl::StatusOr<std::vector<Node>> ReadNodes(const ReadCache::Ticket* ticket,
                                              const rocksdb::Snapshot* snapshot,
                                              const std::vector<NodeId>& ids,
                                              ReadCache::Found* found);

  // Calls fn(owner, node) for each index entry of exactly each of `terms` in `column`
  // (names or postings) owned by one of `reports` (every report when empty) or shared
  // (owner 0). Tokens are distinct, so each (term, node) entry comes once.
  absl::Status ScanTerms(const rocksdb::Snapshot* snapshot, Column column,
                         const std::vector<std::string>& terms, const ReportSet& reports,
                         const std::function<void(ReportId, NodeId)>& fn) const;
  // The shared nodes among `shared` that one of `reports` names (all when empty): point
  // reads of `shares` entries for a small scope, a walk of the node's entries for a
  // large one.
  absl::StatusOr<std::vector<NodeId>> NamedInScope(const rocksdb::Snapshot* snapshot,
                                                   std::vector<NodeId> shared,
                                                   const ReportSet& reports) const;
  // A shared record's spans of `reports` (every report's when empty), at most `limit`.
  absl::StatusOr<std::vector<Span>> ReadSharedSpans(const rocksdb::Snapshot* snapshot,
                                                    ShareKind kind, uint64_t record,
                                                    const ReportSet& reports, size_t limit) const;
  // GetEdges (Model Edge) and GetLinks (Model Link): a node's edge entries of one
  // direction, from a list the read cache kept or from RocksDB. Defined and used in the
  // .cc only.
  template <typename Model>
  absl::StatusOr<std::vector<Model>> ListEdges(NodeId node, Direction direction,
                                               std::string_view edge_type, size_t limit,
                                               bool* truncated);
  // A stored node or edge (Model) decoded by `decoder`, with its spans of `reports`
  // (a shared record's from `shares`). Defined and used in the .cc only.
  template <typename Model>
  absl::StatusOr<Model> Exported(const rocksdb::Snapshot* snapshot, std::string_view value,
                                 const ReportSet& reports, RecordDecoder* decoder) const;

  std::unique_ptr<RocksEngine> engine_;
  std::string dir_;  // as given to Open
  // Reads kept until the next write. A pointer, as ReadCache holds a mutex and the
  // store is handed out by unique_ptr anyway.
  std::unique_ptr<ReadCache> cache_;
  absl::Mutex write_mu_;  // held for the whole of PutReport and DeleteReport
};

}  // namespace kg::storage

#endif  // KG_STORAGE_ROCKS_GRAPH_STORE_H_
