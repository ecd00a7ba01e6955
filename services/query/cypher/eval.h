// Evaluation of WHERE and RETURN expressions over one row of bound variables.
//
// Semantics follow openCypher where the subset overlaps it: three-valued logic (a
// comparison with null is null, WHERE keeps a row only when its condition is true),
// strings spelling numbers compare as numbers against numbers (attributes are stored
// as strings). kg additions: name comparisons (=, <>, IN, CONTAINS, STARTS WITH, ENDS
// WITH on a `.name`) fold both sides as the name index does (storage/fulltext.h: NFKC,
// traditional to simplified, spacing ignored), and search(n, text[, min_score]) is
// true when n's name holds at least min_score (default kDefaultSearchScore) of the
// text's character bigrams — the full-text index's own measure.
#ifndef KG_SERVICES_QUERY_CYPHER_EVAL_H_
#define KG_SERVICES_QUERY_CYPHER_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/cypher/ast.h"
#include "services/query/cypher/plan.h"
#include "services/query/cypher/value.h"

namespace kg::cypher {

// search()'s default minimum score: the share of the text's bigrams a name must hold,
// as `kgctl serves` uses (长三角一体化 matches 长三角高质量一体化发展的桥头堡).
inline constexpr double kDefaultSearchScore = 0.75;

using Params = std::map<std::string, Value>;
using Row = std::vector<Value>;

// The share of the distinct bigrams of folded `text` found in folded `name`, 0..1.
// INVALID_ARGUMENT when the text has no letters, digits or ideographs.
absl::StatusOr<double> SearchScore(const std::string& name, const std::string& text);

class Evaluator {
 public:
  // `plan` and `params` must outlive the evaluator.
  Evaluator(const Plan* plan, const Params* params) : plan_(plan), params_(params) {}

  absl::StatusOr<Value> Eval(const Expr& e, const Row& row) const;
  // Whether a WHERE condition holds: true only for a true value.
  absl::StatusOr<bool> Holds(const Expr& e, const Row& row) const;

  // A parameter's value; INVALID_ARGUMENT naming it when it was not given.
  absl::StatusOr<Value> Param(const Expr& e) const;

  // The value of a variable as the query sees it (a path built from its parts, an
  // edge list for a variable-length edge).
  absl::StatusOr<Value> Variable(const Expr& e, const Row& row) const;

 private:
  absl::StatusOr<Value> Function(const Expr& e, const Row& row) const;

  const Plan* plan_;
  const Params* params_;
};

// An expression written back as text, for EXPLAIN.
std::string ExprText(const Expr& e);

// A deep copy.
ExprPtr CloneExpr(const Expr& e);

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_EVAL_H_
