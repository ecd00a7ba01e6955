// QueryEngine::Serves: tasks serving the goals a phrase matches by full text.
#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/query/query_engine.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

constexpr size_t kMaxGoalHits = 1000;

}  // namespace

absl::StatusOr<ServesAnswer> QueryEngine::Serves(const std::string& phrase,
                                                 const ServesOptions& options,
                                                 const CallBudget& budget) {
  KG_RETURN_IF_ERROR(CheckPhrase(phrase, "phrase"));
  if (!(options.min_score >= 0 && options.min_score <= 1)) {  // NaN fails too
    return absl::InvalidArgumentError("min_score must be within 0..1");
  }
  KG_ASSIGN_OR_RETURN(PageWindow window, ParsePage(options.page));
  double min_score = options.min_score == 0 ? kDefaultServesMinScore : options.min_score;
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  // Searched within the filter's reports, so that with many reports stored the best
  // kMaxGoalHits are the filtered reports' own; a filter selecting none matches nothing.
  std::vector<storage::SearchHit> hits;
  if (!scope.SelectsNone()) {
    KG_ASSIGN_OR_RETURN(hits, store_->SearchText(phrase, "goal", min_score, kMaxGoalHits,
                                                 scope.store_reports()));
  }

  ServesAnswer answer;
  answer.labels = scope.labels();
  std::vector<double> goal_scores;  // parallel to answer.goals
  // Per task: the goals it serves through a matched goal, in hit (best-first) order.
  std::map<storage::NodeId, std::vector<std::pair<storage::Edge, size_t>>> served_by_task;
  for (const auto& hit : hits) {
    if (!scope.Contains(hit.node.report)) continue;
    KG_RETURN_IF_ERROR(budget.Check());
    answer.goals.push_back(hit.node);
    goal_scores.push_back(hit.score);
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(hit.node.id, storage::Direction::kIn, "serves",
                                                     kMaxEdgesPerNode, &truncated));
    for (auto& e : edges) {
      served_by_task[e.src].push_back({std::move(e), answer.goals.size() - 1});
    }
  }
  if (answer.goals.empty()) {
    return absl::NotFoundError(absl::StrCat("no goal matches \"", phrase, "\"", scope.Describe(),
                                            "; try a shorter phrase, `kgctl search ", phrase,
                                            "`, or a lower --min-score"));
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
    KG_RETURN_IF_ERROR(budget.Check());
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
    KG_ASSIGN_OR_RETURN(row.area, AreaOf(store_, task));
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
  answer.page = TakePage(window, &answer.rows);
  return answer;
}

}  // namespace kg::query
