// Query answering over a GraphStore; see query_engine.h.
#include "services/query/query_engine.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

constexpr size_t kMaxGoalHits = 1000;
constexpr size_t kMaxEdgesPerNode = 10000;
constexpr size_t kShowEdgeLimit = 500;
constexpr size_t kShowQuotes = 3;

uint32_t FirstBegin(const storage::Node& node) {
  return node.spans.empty() ? UINT32_MAX : node.spans.front().begin;
}

bool IsArea(const storage::Node& node) {
  auto it = node.attrs.find("level");
  return node.type == "task" && it != node.attrs.end() && it->second == "area";
}

absl::Status CheckPhrase(const std::string& phrase, const char* what) {
  if (absl::StripAsciiWhitespace(phrase).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(what, " is empty"));
  }
  if (phrase.size() > 1024) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is ", phrase.size(), " bytes long; at most 1024 are allowed"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::function<bool(storage::ReportId)>> QueryEngine::MakeReportPredicate(
    const ReportFilter& filter) {
  if (filter.empty()) return [](storage::ReportId) { return true; };
  KG_ASSIGN_OR_RETURN(auto reports, store_->ListReports());
  std::set<storage::ReportId> allowed;
  for (const auto& r : reports) {
    if (filter.report != 0 && r.id != filter.report) continue;
    if (filter.year != 0 && r.year != filter.year) continue;
    if (!filter.region.empty() && r.region.find(filter.region) == std::string::npos) continue;
    allowed.insert(r.id);
  }
  return [allowed = std::move(allowed)](storage::ReportId id) {
    return id == 0 || allowed.count(id) > 0;
  };
}

absl::StatusOr<storage::Node> QueryEngine::AreaOf(const storage::Node& task) {
  if (task.type != "task" || IsArea(task)) return storage::Node{};
  bool truncated = false;
  KG_ASSIGN_OR_RETURN(auto up, store_->GetEdges(task.id, storage::Direction::kOut, "part_of",
                                                kMaxEdgesPerNode, &truncated));
  std::vector<storage::NodeId> ids;
  for (const auto& e : up) ids.push_back(e.dst);
  KG_ASSIGN_OR_RETURN(auto parents, store_->GetNodes(ids));
  for (auto& p : parents) {
    if (IsArea(p)) return std::move(p);
  }
  return storage::Node{};
}

absl::StatusOr<ServesAnswer> QueryEngine::Serves(const std::string& phrase,
                                                 const ServesOptions& options) {
  KG_RETURN_IF_ERROR(CheckPhrase(phrase, "phrase"));
  if (options.min_score < 0 || options.min_score > 1) {
    return absl::InvalidArgumentError("min_score must be within 0..1");
  }
  double min_score = options.min_score == 0 ? kDefaultServesMinScore : options.min_score;
  KG_ASSIGN_OR_RETURN(auto in_scope, MakeReportPredicate(options.filter));
  KG_ASSIGN_OR_RETURN(auto hits, store_->SearchText(phrase, "goal", min_score, kMaxGoalHits));

  ServesAnswer answer;
  std::vector<double> goal_scores;  // parallel to answer.goals
  // Per task: the goals it serves through a matched goal, in hit (best-first) order.
  std::map<storage::NodeId, std::vector<std::pair<storage::Edge, size_t>>> served_by_task;
  for (const auto& hit : hits) {
    if (!in_scope(hit.node.report)) continue;
    answer.goals.push_back(hit.node);
    goal_scores.push_back(hit.score);
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(hit.node.id, storage::Direction::kIn,
                                                     "serves", kMaxEdgesPerNode, &truncated));
    for (auto& e : edges) {
      served_by_task[e.src].push_back({std::move(e), answer.goals.size() - 1});
    }
  }
  if (answer.goals.empty()) {
    return absl::NotFoundError(absl::StrCat("no goal matches \"", phrase, "\""));
  }

  std::vector<storage::NodeId> task_ids;
  for (const auto& [id, unused] : served_by_task) task_ids.push_back(id);
  KG_ASSIGN_OR_RETURN(auto tasks, store_->GetNodes(task_ids));

  // Quote every serves edge's first span in one call.
  std::vector<storage::Span> quote_spans;
  for (const auto& task : tasks) {
    for (const auto& [edge, goal_index] : served_by_task[task.id]) {
      if (!edge.spans.empty()) quote_spans.push_back(edge.spans.front());
    }
  }
  KG_ASSIGN_OR_RETURN(auto quote_texts, store_->GetText(quote_spans));

  size_t next_quote = 0;
  for (auto& task : tasks) {
    bool wanted = task.type == "task" || (options.include_review && task.type == "achievement");
    ServesRow row;
    for (const auto& [edge, goal_index] : served_by_task[task.id]) {
      ServedGoal served;
      served.goal = answer.goals[goal_index];
      served.score = goal_scores[goal_index];
      auto ev = edge.attrs.find("evidence");
      served.evidence = ev == edge.attrs.end() ? "" : ev->second;
      if (!edge.spans.empty()) {
        served.quote = {edge.spans.front(), quote_texts[next_quote++]};
      }
      if (wanted) row.served.push_back(std::move(served));
    }
    if (!wanted || row.served.empty()) continue;
    KG_ASSIGN_OR_RETURN(row.area, AreaOf(task));
    row.task = std::move(task);
    answer.rows.push_back(std::move(row));
  }

  // Report order: by report, then by the area's position, the area before its tasks.
  auto key = [](const ServesRow& r) {
    const storage::Node& area = r.area.id == 0 ? r.task : r.area;
    return std::make_tuple(r.task.report, FirstBegin(area), r.area.id == 0 ? 0 : 1,
                           FirstBegin(r.task), r.task.id);
  };
  std::sort(answer.rows.begin(), answer.rows.end(),
            [&](const ServesRow& a, const ServesRow& b) { return key(a) < key(b); });
  return answer;
}

absl::StatusOr<std::vector<storage::Node>> QueryEngine::Resolve(const std::string& name,
                                                                const ReportFilter& filter) {
  KG_RETURN_IF_ERROR(CheckPhrase(name, "name"));
  KG_ASSIGN_OR_RETURN(auto in_scope, MakeReportPredicate(filter));
  std::string trimmed(absl::StripAsciiWhitespace(name));
  std::vector<storage::Node> found;
  if (auto id = storage::HexToId(trimmed); id.has_value()) {
    KG_ASSIGN_OR_RETURN(found, store_->GetNodes({*id}));
  }
  if (found.empty()) {
    KG_ASSIGN_OR_RETURN(found, store_->LookupName(trimmed, ""));
  }
  if (found.empty()) {
    KG_ASSIGN_OR_RETURN(auto hits, store_->SearchText(trimmed, "", kDefaultServesMinScore, 20));
    for (auto& h : hits) found.push_back(std::move(h.node));
  }
  found.erase(std::remove_if(found.begin(), found.end(),
                             [&](const storage::Node& n) { return !in_scope(n.report); }),
              found.end());
  if (found.empty()) return absl::NotFoundError(absl::StrCat("nothing matches \"", name, "\""));
  return found;
}

absl::StatusOr<ShowAnswer> QueryEngine::Show(const std::string& name,
                                             const ReportFilter& filter) {
  KG_ASSIGN_OR_RETURN(auto found, Resolve(name, filter));
  ShowAnswer answer;
  answer.node = std::move(found.front());
  answer.alternatives.assign(std::make_move_iterator(found.begin() + 1),
                             std::make_move_iterator(found.end()));

  std::vector<storage::Span> spans(
      answer.node.spans.begin(),
      answer.node.spans.begin() + std::min(answer.node.spans.size(), kShowQuotes));
  KG_ASSIGN_OR_RETURN(auto texts, store_->GetText(spans));
  for (size_t i = 0; i < spans.size(); ++i) answer.quotes.push_back({spans[i], texts[i]});

  for (auto direction : {storage::Direction::kOut, storage::Direction::kIn}) {
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(answer.node.id, direction, "",
                                                     kShowEdgeLimit, &truncated));
    std::vector<storage::NodeId> others;
    for (const auto& e : edges) {
      others.push_back(direction == storage::Direction::kOut ? e.dst : e.src);
    }
    KG_ASSIGN_OR_RETURN(auto other_nodes, store_->GetNodes(others));
    std::map<storage::NodeId, storage::Node> by_id;
    for (auto& n : other_nodes) by_id[n.id] = std::move(n);
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
                                                       const NeighborsOptions& options) {
  uint32_t depth = options.depth == 0 ? 1 : options.depth;
  if (depth > kMaxDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("depth must be 1..", kMaxDepth, ", got ", options.depth));
  }
  uint32_t limit = options.limit == 0 ? 200 : std::min(options.limit, kMaxNeighbors);
  KG_ASSIGN_OR_RETURN(auto found, Resolve(name, options.filter));
  KG_ASSIGN_OR_RETURN(auto in_scope, MakeReportPredicate(options.filter));

  NeighborsAnswer answer;
  answer.start = std::move(found.front());
  std::set<storage::NodeId> seen = {answer.start.id};
  std::vector<storage::NodeId> frontier = {answer.start.id};
  for (uint32_t hop = 1; hop <= depth && !frontier.empty() && !answer.truncated; ++hop) {
    std::vector<storage::NodeId> next;
    for (storage::NodeId from : frontier) {
      for (auto direction : {storage::Direction::kOut, storage::Direction::kIn}) {
        bool truncated = false;
        KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(from, direction, options.edge_type,
                                                         kMaxEdgesPerNode, &truncated));
        std::vector<storage::Edge> fresh;
        std::vector<storage::NodeId> ids;
        for (auto& e : edges) {
          storage::NodeId other = direction == storage::Direction::kOut ? e.dst : e.src;
          if (!in_scope(e.report) || !seen.insert(other).second) continue;
          ids.push_back(other);
          fresh.push_back(std::move(e));
        }
        KG_ASSIGN_OR_RETURN(auto nodes, store_->GetNodes(ids));
        std::map<storage::NodeId, storage::Node> by_id;
        for (auto& n : nodes) by_id[n.id] = std::move(n);
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
