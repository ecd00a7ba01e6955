// Expression evaluation; see eval.h.
#include "services/query/cypher/eval.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/fulltext.h"
#include "storage/ids.h"

namespace kg::cypher {

absl::StatusOr<double> SearchScore(const std::string& name, const std::string& text) {
  std::vector<std::string> wanted = storage::Bigrams(storage::FoldText(text));
  if (wanted.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("search text '", text, "' has no letters, digits or ideographs"));
  }
  std::vector<std::string> have = storage::Bigrams(storage::FoldText(name));
  std::set<std::string> have_set(have.begin(), have.end());
  size_t found = 0;
  for (const auto& w : wanted) found += have_set.count(w);
  return static_cast<double>(found) / static_cast<double>(wanted.size());
}

namespace {

Value NodeProperty(const storage::Node& n, const std::string& key) {
  if (key == "name") return Value::String(n.name);
  if (key == "id") return Value::String(storage::IdToHex(n.id));
  if (key == "type") return Value::String(n.type);
  if (key == "report") return n.report == 0 ? Value::Null() : Value::String(storage::IdToHex(n.report));
  auto it = n.attrs.find(key);
  return it == n.attrs.end() ? Value::Null() : Value::String(it->second);
}

Value EdgeProperty(const storage::Edge& e, const std::string& key) {
  if (key == "id") return Value::String(storage::IdToHex(e.id));
  if (key == "type") return Value::String(e.type);
  if (key == "src") return Value::String(storage::IdToHex(e.src));
  if (key == "dst") return Value::String(storage::IdToHex(e.dst));
  if (key == "report") return e.report == 0 ? Value::Null() : Value::String(storage::IdToHex(e.report));
  auto it = e.attrs.find(key);
  return it == e.attrs.end() ? Value::Null() : Value::String(it->second);
}

bool IsNameProperty(const Expr& e) {
  return e.kind == Expr::Kind::kProperty && e.name == "name";
}

// Both strings folded when either side is a `.name`, so 長三角 equals 长三角.
void FoldNames(const Expr& e, Value* a, Value* b) {
  if (!(IsNameProperty(*e.args[0]) || IsNameProperty(*e.args[1]))) return;
  if (a->type == Value::Type::kString) a->s = storage::FoldText(a->s);
  if (b->type == Value::Type::kString) b->s = storage::FoldText(b->s);
  if (b->type == Value::Type::kList) {
    for (auto& item : b->list) {
      if (item.type == Value::Type::kString) item.s = storage::FoldText(item.s);
    }
  }
}

Value Tri(std::optional<bool> v) { return v ? Value::Bool(*v) : Value::Null(); }

std::optional<bool> Truth(const Value& v) {
  if (v.type == Value::Type::kBool) return v.b;
  return std::nullopt;
}

absl::Status TypeError(const Expr& e, const std::string& what, const Value& got) {
  return ErrorAt(e.pos, absl::StrCat(what, ", not a ", TypeName(got.type)));
}

}  // namespace

absl::StatusOr<Value> Evaluator::Param(const Expr& e) const {
  auto it = params_->find(e.name);
  if (it == params_->end()) {
    return ErrorAt(e.pos, absl::StrCat("parameter $", e.name,
                                       " has no value; pass it (kgctl query --param ", e.name,
                                       "=VALUE)"));
  }
  return it->second;
}

absl::StatusOr<Value> Evaluator::Variable(const Expr& e, const Row& row) const {
  auto it = plan_->slot_of.find(e.name);
  if (it == plan_->slot_of.end()) {
    return ErrorAt(e.pos, absl::StrCat("variable ", e.name, " is not defined"));
  }
  int slot = it->second;
  switch (plan_->slot_kinds[slot]) {
    case SlotKind::kNode:
    case SlotKind::kEdge:
      return row[slot];
    case SlotKind::kEdgeList: {
      const Value& segment = row[slot];
      if (segment.type != Value::Type::kPath) return Value::Null();
      std::vector<Value> edges;
      for (const auto& edge : segment.path->edges) {
        edges.push_back(Value::OfEdge(std::make_shared<storage::Edge>(edge)));
      }
      return Value::List(std::move(edges));
    }
    case SlotKind::kPath: {
      for (const auto& p : plan_->paths) {
        if (p.slot != slot) continue;
        auto path = std::make_shared<PathValue>();
        if (p.nodes.empty() || row[p.nodes[0]].type != Value::Type::kNode) return Value::Null();
        path->nodes.push_back(*row[p.nodes[0]].node);
        for (size_t k = 0; k < p.edges.size(); ++k) {
          const Value& edge = row[p.edges[k]];
          if (edge.type == Value::Type::kEdge) {
            path->edges.push_back(*edge.edge);
          } else if (edge.type == Value::Type::kPath) {
            // A variable-length segment: its inner nodes, then the far node below.
            path->edges.insert(path->edges.end(), edge.path->edges.begin(), edge.path->edges.end());
            for (size_t i = 1; i + 1 < edge.path->nodes.size(); ++i) {
              path->nodes.push_back(edge.path->nodes[i]);
            }
          } else {
            return Value::Null();
          }
          const Value& node = row[p.nodes[k + 1]];
          if (node.type != Value::Type::kNode) return Value::Null();
          path->nodes.push_back(*node.node);
        }
        return Value::OfPath(std::move(path));
      }
      return Value::Null();
    }
  }
  return Value::Null();
}

absl::StatusOr<bool> Evaluator::Holds(const Expr& e, const Row& row) const {
  auto v = Eval(e, row);
  if (!v.ok()) return v.status();
  if (v->is_null()) return false;
  if (v->type != Value::Type::kBool) {
    return TypeError(e, "a condition must be true or false", *v);
  }
  return v->b;
}

absl::StatusOr<Value> Evaluator::Eval(const Expr& e, const Row& row) const {
  switch (e.kind) {
    case Expr::Kind::kLiteral:
      return e.value;
    case Expr::Kind::kParameter:
      return Param(e);
    case Expr::Kind::kVariable:
      return Variable(e, row);
    case Expr::Kind::kProperty: {
      auto base = Eval(*e.args[0], row);
      if (!base.ok()) return base;
      if (base->type == Value::Type::kNode) return NodeProperty(*base->node, e.name);
      if (base->type == Value::Type::kEdge) return EdgeProperty(*base->edge, e.name);
      if (base->is_null()) return Value::Null();
      return TypeError(e, absl::StrCat("only nodes and edges have properties such as .", e.name),
                       *base);
    }
    case Expr::Kind::kList: {
      std::vector<Value> items;
      for (const auto& arg : e.args) {
        auto v = Eval(*arg, row);
        if (!v.ok()) return v;
        items.push_back(std::move(*v));
      }
      return Value::List(std::move(items));
    }
    case Expr::Kind::kCompare:
    case Expr::Kind::kContains:
    case Expr::Kind::kStartsWith:
    case Expr::Kind::kEndsWith:
    case Expr::Kind::kIn: {
      auto a = Eval(*e.args[0], row);
      if (!a.ok()) return a;
      auto b = Eval(*e.args[1], row);
      if (!b.ok()) return b;
      FoldNames(e, &*a, &*b);
      if (e.kind == Expr::Kind::kIn) {
        if (b->is_null()) return Value::Null();
        if (b->type != Value::Type::kList) return TypeError(*e.args[1], "IN takes a list", *b);
        bool unknown = false;
        for (const auto& item : b->list) {
          auto eq = Equals(*a, item);
          if (eq && *eq) return Value::Bool(true);
          if (!eq) unknown = true;
        }
        return unknown ? Value::Null() : Value::Bool(false);
      }
      if (e.kind != Expr::Kind::kCompare) {
        if (a->is_null() || b->is_null()) return Value::Null();
        if (a->type != Value::Type::kString || b->type != Value::Type::kString) return Value::Null();
        if (e.kind == Expr::Kind::kContains) return Value::Bool(absl::StrContains(a->s, b->s));
        if (e.kind == Expr::Kind::kStartsWith) return Value::Bool(absl::StartsWith(a->s, b->s));
        return Value::Bool(absl::EndsWith(a->s, b->s));
      }
      if (e.name == "=") return Tri(Equals(*a, *b));
      if (e.name == "<>") {
        auto eq = Equals(*a, *b);
        return eq ? Value::Bool(!*eq) : Value::Null();
      }
      auto c = Compare(*a, *b);
      if (!c) return Value::Null();
      if (e.name == "<") return Value::Bool(*c < 0);
      if (e.name == ">") return Value::Bool(*c > 0);
      if (e.name == "<=") return Value::Bool(*c <= 0);
      return Value::Bool(*c >= 0);
    }
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr:
    case Expr::Kind::kXor: {
      auto a = Eval(*e.args[0], row);
      if (!a.ok()) return a;
      std::optional<bool> x = Truth(*a);
      if (!a->is_null() && !x) return TypeError(*e.args[0], "AND, OR and XOR take conditions", *a);
      // Short cuts: false AND …, true OR … (the right side may be costly: search()).
      if (e.kind == Expr::Kind::kAnd && x && !*x) return Value::Bool(false);
      if (e.kind == Expr::Kind::kOr && x && *x) return Value::Bool(true);
      auto b = Eval(*e.args[1], row);
      if (!b.ok()) return b;
      std::optional<bool> y = Truth(*b);
      if (!b->is_null() && !y) return TypeError(*e.args[1], "AND, OR and XOR take conditions", *b);
      if (e.kind == Expr::Kind::kAnd) {
        if (y && !*y) return Value::Bool(false);
        if (x && y) return Value::Bool(true);
        return Value::Null();
      }
      if (e.kind == Expr::Kind::kOr) {
        if (y && *y) return Value::Bool(true);
        if (x && y) return Value::Bool(false);
        return Value::Null();
      }
      if (x && y) return Value::Bool(*x != *y);
      return Value::Null();
    }
    case Expr::Kind::kNot: {
      auto a = Eval(*e.args[0], row);
      if (!a.ok()) return a;
      if (a->is_null()) return Value::Null();
      if (a->type != Value::Type::kBool) return TypeError(e, "NOT takes a condition", *a);
      return Value::Bool(!a->b);
    }
    case Expr::Kind::kIsNull:
    case Expr::Kind::kIsNotNull: {
      auto a = Eval(*e.args[0], row);
      if (!a.ok()) return a;
      return Value::Bool(a->is_null() == (e.kind == Expr::Kind::kIsNull));
    }
    case Expr::Kind::kFunction:
      return Function(e, row);
    case Expr::Kind::kCountStar:
      return ErrorAt(e.pos, "count() is allowed only as a whole RETURN item");
  }
  return Value::Null();
}

absl::StatusOr<Value> Evaluator::Function(const Expr& e, const Row& row) const {
  if (e.name == "count") return ErrorAt(e.pos, "count() is allowed only as a whole RETURN item");
  std::vector<Value> args;
  for (const auto& arg : e.args) {
    auto v = Eval(*arg, row);
    if (!v.ok()) return v;
    args.push_back(std::move(*v));
  }
  const std::string& f = e.name;
  if (f == "coalesce") {
    for (auto& a : args) {
      if (!a.is_null()) return std::move(a);
    }
    return Value::Null();
  }
  const Value& a = args[0];
  if (f == "search") {
    if (a.is_null()) return Value::Null();
    if (a.type != Value::Type::kNode) return TypeError(*e.args[0], "search() takes a node", a);
    if (args[1].type != Value::Type::kString) {
      return TypeError(*e.args[1], "search() takes its text as a string", args[1]);
    }
    double min_score = kDefaultSearchScore;
    if (args.size() == 3) {
      auto n = AsNumber(args[2]);
      if (args[2].type == Value::Type::kString || !n || !(*n > 0 && *n <= 1)) {
        return ErrorAt(e.args[2]->pos, "search()'s minimum score is a number in (0, 1]");
      }
      min_score = *n;
    }
    auto score = SearchScore(a.node->name, args[1].s);
    if (!score.ok()) return ErrorAt(e.args[1]->pos, std::string(score.status().message()));
    return Value::Bool(*score >= min_score);
  }
  if (a.is_null()) return Value::Null();
  if (f == "id") {
    if (a.type == Value::Type::kNode) return Value::String(storage::IdToHex(a.node->id));
    if (a.type == Value::Type::kEdge) return Value::String(storage::IdToHex(a.edge->id));
    return TypeError(*e.args[0], "id() takes a node or an edge", a);
  }
  if (f == "type") {
    if (a.type == Value::Type::kEdge) return Value::String(a.edge->type);
    if (a.type == Value::Type::kNode) return Value::String(a.node->type);
    return TypeError(*e.args[0], "type() takes an edge or a node", a);
  }
  if (f == "labels") {
    if (a.type != Value::Type::kNode) return TypeError(*e.args[0], "labels() takes a node", a);
    return Value::List({Value::String(a.node->type)});
  }
  if (f == "length" || f == "size") {
    if (a.type == Value::Type::kPath) return Value::Int(static_cast<int64_t>(a.path->edges.size()));
    if (a.type == Value::Type::kList) return Value::Int(static_cast<int64_t>(a.list.size()));
    if (a.type == Value::Type::kString) {
      return Value::Int(static_cast<int64_t>(storage::CodePointCount(a.s)));
    }
    return TypeError(*e.args[0], absl::StrCat(f, "() takes a path, a list or a string"), a);
  }
  if (f == "nodes" || f == "relationships" || f == "edges") {
    if (a.type != Value::Type::kPath) return TypeError(*e.args[0], absl::StrCat(f, "() takes a path"), a);
    std::vector<Value> out;
    if (f == "nodes") {
      for (const auto& n : a.path->nodes) out.push_back(Value::OfNode(std::make_shared<storage::Node>(n)));
    } else {
      for (const auto& x : a.path->edges) out.push_back(Value::OfEdge(std::make_shared<storage::Edge>(x)));
    }
    return Value::List(std::move(out));
  }
  if (f == "tolower" || f == "toupper") {
    if (a.type != Value::Type::kString) return TypeError(*e.args[0], absl::StrCat(f, "() takes a string"), a);
    return Value::String(f == "tolower" ? absl::AsciiStrToLower(a.s) : absl::AsciiStrToUpper(a.s));
  }
  if (f == "tostring") {
    if (a.type == Value::Type::kString) return a;
    return Value::String(ToDisplay(a));
  }
  if (f == "tointeger" || f == "tofloat") {
    auto n = AsNumber(a);
    if (!n) return Value::Null();
    if (f == "tofloat") return Value::Float(*n);
    if (std::fabs(*n) > 9.2e18) return Value::Null();
    return Value::Int(static_cast<int64_t>(std::trunc(*n)));
  }
  return ErrorAt(e.pos, absl::StrCat("unknown function ", f, "()"));
}

namespace {

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string ExprText(const Expr& e) {
  auto arg = [&](size_t k) { return ExprText(*e.args[k]); };
  switch (e.kind) {
    case Expr::Kind::kLiteral:
      return e.value.type == Value::Type::kString ? Quoted(e.value.s) : ToDisplay(e.value);
    case Expr::Kind::kParameter: return "$" + e.name;
    case Expr::Kind::kVariable: return e.name.empty() || e.name[0] == '#' ? "_" : e.name;
    case Expr::Kind::kProperty: return absl::StrCat(arg(0), ".", e.name);
    case Expr::Kind::kList: {
      std::vector<std::string> items;
      for (size_t k = 0; k < e.args.size(); ++k) items.push_back(arg(k));
      return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
    }
    case Expr::Kind::kCompare: return absl::StrCat(arg(0), " ", e.name, " ", arg(1));
    case Expr::Kind::kContains: return absl::StrCat(arg(0), " CONTAINS ", arg(1));
    case Expr::Kind::kStartsWith: return absl::StrCat(arg(0), " STARTS WITH ", arg(1));
    case Expr::Kind::kEndsWith: return absl::StrCat(arg(0), " ENDS WITH ", arg(1));
    case Expr::Kind::kIn: return absl::StrCat(arg(0), " IN ", arg(1));
    case Expr::Kind::kAnd: return absl::StrCat("(", arg(0), " AND ", arg(1), ")");
    case Expr::Kind::kOr: return absl::StrCat("(", arg(0), " OR ", arg(1), ")");
    case Expr::Kind::kXor: return absl::StrCat("(", arg(0), " XOR ", arg(1), ")");
    case Expr::Kind::kNot: return absl::StrCat("NOT ", arg(0));
    case Expr::Kind::kIsNull: return absl::StrCat(arg(0), " IS NULL");
    case Expr::Kind::kIsNotNull: return absl::StrCat(arg(0), " IS NOT NULL");
    case Expr::Kind::kFunction: {
      std::vector<std::string> items;
      for (size_t k = 0; k < e.args.size(); ++k) items.push_back(arg(k));
      return absl::StrCat(e.name, "(", e.distinct ? "DISTINCT " : "", absl::StrJoin(items, ", "), ")");
    }
    case Expr::Kind::kCountStar: return "count(*)";
  }
  return "";
}

ExprPtr CloneExpr(const Expr& e) {
  auto out = std::make_unique<Expr>();
  out->kind = e.kind;
  out->pos = e.pos;
  out->name = e.name;
  out->distinct = e.distinct;
  out->value = e.value;
  for (const auto& arg : e.args) out->args.push_back(CloneExpr(*arg));
  return out;
}

}  // namespace kg::cypher
