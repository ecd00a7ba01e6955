// The planner: a parsed query to a Plan (plan.h) that starts from the most selective
// index the query allows and expands from there; and the plan written out for EXPLAIN.
#ifndef KG_SERVICES_QUERY_CYPHER_PLANNER_H_
#define KG_SERVICES_QUERY_CYPHER_PLANNER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/cypher/ast.h"
#include "services/query/cypher/plan.h"

namespace kg::cypher {

// `query` must outlive the plan.
absl::StatusOr<Plan> MakePlan(const Query& query);

// One line per step, then the projection (RETURN, ORDER BY, SKIP, LIMIT), e.g.
//   1. start g:goal from the full-text index: search(g, '长三角一体化')
//   2. expand (g)<-[:serves]-(t:task): GetEdges in, one hop
std::vector<std::string> ExplainPlan(const Plan& plan);

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_PLANNER_H_
