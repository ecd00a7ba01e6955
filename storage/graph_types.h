// The graph model as the store and the services see it, independent of gRPC.
// Conversions to and from the kg.v1 protos live with the services
// (services/common/proto_convert.h); the store's on-disk records are in records.proto.
#ifndef KG_STORAGE_GRAPH_TYPES_H_
#define KG_STORAGE_GRAPH_TYPES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg::storage {

// Node, edge and report ids are 64-bit hashes of stable strings (see ids.h); they are
// shown to users as 16 lower-case hex digits.
using NodeId = uint64_t;
using EdgeId = uint64_t;
using ReportId = uint64_t;

// A half-open range [begin, end) of code points in one report's cleaned text.
struct Span {
  ReportId report = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  friend bool operator==(const Span& a, const Span& b) {
    return a.report == b.report && a.begin == b.begin && a.end == b.end;
  }
};

// Attribute map: small, string-valued, ordered so that output is deterministic.
using Attrs = std::map<std::string, std::string>;

// One entity. `report == 0` marks a shared node (place, indicator): it belongs to no
// single report, and its spans carry the ids of every report that names it. The store
// keeps those spans apart, one entry per report, so that a shared node's size does not
// grow with the reports naming it: its reads leave `spans` empty and GetSpans (or
// Export) fills them (graph_store.h).
struct Node {
  NodeId id = 0;
  std::string type;  // report, section, task, achievement, goal, indicator, term, place, organization
  std::string name;
  Attrs attrs;
  std::vector<Span> spans;
  ReportId report = 0;
};

// One directed relationship; `report == 0` marks a shared edge (located_in), whose spans
// are kept as a shared node's: GetEdges leaves them out, Export gives them.
struct Edge {
  EdgeId id = 0;
  std::string type;  // part_of, serves, mentions, measures, reports, includes, located_in
  NodeId src = 0;
  NodeId dst = 0;
  Attrs attrs;
  std::vector<Span> spans;
  ReportId report = 0;
};

// An edge as its key names it: identity, type and ends, without its record (attributes,
// spans, owner). What a walk over the graph needs to go on; GetLinks reads these
// without decoding a record.
struct Link {
  EdgeId id = 0;
  // A name of kEdgeTypes (static storage), so that links outlive whatever they were
  // made from: set it from KnownEdgeType, EdgeTypeName or LinkOf, never from an Edge's string.
  std::string_view type;
  NodeId src = 0;
  NodeId dst = 0;
  friend bool operator==(const Link& a, const Link& b) {
    return a.id == b.id && a.type == b.type && a.src == b.src && a.dst == b.dst;
  }
};

// What the store keeps about one report besides its nodes and edges.
struct ReportInfo {
  ReportId id = 0;
  NodeId node_id = 0;  // the report's own node (type "report")
  std::string region;
  int32_t year = 0;
  std::string edition;
  std::string title;
  std::string level;
  uint64_t node_count = 0;
  uint64_t edge_count = 0;
  uint64_t text_length = 0;  // code points
  std::string source_sha256;
};

// A report's whole subgraph, as ingest produces it and the store writes it atomically.
struct ReportGraph {
  ReportInfo info;
  std::string text;  // cleaned UTF-8 text that every span indexes
  std::vector<Node> nodes;  // includes the report node and the shared nodes it names
  std::vector<Edge> edges;
};

enum class Direction { kOut, kIn };

// The reports a name or text look-up is limited to, ascending and distinct; empty means
// every report. A scoped look-up returns the nodes those reports own and the shared
// nodes one of them names. Callers whose filter selects no report must not ask (empty
// would mean all).
using ReportSet = std::vector<ReportId>;

// One full-text hit.
struct SearchHit {
  Node node;
  double score = 0;  // share of the query's bigrams found in the name, 0..1
};

struct StoreStats {
  uint64_t reports = 0;
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t name_entries = 0;
  uint64_t postings = 0;
};

// The fixed vocabularies of the model. Anything else is rejected by the store.
inline constexpr std::string_view kNodeTypes[] = {
    "report", "section", "task", "achievement", "goal",
    "indicator", "term", "place", "organization"};
inline constexpr std::string_view kEdgeTypes[] = {
    "part_of", "serves", "mentions", "measures", "reports", "includes", "located_in"};

// The kEdgeTypes entry equal to `type` (a view that outlives `type`, as Link.type must);
// nullopt for a type not in the vocabulary.
inline std::optional<std::string_view> KnownEdgeType(std::string_view type) {
  for (std::string_view known : kEdgeTypes) {
    if (known == type) return known;
  }
  return std::nullopt;
}

// The link of a whole edge (its type taken from kEdgeTypes, so the link outlives `edge`);
// nullopt for an edge whose type is not in the vocabulary (the store never holds one).
inline std::optional<Link> LinkOf(const Edge& edge) {
  std::optional<std::string_view> type = KnownEdgeType(edge.type);
  if (!type.has_value()) return std::nullopt;
  return Link{edge.id, *type, edge.src, edge.dst};
}

}  // namespace kg::storage

#endif  // KG_STORAGE_GRAPH_TYPES_H_
