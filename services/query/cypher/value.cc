// Cypher values; see value.h.
#include "services/query/cypher/value.h"

#include <cmath>
#include <cstdlib>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "storage/ids.h"

namespace kg::cypher {

Value Value::Bool(bool v) {
  Value out;
  out.type = Type::kBool;
  out.b = v;
  return out;
}
Value Value::Int(int64_t v) {
  Value out;
  out.type = Type::kInt;
  out.i = v;
  return out;
}
Value Value::Float(double v) {
  Value out;
  out.type = Type::kFloat;
  out.f = v;
  return out;
}
Value Value::String(std::string v) {
  Value out;
  out.type = Type::kString;
  out.s = std::move(v);
  return out;
}
Value Value::List(std::vector<Value> v) {
  Value out;
  out.type = Type::kList;
  out.list = std::move(v);
  return out;
}
Value Value::OfNode(std::shared_ptr<const storage::Node> n) {
  Value out;
  out.type = Type::kNode;
  out.node = std::move(n);
  return out;
}
Value Value::OfEdge(std::shared_ptr<const storage::Edge> e) {
  Value out;
  out.type = Type::kEdge;
  out.edge = std::move(e);
  return out;
}
Value Value::OfPath(std::shared_ptr<const PathValue> p) {
  Value out;
  out.type = Type::kPath;
  out.path = std::move(p);
  return out;
}

const char* TypeName(Value::Type type) {
  switch (type) {
    case Value::Type::kNull: return "null";
    case Value::Type::kBool: return "boolean";
    case Value::Type::kInt: return "integer";
    case Value::Type::kFloat: return "float";
    case Value::Type::kString: return "string";
    case Value::Type::kList: return "list";
    case Value::Type::kNode: return "node";
    case Value::Type::kEdge: return "edge";
    case Value::Type::kPath: return "path";
  }
  return "value";
}

std::optional<double> AsNumber(const Value& v) {
  switch (v.type) {
    case Value::Type::kInt: return static_cast<double>(v.i);
    case Value::Type::kFloat: return v.f;
    case Value::Type::kString: {
      double d = 0;
      if (!v.s.empty() && absl::SimpleAtod(v.s, &d) && std::isfinite(d)) return d;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

namespace {

bool IsNumeric(const Value& v) {
  return v.type == Value::Type::kInt || v.type == Value::Type::kFloat;
}

int Sign(double d) { return d < 0 ? -1 : (d > 0 ? 1 : 0); }

// Rank of a type in OrderCompare's total order.
int Rank(const Value& v) {
  switch (v.type) {
    case Value::Type::kInt:
    case Value::Type::kFloat: return 0;
    case Value::Type::kString: return 1;
    case Value::Type::kBool: return 2;
    case Value::Type::kNode: return 3;
    case Value::Type::kEdge: return 4;
    case Value::Type::kPath: return 5;
    case Value::Type::kList: return 6;
    case Value::Type::kNull: return 7;
  }
  return 8;
}

}  // namespace

std::optional<bool> Equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumeric(a) || IsNumeric(b)) {
    auto x = AsNumber(a);
    auto y = AsNumber(b);
    if (!x || !y) return false;
    return *x == *y;
  }
  if (a.type != b.type) return false;
  switch (a.type) {
    case Value::Type::kBool: return a.b == b.b;
    case Value::Type::kString: return a.s == b.s;
    case Value::Type::kNode: return a.node->id == b.node->id;
    case Value::Type::kEdge: return a.edge->id == b.edge->id;
    case Value::Type::kPath: return Key(a) == Key(b);
    case Value::Type::kList: {
      if (a.list.size() != b.list.size()) return false;
      for (size_t k = 0; k < a.list.size(); ++k) {
        auto e = Equals(a.list[k], b.list[k]);
        if (!e) return std::nullopt;
        if (!*e) return false;
      }
      return true;
    }
    default: return false;
  }
}

std::optional<int> Compare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumeric(a) || IsNumeric(b)) {
    auto x = AsNumber(a);
    auto y = AsNumber(b);
    if (!x || !y) return std::nullopt;
    return Sign(*x - *y);
  }
  if (a.type == Value::Type::kString && b.type == Value::Type::kString) {
    return a.s.compare(b.s) < 0 ? -1 : (a.s == b.s ? 0 : 1);
  }
  if (a.type == Value::Type::kBool && b.type == Value::Type::kBool) {
    return static_cast<int>(a.b) - static_cast<int>(b.b);
  }
  return std::nullopt;
}

int OrderCompare(const Value& a, const Value& b) {
  // Attributes are stored as text: text spelling a number sorts as that number.
  auto na = AsNumber(a), nb = AsNumber(b);
  if (na && nb) return Sign(*na - *nb);
  int ra = na ? 0 : Rank(a), rb = nb ? 0 : Rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type) {
    case Value::Type::kInt:
    case Value::Type::kFloat:
    case Value::Type::kString:
    case Value::Type::kBool: return Compare(a, b).value_or(0);
    case Value::Type::kNode: {
      if (a.node->name != b.node->name) return a.node->name < b.node->name ? -1 : 1;
      return a.node->id < b.node->id ? -1 : (a.node->id > b.node->id ? 1 : 0);
    }
    case Value::Type::kEdge:
      return a.edge->id < b.edge->id ? -1 : (a.edge->id > b.edge->id ? 1 : 0);
    case Value::Type::kPath:
    case Value::Type::kList: {
      std::string ka = Key(a), kb = Key(b);
      return ka < kb ? -1 : (ka == kb ? 0 : 1);
    }
    case Value::Type::kNull: return 0;
  }
  return 0;
}

namespace {

std::string NumberText(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return absl::StrCat(static_cast<int64_t>(d), ".0");
  return absl::StrCat(d);
}

std::string PathDisplay(const PathValue& p) {
  if (p.nodes.empty()) return "";
  std::string out = absl::StrCat(p.nodes[0].name);
  for (size_t k = 0; k < p.edges.size() && k + 1 < p.nodes.size(); ++k) {
    const storage::Edge& e = p.edges[k];
    bool forward = e.src == p.nodes[k].id;
    absl::StrAppend(&out, forward ? " -[:" : " <-[:", e.type, forward ? "]-> " : "]- ",
                    p.nodes[k + 1].name);
  }
  return out;
}

}  // namespace

std::string ToDisplay(const Value& v) {
  switch (v.type) {
    case Value::Type::kNull: return "null";
    case Value::Type::kBool: return v.b ? "true" : "false";
    case Value::Type::kInt: return absl::StrCat(v.i);
    case Value::Type::kFloat: return NumberText(v.f);
    case Value::Type::kString: return v.s;
    case Value::Type::kNode: return absl::StrCat(v.node->name, " (", v.node->type, ")");
    case Value::Type::kEdge: return absl::StrCat(":", v.edge->type);
    case Value::Type::kPath: return PathDisplay(*v.path);
    case Value::Type::kList: {
      std::string out = "[";
      for (size_t k = 0; k < v.list.size(); ++k) {
        absl::StrAppend(&out, k ? ", " : "", ToDisplay(v.list[k]));
      }
      return out + "]";
    }
  }
  return "";
}

std::string Key(const Value& v) {
  switch (v.type) {
    case Value::Type::kNull: return "N";
    case Value::Type::kBool: return v.b ? "Bt" : "Bf";
    case Value::Type::kInt: return absl::StrCat("D", static_cast<double>(v.i));
    case Value::Type::kFloat: return absl::StrCat("D", v.f);
    case Value::Type::kString: return absl::StrCat("S", v.s.size(), ":", v.s);
    case Value::Type::kNode: return absl::StrCat("n", storage::IdToHex(v.node->id));
    case Value::Type::kEdge: return absl::StrCat("e", storage::IdToHex(v.edge->id));
    case Value::Type::kPath: {
      std::string out = "P";
      for (const auto& n : v.path->nodes) absl::StrAppend(&out, storage::IdToHex(n.id), ",");
      for (const auto& e : v.path->edges) absl::StrAppend(&out, storage::IdToHex(e.id), ";");
      return out;
    }
    case Value::Type::kList: {
      std::string out = "L[";
      for (const auto& e : v.list) absl::StrAppend(&out, Key(e), ",");
      return out + "]";
    }
  }
  return "";
}

}  // namespace kg::cypher
