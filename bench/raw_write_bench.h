// The ceiling for bulk ingest: the rate at which a plain RocksDB database takes
// WriteBatches holding as many keys and values, of about the sizes, as the store's
// PutReport batches, with the options of storage/rocks_engine.cc (block-based tables
// with 10-bit bloom filters, WAL on, every batch synced).
#ifndef KG_BENCH_RAW_WRITE_BENCH_H_
#define KG_BENCH_RAW_WRITE_BENCH_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace kg::bench {

// The (key bytes, value bytes) of each entry a PutReport batch writes for a graph:
// a node record, name entry and bigram postings per node, an out- and an in-edge record
// per edge, the text, the manifest and the counters. Record sizes are estimated from the
// fields they hold (the store's protobuf records are a little smaller or larger).
struct BatchShape {
  std::vector<std::pair<uint32_t, uint32_t>> entries;
};
BatchShape ShapeOf(const storage::ReportGraph& graph);

// Seconds to write one synced WriteBatch per shape into a new database in `dir`.
absl::StatusOr<double> RawWriteSeconds(const std::string& dir,
                                       const std::vector<BatchShape>& shapes);

}  // namespace kg::bench

#endif  // KG_BENCH_RAW_WRITE_BENCH_H_
