// How a query is answered: the planner (planner.cc) turns a parsed Query into a Plan,
// the matcher (matcher.cc) walks it over a GraphStore.
//
// A plan is a sequence of steps that bind variables one at a time. A Start step binds a
// node from an index, the most selective the query allows: an id equality
// (GetNode), a name equality or IN list (LookupName, folded like the resolver's name
// step), a search() predicate (SearchText), and only when none of those exists a node
// type (a scan of the stored nodes, keeping that type). An Expand step follows edges
// from a bound node (GetEdges, with the pattern's direction and edge types), one hop or
// a bounded number of hops. Each WHERE conjunct runs as soon as its variables are bound.
#ifndef KG_SERVICES_QUERY_CYPHER_PLAN_H_
#define KG_SERVICES_QUERY_CYPHER_PLAN_H_

#include <map>
#include <string>
#include <vector>

#include "services/query/cypher/ast.h"

namespace kg::cypher {

enum class StartKind { kId, kName, kSearch, kLabel, kAll };

struct StartStep {
  int slot = -1;
  StartKind kind = StartKind::kAll;
  std::string label;             // node type the node must have; empty: any
  const Expr* key = nullptr;     // kId / kName: the value, or a list of values (IN)
  const Expr* text = nullptr;    // kSearch: the text
  const Expr* min_score = nullptr;  // kSearch: the optional third argument
  const Expr* consumed = nullptr;   // the conjunct the start answers exactly, not re-run
};

struct ExpandStep {
  int from_slot = -1;
  int to_slot = -1;
  int edge_slot = -1;
  bool to_bound = false;  // the far node is already bound: the step joins, not binds
  const RelPattern* rel = nullptr;
  bool reversed = false;   // walked against the pattern's writing order
  std::string to_label;    // node type the far node must have; empty: any
};

struct Step {
  enum class Kind { kStart, kExpand } kind = Kind::kStart;
  StartStep start;
  ExpandStep expand;
  // WHERE conjuncts whose variables are all bound once this step has run.
  std::vector<const Expr*> filters;
};

// A path variable: the slots of its nodes and edges in pattern order.
struct PathSlots {
  int slot = -1;
  std::vector<int> nodes;
  std::vector<int> edges;
};

enum class SlotKind { kNode, kEdge, kEdgeList, kPath };

struct Plan {
  const Query* query = nullptr;
  std::map<std::string, int> slot_of;  // variable -> slot, anonymous ones included
  std::vector<SlotKind> slot_kinds;
  std::vector<std::string> slot_names;  // "" for anonymous
  std::vector<Step> steps;
  std::vector<PathSlots> paths;
  // Expressions the planner made (inline {key: value} properties as equalities); the
  // steps point into them.
  std::vector<ExprPtr> owned;
};

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_PLAN_H_
