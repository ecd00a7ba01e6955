// Multi-hop walks over a GraphStore for the scale benchmark, the answers the SQLite
// recursive CTEs of sqlite_graph.h give, so both sides do the same work: distinct nodes
// within n hops, and the length of a shortest path, over edges in either direction.
#ifndef KG_BENCH_GRAPH_WALKS_H_
#define KG_BENCH_GRAPH_WALKS_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/statusor.h"
#include "storage/graph_store.h"

namespace kg::bench {

// GetEdges limit meaning "all": SQLite's queries have no limit either.
inline constexpr size_t kNoLimit = std::numeric_limits<size_t>::max();
// Longest path searched, as QueryEngine::Path's default (kDefaultPathDepth).
inline constexpr int kPathDepth = 4;

// How a walk reads a node's edges: GetLinks (keys only, as the product's walks) or
// GetEdges (whole records, decoded), the bench's in-run baseline for what links save.
enum class EdgeReads { kLinks, kWholeEdges };

// Distinct nodes within `hops` hops of `start`, `start` included; breadth first.
absl::StatusOr<int64_t> ReachableWithin(storage::GraphStore* store, storage::NodeId start,
                                        int hops, EdgeReads reads = EdgeReads::kLinks);

// Length of a shortest path from `from` to `to` of at most `max_depth` edges, -1 if none;
// breadth first from both ends, expanding the smaller frontier (as services/query/path.cc).
absl::StatusOr<int> ShortestPathLength(storage::GraphStore* store, storage::NodeId from,
                                       storage::NodeId to, int max_depth,
                                       EdgeReads reads = EdgeReads::kLinks);

// Bytes of the files under `dir`.
uint64_t DirectoryBytes(const std::string& dir);

}  // namespace kg::bench

#endif  // KG_BENCH_GRAPH_WALKS_H_
