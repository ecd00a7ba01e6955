// Cypher parser: recursive descent over the tokens of lexer.h; see parser.h.
#include "services/query/cypher/parser.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/graph_types.h"

namespace kg::cypher {

const Vocabulary& Vocabulary::Model() {
  static const Vocabulary* model = [] {
    auto* v = new Vocabulary;
    for (auto t : storage::kNodeTypes) v->node_types.emplace_back(t);
    for (auto t : storage::kEdgeTypes) v->edge_types.emplace_back(t);
    return v;
  }();
  return *model;
}

namespace {

// Levenshtein distance over bytes (labels are ASCII).
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> NearestWords(const std::string& word,
                                      const std::vector<std::string>& known) {
  std::string lower = absl::AsciiStrToLower(word);
  size_t limit = std::max<size_t>(2, lower.size() / 3);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& k : known) {
    size_t d = EditDistance(lower, k);
    // A prefix typed short ("achieve" for achievement) is near too.
    if (lower.size() >= 3 && k.compare(0, lower.size(), lower) == 0) d = std::min<size_t>(d, 1);
    if (d <= limit) scored.push_back({d, k});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [d, k] : scored) {
    if (d == scored.front().first) out.push_back(k);
  }
  return out;
}

namespace {

const std::set<std::string>& WritingClauses() {
  static const auto* words =
      new std::set<std::string>{"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP",
                                "LOAD", "FOREACH"};
  return *words;
}

const std::set<std::string>& UnsupportedClauses() {
  static const auto* words =
      new std::set<std::string>{"OPTIONAL", "WITH", "UNWIND", "CALL", "UNION", "USE", "PROFILE"};
  return *words;
}

// Words that end or join expressions, never names of variables (unless `quoted`).
bool IsReserved(const std::string& word) {
  static const auto* words = new std::set<std::string>{
      "MATCH", "WHERE", "RETURN", "ORDER", "SKIP", "LIMIT", "AS", "AND", "OR", "XOR", "NOT",
      "IN", "IS", "CONTAINS", "STARTS", "ENDS", "DISTINCT", "ASC", "DESC", "EXPLAIN"};
  std::string upper = absl::AsciiStrToUpper(word);
  return words->count(upper) > 0 || WritingClauses().count(upper) > 0 ||
         UnsupportedClauses().count(upper) > 0;
}

// Arity of each function: min and max arguments (-1: any number).
const std::map<std::string, std::pair<int, int>>& Functions() {
  static const auto* functions = new std::map<std::string, std::pair<int, int>>{
      {"search", {2, 3}},    {"id", {1, 1}},        {"type", {1, 1}},       {"labels", {1, 1}},
      {"length", {1, 1}},    {"nodes", {1, 1}},     {"relationships", {1, 1}},
      {"edges", {1, 1}},     {"size", {1, 1}},      {"coalesce", {1, -1}},  {"tolower", {1, 1}},
      {"toupper", {1, 1}},   {"tointeger", {1, 1}}, {"tofloat", {1, 1}},    {"tostring", {1, 1}},
      {"count", {1, 1}}};
  return *functions;
}

std::vector<std::string> FunctionNames() {
  std::vector<std::string> names;
  for (const auto& [name, arity] : Functions()) names.push_back(name);
  return names;
}

std::string Suggest(const std::vector<std::string>& nearest) {
  if (nearest.empty()) return "";
  return absl::StrCat("; did you mean ", absl::StrJoin(nearest, " or "), "?");
}

enum class VarKind { kNode, kEdge, kEdgeList, kPath };

struct VarInfo {
  VarKind kind;
  Position pos;
  std::string label;
};

class Parser {
 public:
  Parser(const std::string& text, std::vector<Token> tokens, const Vocabulary& vocabulary)
      : text_(text), tokens_(std::move(tokens)), vocabulary_(vocabulary) {}

  absl::StatusOr<Query> Run() {
    Query query;
    if (IsKeyword("EXPLAIN")) {
      query.explain = true;
      Next();
    }
    if (!IsKeyword("MATCH")) return ClauseError("a query starts with MATCH");
    std::vector<ExprPtr> wheres;
    while (IsKeyword("MATCH")) {
      Next();
      do {
        PathPattern pattern;
        absl::Status s = ParsePattern(&pattern);
        if (!s.ok()) return s;
        query.patterns.push_back(std::move(pattern));
      } while (Accept(","));
      if (IsKeyword("WHERE")) {
        Next();
        auto where = ParseExpr();
        if (!where.ok()) return where.status();
        wheres.push_back(std::move(*where));
      }
    }
    if (!IsKeyword("RETURN")) return ClauseError("expected WHERE, MATCH or RETURN");
    Next();
    absl::Status s = ParseReturn(&query);
    if (!s.ok()) return s;
    Accept(";");
    if (Peek().kind != TokenKind::kEnd) {
      return ClauseError(absl::StrCat("unexpected ", Describe(Peek()), " after the query's end"));
    }
    // Several WHEREs (one per MATCH) all have to hold.
    for (auto& w : wheres) {
      if (!query.where) {
        query.where = std::move(w);
        continue;
      }
      auto both = std::make_unique<Expr>();
      both->kind = Expr::Kind::kAnd;
      both->pos = w->pos;
      both->args.push_back(std::move(query.where));
      both->args.push_back(std::move(w));
      query.where = std::move(both);
    }
    s = Check(&query);
    if (!s.ok()) return s;
    return query;
  }

 private:
  // ---- tokens ----
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(at_ + ahead, tokens_.size() - 1)];
  }
  const Token& Next() {
    const Token& t = tokens_[at_];
    if (at_ + 1 < tokens_.size()) ++at_;
    return t;
  }
  bool IsSymbol(const char* s, size_t ahead = 0) const {
    return Peek(ahead).kind == TokenKind::kSymbol && Peek(ahead).text == s;
  }
  bool IsKeyword(const char* word, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && absl::AsciiStrToUpper(t.text) == word;
  }
  bool Accept(const char* symbol) {
    if (!IsSymbol(symbol)) return false;
    Next();
    return true;
  }
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kEnd: return "the end of the query";
      case TokenKind::kString: return absl::StrCat("the string '", t.text, "'");
      case TokenKind::kParameter: return absl::StrCat("$", t.text);
      default: return absl::StrCat("'", t.text, "'");
    }
  }
  absl::Status Expect(const char* symbol, const char* where) {
    if (Accept(symbol)) return absl::OkStatus();
    return ErrorAt(Peek().pos,
                   absl::StrCat("expected '", symbol, "' ", where, ", found ", Describe(Peek())));
  }
  absl::Status ClauseError(const std::string& fallback) {
    const Token& t = Peek();
    std::string word = absl::AsciiStrToUpper(t.text);
    if (t.kind == TokenKind::kIdentifier && WritingClauses().count(word)) {
      return ErrorAt(t.pos, absl::StrCat(word,
                                         " is not supported: kg queries are read-only (MATCH … "
                                         "WHERE … RETURN); change the graph by ingesting reports"));
    }
    if (t.kind == TokenKind::kIdentifier && UnsupportedClauses().count(word)) {
      return ErrorAt(t.pos, absl::StrCat(word, " is not part of kg's Cypher subset (see "
                                               "docs/cypher.md)"));
    }
    return ErrorAt(t.pos, absl::StrCat(fallback, ", found ", Describe(t)));
  }
  static bool IsName(const Token& t) {
    return t.kind == TokenKind::kQuotedIdentifier ||
           (t.kind == TokenKind::kIdentifier && !IsReserved(t.text));
  }
  std::string TextOf(size_t first_token, size_t end_token) const {
    if (end_token <= first_token) return "";
    size_t begin = tokens_[first_token].begin;
    size_t end = tokens_[end_token - 1].end;
    return text_.substr(begin, end - begin);
  }
  absl::StatusOr<std::string> Name(const char* what) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kIdentifier || t.kind == TokenKind::kQuotedIdentifier) {
      Next();
      return t.text;
    }
    return ErrorAt(t.pos, absl::StrCat("expected ", what, ", found ", Describe(t)));
  }

  // ---- patterns ----
  absl::Status ParsePattern(PathPattern* pattern) {
    pattern->pos = Peek().pos;
    if (IsName(Peek()) && IsSymbol("=", 1)) {
      pattern->path_var = Next().text;
      Next();
    }
    NodePattern first;
    absl::Status s = ParseNode(&first);
    if (!s.ok()) return s;
    pattern->nodes.push_back(std::move(first));
    while (IsSymbol("-") || (IsSymbol("<") && IsSymbol("-", 1))) {
      RelPattern rel;
      s = ParseRel(&rel);
      if (!s.ok()) return s;
      pattern->rels.push_back(std::move(rel));
      NodePattern node;
      s = ParseNode(&node);
      if (!s.ok()) return s;
      pattern->nodes.push_back(std::move(node));
    }
    return absl::OkStatus();
  }

  absl::Status ParseNode(NodePattern* node) {
    node->pos = Peek().pos;
    if (!Accept("(")) {
      return ErrorAt(Peek().pos, absl::StrCat("expected '(' to start a node pattern, found ",
                                              Describe(Peek())));
    }
    if (IsName(Peek())) node->var = Next().text;
    if (Accept(":")) {
      node->label_pos = Peek().pos;
      auto label = Name("a node type after ':'");
      if (!label.ok()) return label.status();
      node->label = absl::AsciiStrToLower(*label);
      if (std::find(vocabulary_.node_types.begin(), vocabulary_.node_types.end(), node->label) ==
          vocabulary_.node_types.end()) {
        std::string hint = Suggest(NearestWords(*label, vocabulary_.node_types));
        bool is_edge = std::find(vocabulary_.edge_types.begin(), vocabulary_.edge_types.end(),
                                 node->label) != vocabulary_.edge_types.end();
        if (is_edge) hint = absl::StrCat("; ", node->label, " is an edge type, used as -[:", node->label, "]->");
        return ErrorAt(node->label_pos,
                       absl::StrCat("unknown node type '", *label, "'", hint, " (node types: ",
                                    absl::StrJoin(vocabulary_.node_types, ", "), ")"));
      }
      if (IsSymbol(":")) {
        return ErrorAt(Peek().pos, "a node has one type; write one label, e.g. (t:task)");
      }
    }
    if (IsSymbol("{")) {
      absl::Status s = ParseProperties(&node->properties);
      if (!s.ok()) return s;
    }
    return Expect(")", "to close the node pattern");
  }

  absl::Status ParseRel(RelPattern* rel) {
    rel->pos = Peek().pos;
    bool left = false;
    if (IsSymbol("<")) {
      left = true;
      Next();
    }
    absl::Status s = Expect("-", "in an edge pattern");
    if (!s.ok()) return s;
    if (Accept("[")) {
      if (IsName(Peek())) rel->var = Next().text;
      if (Accept(":")) {
        do {
          Accept(":");  // -[:a|:b]- is accepted too
          Position pos = Peek().pos;
          auto type = Name("an edge type after ':'");
          if (!type.ok()) return type.status();
          std::string lower = absl::AsciiStrToLower(*type);
          if (std::find(vocabulary_.edge_types.begin(), vocabulary_.edge_types.end(), lower) ==
              vocabulary_.edge_types.end()) {
            std::string hint = Suggest(NearestWords(*type, vocabulary_.edge_types));
            bool is_node = std::find(vocabulary_.node_types.begin(), vocabulary_.node_types.end(),
                                     lower) != vocabulary_.node_types.end();
            if (is_node) hint = absl::StrCat("; ", lower, " is a node type, used as (x:", lower, ")");
            return ErrorAt(pos, absl::StrCat("unknown edge type '", *type, "'", hint,
                                             " (edge types: ",
                                             absl::StrJoin(vocabulary_.edge_types, ", "), ")"));
          }
          rel->types.push_back(lower);
        } while (Accept("|"));
      }
      if (IsSymbol("*")) {
        s = ParseHops(rel);
        if (!s.ok()) return s;
      }
      if (IsSymbol("{")) {
        if (rel->variable_length) {
          return ErrorAt(Peek().pos, "a variable-length edge takes no {properties}");
        }
        s = ParseProperties(&rel->properties);
        if (!s.ok()) return s;
      }
      s = Expect("]", "to close the edge pattern");
      if (!s.ok()) return s;
    }
    s = Expect("-", "to continue the edge pattern");
    if (!s.ok()) return s;
    bool right = Accept(">");
    if (left && right) {
      return ErrorAt(rel->pos, "an edge points one way: <-[]- or -[]->, or -[]- for either");
    }
    rel->direction = left ? PatternDirection::kIn
                          : (right ? PatternDirection::kOut : PatternDirection::kEither);
    return absl::OkStatus();
  }

  absl::Status ParseHops(RelPattern* rel) {
    Position star = Next().pos;
    rel->variable_length = true;
    auto integer = [&](int* out) -> absl::Status {
      const Token& t = Next();
      if (!absl::SimpleAtoi(t.text, out) || *out < 0 || *out > 1000) {
        return ErrorAt(t.pos, "expected a small number of hops");
      }
      return absl::OkStatus();
    };
    bool has_max = false;
    if (Peek().kind == TokenKind::kInteger) {
      absl::Status s = integer(&rel->min_hops);
      if (!s.ok()) return s;
      if (Accept("..")) {
        if (Peek().kind == TokenKind::kInteger) {
          s = integer(&rel->max_hops);
          if (!s.ok()) return s;
          has_max = true;
        }
      } else {
        rel->max_hops = rel->min_hops;  // *3: exactly three
        has_max = true;
      }
    } else if (Accept("..")) {
      rel->min_hops = 1;
      if (Peek().kind == TokenKind::kInteger) {
        absl::Status s = integer(&rel->max_hops);
        if (!s.ok()) return s;
        has_max = true;
      }
    }
    if (!has_max || rel->max_hops > kMaxVariableHops) {
      return ErrorAt(star, absl::StrCat("a variable-length edge needs an upper bound of at most ",
                                        kMaxVariableHops, " hops, e.g. *1..3"));
    }
    if (rel->min_hops > rel->max_hops) {
      return ErrorAt(star, absl::StrCat("the lower bound ", rel->min_hops,
                                        " is above the upper bound ", rel->max_hops));
    }
    if (rel->min_hops == 0) {
      return ErrorAt(star, "a variable-length edge takes at least one hop; write *1..n");
    }
    return absl::OkStatus();
  }

  absl::Status ParseProperties(std::vector<std::pair<std::string, ExprPtr>>* out) {
    Next();  // {
    if (Accept("}")) return absl::OkStatus();
    do {
      auto key = Name("a property name");
      if (!key.ok()) return key.status();
      absl::Status s = Expect(":", "after the property name");
      if (!s.ok()) return s;
      auto value = ParseExpr();
      if (!value.ok()) return value.status();
      out->push_back({*key, std::move(*value)});
    } while (Accept(","));
    return Expect("}", "to close the properties");
  }

  // ---- RETURN ----
  absl::Status ParseReturn(Query* query) {
    if (IsKeyword("DISTINCT")) {
      query->distinct = true;
      Next();
    }
    if (Accept("*")) {
      query->return_all = true;
    } else {
      do {
        ReturnItem item;
        size_t first = at_;
        auto expr = ParseExpr();
        if (!expr.ok()) return expr.status();
        item.expr = std::move(*expr);
        item.column = TextOf(first, at_);
        if (IsKeyword("AS")) {
          Next();
          auto alias = Name("a column name after AS");
          if (!alias.ok()) return alias.status();
          item.column = *alias;
          item.aliased = true;
        }
        query->items.push_back(std::move(item));
      } while (Accept(","));
    }
    if (IsKeyword("ORDER")) {
      Next();
      if (!IsKeyword("BY")) return ErrorAt(Peek().pos, "expected BY after ORDER");
      Next();
      do {
        OrderItem item;
        size_t first = at_;
        auto expr = ParseExpr();
        if (!expr.ok()) return expr.status();
        item.expr = std::move(*expr);
        item.text = TextOf(first, at_);
        if (IsKeyword("DESC") || IsKeyword("DESCENDING")) {
          item.descending = true;
          Next();
        } else if (IsKeyword("ASC") || IsKeyword("ASCENDING")) {
          Next();
        }
        query->order_by.push_back(std::move(item));
      } while (Accept(","));
    }
    if (IsKeyword("SKIP")) {
      Next();
      auto e = ParseCount("SKIP");
      if (!e.ok()) return e.status();
      query->skip = std::move(*e);
    }
    if (IsKeyword("LIMIT")) {
      Next();
      auto e = ParseCount("LIMIT");
      if (!e.ok()) return e.status();
      query->limit = std::move(*e);
    }
    return absl::OkStatus();
  }

  // SKIP and LIMIT take a non-negative integer or a parameter.
  absl::StatusOr<ExprPtr> ParseCount(const char* what) {
    const Token& t = Peek();
    auto e = std::make_unique<Expr>();
    e->pos = t.pos;
    if (t.kind == TokenKind::kParameter) {
      e->kind = Expr::Kind::kParameter;
      e->name = t.text;
      Next();
      return e;
    }
    int64_t n = 0;
    if (t.kind == TokenKind::kInteger && absl::SimpleAtoi(t.text, &n)) {
      e->value = Value::Int(n);
      Next();
      return e;
    }
    return ErrorAt(t.pos, absl::StrCat(what, " takes a whole number or a $parameter, found ",
                                       Describe(t)));
  }

  // ---- expressions ----
  absl::StatusOr<ExprPtr> Binary(Expr::Kind kind, Position pos, ExprPtr a, ExprPtr b,
                                 std::string name = "") {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = pos;
    e->name = std::move(name);
    e->args.push_back(std::move(a));
    if (b) e->args.push_back(std::move(b));
    return e;
  }

  absl::StatusOr<ExprPtr> ParseExpr() {
    if (++depth_ > kMaxDepth) {
      return ErrorAt(Peek().pos, "the expression is nested too deeply");
    }
    auto e = ParseOr();
    --depth_;
    return e;
  }

  absl::StatusOr<ExprPtr> ParseOr() {
    auto left = ParseXor();
    if (!left.ok()) return left;
    while (IsKeyword("OR")) {
      Position pos = Next().pos;
      auto right = ParseXor();
      if (!right.ok()) return right;
      left = Binary(Expr::Kind::kOr, pos, std::move(*left), std::move(*right));
    }
    return left;
  }
  absl::StatusOr<ExprPtr> ParseXor() {
    auto left = ParseAnd();
    if (!left.ok()) return left;
    while (IsKeyword("XOR")) {
      Position pos = Next().pos;
      auto right = ParseAnd();
      if (!right.ok()) return right;
      left = Binary(Expr::Kind::kXor, pos, std::move(*left), std::move(*right));
    }
    return left;
  }
  absl::StatusOr<ExprPtr> ParseAnd() {
    auto left = ParseNot();
    if (!left.ok()) return left;
    while (IsKeyword("AND")) {
      Position pos = Next().pos;
      auto right = ParseNot();
      if (!right.ok()) return right;
      left = Binary(Expr::Kind::kAnd, pos, std::move(*left), std::move(*right));
    }
    return left;
  }
  absl::StatusOr<ExprPtr> ParseNot() {
    if (IsKeyword("NOT")) {
      Position pos = Next().pos;
      if (++depth_ > kMaxDepth) return ErrorAt(pos, "the expression is nested too deeply");
      auto inner = ParseNot();
      --depth_;
      if (!inner.ok()) return inner;
      return Binary(Expr::Kind::kNot, pos, std::move(*inner), nullptr);
    }
    return ParseComparison();
  }
  absl::StatusOr<ExprPtr> ParseComparison() {
    auto left = ParsePostfix();
    if (!left.ok()) return left;
    static const char* const kOps[] = {"=", "<>", "<=", ">=", "<", ">"};
    for (const char* op : kOps) {
      if (IsSymbol(op)) {
        Position pos = Next().pos;
        auto right = ParsePostfix();
        if (!right.ok()) return right;
        left = Binary(Expr::Kind::kCompare, pos, std::move(*left), std::move(*right), op);
        for (const char* again : kOps) {
          if (IsSymbol(again)) {
            return ErrorAt(Peek().pos, "comparisons do not chain; write a < b AND b < c");
          }
        }
        break;
      }
    }
    return left;
  }
  absl::StatusOr<ExprPtr> ParsePostfix() {
    auto left = ParseAtom();
    if (!left.ok()) return left;
    while (true) {
      Position pos = Peek().pos;
      if (IsKeyword("IS")) {
        Next();
        bool negated = false;
        if (IsKeyword("NOT")) {
          negated = true;
          Next();
        }
        if (!IsKeyword("NULL")) return ErrorAt(Peek().pos, "expected NULL after IS / IS NOT");
        Next();
        left = Binary(negated ? Expr::Kind::kIsNotNull : Expr::Kind::kIsNull, pos,
                      std::move(*left), nullptr);
      } else if (IsKeyword("CONTAINS")) {
        Next();
        auto right = ParseAtom();
        if (!right.ok()) return right;
        left = Binary(Expr::Kind::kContains, pos, std::move(*left), std::move(*right));
      } else if (IsKeyword("STARTS") || IsKeyword("ENDS")) {
        bool starts = IsKeyword("STARTS");
        Next();
        if (!IsKeyword("WITH")) {
          return ErrorAt(Peek().pos, starts ? "expected WITH after STARTS" : "expected WITH after ENDS");
        }
        Next();
        auto right = ParseAtom();
        if (!right.ok()) return right;
        left = Binary(starts ? Expr::Kind::kStartsWith : Expr::Kind::kEndsWith, pos,
                      std::move(*left), std::move(*right));
      } else if (IsKeyword("IN")) {
        Next();
        auto right = ParseAtom();
        if (!right.ok()) return right;
        left = Binary(Expr::Kind::kIn, pos, std::move(*left), std::move(*right));
      } else {
        return left;
      }
    }
  }

  absl::StatusOr<ExprPtr> ParseAtom() {
    const Token& t = Peek();
    auto e = std::make_unique<Expr>();
    e->pos = t.pos;
    switch (t.kind) {
      case TokenKind::kString:
        e->value = Value::String(t.text);
        Next();
        return e;
      case TokenKind::kInteger: {
        int64_t n = 0;
        if (!absl::SimpleAtoi(t.text, &n)) return ErrorAt(t.pos, "the number is too large");
        e->value = Value::Int(n);
        Next();
        return e;
      }
      case TokenKind::kFloat: {
        double d = 0;
        if (!absl::SimpleAtod(t.text, &d)) return ErrorAt(t.pos, "not a number");
        e->value = Value::Float(d);
        Next();
        return e;
      }
      case TokenKind::kParameter:
        e->kind = Expr::Kind::kParameter;
        e->name = t.text;
        Next();
        return e;
      case TokenKind::kSymbol:
        if (t.text == "-" && (Peek(1).kind == TokenKind::kInteger ||
                              Peek(1).kind == TokenKind::kFloat)) {
          Next();
          auto number = ParseAtom();
          if (!number.ok()) return number;
          if ((*number)->value.type == Value::Type::kInt) {
            (*number)->value.i = -(*number)->value.i;
          } else {
            (*number)->value.f = -(*number)->value.f;
          }
          (*number)->pos = e->pos;
          return number;
        }
        if (t.text == "(") {
          Next();
          auto inner = ParseExpr();
          if (!inner.ok()) return inner;
          absl::Status s = Expect(")", "to close the parenthesis");
          if (!s.ok()) return s;
          return inner;
        }
        if (t.text == "[") {
          Next();
          e->kind = Expr::Kind::kList;
          if (!Accept("]")) {
            do {
              auto item = ParseExpr();
              if (!item.ok()) return item;
              e->args.push_back(std::move(*item));
            } while (Accept(","));
            absl::Status s = Expect("]", "to close the list");
            if (!s.ok()) return s;
          }
          return e;
        }
        break;
      case TokenKind::kIdentifier:
      case TokenKind::kQuotedIdentifier: {
        std::string upper = absl::AsciiStrToUpper(t.text);
        if (t.kind == TokenKind::kIdentifier) {
          if (upper == "TRUE" || upper == "FALSE") {
            e->value = Value::Bool(upper == "TRUE");
            Next();
            return e;
          }
          if (upper == "NULL") {
            Next();
            return e;
          }
          if (IsSymbol("(", 1)) return ParseCall();
          if (IsReserved(t.text)) break;
        }
        e->kind = Expr::Kind::kVariable;
        e->name = t.text;
        Next();
        while (IsSymbol(".")) {
          Position pos = Next().pos;
          auto key = Name("a property name after '.'");
          if (!key.ok()) return key.status();
          auto property = std::make_unique<Expr>();
          property->kind = Expr::Kind::kProperty;
          property->pos = pos;
          property->name = *key;
          property->args.push_back(std::move(e));
          e = std::move(property);
        }
        return e;
      }
      case TokenKind::kEnd:
        break;
    }
    const Token& bad = Peek();
    if (bad.kind == TokenKind::kIdentifier || bad.kind == TokenKind::kSymbol) {
      std::string word = absl::AsciiStrToUpper(bad.text);
      if (WritingClauses().count(word)) return ClauseError("");
    }
    return ErrorAt(bad.pos, absl::StrCat("expected a value, a variable or a function call, found ",
                                         Describe(bad)));
  }

  absl::StatusOr<ExprPtr> ParseCall() {
    const Token& t = Next();
    auto e = std::make_unique<Expr>();
    e->pos = t.pos;
    e->kind = Expr::Kind::kFunction;
    e->name = absl::AsciiStrToLower(t.text);
    Next();  // (
    auto fn = Functions().find(e->name);
    if (fn == Functions().end()) {
      return ErrorAt(t.pos, absl::StrCat("unknown function ", t.text, "()",
                                         Suggest(NearestWords(e->name, FunctionNames()))));
    }
    if (e->name == "count" && IsSymbol("*")) {
      Next();
      e->kind = Expr::Kind::kCountStar;
      absl::Status s = Expect(")", "after count(*");
      if (!s.ok()) return s;
      return e;
    }
    if (IsKeyword("DISTINCT")) {
      if (e->name != "count") return ErrorAt(Peek().pos, "DISTINCT is allowed only in count()");
      Next();
      e->distinct = true;
    }
    if (!Accept(")")) {
      do {
        auto arg = ParseExpr();
        if (!arg.ok()) return arg;
        e->args.push_back(std::move(*arg));
      } while (Accept(","));
      absl::Status s = Expect(")", "to close the function's arguments");
      if (!s.ok()) return s;
    }
    auto [min, max] = fn->second;
    int n = static_cast<int>(e->args.size());
    if (n < min || (max >= 0 && n > max)) {
      std::string expected = min == max ? absl::StrCat(min) : (max < 0 ? absl::StrCat("at least ", min) : absl::StrCat(min, " to ", max));
      return ErrorAt(t.pos, absl::StrCat(e->name, "() takes ", expected, " argument(s), not ", n));
    }
    return e;
  }

  // ---- checks ----
  absl::Status Bind(const std::string& name, VarKind kind, Position pos, const std::string& label) {
    if (name.empty()) return absl::OkStatus();
    auto it = vars_.find(name);
    if (it == vars_.end()) {
      vars_[name] = {kind, pos, label};
      return absl::OkStatus();
    }
    VarInfo& info = it->second;
    if (info.kind != VarKind::kNode || kind != VarKind::kNode) {
      return ErrorAt(pos, absl::StrCat("variable ", name, " is already bound at line ", info.pos.line,
                                       ", column ", info.pos.column,
                                       "; only node variables may repeat (to join patterns)"));
    }
    if (!label.empty() && !info.label.empty() && label != info.label) {
      return ErrorAt(pos, absl::StrCat("node ", name, " is a ", info.label, " at line ", info.pos.line,
                                       ", column ", info.pos.column, " and a ", label,
                                       " here; a node has one type"));
    }
    if (info.label.empty()) info.label = label;
    return absl::OkStatus();
  }

  absl::Status Check(Query* query) {
    for (const auto& pattern : query->patterns) {
      for (const auto& node : pattern.nodes) {
        absl::Status s = Bind(node.var, VarKind::kNode, node.pos, node.label);
        if (!s.ok()) return s;
      }
      for (const auto& rel : pattern.rels) {
        absl::Status s = Bind(rel.var, rel.variable_length ? VarKind::kEdgeList : VarKind::kEdge,
                              rel.pos, "");
        if (!s.ok()) return s;
      }
      absl::Status s = Bind(pattern.path_var, VarKind::kPath, pattern.pos, "");
      if (!s.ok()) return s;
    }
    for (const auto& pattern : query->patterns) {
      for (const auto& node : pattern.nodes) {
        for (const auto& [key, value] : node.properties) {
          absl::Status s = CheckExpr(*value, false, {});
          if (!s.ok()) return s;
        }
      }
      for (const auto& rel : pattern.rels) {
        for (const auto& [key, value] : rel.properties) {
          absl::Status s = CheckExpr(*value, false, {});
          if (!s.ok()) return s;
        }
      }
    }
    if (query->where) {
      absl::Status s = CheckExpr(*query->where, false, {});
      if (!s.ok()) return s;
    }
    if (query->return_all && vars_.empty()) {
      return ErrorAt(Peek().pos, "RETURN * needs a named variable in the pattern");
    }
    std::set<std::string> columns;
    for (const auto& item : query->items) {
      absl::Status s = CheckExpr(*item.expr, true, {});
      if (!s.ok()) return s;
      if (!columns.insert(item.column).second) {
        return ErrorAt(item.expr->pos, absl::StrCat("column ", item.column,
                                                    " is returned twice; name one with AS"));
      }
    }
    for (const auto& order : query->order_by) {
      absl::Status s = CheckExpr(*order.expr, true, columns);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // Variables bound, functions given what they need, count() only where allowed.
  absl::Status CheckExpr(const Expr& e, bool aggregates_allowed,
                         const std::set<std::string>& aliases) {
    switch (e.kind) {
      case Expr::Kind::kVariable: {
        if (vars_.count(e.name) || aliases.count(e.name)) return absl::OkStatus();
        std::vector<std::string> names;
        for (const auto& [name, info] : vars_) names.push_back(name);
        return ErrorAt(e.pos, absl::StrCat("variable ", e.name, " is not defined",
                                           Suggest(NearestWords(e.name, names))));
      }
      case Expr::Kind::kCountStar:
        if (!aggregates_allowed) return ErrorAt(e.pos, "count() is allowed only in RETURN and ORDER BY");
        return absl::OkStatus();
      case Expr::Kind::kFunction:
        if (e.name == "count") {
          if (!aggregates_allowed) return ErrorAt(e.pos, "count() is allowed only in RETURN and ORDER BY");
          return CheckExpr(*e.args[0], false, aliases);
        }
        if (e.name == "search") {
          const Expr& target = *e.args[0];
          if (target.kind != Expr::Kind::kVariable || !vars_.count(target.name) ||
              vars_[target.name].kind != VarKind::kNode) {
            return ErrorAt(target.pos, "search() takes a node variable first: search(g, '长三角')");
          }
        }
        break;
      default:
        break;
    }
    for (const auto& arg : e.args) {
      // count() must be a whole RETURN item, never inside another expression.
      absl::Status s = CheckExpr(*arg, false, aliases);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

  static constexpr int kMaxDepth = 200;

  const std::string& text_;
  std::vector<Token> tokens_;
  const Vocabulary& vocabulary_;
  size_t at_ = 0;
  int depth_ = 0;
  std::map<std::string, VarInfo> vars_;
};

}  // namespace

absl::StatusOr<Query> Parse(const std::string& text, const Vocabulary& vocabulary) {
  auto tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return Parser(text, std::move(*tokens), vocabulary).Run();
}

}  // namespace kg::cypher
