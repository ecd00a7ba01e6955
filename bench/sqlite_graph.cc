// See sqlite_graph.h.
#include "bench/sqlite_graph.h"

#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "storage/record_codec.h"

namespace kg::bench {
namespace {

// Ids are unsigned 64-bit hashes; SQLite integers are signed, so the bits are kept.
int64_t ToSql(uint64_t id) { return static_cast<int64_t>(id); }
uint64_t FromSql(int64_t id) { return static_cast<uint64_t>(id); }

std::string Column(sqlite3_stmt* stmt, int i) {
  const unsigned char* text = sqlite3_column_text(stmt, i);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
}

constexpr char kSchema[] =
    "CREATE TABLE nodes (id INTEGER PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,"
    "                    report INTEGER NOT NULL);"
    "CREATE TABLE edges (id INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL,"
    "                    type TEXT NOT NULL);"
    // Covering indexes: every walk below reads (src, dst, type) from the index alone,
    // never the table rows, which is the best SQLite can do for them.
    "CREATE INDEX edges_src ON edges (src, dst, type);"
    "CREATE INDEX edges_dst ON edges (dst, src, type);"
    // Whole records by id (rowid look-ups, SQLite's cheapest): what a 1-hop that
    // returns attributes and spans reads besides the skeleton.
    "CREATE TABLE node_records (id INTEGER PRIMARY KEY, record BLOB NOT NULL);"
    "CREATE TABLE edge_records (id INTEGER PRIMARY KEY, record BLOB NOT NULL);";

constexpr char kOneHop[] =
    "SELECT e.type, n.id, n.type, n.name FROM edges e JOIN nodes n ON n.id = e.dst"
    " WHERE e.src = ?1 "
    "UNION ALL "
    "SELECT e.type, n.id, n.type, n.name FROM edges e JOIN nodes n ON n.id = e.src"
    " WHERE e.dst = ?1";

constexpr char kOneHopRecords[] =
    "SELECT er.record, nr.record FROM edges e"
    " JOIN edge_records er ON er.id = e.id JOIN node_records nr ON nr.id = e.dst"
    " WHERE e.src = ?1 "
    "UNION ALL "
    "SELECT er.record, nr.record FROM edges e"
    " JOIN edge_records er ON er.id = e.id JOIN node_records nr ON nr.id = e.src"
    " WHERE e.dst = ?1";

std::string_view Blob(sqlite3_stmt* stmt, int i) {
  return std::string_view(static_cast<const char*>(sqlite3_column_blob(stmt, i)),
                          static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
}

// UNION (not UNION ALL) drops repeated (node, depth) rows, so the walk does not revisit
// a node at the same depth.
constexpr char kReachable[] =
    "WITH RECURSIVE reach(id, depth) AS ("
    "  SELECT ?1, 0"
    "  UNION SELECT e.dst, r.depth + 1 FROM reach r JOIN edges e ON e.src = r.id"
    "        WHERE r.depth < ?2"
    "  UNION SELECT e.src, r.depth + 1 FROM reach r JOIN edges e ON e.dst = r.id"
    "        WHERE r.depth < ?2)"
    "SELECT count(DISTINCT id) FROM reach";

// Breadth first (the queue is ordered by depth), and the outer LIMIT stops the walk at
// the first row reaching the goal.
constexpr char kPath[] =
    "WITH RECURSIVE walk(id, depth) AS ("
    "  SELECT ?1, 0"
    "  UNION SELECT e.dst, w.depth + 1 FROM walk w JOIN edges e ON e.src = w.id"
    "        WHERE w.depth < ?3"
    "  UNION SELECT e.src, w.depth + 1 FROM walk w JOIN edges e ON e.dst = w.id"
    "        WHERE w.depth < ?3"
    "  ORDER BY 2)"
    "SELECT depth FROM walk WHERE id = ?2 LIMIT 1";

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteGraph>> SqliteGraph::Create(const std::string& path,
                                                                 int cache_mb) {
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::string message = db == nullptr ? "out of memory" : sqlite3_errmsg(db);
    sqlite3_close(db);
    return absl::UnavailableError(absl::StrCat("sqlite ", path, ": ", message));
  }
  std::unique_ptr<SqliteGraph> graph(new SqliteGraph(db));
  // WAL with synchronous=NORMAL: commits are not synced (only checkpoints are), so
  // loading is not bound by fsync as the RocksDB store's synced batches are; loading
  // speed is not what SQLite is compared on.
  if (auto s = graph->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s.ok()) {
    return s;
  }
  if (auto s = graph->Exec(absl::StrCat("PRAGMA cache_size=-", cache_mb * 1024, ";").c_str());
      !s.ok()) {
    return s;
  }
  if (auto s = graph->Exec(kSchema); !s.ok()) return s;
  const std::pair<const char*, sqlite3_stmt**> statements[] = {
      {"INSERT OR IGNORE INTO nodes VALUES (?1, ?2, ?3, ?4)", &graph->insert_node_},
      {"INSERT OR IGNORE INTO edges VALUES (?1, ?2, ?3, ?4)", &graph->insert_edge_},
      {"INSERT OR IGNORE INTO node_records VALUES (?1, ?2)", &graph->insert_node_record_},
      {"INSERT OR IGNORE INTO edge_records VALUES (?1, ?2)", &graph->insert_edge_record_},
      {kOneHop, &graph->one_hop_},
      {kOneHopRecords, &graph->one_hop_records_},
      {kReachable, &graph->reachable_},
      {kPath, &graph->path_},
  };
  for (const auto& [sql, stmt] : statements) {
    if (auto s = graph->Prepare(sql, stmt); !s.ok()) return s;
  }
  return graph;
}

SqliteGraph::~SqliteGraph() {
  for (sqlite3_stmt* stmt : {insert_node_, insert_edge_, insert_node_record_, insert_edge_record_,
                             one_hop_, one_hop_records_, reachable_, path_}) {
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db_);
}

absl::Status SqliteGraph::Error(const char* what) const {
  return absl::InternalError(absl::StrCat("sqlite ", what, ": ", sqlite3_errmsg(db_)));
}

absl::Status SqliteGraph::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    absl::Status status = absl::InternalError(absl::StrCat("sqlite: ", message, " in ", sql));
    sqlite3_free(message);
    return status;
  }
  return absl::OkStatus();
}

absl::Status SqliteGraph::Prepare(const char* sql, sqlite3_stmt** stmt) {
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr) != SQLITE_OK) {
    return Error("prepare");
  }
  return absl::OkStatus();
}

absl::Status SqliteGraph::InsertRecord(sqlite3_stmt* insert, uint64_t id,
                                       const std::string& record) {
  sqlite3_bind_int64(insert, 1, ToSql(id));
  sqlite3_bind_blob(insert, 2, record.data(), static_cast<int>(record.size()), SQLITE_STATIC);
  const int rc = sqlite3_step(insert);
  sqlite3_reset(insert);
  return rc == SQLITE_DONE ? absl::OkStatus() : Error("insert record");
}

absl::Status SqliteGraph::AddReport(const storage::ReportGraph& graph) {
  for (const storage::Node& node : graph.nodes) {
    sqlite3_bind_int64(insert_node_, 1, ToSql(node.id));
    sqlite3_bind_text(insert_node_, 2, node.type.data(), static_cast<int>(node.type.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert_node_, 3, node.name.data(), static_cast<int>(node.name.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(insert_node_, 4, ToSql(node.report));
    if (sqlite3_step(insert_node_) != SQLITE_DONE) return Error("insert node");
    sqlite3_reset(insert_node_);
    if (auto s = InsertRecord(insert_node_record_, node.id,
                              storage::ToRecord(node).SerializeAsString());
        !s.ok()) {
      return s;
    }
  }
  for (const storage::Edge& edge : graph.edges) {
    sqlite3_bind_int64(insert_edge_, 1, ToSql(edge.id));
    sqlite3_bind_int64(insert_edge_, 2, ToSql(edge.src));
    sqlite3_bind_int64(insert_edge_, 3, ToSql(edge.dst));
    sqlite3_bind_text(insert_edge_, 4, edge.type.data(), static_cast<int>(edge.type.size()),
                      SQLITE_STATIC);
    if (sqlite3_step(insert_edge_) != SQLITE_DONE) return Error("insert edge");
    sqlite3_reset(insert_edge_);
    if (auto s = InsertRecord(insert_edge_record_, edge.id,
                              storage::ToRecord(edge).SerializeAsString());
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SqliteGraph::Neighbor>> SqliteGraph::OneHop(storage::NodeId node) {
  std::vector<Neighbor> out;
  sqlite3_bind_int64(one_hop_, 1, ToSql(node));
  int rc;
  while ((rc = sqlite3_step(one_hop_)) == SQLITE_ROW) {
    Neighbor n;
    n.edge_type = Column(one_hop_, 0);
    n.id = FromSql(sqlite3_column_int64(one_hop_, 1));
    n.type = Column(one_hop_, 2);
    n.name = Column(one_hop_, 3);
    out.push_back(std::move(n));
  }
  sqlite3_reset(one_hop_);
  if (rc != SQLITE_DONE) return Error("1-hop");
  return out;
}

absl::StatusOr<std::vector<SqliteGraph::Hop>> SqliteGraph::OneHopRecords(storage::NodeId node) {
  std::vector<Hop> out;
  storage::RecordDecoder decoder;
  sqlite3_bind_int64(one_hop_records_, 1, ToSql(node));
  int rc;
  absl::Status decoded;
  while ((rc = sqlite3_step(one_hop_records_)) == SQLITE_ROW) {
    absl::StatusOr<storage::Edge> edge = decoder.DecodeEdge(Blob(one_hop_records_, 0));
    absl::StatusOr<storage::Node> other = decoder.DecodeNode(Blob(one_hop_records_, 1));
    if (!edge.ok() || !other.ok()) {
      decoded = edge.ok() ? other.status() : edge.status();
      break;
    }
    out.push_back(Hop{*std::move(edge), *std::move(other)});
  }
  sqlite3_reset(one_hop_records_);
  if (!decoded.ok()) return decoded;
  if (rc != SQLITE_DONE) return Error("1-hop records");
  return out;
}

absl::StatusOr<int64_t> SqliteGraph::ReachableWithin(storage::NodeId node, int hops) {
  sqlite3_bind_int64(reachable_, 1, ToSql(node));
  sqlite3_bind_int(reachable_, 2, hops);
  int64_t count = -1;
  int rc = sqlite3_step(reachable_);
  if (rc == SQLITE_ROW) count = sqlite3_column_int64(reachable_, 0);
  sqlite3_reset(reachable_);
  if (rc != SQLITE_ROW) return Error("reachable");
  return count;
}

absl::StatusOr<int> SqliteGraph::ShortestPath(storage::NodeId from, storage::NodeId to,
                                              int max_depth) {
  sqlite3_bind_int64(path_, 1, ToSql(from));
  sqlite3_bind_int64(path_, 2, ToSql(to));
  sqlite3_bind_int(path_, 3, max_depth);
  int length = -1;
  int rc = sqlite3_step(path_);
  if (rc == SQLITE_ROW) length = sqlite3_column_int(path_, 0);
  sqlite3_reset(path_);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("path");
  return length;
}

}  // namespace kg::bench
