// CypherEngine: answers a query of kg's Cypher subset (docs/cypher.md) over a
// GraphStore: parse (parser.h), plan (planner.h), match (matcher.h), then the RETURN
// projection here: DISTINCT, count(), ORDER BY, SKIP, LIMIT. EXPLAIN answers with the
// plan, one text row per line, without reading the store.
//
// Limits, each reported as RESOURCE_EXHAUSTED naming it when passed:
//   max_rows        rows an answer may have, and rows held for DISTINCT, ORDER BY or
//                   count() groups before SKIP and LIMIT cut them
//   max_expansions  nodes and edges the match may read
// and the call's deadline (DEADLINE_EXCEEDED) from the CallBudget.
//
// Parsed and planned queries are kept by their text (kPlanCacheSize of them), since
// services ask the same queries with different $parameters; parameters are read at
// run time, so a kept plan serves every value.
//
// Thread-safe: the plan cache is guarded; plans are immutable once made.
#ifndef KG_SERVICES_QUERY_CYPHER_CYPHER_ENGINE_H_
#define KG_SERVICES_QUERY_CYPHER_CYPHER_ENGINE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/query/call_budget.h"
#include "services/query/cypher/eval.h"
#include "services/query/cypher/value.h"
#include "storage/graph_store.h"

namespace kg::cypher {

inline constexpr size_t kDefaultMaxRows = 10000;
inline constexpr size_t kMaxMaxRows = 100000;
inline constexpr size_t kDefaultMaxExpansions = 100000;
inline constexpr size_t kMaxMaxExpansions = 2000000;
inline constexpr size_t kPlanCacheSize = 256;

struct CypherLimits {
  size_t max_rows = 0;        // 0: kDefaultMaxRows; above kMaxMaxRows: INVALID_ARGUMENT
  size_t max_expansions = 0;  // 0: kDefaultMaxExpansions; above kMaxMaxExpansions: INVALID_ARGUMENT
};

struct CypherAnswer {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  bool explain = false;  // rows are the plan's lines, one string each
  size_t expansions = 0;  // nodes and edges read
};

class CypherEngine {
 public:
  // `store` must outlive the engine.
  explicit CypherEngine(storage::GraphStore* store);
  ~CypherEngine();

  // INVALID_ARGUMENT "line L, column C: …" for a malformed query, an unknown label
  // (with the nearest known one), a missing parameter or a type error;
  // RESOURCE_EXHAUSTED naming max_rows or max_expansions; DEADLINE_EXCEEDED.
  absl::StatusOr<CypherAnswer> Run(const std::string& query, const Params& params,
                                   const CypherLimits& limits = {},
                                   const query::CallBudget& budget = {});

 private:
  struct Prepared;
  // The parsed and planned query, from the cache or made now.
  absl::StatusOr<std::shared_ptr<const Prepared>> Prepare(const std::string& query);

  storage::GraphStore* store_;
  absl::Mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Prepared>> plans_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_CYPHER_ENGINE_H_
