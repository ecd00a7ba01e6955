// The values a Cypher query computes and returns: null, booleans, integers, floats,
// strings, lists, and the graph's own nodes, edges and paths.
//
// Node attributes are strings in the store (storage/graph_types.h); comparisons read a
// string that spells a number as that number when the other side is a number, so
// `g.value > 5` compares 6.5 with 5, not "6.5" with "5".
#ifndef KG_SERVICES_QUERY_CYPHER_VALUE_H_
#define KG_SERVICES_QUERY_CYPHER_VALUE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/graph_types.h"

namespace kg::cypher {

// A walk through the graph: nodes[0], edges[0], nodes[1], ... (nodes.size() ==
// edges.size() + 1 unless empty).
struct PathValue {
  std::vector<storage::Node> nodes;
  std::vector<storage::Edge> edges;
};

struct Value {
  enum class Type { kNull, kBool, kInt, kFloat, kString, kList, kNode, kEdge, kPath };

  Type type = Type::kNull;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<Value> list;
  // Shared so that the rows of a large answer copy pointers, not whole nodes.
  std::shared_ptr<const storage::Node> node;
  std::shared_ptr<const storage::Edge> edge;
  std::shared_ptr<const PathValue> path;

  static Value Null() { return Value(); }
  static Value Bool(bool v);
  static Value Int(int64_t v);
  static Value Float(double v);
  static Value String(std::string v);
  static Value List(std::vector<Value> v);
  static Value OfNode(std::shared_ptr<const storage::Node> n);
  static Value OfEdge(std::shared_ptr<const storage::Edge> e);
  static Value OfPath(std::shared_ptr<const PathValue> p);

  bool is_null() const { return type == Type::kNull; }
};

// The name of a type for messages: "string", "node", ...
const char* TypeName(Value::Type type);

// The number a value stands for: an int or float, or a string spelling one.
std::optional<double> AsNumber(const Value& v);

// Cypher equality: null if either side is null; numbers compare by value (strings
// spelling numbers included, when the other side is a number); nodes, edges by id.
std::optional<bool> Equals(const Value& a, const Value& b);

// Cypher ordering for < > <= >=: negative, zero or positive; nullopt when the two are
// not comparable (null, or a string with a number that spells none).
std::optional<int> Compare(const Value& a, const Value& b);

// A total order for ORDER BY: numbers (strings spelling one included, since attributes
// are stored as text), then strings, then booleans, then nodes (by name), edges, paths
// and lists, nulls last.
int OrderCompare(const Value& a, const Value& b);

// One line of text for tables and plans: strings as they are, nodes as "name (type)",
// edges as ":type", paths as "a -[:t]-> b", lists as "[x, y]".
std::string ToDisplay(const Value& v);

// A string that is equal for equal values (DISTINCT, grouping).
std::string Key(const Value& v);

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_VALUE_H_
