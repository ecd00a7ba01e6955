// QueryEngine::Show and QueryEngine::Neighbors: one entity and what lies around it.
// The other questions have a file each (see query_engine.h).
#include "services/query/query_engine.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

constexpr size_t kShowEdgeLimit = 500;
constexpr size_t kShowQuotes = 3;

}  // namespace

absl::StatusOr<ShowAnswer> QueryEngine::Show(const std::string& name, const ReportFilter& filter,
                                             const CallBudget& budget) {
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, filter, &catalogs_));
  Resolver resolver(store_, &scope);
  KG_ASSIGN_OR_RETURN(auto resolution, resolver.Resolve(name, {}));
  ShowAnswer answer;
  answer.labels = scope.labels();
  answer.node = resolution.entities.front();
  for (auto& c : resolution.candidates) {
    if (c.node.id != answer.node.id) answer.alternatives.push_back(std::move(c.node));
  }

  // A shared node's record has no spans (graph_store.h): read its first ones in the
  // filter's reports. A filter selecting no report has none to quote (an id still
  // resolves a shared node then).
  std::vector<storage::Span> spans;
  if (answer.node.report != 0) {
    spans.assign(answer.node.spans.begin(),
                 answer.node.spans.begin() + std::min(answer.node.spans.size(), kShowQuotes));
  } else if (!scope.SelectsNone()) {
    KG_ASSIGN_OR_RETURN(auto shared,
                        store_->GetSpans({answer.node.id}, scope.store_reports(), kShowQuotes));
    if (!shared.empty()) spans = std::move(shared.front());
  }
  KG_ASSIGN_OR_RETURN(answer.quotes, QuoteSpans(store_, spans));

  for (auto direction : {storage::Direction::kOut, storage::Direction::kIn}) {
    KG_RETURN_IF_ERROR(budget.Check());
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(
        auto edges, store_->GetEdges(answer.node.id, direction, "", kShowEdgeLimit, &truncated));
    std::vector<storage::NodeId> others;
    for (const auto& e : edges) {
      others.push_back(direction == storage::Direction::kOut ? e.dst : e.src);
    }
    KG_ASSIGN_OR_RETURN(auto by_id, NodesById(store_, others));
    for (auto& e : edges) {
      storage::NodeId other = direction == storage::Direction::kOut ? e.dst : e.src;
      auto it = by_id.find(other);
      if (it == by_id.end()) continue;
      answer.edges.push_back({std::move(e), it->second, direction == storage::Direction::kOut});
    }
  }
  return answer;
}

absl::StatusOr<NeighborsAnswer> QueryEngine::Neighbors(const std::string& name,
                                                       const NeighborsOptions& options,
                                                       const CallBudget& budget) {
  uint32_t depth = options.depth == 0 ? 1 : options.depth;
  if (depth > kMaxDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("depth must be 1..", kMaxDepth, ", got ", options.depth));
  }
  uint32_t limit = options.limit == 0 ? 200 : std::min(options.limit, kMaxNeighbors);
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  Resolver resolver(store_, &scope);
  KG_ASSIGN_OR_RETURN(auto resolution, resolver.Resolve(name, {}));

  NeighborsAnswer answer;
  answer.labels = scope.labels();
  answer.start = resolution.entities.front();
  std::set<storage::NodeId> seen = {answer.start.id};
  std::vector<storage::NodeId> frontier = {answer.start.id};
  for (uint32_t hop = 1; hop <= depth && !frontier.empty() && !answer.truncated; ++hop) {
    std::vector<storage::NodeId> next;
    for (storage::NodeId from : frontier) {
      if (answer.truncated) break;
      KG_RETURN_IF_ERROR(budget.Check());
      for (auto direction : {storage::Direction::kOut, storage::Direction::kIn}) {
        bool truncated = false;
        KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(from, direction, options.edge_type,
                                                         kMaxEdgesPerNode, &truncated));
        std::vector<storage::Edge> fresh;
        std::vector<storage::NodeId> ids;
        for (auto& e : edges) {
          storage::NodeId other = direction == storage::Direction::kOut ? e.dst : e.src;
          if (!scope.Contains(e.report) || !seen.insert(other).second) continue;
          ids.push_back(other);
          fresh.push_back(std::move(e));
        }
        KG_ASSIGN_OR_RETURN(auto by_id, NodesById(store_, ids));
        for (auto& e : fresh) {
          storage::NodeId other = direction == storage::Direction::kOut ? e.dst : e.src;
          auto it = by_id.find(other);
          if (it == by_id.end()) continue;
          next.push_back(other);
          if (!options.node_type.empty() && it->second.type != options.node_type) continue;
          if (answer.neighbors.size() >= limit) {
            answer.truncated = true;
            break;
          }
          answer.neighbors.push_back(
              {std::move(it->second), std::move(e), direction == storage::Direction::kOut, hop});
        }
      }
    }
    frontier = std::move(next);
  }
  return answer;
}

}  // namespace kg::query
