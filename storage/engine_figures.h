// The column families of a kg store and the figures RocksDB reports about them: the
// small part of the engine that metrics and the layers above may see without RocksDB's
// headers.
#ifndef KG_STORAGE_ENGINE_FIGURES_H_
#define KG_STORAGE_ENGINE_FIGURES_H_

#include <array>
#include <cstdint>

namespace kg::storage {

// The column families of key_codec.h.
enum class Column { kNodes, kOutEdges, kInEdges, kNames, kPostings, kMeta, kShares };
inline constexpr int kColumnCount = 7;

// The name of a column family as stored (key_codec.h), for logs and metrics.
const char* ColumnName(Column column);

// What the database itself reports, for operators' metrics: RocksDB's own estimates
// and counters, cheap to read (no scan).
struct EngineFigures {
  // Bytes of SST files, of memtables and of live WAL files.
  uint64_t sst_bytes = 0;
  uint64_t memtable_bytes = 0;
  uint64_t wal_bytes = 0;
  // Bytes held in the families' block caches (bounded: 8 MiB each).
  uint64_t block_cache_bytes = 0;
  // RocksDB's estimate of the keys in each column family, indexed by Column.
  std::array<uint64_t, kColumnCount> estimated_keys{};
  // Block-cache look-ups since the store opened (RocksDB statistics tickers).
  uint64_t block_cache_hits = 0;
  uint64_t block_cache_misses = 0;
};


}  // namespace kg::storage

#endif  // KG_STORAGE_ENGINE_FIGURES_H_
