// QueryEngine: answers relationship questions (serves, show, neighbors) by reading a
// GraphStore. Knows nothing of gRPC; QueryServiceImpl translates its answers to protos.
//
// Thread-safe: holds no mutable state; each call reads the store afresh.
#ifndef KG_SERVICES_QUERY_QUERY_ENGINE_H_
#define KG_SERVICES_QUERY_QUERY_ENGINE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_store.h"

namespace kg::query {

// Restricts answers to some reports; empty fields restrict nothing.
struct ReportFilter {
  storage::ReportId report = 0;
  std::string region;  // substring of the report's region
  int32_t year = 0;
  bool empty() const { return report == 0 && region.empty() && year == 0; }
};

// A piece of report text that supports an answer.
struct Quote {
  storage::Span span;
  std::string text;
};

struct ServedGoal {
  storage::Node goal;
  std::string evidence;  // "area" or "text", from the serves edge
  Quote quote;           // the sentence stating the goal
  double score = 0;      // full-text score of the goal against the phrase
};

struct ServesRow {
  storage::Node task;
  storage::Node area;               // id 0 when the task is itself an area
  std::vector<ServedGoal> served;   // best score first, never empty
};

struct ServesAnswer {
  std::vector<storage::Node> goals;  // best first
  std::vector<ServesRow> rows;       // report order, each area before its tasks
};

struct ShowAnswer {
  storage::Node node;
  std::vector<Quote> quotes;
  struct EdgeView {
    storage::Edge edge;
    storage::Node other;
    bool outgoing = true;
  };
  std::vector<EdgeView> edges;
  std::vector<storage::Node> alternatives;  // other entities the name could mean
};

struct NeighborsAnswer {
  storage::Node start;
  struct Neighbor {
    storage::Node node;
    storage::Edge via;
    bool outgoing = true;
    uint32_t depth = 1;
  };
  std::vector<Neighbor> neighbors;
  bool truncated = false;
};

struct ServesOptions {
  ReportFilter filter;
  bool include_review = false;
  double min_score = 0;  // 0: kDefaultServesMinScore
};

struct NeighborsOptions {
  ReportFilter filter;
  std::string edge_type;
  std::string node_type;
  uint32_t depth = 1;  // 1..kMaxDepth
  uint32_t limit = 200;
};

// A goal matches a phrase when its name holds at least this share of the phrase's
// bigrams: 长三角一体化 matches 长三角高质量一体化发展的桥头堡 (4 of 5 bigrams).
inline constexpr double kDefaultServesMinScore = 0.75;
inline constexpr uint32_t kMaxDepth = 3;
inline constexpr uint32_t kMaxNeighbors = 5000;

class QueryEngine {
 public:
  // `store` must outlive the engine.
  explicit QueryEngine(storage::GraphStore* store) : store_(store) {}

  // Tasks serving the goals whose names match `phrase` by full text.
  // INVALID_ARGUMENT: empty phrase or bad options; NOT_FOUND: no goal matches.
  absl::StatusOr<ServesAnswer> Serves(const std::string& phrase, const ServesOptions& options);

  // An entity by id or name (exact, then full text). NOT_FOUND when nothing matches.
  absl::StatusOr<ShowAnswer> Show(const std::string& name, const ReportFilter& filter);

  // Entities up to `depth` hops away, breadth first. NOT_FOUND for an unknown entity.
  absl::StatusOr<NeighborsAnswer> Neighbors(const std::string& name,
                                            const NeighborsOptions& options);

 private:
  // Resolves an id or a name to nodes, best first; NOT_FOUND when nothing matches.
  absl::StatusOr<std::vector<storage::Node>> Resolve(const std::string& name,
                                                     const ReportFilter& filter);
  // Whether a record of `report` passes `filter` (shared records, report 0, always do).
  absl::StatusOr<std::function<bool(storage::ReportId)>> MakeReportPredicate(
      const ReportFilter& filter);
  // The area a task belongs to (its part_of target of type task, level area); a node
  // with id 0 if it has none.
  absl::StatusOr<storage::Node> AreaOf(const storage::Node& task);

  storage::GraphStore* store_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_QUERY_ENGINE_H_
