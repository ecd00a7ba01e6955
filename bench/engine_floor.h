// The engine's floor under a 1-hop: the RocksDB reads the store's 1-hop makes (the out-
// and in-edge entries of a node by prefix, then a point read of each neighbour's node
// record), made through RocksEngine on a checkpoint of the store: same files, same table
// options, no record decoding, no snapshot, none of the store's logic. The scale bench
// times it beside the store's 1-hop: its growth from the smallest size to the largest is
// what RocksDB and the machine's caches cost alone, and the store over it is kg's share.
//
// It also times the least read any key layout's 1-hop must make: one point read, or one
// prefix seek stopping at its first entry. Whatever a store keeps where, a 1-hop on
// RocksDB is at least one of them, so their growth with size bounds from below what any
// layout on this engine and machine could grow (docs/PERFORMANCE.md, "Scale").
#ifndef KG_BENCH_ENGINE_FLOOR_H_
#define KG_BENCH_ENGINE_FLOOR_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace kg::storage {
class RocksEngine;
class RocksGraphStore;
}  // namespace kg::storage

namespace kg::bench {

class EngineFloor {
 public:
  // Checkpoints `store` into `dir` (which must not exist) and opens the copy; the
  // destructor closes it and removes `dir`.
  static absl::StatusOr<std::unique_ptr<EngineFloor>> Open(storage::RocksGraphStore* store,
                                                           const std::string& dir);
  ~EngineFloor();
  EngineFloor(const EngineFloor&) = delete;
  EngineFloor& operator=(const EngineFloor&) = delete;

  // The node records found among the neighbours of `node` (one per edge end, as the
  // store's 1-hop returns them), read raw.
  absl::StatusOr<size_t> OneHop(storage::NodeId node);

  // The least reads: a point read of `node`'s own record (true if present), and a
  // prefix seek of its out-edge entries that stops at the first (true if it has one).
  absl::StatusOr<bool> PointRead(storage::NodeId node);
  absl::StatusOr<bool> FirstOutEdge(storage::NodeId node);

 private:
  EngineFloor(std::unique_ptr<storage::RocksEngine> engine, std::string dir);

  std::unique_ptr<storage::RocksEngine> engine_;
  std::string dir_;
};

}  // namespace kg::bench

#endif  // KG_BENCH_ENGINE_FLOOR_H_
