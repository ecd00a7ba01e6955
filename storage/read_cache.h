// ReadCache: what RocksGraphStore's reads found, kept between calls until the next
// write, so that a query's repeated reads of the report list, of report texts, of nodes
// and of edge lists cost a hash lookup instead of a RocksDB read and a record parse.
//
// Consistency: entries belong to a write epoch. Every write brackets its RocksDB batch
// with BeginWrite() and EndWrite(), which drop all entries and advance the epoch, and
// while a write is in flight nothing is found or kept. A reader takes a Ticket, reads
// (from the cache where it can, else from RocksDB's latest state), and keeps what it read
// with Keep(): Keep() succeeds only if no write began since the ticket was taken, in which
// case everything the reader saw, cached or read, is the one state of that epoch. When
// Keep() fails, the reader must discard its answer and read again under a RocksDB
// snapshot (RocksGraphStore does so), so a call still sees exactly one state.
//
// Bounded: each kind of entry has a budget; a kind that would exceed it is emptied.
//
// Thread-safety: safe for concurrent use.
#ifndef KG_STORAGE_READ_CACHE_H_
#define KG_STORAGE_READ_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "storage/fulltext.h"
#include "storage/graph_types.h"

namespace kg::storage {

// A report's text with its code point index, shared between readers.
struct IndexedText {
  explicit IndexedText(std::string text_in) : text(std::move(text_in)), index(text) {}
  std::string text;
  CodePointIndex index;
};

class ReadCache {
 public:
  // Where a reader started: the epoch, or none while a write is in flight.
  struct Ticket {
    uint64_t epoch = 0;
    bool usable = false;
  };

  // The key of an edge list: node, direction, edge type code (0: all types).
  using EdgeListKey = std::tuple<NodeId, bool, uint8_t>;

  // Default budgets: entries of nodes and edge lists, bytes of texts.
  static constexpr size_t kMaxNodes = 200000;
  static constexpr size_t kMaxEdgeLists = 200000;
  static constexpr size_t kMaxTextBytes = 64 << 20;
  static constexpr size_t kMaxAnswers = 10000;  // of lookups and of searches

  // `keep` false makes a cache that keeps nothing (every read goes to RocksDB) but
  // still tells readers whether a write began, for benchmarks of the store's own reads.
  explicit ReadCache(bool keep = true) : keep_(keep) {}
  ReadCache(const ReadCache&) = delete;
  ReadCache& operator=(const ReadCache&) = delete;

  Ticket Begin() const;

  // Entries of the ticket's epoch; nullopt / nullptr when absent, when the ticket is not
  // usable, or when the epoch has moved on.
  std::shared_ptr<const std::vector<ReportInfo>> FindReports(const Ticket& ticket) const;
  std::shared_ptr<const IndexedText> FindText(const Ticket& ticket, ReportId report) const;
  // Copies the cached nodes among `ids` to (*out)[i] (out has ids.size() slots), under
  // one lock; the others stay empty.
  void FindNodes(const Ticket& ticket, const std::vector<NodeId>& ids,
                 std::vector<std::optional<Node>>* out) const;
  std::shared_ptr<const std::vector<Edge>> FindEdges(const Ticket& ticket,
                                                     const EdgeListKey& key) const;
  // Answers of LookupName and SearchText, by a key the store makes of their arguments.
  std::shared_ptr<const std::vector<Node>> FindLookup(const Ticket& ticket,
                                                      const std::string& key) const;
  std::shared_ptr<const std::vector<SearchHit>> FindSearch(const Ticket& ticket,
                                                           const std::string& key) const;

  // What a reader read from RocksDB, to keep. Empty members keep nothing.
  struct Found {
    std::shared_ptr<const std::vector<ReportInfo>> reports;
    std::vector<std::pair<ReportId, std::shared_ptr<const IndexedText>>> texts;
    std::vector<Node> nodes;
    std::vector<std::pair<EdgeListKey, std::shared_ptr<const std::vector<Edge>>>> edge_lists;
    std::vector<std::pair<std::string, std::shared_ptr<const std::vector<Node>>>> lookups;
    std::vector<std::pair<std::string, std::shared_ptr<const std::vector<SearchHit>>>> searches;
  };

  // True if no write began since `ticket` was taken (the reader's answer is the state
  // of the ticket's epoch); then keeps `found`. False otherwise, keeping nothing.
  bool Keep(const Ticket& ticket, Found found);

  // Around every write of the store; writes must not overlap (RocksGraphStore holds its
  // writer mutex).
  void BeginWrite();
  void EndWrite();

 private:
  // Needs mu_.
  bool Current(const Ticket& ticket) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void ClearLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const bool keep_;
  mutable absl::Mutex mu_;
  uint64_t epoch_ ABSL_GUARDED_BY(mu_) = 1;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  std::shared_ptr<const std::vector<ReportInfo>> reports_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<ReportId, std::shared_ptr<const IndexedText>> texts_ ABSL_GUARDED_BY(mu_);
  size_t text_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<NodeId, Node> nodes_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<EdgeListKey, std::shared_ptr<const std::vector<Edge>>> edge_lists_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::shared_ptr<const std::vector<Node>>> lookups_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::shared_ptr<const std::vector<SearchHit>>> searches_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace kg::storage

#endif  // KG_STORAGE_READ_CACHE_H_
