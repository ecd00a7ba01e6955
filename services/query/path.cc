// QueryEngine::Path: the shortest paths between two entities, by a breadth-first
// search from both ends at once over edges in either direction.
//
// Report and section nodes join everything in a report to everything else, so paths
// through them say nothing; unless through_structure is set they may only be ends.
//
// The search walks links (GraphStore::GetLinks: where edges go, read from keys alone)
// and reads whole edges only for the paths it answers with. A report filter needs each
// edge's owner, which only the record holds, so a filtered search reads whole edges.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/query/query_engine.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

// Nodes the search may discover before it gives up (and says so).
constexpr size_t kMaxVisited = 50000;

bool IsStructure(const storage::Node& n) { return n.type == "report" || n.type == "section"; }

// How a node was reached from one side: the node it came from and the edge.
struct Parent {
  storage::NodeId from;
  storage::Link edge;
};

// One side of the search.
struct Side {
  std::map<storage::NodeId, uint32_t> depth;
  std::map<storage::NodeId, std::vector<Parent>> parents;
  std::vector<storage::NodeId> frontier;
  uint32_t level = 0;
};

// Paths from the side's root to `node`, as node sequences with the edges between,
// root first; at most `limit`.
using LinkPath = std::vector<std::pair<storage::NodeId, const storage::Link*>>;
void PathsTo(const Side& side, storage::NodeId node, size_t limit, std::vector<LinkPath>* out) {
  // Each path: (node, edge that reached it from the previous node; null for the root).
  LinkPath current;
  std::function<void(storage::NodeId, const storage::Link*)> walk = [&](storage::NodeId at,
                                                                        const storage::Link* via) {
    if (out->size() >= limit) return;
    current.push_back({at, via});
    auto it = side.parents.find(at);
    if (it == side.parents.end() || it->second.empty()) {
      out->emplace_back(current.rbegin(), current.rend());
    } else {
      for (const Parent& p : it->second) walk(p.from, &p.edge);
    }
    current.pop_back();
  };
  walk(node, nullptr);
  // Reversed, each entry's edge joins it to the *next* entry; shift so that each edge
  // joins an entry to the one before it.
  for (auto& path : *out) {
    for (size_t i = path.size() - 1; i > 0; --i) path[i].second = path[i - 1].second;
    path[0].second = nullptr;
  }
}

// A node's edges in one direction as links; with a report filter, read whole (kept in
// *whole by id) and only those of the scope's reports.
absl::StatusOr<std::vector<storage::Link>> LinksInScope(storage::GraphStore* store,
                                                       const ReportScope& scope,
                                                       storage::NodeId id,
                                                       storage::Direction direction,
                                                       std::string_view type,
                                                       std::map<storage::EdgeId, storage::Edge>* whole) {
  bool truncated = false;
  if (scope.filter().empty()) {
    return store->GetLinks(id, direction, type, kMaxEdgesPerNode, &truncated);
  }
  KG_ASSIGN_OR_RETURN(auto edges, store->GetEdges(id, direction, type, kMaxEdgesPerNode, &truncated));
  std::vector<storage::Link> links;
  for (auto& e : edges) {
    if (!scope.Contains(e.report)) continue;
    std::optional<storage::Link> link = storage::LinkOf(e);
    if (!link.has_value()) continue;  // the store refuses other types
    links.push_back(*link);
    whole->emplace(e.id, std::move(e));
  }
  return links;
}

// Adds to *whole the records of `links` it lacks: one GetEdges per (source, type). An
// edge gone since its link was read, or not of the scope's reports, stays absent.
absl::Status ReadWholeEdges(storage::GraphStore* store, const ReportScope& scope,
                            const std::vector<const storage::Link*>& links,
                            std::map<storage::EdgeId, storage::Edge>* whole) {
  std::set<std::pair<storage::NodeId, std::string_view>> wanted;
  for (const storage::Link* l : links) {
    if (whole->count(l->id) == 0) wanted.insert({l->src, l->type});
  }
  for (const auto& [src, type] : wanted) {
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(auto edges, store->GetEdges(src, storage::Direction::kOut, type,
                                                    kMaxEdgesPerNode, &truncated));
    for (auto& e : edges) {
      if (scope.Contains(e.report)) whole->emplace(e.id, std::move(e));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PathAnswer> QueryEngine::Path(const std::string& from, const std::string& to,
                                             const PathOptions& options, const CallBudget& budget) {
  uint32_t max_depth = options.max_depth == 0 ? kDefaultPathDepth : options.max_depth;
  if (max_depth > kMaxPathDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_depth must be 1..", kMaxPathDepth, ", got ", options.max_depth));
  }
  uint32_t max_paths = options.max_paths == 0 ? kDefaultPaths : options.max_paths;
  if (max_paths > kMaxPaths) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_paths must be 1..", kMaxPaths, ", got ", options.max_paths));
  }
  for (const auto& t : options.edge_types) {
    if (std::find(std::begin(storage::kEdgeTypes), std::end(storage::kEdgeTypes), t) ==
        std::end(storage::kEdgeTypes)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown edge type '", t, "'"));
    }
  }
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  Resolver resolver(store_, &scope);
  PathAnswer answer;
  answer.labels = scope.labels();
  ResolveOptions from_options, to_options;
  from_options.what = "entity (from)";
  to_options.what = "entity (to)";
  KG_ASSIGN_OR_RETURN(answer.from, resolver.Resolve(from, from_options));
  KG_ASSIGN_OR_RETURN(answer.to, resolver.Resolve(to, to_options));
  const storage::NodeId start = answer.from.entities.front().id;
  const storage::NodeId goal = answer.to.entities.front().id;

  std::map<storage::NodeId, storage::Node> nodes = {{start, answer.from.entities.front()},
                                                    {goal, answer.to.entities.front()}};
  if (start == goal) {
    answer.paths.push_back({nodes[start], {}});
    return answer;
  }
  Side a, b;
  a.depth[start] = 0;
  a.frontier = {start};
  b.depth[goal] = 0;
  b.frontier = {goal};
  std::set<storage::NodeId> meeting;
  // Whole edges by id: those a filtered search read, then those of the answer.
  std::map<storage::EdgeId, storage::Edge> whole;
  while (meeting.empty() && a.level + b.level < max_depth && !answer.truncated) {
    // Expand the smaller frontier one level.
    Side& side = a.frontier.size() <= b.frontier.size() ? a : b;
    Side& other = &side == &a ? b : a;
    if (side.frontier.empty()) break;
    std::map<storage::NodeId, std::vector<Parent>> found;
    for (storage::NodeId id : side.frontier) {
      KG_RETURN_IF_ERROR(budget.Check());
      for (auto direction : {storage::Direction::kOut, storage::Direction::kIn}) {
        // Both arms string_view: with a std::string arm and a "" arm the conditional makes a
        // temporary std::string, and the view would dangle once the statement ends.
        std::string_view type = options.edge_types.size() == 1
                                    ? std::string_view(options.edge_types[0])
                                    : std::string_view();
        KG_ASSIGN_OR_RETURN(auto links, LinksInScope(store_, scope, id, direction, type, &whole));
        for (const storage::Link& l : links) {
          storage::NodeId next = direction == storage::Direction::kOut ? l.dst : l.src;
          if (next == id || side.depth.count(next) > 0) continue;
          if (!options.edge_types.empty() &&
              std::find(options.edge_types.begin(), options.edge_types.end(), l.type) ==
                  options.edge_types.end()) {
            continue;
          }
          auto& parents = found[next];
          bool duplicate = false;
          for (const auto& p : parents) duplicate = duplicate || p.from == id;
          if (!duplicate) parents.push_back({id, l});
        }
      }
    }
    // Read the new nodes, dropping structure nodes that are not an end.
    std::vector<storage::NodeId> ids;
    for (const auto& [id, unused] : found) {
      if (nodes.count(id) == 0) ids.push_back(id);
    }
    KG_ASSIGN_OR_RETURN(auto read, NodesById(store_, ids));
    for (auto& [id, n] : read) nodes.emplace(id, std::move(n));
    side.level++;
    side.frontier.clear();
    for (auto& [id, parents] : found) {
      auto it = nodes.find(id);
      if (it == nodes.end()) continue;
      bool is_end = id == start || id == goal;
      if (!is_end && !options.through_structure && IsStructure(it->second)) continue;
      side.depth[id] = side.level;
      side.parents[id] = std::move(parents);
      side.frontier.push_back(id);
      if (other.depth.count(id) > 0) meeting.insert(id);
    }
    if (a.depth.size() + b.depth.size() > kMaxVisited) answer.truncated = true;
  }
  if (meeting.empty()) return answer;

  // Only the meeting nodes on the shortest total length: each path as (edge, node it
  // reaches) steps from start to goal.
  using Steps = std::vector<std::pair<const storage::Link*, storage::NodeId>>;
  std::vector<Steps> found_paths;
  uint32_t best = UINT32_MAX;
  for (storage::NodeId m : meeting) best = std::min(best, a.depth[m] + b.depth[m]);
  for (storage::NodeId m : meeting) {
    if (found_paths.size() >= max_paths) break;
    if (a.depth[m] + b.depth[m] != best) continue;
    std::vector<LinkPath> heads, tails;
    PathsTo(a, m, max_paths, &heads);
    PathsTo(b, m, max_paths, &tails);
    for (const auto& head : heads) {
      for (const auto& tail : tails) {
        if (found_paths.size() >= max_paths) break;
        Steps steps;
        // head: start .. m, each entry's edge reaching it from the previous one.
        for (size_t i = 1; i < head.size(); ++i) steps.push_back({head[i].second, head[i].first});
        // tail: goal .. m; walked backwards, from m to goal.
        for (size_t i = tail.size() - 1; i > 0; --i) {
          steps.push_back({tail[i].second, tail[i - 1].first});
        }
        found_paths.push_back(std::move(steps));
      }
    }
  }
  // The answer's edges, whole.
  std::vector<const storage::Link*> used;
  for (const Steps& steps : found_paths) {
    for (const auto& step : steps) used.push_back(step.first);
  }
  KG_RETURN_IF_ERROR(ReadWholeEdges(store_, scope, used, &whole));
  for (const Steps& steps : found_paths) {
    GraphPath path;
    path.start = nodes[start];
    for (const auto& [link, reached] : steps) {
      auto edge = whole.find(link->id);
      if (edge == whole.end()) break;  // removed since the search read its link
      path.steps.push_back({edge->second, edge->second.dst == reached, nodes[reached]});
    }
    if (path.steps.size() == steps.size()) answer.paths.push_back(std::move(path));
  }
  return answer;
}

}  // namespace kg::query
