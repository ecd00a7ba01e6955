// The matcher: walks a Plan over a GraphStore depth first, handing each complete
// binding of the pattern's variables (a Row) to a sink that may stop the walk.
//
// It enforces two of the query limits: the expansions (nodes a start reads plus edges
// read while expanding; RESOURCE_EXHAUSTED naming max_expansions when passed) and the
// call's deadline (DEADLINE_EXCEEDED / CANCELLED from the CallBudget).
// Edges are matched at most once per row (openCypher's relationship uniqueness), so a
// variable-length walk never goes back over the edge it came by.
#ifndef KG_SERVICES_QUERY_CYPHER_MATCHER_H_
#define KG_SERVICES_QUERY_CYPHER_MATCHER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/call_budget.h"
#include "services/query/cypher/eval.h"
#include "services/query/cypher/plan.h"
#include "storage/graph_store.h"

namespace kg::cypher {

class Matcher {
 public:
  // Returns true to go on, false to stop (enough rows).
  using Sink = std::function<absl::StatusOr<bool>(const Row&)>;

  // Everything passed must outlive the matcher.
  Matcher(storage::GraphStore* store, const Plan* plan, const Evaluator* eval,
          size_t max_expansions, const query::CallBudget* budget)
      : store_(store), plan_(plan), eval_(eval), max_expansions_(max_expansions),
        budget_(budget) {}

  absl::Status Run(const Sink& sink);

  // Nodes and edges read so far.
  size_t expansions() const { return expansions_; }

 private:
  // Runs steps[index..] for `row`; false once the sink asked to stop.
  absl::StatusOr<bool> RunFrom(size_t index, Row* row);
  absl::StatusOr<bool> Start(size_t index, Row* row);
  absl::StatusOr<bool> Expand(size_t index, Row* row);
  absl::StatusOr<bool> ExpandVariable(size_t index, Row* row);
  // The step's filters hold for `row`, then the rest of the steps.
  absl::StatusOr<bool> Continue(size_t index, Row* row);
  absl::Status Count(size_t n);
  // The start's candidates from its index.
  absl::StatusOr<std::vector<storage::Node>> StartNodes(const StartStep& s);
  // Edges of `node` the step may walk, with the node at their far end, in store order.
  // Shared, so that rows bind them without copying.
  using Hop = std::pair<std::shared_ptr<const storage::Edge>, std::shared_ptr<const storage::Node>>;
  absl::Status Neighbours(const ExpandStep& x, storage::NodeId node, std::vector<Hop>* out);
  bool EdgeUsed(const Row& row, storage::EdgeId id) const;

  storage::GraphStore* store_;
  const Plan* plan_;
  const Evaluator* eval_;
  size_t max_expansions_;
  const query::CallBudget* budget_;
  const Sink* sink_ = nullptr;
  size_t expansions_ = 0;
};

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_MATCHER_H_
