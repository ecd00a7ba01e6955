// The syntax tree of one query of kg's Cypher subset (docs/cypher.md), as the parser
// builds it and the planner reads it. Every part keeps where it was written, so that
// later errors (an unknown variable, a bad parameter) can point at it.
#ifndef KG_SERVICES_QUERY_CYPHER_AST_H_
#define KG_SERVICES_QUERY_CYPHER_AST_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "services/query/cypher/lexer.h"
#include "services/query/cypher/value.h"

namespace kg::cypher {

struct Expr {
  enum class Kind {
    kLiteral,   // value
    kParameter, // name
    kVariable,  // name
    kProperty,  // args[0].name
    kList,      // [args...]
    kCompare,   // op in = <> < > <= >=; args[0] op args[1]
    kContains, kStartsWith, kEndsWith, kIn,  // args[0] OP args[1]
    kAnd, kOr, kXor, kNot,
    kIsNull, kIsNotNull,
    kFunction,  // name(args...): search, id, type, labels, length, nodes, edges, ...
    kCountStar, // count(*)
  };
  Kind kind = Kind::kLiteral;
  Position pos;
  std::string name;  // operator, variable, parameter, property key or function name
  bool distinct = false;  // count(DISTINCT x)
  Value value;
  std::vector<std::unique_ptr<Expr>> args;
};

using ExprPtr = std::unique_ptr<Expr>;

// (var:label {key: value, ...})
struct NodePattern {
  std::string var;  // empty: anonymous
  std::string label;  // a node type; empty: any
  Position pos;
  Position label_pos;
  std::vector<std::pair<std::string, ExprPtr>> properties;
};

enum class PatternDirection { kOut, kIn, kEither };  // -[]->  <-[]-  -[]-

// -[var:type1|type2*min..max {key: value}]->
struct RelPattern {
  std::string var;
  std::vector<std::string> types;  // edge types; empty: any
  PatternDirection direction = PatternDirection::kEither;
  bool variable_length = false;
  int min_hops = 1;
  int max_hops = 1;
  Position pos;
  std::vector<std::pair<std::string, ExprPtr>> properties;
};

// [path =] (a)-[r]->(b)-[s]-(c) ...: nodes.size() == rels.size() + 1.
struct PathPattern {
  std::string path_var;
  Position pos;
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;
};

struct ReturnItem {
  ExprPtr expr;
  std::string column;  // the alias, or the expression as written
  bool aliased = false;
};

struct OrderItem {
  ExprPtr expr;
  std::string text;  // the expression as written, to match a RETURN item
  bool descending = false;
};

struct Query {
  bool explain = false;
  std::vector<PathPattern> patterns;  // from every MATCH, in order
  ExprPtr where;                      // null: none
  bool distinct = false;
  bool return_all = false;  // RETURN *
  std::vector<ReturnItem> items;
  std::vector<OrderItem> order_by;
  ExprPtr skip;   // null: none
  ExprPtr limit;  // null: none
};

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_AST_H_
