// See graph_walks.h.
#include "bench/graph_walks.h"

#include <filesystem>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace kg::bench {
namespace {

// Calls fn(neighbour) for every edge of `node` in either direction.
template <typename Fn>
absl::Status ForEachNeighbor(storage::GraphStore* store, storage::NodeId node, EdgeReads reads,
                             const Fn& fn) {
  for (auto direction : {storage::Direction::kOut, storage::Direction::kIn}) {
    const bool out = direction == storage::Direction::kOut;
    bool truncated = false;
    if (reads == EdgeReads::kLinks) {
      auto links = store->GetLinks(node, direction, "", kNoLimit, &truncated);
      if (!links.ok()) return links.status();
      for (const storage::Link& l : *links) fn(out ? l.dst : l.src);
    } else {
      auto edges = store->GetEdges(node, direction, "", kNoLimit, &truncated);
      if (!edges.ok()) return edges.status();
      for (const storage::Edge& e : *edges) fn(out ? e.dst : e.src);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> ReachableWithin(storage::GraphStore* store, storage::NodeId start,
                                        int hops, EdgeReads reads) {
  absl::flat_hash_set<storage::NodeId> seen = {start};
  std::vector<storage::NodeId> frontier = {start}, next;
  for (int level = 0; level < hops && !frontier.empty(); ++level) {
    next.clear();
    for (storage::NodeId id : frontier) {
      absl::Status s = ForEachNeighbor(store, id, reads, [&](storage::NodeId n) {
        if (seen.insert(n).second) next.push_back(n);
      });
      if (!s.ok()) return s;
    }
    frontier.swap(next);
  }
  return static_cast<int64_t>(seen.size());
}

absl::StatusOr<int> ShortestPathLength(storage::GraphStore* store, storage::NodeId from,
                                       storage::NodeId to, int max_depth, EdgeReads reads) {
  if (from == to) return 0;
  struct Side {
    absl::flat_hash_map<storage::NodeId, int> depth;
    std::vector<storage::NodeId> frontier;
    int level = 0;
  };
  Side a, b;
  a.depth[from] = 0;
  a.frontier = {from};
  b.depth[to] = 0;
  b.frontier = {to};
  while (a.level + b.level < max_depth) {
    Side& side = a.frontier.size() <= b.frontier.size() ? a : b;
    Side& other = &side == &a ? b : a;
    if (side.frontier.empty()) return -1;
    side.level++;
    std::vector<storage::NodeId> next;
    int best = -1;
    for (storage::NodeId id : side.frontier) {
      absl::Status s = ForEachNeighbor(store, id, reads, [&](storage::NodeId n) {
        if (!side.depth.emplace(n, side.level).second) return;
        next.push_back(n);
        auto met = other.depth.find(n);
        if (met != other.depth.end()) {
          const int length = side.level + met->second;
          if (best < 0 || length < best) best = length;
        }
      });
      if (!s.ok()) return s;
    }
    // Every meeting found while completing this level has the same side.level, and the
    // other side's depths differ by at most one, so the best of this level is shortest.
    if (best >= 0) return best;
    side.frontier.swap(next);
  }
  return -1;
}

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) bytes += it->file_size(error);
  }
  return bytes;
}

}  // namespace kg::bench
