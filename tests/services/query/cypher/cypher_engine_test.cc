// CypherEngine over the first report as the real ingest pipeline extracts it: the
// pattern form of `serves` against QueryEngine::Serves, index starts, folding, paths,
// projection, limits; and every example of docs/cypher.md with the output it shows.
#include "services/query/cypher/cypher_engine.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/query/query_engine.h"
#include "storage/ids.h"
#include "storage/rocks_graph_store.h"
#include "tests/services/ingest/places/real_gazetteer.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::cypher {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

class CypherEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::path(::testing::TempDir()) /
                                     ("cypher-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    auto store = storage::RocksGraphStore::Open(dir_->string());
    ASSERT_THAT(store, IsOk());
    store_ = store->release();
    ASSERT_NE(::kg::testing::RealGazetteerOrNull(), nullptr)
        << ::kg::testing::MissingGazetteerMessage();
    auto extracted = ingest::BuildReportGraph(::kg::testing::ReadTestData("jinshan-2020.txt"), {},
                                              ::kg::testing::RealGazetteerOrNull());
    ASSERT_THAT(extracted, IsOk());
    bool replaced = false;
    ASSERT_THAT(store_->PutReport(extracted->graph, &replaced), IsOk());
  }
  static void TearDownTestSuite() {
    delete store_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  absl::StatusOr<CypherAnswer> Run(const std::string& q, const Params& params = {},
                                   const CypherLimits& limits = {},
                                   const query::CallBudget& budget = {}) {
    return CypherEngine(store_).Run(q, params, limits, budget);
  }

  // Column `k` of every row, as tables show it.
  static std::vector<std::string> Column(const CypherAnswer& a, size_t k) {
    std::vector<std::string> out;
    for (const auto& row : a.rows) out.push_back(ToDisplay(row[k]));
    return out;
  }

  // Every stored node, for counting independently of the engine.
  static std::vector<storage::Node> AllNodes() {
    std::vector<storage::Node> nodes;
    EXPECT_THAT(store_->Export(
                    0,
                    [&](const storage::Node& n) {
                      nodes.push_back(n);
                      return absl::OkStatus();
                    },
                    [](const storage::Edge&) { return absl::OkStatus(); }),
                IsOk());
    return nodes;
  }

  static std::filesystem::path* dir_;
  static storage::RocksGraphStore* store_;
};

std::filesystem::path* CypherEngineTest::dir_ = nullptr;
storage::RocksGraphStore* CypherEngineTest::store_ = nullptr;

TEST_F(CypherEngineTest, PatternFormOfServesReturnsTheTasksOfTheCommand) {
  query::QueryEngine engine(store_);
  query::ServesOptions options;
  options.page.size = query::kMaxPageSize;
  auto served = engine.Serves("长三角一体化", options);
  ASSERT_THAT(served, IsOk());
  std::set<std::string> expected;
  for (const auto& row : served->rows) expected.insert(storage::IdToHex(row.task.id));
  ASSERT_FALSE(expected.empty());

  auto answer = Run(
      "MATCH (t:task)-[:serves]->(g:goal) WHERE search(g, '长三角一体化') RETURN DISTINCT id(t)");
  ASSERT_THAT(answer, IsOk());
  std::vector<std::string> ids = Column(*answer, 0);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);
  EXPECT_EQ(ids.size(), expected.size());  // DISTINCT: each task once
}

TEST_F(CypherEngineTest, SelectivePlansStartFromAnIndex) {
  auto search = Run(
      "EXPLAIN MATCH (t:task)-[:serves]->(g:goal) WHERE search(g, '长三角一体化') RETURN t");
  ASSERT_THAT(search, IsOk());
  EXPECT_THAT(Column(*search, 0).front(),
              HasSubstr("start (g:goal) from the full-text index (SearchText)"));
  EXPECT_THAT(Column(*search, 0)[1], HasSubstr("expand (g)<-[:serves]-(t:task)"));

  auto name = Run("EXPLAIN MATCH (t:task)-[:mentions]->(p:place {name: '枫泾镇'}) RETURN t");
  ASSERT_THAT(name, IsOk());
  EXPECT_THAT(Column(*name, 0).front(), HasSubstr("start (p:place) from the name index"));

  auto id = Run("EXPLAIN MATCH (a)-[:part_of]->(b) WHERE b.id = $id RETURN a",
                {{"id", Value::String("0123456789abcdef")}});
  ASSERT_THAT(id, IsOk());
  EXPECT_THAT(Column(*id, 0).front(), HasSubstr("start (b) by id (GetNode)"));

  // Only a type: the rarest type is scanned, and the plan says so.
  auto label = Run("EXPLAIN MATCH (t:task)-[:serves]->(g:goal) RETURN t");
  ASSERT_THAT(label, IsOk());
  EXPECT_THAT(Column(*label, 0).front(), HasSubstr("start (t:task) by scanning the stored nodes"));
}

TEST_F(CypherEngineTest, SelectiveStartReadsLittle) {
  auto answer = Run("MATCH (p:place {name: '枫泾镇'})<-[:mentions]-(t:task) RETURN t.name");
  ASSERT_THAT(answer, IsOk());
  EXPECT_THAT(Column(*answer, 0), Contains("深化产业发展互融"));
  EXPECT_THAT(Column(*answer, 0), Not(Contains("加强环境综合整治")));
  // One start node and its mentions: far fewer reads than the graph has nodes.
  EXPECT_LT(answer->expansions, 50u);
  EXPECT_LT(answer->expansions, AllNodes().size() / 4);
}

TEST_F(CypherEngineTest, TraditionalCharactersFold) {
  auto simplified = Run(
      "MATCH (t:task)-[:serves]->(g:goal) WHERE search(g, '长三角一体化') RETURN DISTINCT t.name "
      "ORDER BY t.name");
  auto traditional = Run(
      "MATCH (t:task)-[:serves]->(g:goal) WHERE search(g, '長三角一體化') RETURN DISTINCT t.name "
      "ORDER BY t.name");
  ASSERT_THAT(simplified, IsOk());
  ASSERT_THAT(traditional, IsOk());
  EXPECT_FALSE(simplified->rows.empty());
  EXPECT_EQ(Column(*simplified, 0), Column(*traditional, 0));
  // Name equality folds as the name index does.
  auto name = Run("MATCH (p:place) WHERE p.name = '楓涇鎮' RETURN p.name");
  ASSERT_THAT(name, IsOk());
  EXPECT_THAT(Column(*name, 0), ElementsAre("枫泾镇"));
  // search() as a filter on a node reached by expansion, not the start, folds too.
  auto filter = Run(
      "MATCH (p:place {name: '枫泾镇'})<-[:mentions]-(t:task) WHERE search(t, '產業發展', 0.5) "
      "RETURN t.name");
  ASSERT_THAT(filter, IsOk());
  EXPECT_THAT(Column(*filter, 0), Contains("深化产业发展互融"));
}

TEST_F(CypherEngineTest, AttributesCompareAsNumbersAndCountsAreRight) {
  size_t targets = 0, above_five = 0;
  for (const auto& n : AllNodes()) {
    if (n.type != "goal") continue;
    auto kind = n.attrs.find("kind");
    if (kind != n.attrs.end() && kind->second == "target") ++targets;
    auto value = n.attrs.find("value");
    double v = 0;
    if (value != n.attrs.end() && absl::SimpleAtod(value->second, &v) && v > 5) ++above_five;
  }
  ASSERT_GT(targets, 0u);
  auto count = Run("MATCH (g:goal) WHERE g.kind = 'target' RETURN count(*) AS n");
  ASSERT_THAT(count, IsOk());
  ASSERT_EQ(count->rows.size(), 1u);
  EXPECT_EQ(count->rows[0][0].i, static_cast<int64_t>(targets));

  auto above = Run("MATCH (g:goal) WHERE g.value > 5 RETURN g.value ORDER BY g.value DESC");
  ASSERT_THAT(above, IsOk());
  EXPECT_EQ(above->rows.size(), above_five);
  for (size_t k = 1; k < above->rows.size(); ++k) {
    EXPECT_GE(*AsNumber(above->rows[k - 1][0]), *AsNumber(above->rows[k][0]));
  }
  // Grouped counts add up to the total.
  auto grouped = Run("MATCH (g:goal) RETURN g.kind AS kind, count(*) AS n ORDER BY kind");
  ASSERT_THAT(grouped, IsOk());
  int64_t total = 0;
  for (const auto& row : grouped->rows) total += row[1].i;
  size_t goals = 0;
  for (const auto& n : AllNodes()) goals += n.type == "goal";
  EXPECT_EQ(total, static_cast<int64_t>(goals));
}

TEST_F(CypherEngineTest, VariableLengthPathsAndPathValues) {
  auto up = Run(
      "MATCH (p:place {name: '新义村'})-[:located_in*1..3]->(q:place) RETURN q.name ORDER BY q.name");
  ASSERT_THAT(up, IsOk());
  EXPECT_THAT(Column(*up, 0), IsSupersetOf({"枫泾镇", "金山区", "上海市"}));
  auto exact = Run("MATCH (p:place {name: '新义村'})-[:located_in*2]->(q) RETURN q.name");
  ASSERT_THAT(exact, IsOk());
  EXPECT_THAT(Column(*exact, 0), ElementsAre("金山区"));

  auto paths = Run(
      "MATCH route = (p:place {name: '新义村'})-[:located_in*1..3]->(q {name: '上海市'}) "
      "RETURN route, length(route) AS hops");
  ASSERT_THAT(paths, IsOk());
  ASSERT_EQ(paths->rows.size(), 1u);
  const Value& route = paths->rows[0][0];
  ASSERT_EQ(route.type, Value::Type::kPath);
  EXPECT_EQ(route.path->nodes.size(), 4u);
  EXPECT_EQ(paths->rows[0][1].i, 3);
  EXPECT_EQ(ToDisplay(route),
            "新义村 -[:located_in]-> 枫泾镇 -[:located_in]-> 金山区 -[:located_in]-> 上海市");

  // Walked against the arrow from the far end: the path still reads in pattern order.
  auto back = Run(
      "MATCH route = (p:place)-[:located_in*1..2]->(q:place {name: '枫泾镇'}) "
      "WHERE p.name = '新义村' RETURN route");
  ASSERT_THAT(back, IsOk());
  ASSERT_EQ(back->rows.size(), 1u);
  EXPECT_EQ(ToDisplay(back->rows[0][0]), "新义村 -[:located_in]-> 枫泾镇");
}

TEST_F(CypherEngineTest, SeveralPatternsJoinOnSharedVariables) {
  auto answer = Run(
      "MATCH (t:task)-[:mentions]->(p:place {name: '枫泾镇'}), (t)-[:serves]->(g:goal) "
      "RETURN DISTINCT t.name, g.name ORDER BY t.name, g.name");
  ASSERT_THAT(answer, IsOk());
  // Independently: the tasks mentioning 枫泾镇 that serve some goal.
  auto mentions = Run("MATCH (t:task)-[:mentions]->(p:place {name: '枫泾镇'}) RETURN t");
  ASSERT_THAT(mentions, IsOk());
  std::set<std::string> serving;
  for (const auto& row : mentions->rows) {
    bool truncated = false;
    auto edges = store_->GetEdges(row[0].node->id, storage::Direction::kOut, "serves", 1000,
                                  &truncated);
    ASSERT_THAT(edges, IsOk());
    if (!edges->empty()) serving.insert(row[0].node->name);
  }
  std::vector<std::string> names = Column(*answer, 0);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), serving);
}

TEST_F(CypherEngineTest, ProjectionDistinctSkipLimitAndParameters) {
  auto all = Run("MATCH (t:task) WHERE t.level = $level RETURN t.name ORDER BY t.name",
                 {{"level", Value::String("area")}});
  ASSERT_THAT(all, IsOk());
  ASSERT_GE(all->rows.size(), 4u);
  auto page = Run("MATCH (t:task) WHERE t.level = $level RETURN t.name ORDER BY t.name SKIP 1 "
                  "LIMIT $n",
                  {{"level", Value::String("area")}, {"n", Value::Int(2)}});
  ASSERT_THAT(page, IsOk());
  std::vector<std::string> names = Column(*all, 0);
  EXPECT_EQ(Column(*page, 0), std::vector<std::string>(names.begin() + 1, names.begin() + 3));
  // LIMIT without ORDER BY stops early and still gives LIMIT rows.
  auto first = Run("MATCH (n:place) RETURN n LIMIT 3");
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->rows.size(), 3u);
  auto types = Run("MATCH (n) RETURN DISTINCT n.type AS type ORDER BY type");
  ASSERT_THAT(types, IsOk());
  EXPECT_THAT(Column(*types, 0), IsSupersetOf({"goal", "place", "report", "task", "term"}));
  auto in = Run("MATCH (p:place) WHERE p.name IN ['枫泾镇', '朱泾镇', '不存在'] RETURN p.name "
                "ORDER BY p.name");
  ASSERT_THAT(in, IsOk());
  EXPECT_THAT(Column(*in, 0), ElementsAre("朱泾镇", "枫泾镇"));
  auto nulls = Run("MATCH (g:goal) WHERE g.kind = 'strategic' AND g.value IS NULL RETURN count(*)");
  auto strategic = Run("MATCH (g:goal) WHERE g.kind = 'strategic' RETURN count(*)");
  ASSERT_THAT(nulls, IsOk());
  ASSERT_THAT(strategic, IsOk());
  EXPECT_EQ(nulls->rows[0][0].i, strategic->rows[0][0].i);
  auto none = Run("MATCH (p:place {name: '不存在的地方'}) RETURN count(*)");
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->rows[0][0].i, 0);
}

TEST_F(CypherEngineTest, KeptPlansServeOtherParameterValues) {
  CypherEngine engine(store_);
  const std::string q = "MATCH (p:place {name: $n}) RETURN p.name";
  for (const char* town : {"枫泾镇", "朱泾镇", "枫泾镇"}) {
    auto answer = engine.Run(q, {{"n", Value::String(town)}});
    ASSERT_THAT(answer, IsOk());
    EXPECT_THAT(Column(*answer, 0), ElementsAre(town));
  }
  // A failed parse is not kept as a plan: the same error every time.
  for (int i = 0; i < 2; ++i) {
    EXPECT_THAT(engine.Run("MATCH (p:plase) RETURN p", {}).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("did you mean place?")));
  }
}

TEST_F(CypherEngineTest, LimitsAreEnforcedAndNamed) {
  CypherLimits few;
  few.max_expansions = 20;
  EXPECT_THAT(Run("MATCH (p:place)-[:located_in]->(q) RETURN p", {}, few).status(),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_expansions")));
  CypherLimits rows;
  rows.max_rows = 5;
  EXPECT_THAT(Run("MATCH (p:place) RETURN p", {}, rows).status(),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_rows")));
  EXPECT_THAT(Run("MATCH (p:place) RETURN p ORDER BY p.name", {}, rows).status(),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("max_rows")));
  // LIMIT under max_rows is fine however large the match.
  EXPECT_THAT(Run("MATCH (p:place) RETURN p LIMIT 5", {}, rows), IsOk());
  query::CallBudget past(query::CallBudget::Clock::now() - std::chrono::seconds(1), nullptr);
  EXPECT_THAT(Run("MATCH (p:place) RETURN p", {}, {}, past).status(),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  CypherLimits too_many;
  too_many.max_rows = kMaxMaxRows + 1;
  EXPECT_THAT(Run("MATCH (p) RETURN p", {}, too_many).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(CypherEngineTest, RuntimeErrorsArePositioned) {
  EXPECT_THAT(Run("MATCH (p:place)\nWHERE p.name = $name RETURN p").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 2, column 16: parameter $name has no value")));
  EXPECT_THAT(Run("MATCH (p:place) WHERE p.name = 'x' AND p.name + 1 RETURN p").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Run("MATCH (g:goal) WHERE search(g, '、、') RETURN g").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 1, column 32: query '、、' has no letters")));
  EXPECT_THAT(Run("MATCH (g:goal) WHERE search(g, '长三角', $s) RETURN g",
                  {{"s", Value::Float(std::nan(""))}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("a number in (0, 1]")));
  EXPECT_THAT(Run("MATCH (g:goal) WHERE g.name RETURN g LIMIT 1").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a condition must be true or false")));
}

// docs/cypher.md: every ```cypher block runs, and the ```text block after it is its
// output, a header of column names and one line per row, cells joined by " | ".
TEST_F(CypherEngineTest, DocumentedExamplesGiveTheirDocumentedOutput) {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/docs/cypher.md");
  ASSERT_TRUE(in) << "docs/cypher.md is missing";
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<std::string> lines = absl::StrSplit(buffer.str(), '\n');
  int examples = 0;
  for (size_t k = 0; k < lines.size(); ++k) {
    if (lines[k] != "```cypher") continue;
    std::string query;
    for (++k; k < lines.size() && lines[k] != "```"; ++k) query += lines[k] + "\n";
    // The output block, if the example shows one.
    size_t next = k + 1;
    while (next < lines.size() && lines[next].empty()) ++next;
    if (next >= lines.size() || lines[next] != "```text") continue;
    std::vector<std::string> expected;
    for (++next; next < lines.size() && lines[next] != "```"; ++next) expected.push_back(lines[next]);
    ++examples;
    auto answer = Run(query);
    ASSERT_THAT(answer, IsOk()) << query;
    std::vector<std::string> got = {absl::StrJoin(answer->columns, " | ")};
    for (const auto& row : answer->rows) {
      std::vector<std::string> cells;
      for (const auto& v : row) cells.push_back(ToDisplay(v));
      got.push_back(absl::StrJoin(cells, " | "));
    }
    EXPECT_EQ(absl::StrJoin(got, "\n"), absl::StrJoin(expected, "\n")) << query;
  }
  EXPECT_GE(examples, 6);
}

}  // namespace
}  // namespace kg::cypher
