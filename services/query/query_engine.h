// QueryEngine: answers the relationship questions of QueryService by reading a
// GraphStore. Knows nothing of gRPC; QueryServiceImpl translates its answers to protos.
//
// One file per question: serves.cc, show (query_engine.cc), neighbors
// (query_engine.cc), mentions.cc, term.cc, targets.cc, path.cc, search.cc; what they
// share: resolver.h (names -> entities), report_scope.h (filters, report names),
// paging.h, call_budget.h (deadlines), graph_reads.h, highlight.h.
//
// Thread-safe: its one piece of mutable state, the catalog of the stored reports
// (report_catalog.h), is locked; each call otherwise reads the store afresh.
#ifndef KG_SERVICES_QUERY_QUERY_ENGINE_H_
#define KG_SERVICES_QUERY_QUERY_ENGINE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/call_budget.h"
#include "services/query/graph_reads.h"
#include "services/query/paging.h"
#include "services/query/report_catalog.h"
#include "services/query/report_scope.h"
#include "services/query/resolver.h"
#include "storage/graph_store.h"

namespace kg::query {

// ---- serves ----

struct ServedGoal {
  storage::Node goal;
  std::string evidence;  // "area" or "text", from the serves edge
  Quote quote;           // the sentence stating the goal
  double score = 0;      // full-text score of the goal against the phrase
};

struct ServesRow {
  storage::Node task;
  storage::Node area;              // id 0 when the task is itself an area
  std::vector<ServedGoal> served;  // best score first, never empty
};

struct ServesAnswer {
  std::vector<storage::Node> goals;  // best first
  std::vector<ServesRow> rows;       // report order, each area before its tasks
  PageInfo page;
  ReportLabels labels;
};

struct ServesOptions {
  ReportFilter filter;
  bool include_review = false;
  double min_score = 0;  // 0: kDefaultServesMinScore
  PageRequest page;
};

// ---- show, neighbors ----

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
  ReportLabels labels;
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
  ReportLabels labels;
};

struct NeighborsOptions {
  ReportFilter filter;
  std::string edge_type;
  std::string node_type;
  uint32_t depth = 1;  // 1..kMaxDepth
  uint32_t limit = 200;
};

// ---- mentions, term ----

// A task, achievement, goal or term naming an entity.
struct Mention {
  storage::Node by;
  storage::Node area;       // id 0 for an area itself or a goal/term
  storage::Node mentioned;  // one of the resolution's entities
  Quote quote;              // the sentence naming it
};

struct MentionsOptions {
  ReportFilter filter;
  std::vector<std::string> types;  // mentioner types; empty: all
  PageRequest page;
};

struct MentionsAnswer {
  Resolution resolution;
  std::vector<Mention> mentions;  // report order
  PageInfo page;
  ReportLabels labels;
};

struct TermDefinition {
  storage::Node term;
  std::string definition;
  std::vector<std::string> aliases;
  std::vector<storage::Node> includes;  // in the order of the definition
  Quote quote;
};

struct TermOptions {
  ReportFilter filter;
  PageRequest page;  // of used_in
};

struct TermAnswer {
  Resolution resolution;
  std::vector<TermDefinition> definitions;  // one per report
  std::vector<Mention> used_in;
  PageInfo page;
  ReportLabels labels;
};

// ---- targets ----

struct TargetResult {
  storage::Node achievement;  // id 0: no result found
  std::string value, unit, direction;
  std::string met;  // yes, no, unknown
  Quote quote;
};

struct TargetRow {
  storage::Node goal;  // attrs: indicator, value, value_max, unit, qualifier, parent, ...
  TargetResult result;
  Quote quote;
};

struct TargetsOptions {
  ReportFilter filter;
  bool include_task_targets = false;
  PageRequest page;
};

struct TargetsAnswer {
  std::vector<storage::ReportInfo> reports;
  std::vector<TargetRow> rows;  // by report, then text order
  PageInfo page;
  ReportLabels labels;
};

// ---- path ----

struct PathStep {
  storage::Edge edge;
  bool outgoing = true;  // walked src -> dst
  storage::Node node;    // reached
};

struct GraphPath {
  storage::Node start;
  std::vector<PathStep> steps;
};

struct PathOptions {
  ReportFilter filter;
  uint32_t max_depth = 0;  // 0: kDefaultPathDepth
  uint32_t max_paths = 0;  // 0: kDefaultPaths
  std::vector<std::string> edge_types;
  bool through_structure = false;
};

struct PathAnswer {
  Resolution from, to;
  std::vector<GraphPath> paths;
  bool truncated = false;
  ReportLabels labels;
};

// ---- search ----

// Text with matched parts: code points [first, second) of `text`.
struct Snippet {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> highlights;
  storage::Span span;  // report 0 for a name
};

struct SearchResult {
  storage::Node node;
  double score = 0;
  Snippet name;
  Snippet context;  // empty text when the node has no span
};

struct SearchOptions {
  ReportFilter filter;
  std::string node_type;
  double min_score = 0;  // 0: kDefaultSearchMinScore
  PageRequest page;
};

struct SearchAnswer {
  std::vector<SearchResult> results;
  PageInfo page;
  ReportLabels labels;
};

// A goal matches a phrase when its name holds at least this share of the phrase's
// bigrams: 长三角一体化 matches 长三角高质量一体化发展的桥头堡 (4 of 5 bigrams).
inline constexpr double kDefaultServesMinScore = 0.75;
inline constexpr double kDefaultSearchMinScore = 0.5;
inline constexpr uint32_t kMaxDepth = 3;
inline constexpr uint32_t kMaxNeighbors = 5000;
inline constexpr uint32_t kDefaultPathDepth = 4;
inline constexpr uint32_t kMaxPathDepth = 6;
inline constexpr uint32_t kDefaultPaths = 3;
inline constexpr uint32_t kMaxPaths = 20;

// Whether a result meets a target goal: "yes", "no" or "unknown" (targets.cc says how).
std::string TargetMet(const storage::Node& goal, const TargetResult& result);

class QueryEngine {
 public:
  // `store` must outlive the engine.
  explicit QueryEngine(storage::GraphStore* store) : store_(store) {}

  // Tasks serving the goals whose names match `phrase` by full text.
  // INVALID_ARGUMENT: empty phrase or bad options; NOT_FOUND: no goal matches.
  absl::StatusOr<ServesAnswer> Serves(const std::string& phrase, const ServesOptions& options,
                                      const CallBudget& budget = {});

  // An entity by id or name (resolver.h). NOT_FOUND when nothing matches.
  absl::StatusOr<ShowAnswer> Show(const std::string& name, const ReportFilter& filter,
                                  const CallBudget& budget = {});

  // Entities up to `depth` hops away, breadth first. NOT_FOUND for an unknown entity.
  absl::StatusOr<NeighborsAnswer> Neighbors(const std::string& name,
                                            const NeighborsOptions& options,
                                            const CallBudget& budget = {});

  // Tasks, achievements and goals mentioning a term, place or organization.
  absl::StatusOr<MentionsAnswer> Mentions(const std::string& name, const MentionsOptions& options,
                                          const CallBudget& budget = {});

  // A term's definitions, aliases, includes and uses. NOT_FOUND when no term matches.
  absl::StatusOr<TermAnswer> Term(const std::string& name, const TermOptions& options,
                                  const CallBudget& budget = {});

  // The targets of the reports in scope, with next year's results where stored.
  // NOT_FOUND when no report passes the filter.
  absl::StatusOr<TargetsAnswer> Targets(const TargetsOptions& options,
                                        const CallBudget& budget = {});

  // Shortest paths between two entities. INVALID_ARGUMENT for bounds out of range.
  absl::StatusOr<PathAnswer> Path(const std::string& from, const std::string& to,
                                  const PathOptions& options, const CallBudget& budget = {});

  // Full-text hits over names, with highlighted names and source sentences.
  absl::StatusOr<SearchAnswer> Search(const std::string& text, const SearchOptions& options,
                                      const CallBudget& budget = {});

  // The catalog of stored reports every question's ReportScope comes from; for other
  // questions over the same store (QueryServiceImpl's Cypher labels).
  ReportCatalogCache* report_catalogs() { return &catalogs_; }

 private:
  // Mentions of any of `entities` in scope, in report order.
  absl::StatusOr<std::vector<Mention>> MentionsOf(const std::vector<storage::Node>& entities,
                                                  const ReportScope& scope,
                                                  const std::vector<std::string>& types,
                                                  const CallBudget& budget);

  storage::GraphStore* store_;
  ReportCatalogCache catalogs_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_QUERY_ENGINE_H_
