// The lexer and parser of kg's Cypher subset: what they accept, and the positioned
// errors (with label suggestions) for what they do not.
#include "services/query/cypher/parser.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/query/cypher/eval.h"
#include "services/query/cypher/lexer.h"
#include "tests/testing/status_matchers.h"

namespace kg::cypher {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

MATCHER_P(ErrorAt, text, "is INVALID_ARGUMENT with message containing " + std::string(text)) {
  return arg.code() == absl::StatusCode::kInvalidArgument &&
         std::string(arg.message()).find(text) != std::string::npos;
}

TEST(LexerTest, PositionsCountCodePointsAndLines) {
  auto tokens = Tokenize("MATCH (任务:task)\n  WHERE 任务.name = '长三角'");
  ASSERT_THAT(tokens, IsOk());
  // MATCH ( 任务 : task ) WHERE 任务 . name = '长三角' END
  ASSERT_EQ(tokens->size(), 13u);
  EXPECT_EQ((*tokens)[2].text, "任务");
  EXPECT_EQ((*tokens)[2].pos.line, 1);
  EXPECT_EQ((*tokens)[2].pos.column, 8);
  EXPECT_EQ((*tokens)[4].pos.column, 11);  // task: 任务 is two columns
  EXPECT_EQ((*tokens)[6].text, "WHERE");
  EXPECT_EQ((*tokens)[6].pos.line, 2);
  EXPECT_EQ((*tokens)[6].pos.column, 3);
  EXPECT_EQ((*tokens)[11].kind, TokenKind::kString);
  EXPECT_EQ((*tokens)[11].text, "长三角");
  EXPECT_EQ((*tokens)[12].kind, TokenKind::kEnd);
}

TEST(LexerTest, StringsNumbersParametersAndRanges) {
  auto tokens = Tokenize("'it\\'s' \"双\" 6.5 1..3 $name `odd name` -- c");
  ASSERT_THAT(tokens, IsOk());
  std::vector<std::string> texts;
  for (const auto& t : *tokens) texts.push_back(t.text);
  EXPECT_THAT(texts, ElementsAre("it's", "双", "6.5", "1", "..", "3", "name", "odd name", "-",
                                 "-", "c", ""));
  EXPECT_EQ((*tokens)[2].kind, TokenKind::kFloat);
  EXPECT_EQ((*tokens)[3].kind, TokenKind::kInteger);
  EXPECT_EQ((*tokens)[6].kind, TokenKind::kParameter);
}

TEST(LexerTest, ErrorsArePositioned) {
  EXPECT_THAT(Tokenize("MATCH (n)\nWHERE n.name = '长三角").status(),
              ErrorAt("line 2, column 16: unterminated string"));
  EXPECT_THAT(Tokenize("MATCH (n) RETURN n # x").status(),
              ErrorAt("line 1, column 20: unexpected character '#'"));
  EXPECT_THAT(Tokenize(std::string("MATCH (\xff)")).status(), ErrorAt("line 1, column 8: the query is not valid UTF-8"));
  EXPECT_THAT(Tokenize("/* open").status(), ErrorAt("line 1, column 1: unterminated comment"));
}

TEST(ParserTest, PatternWithLabelsDirectionsAndSeveralParts) {
  auto q = Parse(
      "MATCH (t:task)-[s:serves]->(g:goal), (t)-[:mentions]->(p:place)<-[:located_in]-(x) "
      "RETURN t, g.name AS goal");
  ASSERT_THAT(q, IsOk());
  ASSERT_EQ(q->patterns.size(), 2u);
  EXPECT_EQ(q->patterns[0].nodes[0].label, "task");
  EXPECT_EQ(q->patterns[0].rels[0].types, std::vector<std::string>{"serves"});
  EXPECT_EQ(q->patterns[0].rels[0].direction, PatternDirection::kOut);
  EXPECT_EQ(q->patterns[1].rels[1].direction, PatternDirection::kIn);
  EXPECT_EQ(q->patterns[1].nodes[2].label, "");
  ASSERT_EQ(q->items.size(), 2u);
  EXPECT_EQ(q->items[0].column, "t");
  EXPECT_EQ(q->items[1].column, "goal");
}

TEST(ParserTest, VariableLengthNeedsABoundedUpperLimit) {
  auto q = Parse("MATCH (a:task)-[:part_of*1..3]->(b) RETURN b");
  ASSERT_THAT(q, IsOk());
  EXPECT_TRUE(q->patterns[0].rels[0].variable_length);
  EXPECT_EQ(q->patterns[0].rels[0].min_hops, 1);
  EXPECT_EQ(q->patterns[0].rels[0].max_hops, 3);
  auto exact = Parse("MATCH (a)-[*2]-(b) RETURN b");
  ASSERT_THAT(exact, IsOk());
  EXPECT_EQ(exact->patterns[0].rels[0].min_hops, 2);
  EXPECT_EQ(exact->patterns[0].rels[0].max_hops, 2);
  EXPECT_THAT(Parse("MATCH (a)-[:part_of*]->(b) RETURN b").status(),
              ErrorAt("line 1, column 20: a variable-length edge needs an upper bound of at most 6"));
  EXPECT_THAT(Parse("MATCH (a)-[*1..7]->(b) RETURN b").status(), ErrorAt("at most 6 hops"));
  EXPECT_THAT(Parse("MATCH (a)-[*3..2]->(b) RETURN b").status(), ErrorAt("lower bound 3"));
}

TEST(ParserTest, WhereOperators) {
  auto q = Parse(
      "MATCH (g:goal) WHERE g.kind = 'target' AND g.value > 5 AND NOT g.unit IS NULL "
      "OR g.name CONTAINS '增长' OR g.name STARTS WITH $p OR g.indicator IN ['a', 'b'] "
      "OR search(g, '長三角一體化') OR g.qualifier IS NOT NULL OR g.value <> 1 "
      "RETURN DISTINCT g.name ORDER BY g.name DESC SKIP 1 LIMIT $n");
  ASSERT_THAT(q, IsOk());
  EXPECT_EQ(q->where->kind, Expr::Kind::kOr);
  EXPECT_TRUE(q->distinct);
  ASSERT_EQ(q->order_by.size(), 1u);
  EXPECT_TRUE(q->order_by[0].descending);
  EXPECT_EQ(q->limit->kind, Expr::Kind::kParameter);
  EXPECT_EQ(ExprText(*q->skip), "1");
}

TEST(ParserTest, ExplainCountAndReturnStar) {
  auto q = Parse("EXPLAIN MATCH (t:task)-[:serves]->(g:goal) RETURN g.name, count(*) AS n");
  ASSERT_THAT(q, IsOk());
  EXPECT_TRUE(q->explain);
  EXPECT_EQ(q->items[1].expr->kind, Expr::Kind::kCountStar);
  auto star = Parse("match p = (a:term)-[:includes]->(b) return *");
  ASSERT_THAT(star, IsOk());
  EXPECT_TRUE(star->return_all);
  EXPECT_EQ(star->patterns[0].path_var, "p");
}

TEST(ParserTest, UnknownLabelsSuggestTheNearest) {
  EXPECT_THAT(Parse("MATCH (t:tsak) RETURN t").status(),
              ErrorAt("line 1, column 10: unknown node type 'tsak'; did you mean task?"));
  EXPECT_THAT(Parse("MATCH (t:task)-[:serve]->(g) RETURN t").status(),
              ErrorAt("line 1, column 18: unknown edge type 'serve'; did you mean serves?"));
  EXPECT_THAT(Parse("MATCH (t:task)\n  -[:mention]->(g) RETURN t").status(),
              ErrorAt("line 2, column 6: unknown edge type 'mention'; did you mean mentions?"));
  EXPECT_THAT(Parse("MATCH (t:serves) RETURN t").status(),
              ErrorAt("serves is an edge type, used as -[:serves]->"));
  EXPECT_THAT(Parse("MATCH (t)-[:goal]->(g) RETURN t").status(),
              ErrorAt("goal is a node type, used as (x:goal)"));
  // Far from everything: no guess, but the list of types.
  EXPECT_THAT(Parse("MATCH (t:zzzzzzzzzz) RETURN t").status(),
              ErrorAt("unknown node type 'zzzzzzzzzz' (node types: report, section"));
}

TEST(NearestWordsTest, EditDistanceAndPrefixes) {
  std::vector<std::string> known = {"task", "term", "goal", "achievement"};
  EXPECT_THAT(NearestWords("tas", known), ElementsAre("task"));
  EXPECT_THAT(NearestWords("achieve", known), ElementsAre("achievement"));
  EXPECT_THAT(NearestWords("TERM", known), ElementsAre("term"));
  EXPECT_TRUE(NearestWords("xyzxyz", known).empty());
}

TEST(ParserTest, WritesAreRefused) {
  EXPECT_THAT(Parse("CREATE (n:task {name: 'x'})").status(),
              ErrorAt("line 1, column 1: CREATE is not supported: kg queries are read-only"));
  EXPECT_THAT(Parse("MATCH (n:task) DELETE n").status(),
              ErrorAt("line 1, column 16: DELETE is not supported"));
  EXPECT_THAT(Parse("MATCH (n:task)\nSET n.name = 'x' RETURN n").status(),
              ErrorAt("line 2, column 1: SET is not supported"));
  EXPECT_THAT(Parse("MERGE (n:task) RETURN n").status(), ErrorAt("MERGE is not supported"));
  EXPECT_THAT(Parse("MATCH (n) WITH n RETURN n").status(),
              ErrorAt("WITH is not part of kg's Cypher subset"));
}

TEST(ParserTest, SyntaxErrorsArePositioned) {
  EXPECT_THAT(Parse("MATCH (n:task RETURN n").status(),
              ErrorAt("line 1, column 15: expected ')' to close the node pattern, found 'RETURN'"));
  EXPECT_THAT(Parse("MATCH (n) RETURN").status(),
              ErrorAt("line 1, column 17: expected a value, a variable or a function call, found the end"));
  EXPECT_THAT(Parse("MATCH (n) WHERE n.name = RETURN n").status(), ErrorAt("line 1, column 26: expected a value, a variable or a function call, found 'RETURN'"));
  EXPECT_THAT(Parse("RETURN 1").status(), ErrorAt("line 1, column 1: a query starts with MATCH"));
  EXPECT_THAT(Parse("MATCH (a)<-[]->(b) RETURN a").status(), ErrorAt("an edge points one way"));
  EXPECT_THAT(Parse("MATCH (n) RETURN n LIMIT -1").status(), ErrorAt("LIMIT takes a whole number"));
  EXPECT_THAT(Parse("MATCH (n) RETURN n n").status(), ErrorAt("line 1, column 20: unexpected 'n'"));
  EXPECT_THAT(Parse("MATCH (n) WHERE 1 < 2 < 3 RETURN n").status(),
              ErrorAt("comparisons do not chain"));
}

TEST(ParserTest, SemanticChecks) {
  EXPECT_THAT(Parse("MATCH (task:task) RETURN tsak").status(),
              ErrorAt("line 1, column 26: variable tsak is not defined; did you mean task?"));
  EXPECT_THAT(Parse("MATCH (n) WHERE count(*) > 1 RETURN n").status(),
              ErrorAt("count() is allowed only in RETURN"));
  EXPECT_THAT(Parse("MATCH (n) RETURN count(*) + 1").status(), ErrorAt("unexpected '+'"));
  EXPECT_THAT(Parse("MATCH (n) RETURN serch(n, 'x')").status(),
              ErrorAt("line 1, column 18: unknown function serch(); did you mean search?"));
  EXPECT_THAT(Parse("MATCH (n)-[r]->(m) WHERE search(r, 'x') RETURN n").status(),
              ErrorAt("search() takes a node variable first"));
  EXPECT_THAT(Parse("MATCH (n) RETURN id(n, n)").status(), ErrorAt("id() takes 1 argument"));
  EXPECT_THAT(Parse("MATCH (n:task), (n:goal) RETURN n").status(),
              ErrorAt("node n is a task at line 1, column 7 and a goal here"));
  EXPECT_THAT(Parse("MATCH (n)-[r]->(m)-[r]->(k) RETURN n").status(),
              ErrorAt("variable r is already bound"));
  EXPECT_THAT(Parse("MATCH (n) RETURN n.name, n.name").status(), ErrorAt("returned twice"));
  EXPECT_THAT(Parse("MATCH (a)-[*1..2 {type: 'x'}]->(b) RETURN a").status(),
              ErrorAt("takes no {properties}"));
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "MATCH (n) WHERE " + std::string(5000, '(') + "1" + std::string(5000, ')') +
                     " RETURN n";
  EXPECT_THAT(Parse(deep).status(), ErrorAt("nested too deeply"));
  std::string nots = "MATCH (n) WHERE ";
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_THAT(Parse(nots + "true RETURN n").status(), ErrorAt("nested too deeply"));
  EXPECT_THAT(Parse(std::string(70000, ' ')).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bytes; at most")));
}

}  // namespace
}  // namespace kg::cypher
