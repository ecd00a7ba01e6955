// The planner; see planner.h and plan.h.
#include "services/query/cypher/planner.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/query/cypher/eval.h"

namespace kg::cypher {
namespace {

// Typical number of nodes of each type in a report, smallest first: a label start
// picks the rarest type the pattern names.
int TypeRank(const std::string& type) {
  static const char* const kOrder[] = {"report", "section", "achievement", "indicator", "task",
                                       "goal",   "organization", "term", "place"};
  for (int k = 0; k < 9; ++k) {
    if (type == kOrder[k]) return k;
  }
  return 9;
}

void SplitAnd(const Expr* e, std::vector<const Expr*>* out) {
  if (e == nullptr) return;
  if (e->kind == Expr::Kind::kAnd) {
    SplitAnd(e->args[0].get(), out);
    SplitAnd(e->args[1].get(), out);
  } else {
    out->push_back(e);
  }
}

void VariablesOf(const Expr& e, std::set<std::string>* out) {
  if (e.kind == Expr::Kind::kVariable) out->insert(e.name);
  for (const auto& arg : e.args) VariablesOf(*arg, out);
}

bool IsConstant(const Expr& e) {
  if (e.kind == Expr::Kind::kLiteral || e.kind == Expr::Kind::kParameter) return true;
  if (e.kind == Expr::Kind::kList) {
    for (const auto& arg : e.args) {
      if (!IsConstant(*arg)) return false;
    }
    return true;
  }
  return false;
}

// `v.key` or key(v) for a node variable: the variable's name, else "".
std::string KeyOf(const Expr& e, const char* key) {
  if (e.kind == Expr::Kind::kProperty && e.name == key &&
      e.args[0]->kind == Expr::Kind::kVariable) {
    return e.args[0]->name;
  }
  if (e.kind == Expr::Kind::kFunction && e.name == key && e.args.size() == 1 &&
      e.args[0]->kind == Expr::Kind::kVariable) {
    return e.args[0]->name;
  }
  return "";
}

struct Anchor {
  StartKind kind = StartKind::kAll;
  const Expr* key = nullptr;
  const Expr* text = nullptr;
  const Expr* min_score = nullptr;
  const Expr* conjunct = nullptr;
};

// Whether a conjunct lets an index find `var`'s node.
bool AnchorOf(const Expr& c, const std::string& var, Anchor* out) {
  if (c.kind == Expr::Kind::kCompare && c.name == "=") {
    for (int side = 0; side < 2; ++side) {
      const Expr& lhs = *c.args[side];
      const Expr& rhs = *c.args[1 - side];
      if (!IsConstant(rhs)) continue;
      if (KeyOf(lhs, "id") == var) {
        *out = {StartKind::kId, &rhs, nullptr, nullptr, &c};
        return true;
      }
      if (KeyOf(lhs, "name") == var) {
        *out = {StartKind::kName, &rhs, nullptr, nullptr, &c};
        return true;
      }
    }
  }
  if (c.kind == Expr::Kind::kIn && IsConstant(*c.args[1])) {
    if (KeyOf(*c.args[0], "id") == var) {
      *out = {StartKind::kId, c.args[1].get(), nullptr, nullptr, &c};
      return true;
    }
    if (KeyOf(*c.args[0], "name") == var) {
      *out = {StartKind::kName, c.args[1].get(), nullptr, nullptr, &c};
      return true;
    }
  }
  if (c.kind == Expr::Kind::kFunction && c.name == "search" &&
      c.args[0]->kind == Expr::Kind::kVariable && c.args[0]->name == var &&
      IsConstant(*c.args[1]) && (c.args.size() < 3 || IsConstant(*c.args[2]))) {
    *out = {StartKind::kSearch, nullptr, c.args[1].get(), c.args.size() == 3 ? c.args[2].get() : nullptr,
            &c};
    return true;
  }
  return false;
}

class Planner {
 public:
  explicit Planner(const Query& query) : query_(query) { plan_.query = &query; }

  absl::StatusOr<Plan> Run() {
    AssignSlots();
    std::vector<const Expr*> conjuncts;
    SplitAnd(query_.where.get(), &conjuncts);
    for (const auto& e : plan_.owned) conjuncts.push_back(e.get());
    for (const Expr* c : conjuncts) {
      std::set<std::string> names;
      VariablesOf(*c, &names);
      std::set<int> slots;
      for (const auto& name : names) {
        for (int s : SlotsOf(name)) slots.insert(s);
      }
      pending_.push_back({c, std::move(slots)});
    }

    std::vector<bool> done(query_.patterns.size(), false);
    for (size_t round = 0; round < query_.patterns.size(); ++round) {
      // A pattern joined to what is bound goes next; else the best anchored one.
      int chosen = -1;
      int pivot = -1;
      for (size_t p = 0; p < query_.patterns.size() && chosen < 0; ++p) {
        if (done[p]) continue;
        for (size_t k = 0; k < node_slots_[p].size(); ++k) {
          if (bound_.count(node_slots_[p][k])) {
            chosen = static_cast<int>(p);
            pivot = static_cast<int>(k);
            break;
          }
        }
      }
      if (chosen < 0) {
        std::tuple<int, int, size_t, size_t> best{99, 99, 0, 0};
        for (size_t p = 0; p < query_.patterns.size(); ++p) {
          if (done[p]) continue;
          for (size_t k = 0; k < node_slots_[p].size(); ++k) {
            Anchor a = BestAnchor(node_slots_[p][k]);
            int kind = static_cast<int>(a.kind);
            int rank = a.kind == StartKind::kLabel ? TypeRank(labels_[node_slots_[p][k]]) : 0;
            std::tuple<int, int, size_t, size_t> key{kind, rank, p, k};
            if (key < best) best = key;
          }
        }
        chosen = static_cast<int>(std::get<2>(best));
        pivot = static_cast<int>(std::get<3>(best));
        AddStart(node_slots_[chosen][pivot]);
      }
      done[chosen] = true;
      const PathPattern& pattern = query_.patterns[chosen];
      const auto& nodes = node_slots_[chosen];
      for (size_t k = pivot; k + 1 < nodes.size(); ++k) {
        AddExpand(pattern, chosen, k, false);
      }
      for (size_t k = pivot; k > 0; --k) {
        AddExpand(pattern, chosen, k - 1, true);
      }
    }
    // Conditions on no variable at all ($flag = true) go with the first step.
    for (auto& p : pending_) {
      if (!p.placed && !plan_.steps.empty()) {
        plan_.steps.front().filters.push_back(p.expr);
        p.placed = true;
      }
    }
    return std::move(plan_);
  }

 private:
  struct Pending {
    const Expr* expr;
    std::set<int> slots;
    bool placed = false;
  };

  int NewSlot(const std::string& name, SlotKind kind) {
    int slot = static_cast<int>(plan_.slot_kinds.size());
    plan_.slot_kinds.push_back(kind);
    plan_.slot_names.push_back(name[0] == '#' ? "" : name);
    plan_.slot_of[name] = slot;
    labels_.emplace_back();
    return slot;
  }

  void AssignSlots() {
    int anonymous = 0;
    for (size_t p = 0; p < query_.patterns.size(); ++p) {
      const PathPattern& pattern = query_.patterns[p];
      node_slots_.emplace_back();
      edge_slots_.emplace_back();
      for (const auto& node : pattern.nodes) {
        std::string name = node.var.empty() ? absl::StrCat("#n", ++anonymous) : node.var;
        int slot = plan_.slot_of.count(name) ? plan_.slot_of[name] : NewSlot(name, SlotKind::kNode);
        if (!node.label.empty()) labels_[slot] = node.label;
        node_slots_[p].push_back(slot);
        AddPropertyConditions(name, node.properties);
      }
      for (const auto& rel : pattern.rels) {
        std::string name = rel.var.empty() ? absl::StrCat("#e", ++anonymous) : rel.var;
        int slot = NewSlot(name, rel.variable_length ? SlotKind::kEdgeList : SlotKind::kEdge);
        edge_slots_[p].push_back(slot);
        AddPropertyConditions(name, rel.properties);
      }
      if (!pattern.path_var.empty()) {
        PathSlots path;
        path.slot = NewSlot(pattern.path_var, SlotKind::kPath);
        path.nodes = node_slots_[p];
        path.edges = edge_slots_[p];
        plan_.paths.push_back(std::move(path));
      }
    }
  }

  // {key: value} is `var.key = value` (or, on a variable-length edge, a condition on
  // every edge, which the matcher checks while walking).
  void AddPropertyConditions(const std::string& var,
                             const std::vector<std::pair<std::string, ExprPtr>>& properties) {
    for (const auto& [key, value] : properties) {
      auto variable = std::make_unique<Expr>();
      variable->kind = Expr::Kind::kVariable;
      variable->name = var;
      variable->pos = value->pos;
      auto property = std::make_unique<Expr>();
      property->kind = Expr::Kind::kProperty;
      property->name = key;
      property->pos = value->pos;
      property->args.push_back(std::move(variable));
      auto eq = std::make_unique<Expr>();
      eq->kind = Expr::Kind::kCompare;
      eq->name = "=";
      eq->pos = value->pos;
      eq->args.push_back(std::move(property));
      eq->args.push_back(CloneExpr(*value));
      plan_.owned.push_back(std::move(eq));
    }
  }

  // The row slots a variable stands for (a path: all of its parts).
  std::vector<int> SlotsOf(const std::string& name) const {
    auto it = plan_.slot_of.find(name);
    if (it == plan_.slot_of.end()) return {};
    for (const auto& p : plan_.paths) {
      if (p.slot == it->second) {
        std::vector<int> parts = p.nodes;
        parts.insert(parts.end(), p.edges.begin(), p.edges.end());
        return parts;
      }
    }
    return {it->second};
  }

  Anchor BestAnchor(int slot) const {
    Anchor best;
    best.kind = labels_[slot].empty() ? StartKind::kAll : StartKind::kLabel;
    const std::string& var = plan_.slot_names[slot].empty() ? AnonymousName(slot) : plan_.slot_names[slot];
    for (const auto& p : pending_) {
      if (p.placed) continue;
      Anchor a;
      if (AnchorOf(*p.expr, var, &a) && static_cast<int>(a.kind) < static_cast<int>(best.kind)) {
        best = a;
      }
    }
    return best;
  }

  std::string AnonymousName(int slot) const {
    for (const auto& [name, s] : plan_.slot_of) {
      if (s == slot) return name;
    }
    return "";
  }

  void AddStart(int slot) {
    Anchor a = BestAnchor(slot);
    Step step;
    step.kind = Step::Kind::kStart;
    step.start.slot = slot;
    step.start.kind = a.kind;
    step.start.label = labels_[slot];
    step.start.key = a.key;
    step.start.text = a.text;
    step.start.min_score = a.min_score;
    step.start.consumed = a.conjunct;
    for (auto& p : pending_) {
      if (p.expr == a.conjunct) p.placed = true;
    }
    bound_.insert(slot);
    plan_.steps.push_back(std::move(step));
    PlaceFilters();
  }

  // Walks rels[k] of the pattern: from nodes[k] to nodes[k+1], or back when `reversed`.
  void AddExpand(const PathPattern& pattern, size_t p, size_t k, bool reversed) {
    Step step;
    step.kind = Step::Kind::kExpand;
    ExpandStep& x = step.expand;
    x.rel = &pattern.rels[k];
    x.reversed = reversed;
    x.edge_slot = edge_slots_[p][k];
    x.from_slot = node_slots_[p][reversed ? k + 1 : k];
    x.to_slot = node_slots_[p][reversed ? k : k + 1];
    x.to_bound = bound_.count(x.to_slot) > 0;
    x.to_label = labels_[x.to_slot];
    bound_.insert(x.to_slot);
    bound_.insert(x.edge_slot);
    plan_.steps.push_back(std::move(step));
    PlaceFilters();
  }

  void PlaceFilters() {
    for (auto& p : pending_) {
      if (p.placed || p.slots.empty()) continue;
      if (std::all_of(p.slots.begin(), p.slots.end(), [&](int s) { return bound_.count(s) > 0; })) {
        plan_.steps.back().filters.push_back(p.expr);
        p.placed = true;
      }
    }
  }

  const Query& query_;
  Plan plan_;
  std::vector<std::string> labels_;  // by slot
  std::vector<std::vector<int>> node_slots_;  // by pattern
  std::vector<std::vector<int>> edge_slots_;
  std::vector<Pending> pending_;
  std::set<int> bound_;
};

std::string NodeText(const Plan& plan, int slot, const std::string& label) {
  std::string name = plan.slot_names[slot];
  return absl::StrCat("(", name, label.empty() ? "" : ":", label, ")");
}

std::string RelText(const Plan& plan, const ExpandStep& x) {
  const RelPattern& rel = *x.rel;
  std::string inner = plan.slot_names[x.edge_slot];
  if (!rel.types.empty()) absl::StrAppend(&inner, ":", absl::StrJoin(rel.types, "|"));
  if (rel.variable_length) absl::StrAppend(&inner, "*", rel.min_hops, "..", rel.max_hops);
  // As walked: from the bound node outwards.
  PatternDirection d = rel.direction;
  if (x.reversed && d != PatternDirection::kEither) {
    d = d == PatternDirection::kOut ? PatternDirection::kIn : PatternDirection::kOut;
  }
  std::string left = d == PatternDirection::kIn ? "<-[" : "-[";
  std::string right = d == PatternDirection::kOut ? "]->" : "]-";
  return absl::StrCat(left, inner, right);
}

}  // namespace

absl::StatusOr<Plan> MakePlan(const Query& query) { return Planner(query).Run(); }

std::vector<std::string> ExplainPlan(const Plan& plan) {
  std::vector<std::string> lines;
  int n = 0;
  for (const auto& step : plan.steps) {
    std::string line;
    if (step.kind == Step::Kind::kStart) {
      const StartStep& s = step.start;
      std::string node = NodeText(plan, s.slot, s.label);
      switch (s.kind) {
        case StartKind::kId:
          line = absl::StrCat("start ", node, " by id (GetNode): ", ExprText(*s.consumed));
          break;
        case StartKind::kName:
          line = absl::StrCat("start ", node, " from the name index (LookupName, folded): ",
                              ExprText(*s.consumed));
          break;
        case StartKind::kSearch:
          line = absl::StrCat("start ", node, " from the full-text index (SearchText): ",
                              ExprText(*s.consumed));
          break;
        case StartKind::kLabel:
          line = absl::StrCat("start ", node, " by scanning the stored nodes for type ", s.label,
                              " (no id, name or search() condition to start from)");
          break;
        case StartKind::kAll:
          line = absl::StrCat("start ", node,
                              " by scanning every stored node (no type, id, name or search())");
          break;
      }
    } else {
      const ExpandStep& x = step.expand;
      const RelPattern& rel = *x.rel;
      std::string hops = rel.variable_length
                             ? absl::StrCat(rel.min_hops, " to ", rel.max_hops, " hops")
                             : "one hop";
      line = absl::StrCat("expand ", NodeText(plan, x.from_slot, ""), RelText(plan, x),
                          NodeText(plan, x.to_slot, x.to_label), " (GetEdges, ", hops,
                          x.to_bound ? ", joining a node bound before" : "", ")");
    }
    lines.push_back(absl::StrCat(++n, ". ", line));
    for (const Expr* f : step.filters) lines.push_back(absl::StrCat("   filter ", ExprText(*f)));
  }
  const Query& q = *plan.query;
  std::vector<std::string> items;
  for (const auto& item : q.items) {
    items.push_back(item.aliased ? absl::StrCat(ExprText(*item.expr), " AS ", item.column)
                                 : item.column);
  }
  std::string ret = absl::StrCat(++n, ". return ", q.distinct ? "DISTINCT " : "",
                                 q.return_all ? "*" : absl::StrJoin(items, ", "));
  lines.push_back(ret);
  if (!q.order_by.empty()) {
    std::vector<std::string> keys;
    for (const auto& o : q.order_by) keys.push_back(absl::StrCat(o.text, o.descending ? " DESC" : ""));
    lines.push_back(absl::StrCat("   order by ", absl::StrJoin(keys, ", ")));
  }
  if (q.skip) lines.push_back(absl::StrCat("   skip ", ExprText(*q.skip)));
  if (q.limit) lines.push_back(absl::StrCat("   limit ", ExprText(*q.limit)));
  return lines;
}

}  // namespace kg::cypher
