// The ceiling for bulk ingest: the rate at which a plain RocksDB database takes
// WriteBatches holding as many keys and values, of about the sizes, as the store's
// PutReport batches, with the options of storage/rocks_engine.cc (block-based tables
// with 10-bit bloom filters, WAL on, every batch synced).
#ifndef KG_BENCH_RAW_WRITE_BENCH_H_
#define KG_BENCH_RAW_WRITE_BENCH_H_

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace kg::bench {

// The (key bytes, value bytes) of each entry a PutReport batch writes for a graph:
// a node record, name entry and bigram postings per node, an out- and an in-edge record
// per edge, the text, the manifest and the counters. Record sizes are estimated from the
// fields they hold (the store's protobuf records are a little smaller or larger).
struct BatchShape {
  std::vector<std::pair<uint32_t, uint32_t>> entries;
};
BatchShape ShapeOf(const storage::ReportGraph& graph);

// A new plain RocksDB database in `dir` taking one synced WriteBatch per shape, each
// Write timed alone. The scale bench writes each report's batch right after that
// report's PutReport, so that both sides meet the machine in the same state: run one
// after the other, minutes apart, their ratio moved with the machine's load.
class RawWriter {
 public:
  static absl::StatusOr<std::unique_ptr<RawWriter>> Open(const std::string& dir);
  ~RawWriter();
  RawWriter(const RawWriter&) = delete;
  RawWriter& operator=(const RawWriter&) = delete;

  // Seconds that writing one batch of this shape took.
  absl::StatusOr<double> Write(const BatchShape& shape);

 private:
  explicit RawWriter(std::unique_ptr<rocksdb::DB> db);

  std::unique_ptr<rocksdb::DB> db_;
  std::mt19937_64 rng_{7};
  std::string filler_;  // value bytes are cut from this text
  std::string key_;
};

}  // namespace kg::bench

#endif  // KG_BENCH_RAW_WRITE_BENCH_H_
