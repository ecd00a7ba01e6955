// SqliteGraph: the benchmark's reference store, the same graph in one SQLite file the
// way a user picking an embedded SQL store would keep it: a nodes table, an edges table
// (src, dst, type) with covering indexes on src and on dst, WAL mode, prepared
// statements, and recursive CTEs for multi-hop questions.
//
// Each node and edge also keeps its whole record (attributes and spans, serialized as
// the kg store serializes it) in a table keyed by id, apart from the skeleton tables so
// that the skeleton questions read exactly what they did. OneHopRecords answers a 1-hop
// with those records, the same work as the kg store's 1-hop (which returns whole edges
// and nodes); OneHop answers with the skeleton only, less work than ours.
//
// Not thread-safe; one connection.
#ifndef KG_BENCH_SQLITE_GRAPH_H_
#define KG_BENCH_SQLITE_GRAPH_H_

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace kg::bench {

class SqliteGraph {
 public:
  // One row of a 1-hop answer.
  struct Neighbor {
    std::string edge_type;
    storage::NodeId id = 0;
    std::string type;
    std::string name;
  };

  // Creates (or truncates) the database file `path`. `cache_mb` is SQLite's page cache.
  static absl::StatusOr<std::unique_ptr<SqliteGraph>> Create(const std::string& path,
                                                             int cache_mb);
  ~SqliteGraph();

  // A transaction around many AddReport calls (loading is not what is compared).
  absl::Status Begin() { return Exec("BEGIN"); }
  absl::Status Commit() { return Exec("COMMIT"); }

  // Adds a report's nodes and edges (shared ones once); inside Begin() .. Commit().
  absl::Status AddReport(const storage::ReportGraph& graph);

  // Neighbours over out- and in-edges, with their edge type and node row.
  absl::StatusOr<std::vector<Neighbor>> OneHop(storage::NodeId node);

  // Neighbours over out- and in-edges as whole records: the edges and the nodes at
  // their other ends, decoded into the graph model as the kg store decodes them.
  struct Hop {
    storage::Edge edge;
    storage::Node node;
  };
  absl::StatusOr<std::vector<Hop>> OneHopRecords(storage::NodeId node);

  // Distinct nodes within `hops` hops of `node` over edges in either direction,
  // `node` included (recursive CTE).
  absl::StatusOr<int64_t> ReachableWithin(storage::NodeId node, int hops);

  // Length of a shortest path between `from` and `to` over edges in either direction,
  // at most `max_depth`; -1 if none (recursive CTE).
  absl::StatusOr<int> ShortestPath(storage::NodeId from, storage::NodeId to, int max_depth);

 private:
  explicit SqliteGraph(sqlite3* db) : db_(db) {}
  absl::Status Exec(const char* sql);
  absl::Status Prepare(const char* sql, sqlite3_stmt** stmt);
  absl::Status Error(const char* what) const;
  // Runs `insert` (a node_records or edge_records INSERT) for one record.
  absl::Status InsertRecord(sqlite3_stmt* insert, uint64_t id, const std::string& record);

  sqlite3* db_;
  sqlite3_stmt* insert_node_ = nullptr;
  sqlite3_stmt* insert_edge_ = nullptr;
  sqlite3_stmt* insert_node_record_ = nullptr;
  sqlite3_stmt* insert_edge_record_ = nullptr;
  sqlite3_stmt* one_hop_ = nullptr;
  sqlite3_stmt* one_hop_records_ = nullptr;
  sqlite3_stmt* reachable_ = nullptr;
  sqlite3_stmt* path_ = nullptr;
};

}  // namespace kg::bench

#endif  // KG_BENCH_SQLITE_GRAPH_H_
