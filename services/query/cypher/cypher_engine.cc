// CypherEngine: parse, plan, match, project; see cypher_engine.h.
#include "services/query/cypher/cypher_engine.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/query/cypher/matcher.h"
#include "services/query/cypher/parser.h"
#include "services/query/cypher/planner.h"
#include "storage/status_macros.h"

namespace kg::cypher {
namespace {

bool IsAggregate(const Expr& e) {
  return e.kind == Expr::Kind::kCountStar ||
         (e.kind == Expr::Kind::kFunction && e.name == "count");
}

absl::Status TooManyRows(size_t max_rows) {
  return absl::ResourceExhaustedError(absl::StrCat(
      "the answer has more than ", max_rows,
      " rows (max_rows); add LIMIT, narrow the pattern, or raise the limit"));
}

// A SKIP or LIMIT value: a whole number >= 0.
absl::StatusOr<size_t> CountOf(const Evaluator& eval, const Expr* e, const char* what) {
  if (e == nullptr) return 0;
  KG_ASSIGN_OR_RETURN(Value v, eval.Eval(*e, Row()));
  if (v.type != Value::Type::kInt || v.i < 0) {
    return ErrorAt(e->pos, absl::StrCat(what, " takes a whole number of at least 0, not ",
                                        ToDisplay(v)));
  }
  return static_cast<size_t>(v.i);
}

std::string RowKey(const std::vector<Value>& values) {
  std::string key;
  for (const auto& v : values) absl::StrAppend(&key, Key(v), "|");
  return key;
}

struct OutRow {
  std::vector<Value> values;
  std::vector<Value> keys;  // ORDER BY keys
};

}  // namespace

// A query with its plan, which points into it: made together, never moved apart.
struct CypherEngine::Prepared {
  Query query;
  Plan plan;
};

CypherEngine::CypherEngine(storage::GraphStore* store) : store_(store) {}
CypherEngine::~CypherEngine() = default;

absl::StatusOr<std::shared_ptr<const CypherEngine::Prepared>> CypherEngine::Prepare(
    const std::string& text) {
  {
    absl::MutexLock lock(&mutex_);
    auto it = plans_.find(text);
    if (it != plans_.end()) return it->second;
  }
  auto prepared = std::make_shared<Prepared>();
  KG_ASSIGN_OR_RETURN(prepared->query, Parse(text));
  KG_ASSIGN_OR_RETURN(prepared->plan, MakePlan(prepared->query));
  absl::MutexLock lock(&mutex_);
  if (plans_.size() >= kPlanCacheSize) plans_.clear();  // simple: start afresh when full
  plans_.emplace(text, prepared);
  return std::shared_ptr<const Prepared>(std::move(prepared));
}

absl::StatusOr<CypherAnswer> CypherEngine::Run(const std::string& text, const Params& params,
                                               const CypherLimits& limits,
                                               const query::CallBudget& budget) {
  if (limits.max_rows > kMaxMaxRows) {
    return absl::InvalidArgumentError(absl::StrCat("max_rows is at most ", kMaxMaxRows));
  }
  if (limits.max_expansions > kMaxMaxExpansions) {
    return absl::InvalidArgumentError(absl::StrCat("max_expansions is at most ", kMaxMaxExpansions));
  }
  const size_t max_rows = limits.max_rows == 0 ? kDefaultMaxRows : limits.max_rows;
  const size_t max_expansions =
      limits.max_expansions == 0 ? kDefaultMaxExpansions : limits.max_expansions;

  KG_ASSIGN_OR_RETURN(auto prepared, Prepare(text));
  const Query& query = prepared->query;
  const Plan& plan = prepared->plan;
  CypherAnswer answer;
  if (query.explain) {
    answer.explain = true;
    answer.columns = {"plan"};
    for (auto& line : ExplainPlan(plan)) answer.rows.push_back({Value::String(std::move(line))});
    return answer;
  }

  Evaluator eval(&plan, &params);
  KG_ASSIGN_OR_RETURN(size_t skip, CountOf(eval, query.skip.get(), "SKIP"));
  KG_ASSIGN_OR_RETURN(size_t limit, CountOf(eval, query.limit.get(), "LIMIT"));
  const bool has_limit = query.limit != nullptr;

  // RETURN *: every named variable, in the order the patterns name them.
  std::vector<ExprPtr> star_items;
  std::vector<const Expr*> items;
  if (query.return_all) {
    for (size_t slot = 0; slot < plan.slot_names.size(); ++slot) {
      if (plan.slot_names[slot].empty()) continue;
      auto var = std::make_unique<Expr>();
      var->kind = Expr::Kind::kVariable;
      var->name = plan.slot_names[slot];
      answer.columns.push_back(var->name);
      items.push_back(var.get());
      star_items.push_back(std::move(var));
    }
  } else {
    for (const auto& item : query.items) {
      answer.columns.push_back(item.column);
      items.push_back(item.expr.get());
    }
  }
  bool aggregating = false;
  for (const Expr* e : items) aggregating = aggregating || IsAggregate(*e);

  // ORDER BY keys: a returned column (by name or as written), else an expression over
  // the row (only without DISTINCT and count()).
  std::vector<int> order_column;
  for (const auto& o : query.order_by) {
    int column = -1;
    for (size_t c = 0; c < answer.columns.size(); ++c) {
      bool named = o.expr->kind == Expr::Kind::kVariable && o.expr->name == answer.columns[c];
      if (named || o.text == answer.columns[c]) column = static_cast<int>(c);
    }
    if (column < 0 && (aggregating || query.distinct)) {
      return ErrorAt(o.expr->pos,
                     "with DISTINCT or count(), ORDER BY can only name returned columns");
    }
    order_column.push_back(column);
  }

  Matcher matcher(store_, &plan, &eval, max_expansions, &budget);
  std::vector<OutRow> out;
  std::set<std::string> seen;  // DISTINCT
  const bool streaming = !aggregating && query.order_by.empty();
  size_t emitted = 0;

  if (!aggregating) {
    KG_RETURN_IF_ERROR(matcher.Run([&](const Row& row) -> absl::StatusOr<bool> {
      OutRow o;
      for (const Expr* e : items) {
        KG_ASSIGN_OR_RETURN(Value v, eval.Eval(*e, row));
        o.values.push_back(std::move(v));
      }
      if (query.distinct && !seen.insert(RowKey(o.values)).second) return true;
      if (streaming) {
        if (emitted++ < skip) return true;
        if (has_limit && out.size() >= limit) return false;
        out.push_back(std::move(o));
        if (out.size() > max_rows) return TooManyRows(max_rows);
        return !(has_limit && out.size() >= limit);
      }
      for (size_t k = 0; k < query.order_by.size(); ++k) {
        if (order_column[k] >= 0) {
          o.keys.push_back(o.values[order_column[k]]);
        } else {
          KG_ASSIGN_OR_RETURN(Value v, eval.Eval(*query.order_by[k].expr, row));
          o.keys.push_back(std::move(v));
        }
      }
      out.push_back(std::move(o));
      if (out.size() > max_rows) return TooManyRows(max_rows);
      return true;
    }));
  } else {
    struct Group {
      std::vector<Value> values;
      std::vector<int64_t> counts;  // per item
      std::vector<std::set<std::string>> distinct;  // per item, for count(DISTINCT x)
    };
    std::vector<Group> groups;
    std::map<std::string, size_t> group_of;
    KG_RETURN_IF_ERROR(matcher.Run([&](const Row& row) -> absl::StatusOr<bool> {
      std::vector<Value> keys;
      for (const Expr* e : items) {
        if (IsAggregate(*e)) {
          keys.push_back(Value::Null());
        } else {
          KG_ASSIGN_OR_RETURN(Value v, eval.Eval(*e, row));
          keys.push_back(std::move(v));
        }
      }
      auto [it, inserted] = group_of.insert({RowKey(keys), groups.size()});
      if (inserted) {
        groups.push_back({std::move(keys), std::vector<int64_t>(items.size(), 0),
                          std::vector<std::set<std::string>>(items.size())});
        if (groups.size() > max_rows) return TooManyRows(max_rows);
      }
      Group& g = groups[it->second];
      for (size_t k = 0; k < items.size(); ++k) {
        const Expr& e = *items[k];
        if (e.kind == Expr::Kind::kCountStar) {
          ++g.counts[k];
        } else if (IsAggregate(e)) {
          KG_ASSIGN_OR_RETURN(Value v, eval.Eval(*e.args[0], row));
          if (v.is_null()) continue;
          if (e.distinct) {
            g.distinct[k].insert(Key(v));
            g.counts[k] = static_cast<int64_t>(g.distinct[k].size());
          } else {
            ++g.counts[k];
          }
        }
      }
      return true;
    }));
    bool only_aggregates = std::all_of(items.begin(), items.end(),
                                       [](const Expr* e) { return IsAggregate(*e); });
    if (groups.empty() && only_aggregates) {
      groups.push_back({std::vector<Value>(items.size()), std::vector<int64_t>(items.size(), 0),
                        {}});
    }
    for (auto& g : groups) {
      OutRow o;
      o.values = std::move(g.values);
      for (size_t k = 0; k < items.size(); ++k) {
        if (IsAggregate(*items[k])) o.values[k] = Value::Int(g.counts[k]);
      }
      for (int c : order_column) o.keys.push_back(o.values[c]);
      out.push_back(std::move(o));
    }
  }

  if (!streaming) {
    std::stable_sort(out.begin(), out.end(), [&](const OutRow& a, const OutRow& b) {
      for (size_t k = 0; k < query.order_by.size(); ++k) {
        int c = OrderCompare(a.keys[k], b.keys[k]);
        if (c != 0) return query.order_by[k].descending ? c > 0 : c < 0;
      }
      return false;
    });
    size_t begin = std::min(skip, out.size());
    size_t end = has_limit ? std::min(out.size(), begin + limit) : out.size();
    std::vector<OutRow> page(std::make_move_iterator(out.begin() + begin),
                             std::make_move_iterator(out.begin() + end));
    out = std::move(page);
  }
  for (auto& o : out) answer.rows.push_back(std::move(o.values));
  answer.expansions = matcher.expansions();
  return answer;
}

}  // namespace kg::cypher
