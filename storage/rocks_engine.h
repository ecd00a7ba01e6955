// RocksEngine: the opened RocksDB instance of a kg store with its column families and
// their options, and the typed reads every layer above needs. It knows the key layout
// (key_codec.h) and the record format (records.proto) but no graph semantics; those
// are in report_writer.h (writes) and rocks_graph_store.h (reads).
//
// Thread-safety: all methods except Close() may be called concurrently.
#ifndef KG_STORAGE_ROCKS_ENGINE_H_
#define KG_STORAGE_ROCKS_ENGINE_H_

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/snapshot.h"
#include "rocksdb/statistics.h"
#include "rocksdb/write_batch.h"
#include "storage/graph_types.h"
#include "storage/engine_figures.h"
#include "storage/key_codec.h"
#include "storage/records.pb.h"

namespace kg::storage {

// Bytes of the one block cache all column families share.
inline constexpr size_t kBlockCacheBytes = size_t{128} << 20;

// ReadNodes reads up to this many ids by point reads (which use the nodes family's
// data-block hash index), more in one MultiGet.
inline constexpr size_t kPointReadBatch = 16;

class RocksEngine {
 public:
  // Opens the store in `dir`, creating it (and writing the format version) if `dir` is
  // missing or empty. FAILED_PRECONDITION if `dir` holds something that is not a kg
  // store or a store of another format version; UNAVAILABLE and friends for I/O errors.
  static absl::StatusOr<std::unique_ptr<RocksEngine>> Open(const std::string& dir);

  RocksEngine(const RocksEngine&) = delete;
  RocksEngine& operator=(const RocksEngine&) = delete;
  ~RocksEngine();  // Closes, ignoring errors.

  // Flushes and closes the database; idempotent. No other call may run concurrently
  // with it or follow it.
  absl::Status Close();

  // A point-in-time view for a series of reads; release it by destroying it.
  std::unique_ptr<rocksdb::ManagedSnapshot> NewSnapshot();

  // Reads below take a snapshot; nullptr reads the latest state.

  // The value of `key`, or nullopt if absent.
  absl::StatusOr<std::optional<std::string>> Get(const rocksdb::Snapshot* snapshot, Column column,
                                                 std::string_view key) const;

  // Calls `fn(key, value)` for each key starting with `prefix` (all keys if empty), in
  // key order, until `fn` returns false. Edge-family seeks on at least
  // kEdgePrefixLength bytes use the prefix bloom filters.
  absl::Status Scan(
      const rocksdb::Snapshot* snapshot, Column column, std::string_view prefix,
      const std::function<bool(std::string_view key, std::string_view value)>& fn) const;

  // Scan of several prefixes (of a family without a prefix extractor) through one
  // iterator: `fn(key, value)` for each key starting with each prefix, prefix by prefix
  // in the order given, until `fn` returns false. Creating an iterator costs a seek
  // structure over every memtable and SST level, which dominated look-ups of many short
  // prefixes (a phrase's bigrams) once a store had a few levels; seeking is cheap.
  absl::Status ScanPrefixes(
      const rocksdb::Snapshot* snapshot, Column column, const std::vector<std::string>& prefixes,
      const std::function<bool(std::string_view key, std::string_view value)>& fn) const;

  // Typed reads: nullopt if absent, DATA_LOSS if the stored value does not parse.
  absl::StatusOr<std::optional<NodeRecord>> ReadNode(const rocksdb::Snapshot* snapshot,
                                                     NodeId id) const;
  // The nodes with these ids, in order, nullopt for absent ones; one consistent view
  // even without a snapshot (point reads under an implicit snapshot, or a MultiGet).
  absl::StatusOr<std::vector<std::optional<Node>>> ReadNodes(
      const rocksdb::Snapshot* snapshot, const std::vector<NodeId>& ids) const;
  absl::StatusOr<std::optional<EdgeRecord>> ReadEdge(const rocksdb::Snapshot* snapshot,
                                                     const EdgeKey& key) const;
  absl::StatusOr<std::optional<ReportManifest>> ReadManifest(const rocksdb::Snapshot* snapshot,
                                                             ReportId report) const;
  absl::StatusOr<std::optional<std::string>> ReadText(const rocksdb::Snapshot* snapshot,
                                                      ReportId report) const;
  // All zero in a new store.
  absl::StatusOr<StoreCounters> ReadCounters(const rocksdb::Snapshot* snapshot) const;

  // RocksDB's size estimates and block-cache counters.
  EngineFigures Figures() const;

  // Applies `batch` atomically and durably (the WAL is synced before returning).
  absl::Status Write(rocksdb::WriteBatch* batch);

  // The commit generation, seqlock style (read_generation.h): Write() makes it odd
  // before it applies its batch and even again after, so a snapshot taken between two
  // equal even readings of it holds exactly the batches of that generation.
  uint64_t CommitGeneration() const { return commit_generation_.load(); }

  // Writes a RocksDB checkpoint (an openable, point-in-time copy; SST files hard-linked
  // when on the same file system) into `dir`, which must not exist; its parent must.
  absl::Status Checkpoint(const std::string& dir);

  // Flushes every memtable and compacts every family into its last level, waiting for
  // it: the state background compaction tends to once writes stop.
  absl::Status Compact();

  // For building write batches.
  rocksdb::ColumnFamilyHandle* Handle(Column column) const {
    return handles_[static_cast<int>(column)];
  }

 private:
  RocksEngine() = default;

  std::unique_ptr<rocksdb::DB> db_;
  std::atomic<uint64_t> commit_generation_{0};
  // Counters RocksDB keeps while open (block-cache hits and misses for Figures()).
  std::shared_ptr<rocksdb::Statistics> statistics_;
  // Shared by every column family (rocks_engine.cc says why).
  std::shared_ptr<rocksdb::Cache> block_cache_;
  // Indexed by Column; owned, released in Close().
  std::array<rocksdb::ColumnFamilyHandle*, kColumnCount> handles_{};
  // The default family, which RocksDB requires to be open but the store never uses.
  rocksdb::ColumnFamilyHandle* default_handle_ = nullptr;
};

}  // namespace kg::storage

#endif  // KG_STORAGE_ROCKS_ENGINE_H_
