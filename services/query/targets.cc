// QueryEngine::Targets: a report's targets, each beside the result the same region's
// next-year report gives for its indicator, and whether the target was met.
//
// Met: both values must be numbers of the same unit (else "unknown"). A decline
// ("下降3%", direction down) counts as a negative value. Upper bounds (以内, 以下,
// 不超过, 不高于, 低于, 控制在) are met at or below the value; declines at or beyond it;
// everything else (以上, 不低于, 左右, none, ranges by their lower end) at or above it,
// with 左右 ("about") met from 95% of the value on.
#include <algorithm>
#include <deque>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/query/query_engine.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

// part_of hops from a report node to its targets: goal -> section -> report, and a 其中
// target -> its parent target; task targets hang off tasks (task -> area -> section).
constexpr int kMaxStructureDepth = 4;

std::string Attr(const storage::Node& n, const char* key) {
  auto it = n.attrs.find(key);
  return it == n.attrs.end() ? "" : it->second;
}

std::string Attr(const storage::Edge& e, const char* key) {
  auto it = e.attrs.find(key);
  return it == e.attrs.end() ? "" : it->second;
}

bool IsUpperBound(const std::string& qualifier) {
  // 不低于 and 不少于 are floors although they contain 低于 and 少于.
  for (const char* q : {"不低于", "不少于"}) {
    if (qualifier.find(q) != std::string::npos) return false;
  }
  for (const char* q : {"以内", "以下", "不超过", "不高于", "低于", "控制在"}) {
    if (qualifier.find(q) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

// "yes", "no" or "unknown"; see the file comment.
std::string TargetMet(const storage::Node& goal, const TargetResult& result) {
  double target = 0, reported = 0;
  if (!absl::SimpleAtod(Attr(goal, "value"), &target) ||
      !absl::SimpleAtod(result.value, &reported)) {
    return "unknown";
  }
  std::string unit = Attr(goal, "unit");
  if (!unit.empty() && !result.unit.empty() && unit != result.unit) return "unknown";
  bool target_down = Attr(goal, "direction") == "down";
  if (target_down) target = -target;
  if (result.direction == "down") reported = -reported;
  std::string qualifier = Attr(goal, "qualifier");
  if (IsUpperBound(qualifier)) {
    double bound = target;
    double max = 0;
    if (absl::SimpleAtod(Attr(goal, "value_max"), &max)) bound = target_down ? -max : max;
    return reported <= bound ? "yes" : "no";
  }
  if (target_down) return reported <= target ? "yes" : "no";
  if (qualifier.find("左右") != std::string::npos) {
    return reported >= target - 0.05 * std::abs(target) ? "yes" : "no";
  }
  return reported >= target ? "yes" : "no";
}

absl::StatusOr<TargetsAnswer> QueryEngine::Targets(const TargetsOptions& options,
                                                   const CallBudget& budget) {
  KG_ASSIGN_OR_RETURN(PageWindow window, ParsePage(options.page));
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  if (scope.selected().empty()) {
    return absl::NotFoundError(
        absl::StrCat("no report", scope.filter().empty() ? " is stored" : scope.Describe(),
                     "; `kgctl reports` lists the stored ones"));
  }
  TargetsAnswer answer;
  answer.labels = scope.labels();
  answer.reports = scope.selected();

  for (const auto& report : scope.selected()) {
    // Walk part_of edges into the report from its node, collecting target goals.
    std::vector<storage::Node> goals;
    std::set<storage::NodeId> seen = {report.node_id};
    std::vector<storage::NodeId> frontier = {report.node_id};
    for (int depth = 0; depth < kMaxStructureDepth && !frontier.empty(); ++depth) {
      std::vector<storage::NodeId> ids;
      for (storage::NodeId id : frontier) {
        KG_RETURN_IF_ERROR(budget.Check());
        bool truncated = false;
        KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(id, storage::Direction::kIn, "part_of",
                                                         kMaxEdgesPerNode, &truncated));
        for (const auto& e : edges) {
          if (seen.insert(e.src).second) ids.push_back(e.src);
        }
      }
      KG_ASSIGN_OR_RETURN(auto nodes, store_->GetNodes(ids));
      frontier.clear();
      for (auto& n : nodes) {
        if (n.type == "goal") {
          if (Attr(n, "kind") == "target") {
            std::string target_scope = Attr(n, "scope");
            if (target_scope == "main" ||
                (options.include_task_targets && target_scope == "task")) {
              goals.push_back(n);
            }
          }
          frontier.push_back(n.id);  // 其中 targets are part_of their parent
        } else if (n.type == "section") {
          frontier.push_back(n.id);
        } else if (n.type == "task" && options.include_task_targets) {
          frontier.push_back(n.id);
          bool truncated = false;
          KG_ASSIGN_OR_RETURN(auto serves,
                              store_->GetEdges(n.id, storage::Direction::kOut, "serves",
                                               kMaxEdgesPerNode, &truncated));
          std::vector<storage::NodeId> served;
          for (const auto& e : serves) {
            if (seen.insert(e.dst).second) served.push_back(e.dst);
          }
          KG_ASSIGN_OR_RETURN(auto served_goals, store_->GetNodes(served));
          for (auto& g : served_goals) {
            if (Attr(g, "kind") == "target" && Attr(g, "scope") == "task") goals.push_back(g);
          }
        }
      }
    }
    std::sort(goals.begin(), goals.end(), [](const storage::Node& a, const storage::Node& b) {
      return std::make_tuple(FirstBegin(a), a.id) < std::make_tuple(FirstBegin(b), b.id);
    });

    // The same region's report of the next year, if stored.
    const storage::ReportInfo* next = nullptr;
    for (const auto& r : scope.all()) {
      if (r.region == report.region && r.year == report.year + 1 && r.edition == report.edition) {
        next = &r;
      }
    }
    std::vector<storage::Span> spans;
    std::vector<std::pair<size_t, bool>> span_owner;  // (row, is result)
    for (auto& goal : goals) {
      KG_RETURN_IF_ERROR(budget.Check());
      TargetRow row;
      row.goal = std::move(goal);
      if (!row.goal.spans.empty()) {
        row.quote.span = row.goal.spans.front();
        spans.push_back(row.quote.span);
        span_owner.push_back({answer.rows.size(), false});
      }
      if (next != nullptr) {
        bool truncated = false;
        KG_ASSIGN_OR_RETURN(auto measures, store_->GetEdges(row.goal.id, storage::Direction::kOut,
                                                            "measures", 10, &truncated));
        for (const auto& m : measures) {
          KG_ASSIGN_OR_RETURN(auto reports,
                              store_->GetEdges(m.dst, storage::Direction::kIn, "reports",
                                               kMaxEdgesPerNode, &truncated));
          const storage::Edge* best = nullptr;
          for (const auto& e : reports) {
            if (e.report != next->id) continue;
            std::string year = Attr(e, "year");
            bool this_year = year == absl::StrCat(report.year);
            if (best == nullptr || (this_year && Attr(*best, "year") != year)) best = &e;
          }
          if (best == nullptr) continue;
          KG_ASSIGN_OR_RETURN(row.result.achievement, store_->GetNode(best->src));
          row.result.value = Attr(*best, "value");
          row.result.unit = Attr(*best, "unit");
          row.result.direction = Attr(*best, "direction");
          row.result.met = TargetMet(row.goal, row.result);
          if (!best->spans.empty()) {
            row.result.quote.span = best->spans.front();
            spans.push_back(row.result.quote.span);
            span_owner.push_back({answer.rows.size(), true});
          }
          break;
        }
      }
      answer.rows.push_back(std::move(row));
    }
    KG_ASSIGN_OR_RETURN(auto quotes, QuoteSpans(store_, spans));
    for (size_t i = 0; i < quotes.size(); ++i) {
      auto [row, is_result] = span_owner[i];
      (is_result ? answer.rows[row].result.quote : answer.rows[row].quote) = std::move(quotes[i]);
    }
  }
  answer.page = TakePage(window, &answer.rows);
  return answer;
}

}  // namespace kg::query
