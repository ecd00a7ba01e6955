// QueryEngine over a real RocksGraphStore holding a small hand-built report graph.
#include "services/query/query_engine.h"

#include <filesystem>
#include <tuple>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/ids.h"
#include "storage/rocks_graph_store.h"
#include "tests/testing/status_matchers.h"

namespace kg::query {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using storage::Edge;
using storage::Node;
using storage::Span;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Code-point length of UTF-8 text.
uint32_t Chars(const std::string& s) {
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Builds a two-area plan: area A states goal G1 (长三角…桥头堡); area B states goal G2.
class ReportBuilder {
 public:
  ReportBuilder(const std::string& region, int year) {
    graph_.info.id = storage::MakeReportId(region, year, "");
    graph_.info.region = region;
    graph_.info.year = year;
    graph_.info.title = std::to_string(year) + "年" + region + "政府工作报告";
    graph_.info.node_id = Add("report", "r", graph_.info.title, {});
  }

  // Appends a sentence to the text and returns its span.
  Span Say(const std::string& sentence) {
    Span span{graph_.info.id, Chars(graph_.text), 0};
    graph_.text += sentence;
    span.end = Chars(graph_.text);
    return span;
  }

  storage::NodeId Add(const std::string& type, const std::string& key, const std::string& name,
                      storage::Attrs attrs, Span span = {}) {
    Node n;
    n.id = storage::MakeOwnedNodeId(graph_.info.id, type, key);
    n.type = type;
    n.name = name;
    n.attrs = std::move(attrs);
    n.report = graph_.info.id;
    n.spans = {span.report == 0 ? Span{graph_.info.id, 0, 0} : span};
    graph_.nodes.push_back(n);
    return n.id;
  }

  void Link(const std::string& type, storage::NodeId src, storage::NodeId dst, Span span,
            storage::Attrs attrs = {}) {
    Edge e;
    e.id = storage::MakeEdgeId(graph_.info.id, type, src, dst);
    e.type = type;
    e.src = src;
    e.dst = dst;
    e.attrs = std::move(attrs);
    e.report = graph_.info.id;
    e.spans = {span};
    graph_.edges.push_back(e);
  }

  storage::ReportGraph& graph() { return graph_; }

 private:
  storage::ReportGraph graph_;
};

storage::ReportGraph TwoAreaReport(const std::string& region, int year) {
  ReportBuilder b(region, year);
  Span a_sentence =
      b.Say("(一)注重高站位,促进区域联动发展。努力成为长三角高质量一体化发展的桥头堡。");
  auto area_a =
      b.Add("task", "plan/1", "注重高站位,促进区域联动发展", {{"level", "area"}}, a_sentence);
  auto goal1 = b.Add("goal", "goal/1", "长三角高质量一体化发展的桥头堡", {{"kind", "strategic"}},
                     a_sentence);
  Span t1 = b.Say("深化产业发展互融。");
  auto task1 = b.Add("task", "plan/1/1", "深化产业发展互融", {{"level", "task"}}, t1);
  Span t2 = b.Say("强化交通设施互通。");
  auto task2 = b.Add("task", "plan/1/2", "强化交通设施互通", {{"level", "task"}}, t2);
  Span b_sentence = b.Say("(二)注重高起点,实施乡村振兴战略。");
  auto area_b =
      b.Add("task", "plan/2", "注重高起点,实施乡村振兴战略", {{"level", "area"}}, b_sentence);
  auto goal2 = b.Add("goal", "goal/2", "乡村振兴战略", {{"kind", "strategic"}}, b_sentence);
  Span t3 = b.Say("大力发展现代农业。");
  auto task3 = b.Add("task", "plan/2/1", "大力发展现代农业", {{"level", "task"}}, t3);

  b.Link("part_of", task1, area_a, t1);
  b.Link("part_of", task2, area_a, t2);
  b.Link("part_of", task3, area_b, t3);
  for (auto t : {area_a, task1, task2})
    b.Link("serves", t, goal1, a_sentence, {{"evidence", "area"}});
  for (auto t : {area_b, task3}) b.Link("serves", t, goal2, b_sentence, {{"evidence", "area"}});
  for (auto t : {area_a, area_b}) b.Link("part_of", t, b.graph().info.node_id, a_sentence);
  return b.graph();
}

class QueryEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("query-engine-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto store = storage::RocksGraphStore::Open(dir_.string());
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
    engine_ = std::make_unique<QueryEngine>(store_.get());
  }
  void TearDown() override {
    engine_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Put(const storage::ReportGraph& g) {
    bool replaced = false;
    ASSERT_THAT(store_->PutReport(g, &replaced), IsOk());
  }
  static std::vector<std::string> TaskNames(const ServesAnswer& a) {
    std::vector<std::string> names;
    for (const auto& r : a.rows) names.push_back(r.task.name);
    return names;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::RocksGraphStore> store_;
  std::unique_ptr<QueryEngine> engine_;
};

TEST_F(QueryEngineTest, ServesMatchesGoalByTextAndListsAreaBeforeItsTasks) {
  Put(TwoAreaReport("某省某市", 2020));
  auto answer = engine_->Serves("长三角一体化", {});
  ASSERT_THAT(answer, IsOk());
  EXPECT_THAT(TaskNames(*answer),
              ElementsAre("注重高站位,促进区域联动发展", "深化产业发展互融", "强化交通设施互通"));
  const ServesRow& task_row = answer->rows[1];
  EXPECT_EQ(task_row.area.name, "注重高站位,促进区域联动发展");
  ASSERT_EQ(task_row.served.size(), 1u);
  EXPECT_EQ(task_row.served[0].goal.name, "长三角高质量一体化发展的桥头堡");
  EXPECT_EQ(task_row.served[0].evidence, "area");
  EXPECT_THAT(task_row.served[0].quote.text, HasSubstr("努力成为长三角高质量一体化发展的桥头堡"));
  EXPECT_DOUBLE_EQ(task_row.served[0].score, 0.8);
  EXPECT_EQ(answer->rows[0].area.id, 0u);
}

TEST_F(QueryEngineTest, ServesFoldsTraditionalCharacters) {
  Put(TwoAreaReport("某省某市", 2020));
  auto simplified = engine_->Serves("长三角一体化", {});
  auto traditional = engine_->Serves("長三角一體化", {});
  ASSERT_THAT(traditional, IsOk());
  EXPECT_EQ(TaskNames(*simplified), TaskNames(*traditional));
}

TEST_F(QueryEngineTest, ServesUnknownPhraseIsNotFoundAndEmptyIsInvalid) {
  Put(TwoAreaReport("某省某市", 2020));
  EXPECT_THAT(engine_->Serves("量子引力", {}), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(engine_->Serves("  ", {}), StatusIs(absl::StatusCode::kInvalidArgument));
  ServesOptions bad;
  bad.min_score = 2;
  EXPECT_THAT(engine_->Serves("乡村振兴", bad), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(QueryEngineTest, ServesFiltersByReportYearAndRegion) {
  Put(TwoAreaReport("某省某市", 2020));
  Put(TwoAreaReport("某省另一市", 2021));
  auto both = engine_->Serves("乡村振兴", {});
  ASSERT_THAT(both, IsOk());
  EXPECT_EQ(both->rows.size(), 4u);

  ServesOptions by_year;
  by_year.filter.year = 2021;
  auto one = engine_->Serves("乡村振兴", by_year);
  ASSERT_THAT(one, IsOk());
  ASSERT_EQ(one->rows.size(), 2u);
  EXPECT_EQ(one->rows[0].task.report, storage::MakeReportId("某省另一市", 2021, ""));

  ServesOptions by_region;
  by_region.filter.region = "某市";
  auto region = engine_->Serves("乡村振兴", by_region);
  ASSERT_THAT(region, IsOk());
  EXPECT_EQ(region->rows.size(), 2u);

  ServesOptions nowhere;
  nowhere.filter.year = 1999;
  EXPECT_THAT(engine_->Serves("乡村振兴", nowhere), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(QueryEngineTest, ShowResolvesNameWithEdgesAndQuote) {
  Put(TwoAreaReport("某省某市", 2020));
  auto shown = engine_->Show("深化产业发展互融", {});
  ASSERT_THAT(shown, IsOk());
  EXPECT_EQ(shown->node.type, "task");
  ASSERT_FALSE(shown->quotes.empty());
  EXPECT_EQ(shown->quotes[0].text, "深化产业发展互融。");
  std::vector<std::string> edge_types;
  for (const auto& e : shown->edges) edge_types.push_back(e.edge.type + ":" + e.other.name);
  EXPECT_THAT(edge_types, ::testing::UnorderedElementsAre("part_of:注重高站位,促进区域联动发展",
                                                          "serves:长三角高质量一体化发展的桥头堡"));
  auto by_id = engine_->Show(storage::IdToHex(shown->node.id), {});
  ASSERT_THAT(by_id, IsOk());
  EXPECT_EQ(by_id->node.name, "深化产业发展互融");
  EXPECT_THAT(engine_->Show("不存在", {}), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(QueryEngineTest, NeighborsRespectsDepthTypeAndLimit) {
  Put(TwoAreaReport("某省某市", 2020));
  NeighborsOptions one_hop;
  auto direct = engine_->Neighbors("注重高站位,促进区域联动发展", one_hop);
  ASSERT_THAT(direct, IsOk());
  // Two tasks, the goal, the report node.
  EXPECT_EQ(direct->neighbors.size(), 4u);

  NeighborsOptions tasks_only;
  tasks_only.node_type = "task";
  tasks_only.edge_type = "part_of";
  auto tasks = engine_->Neighbors("注重高站位,促进区域联动发展", tasks_only);
  ASSERT_THAT(tasks, IsOk());
  EXPECT_EQ(tasks->neighbors.size(), 2u);

  NeighborsOptions two_hops;
  two_hops.depth = 2;
  auto far = engine_->Neighbors("深化产业发展互融", two_hops);
  ASSERT_THAT(far, IsOk());
  bool saw_sibling = false;
  for (const auto& n : far->neighbors) {
    if (n.node.name == "强化交通设施互通") {
      saw_sibling = true;
      EXPECT_EQ(n.depth, 2u);
    }
  }
  EXPECT_TRUE(saw_sibling);

  NeighborsOptions limited;
  limited.depth = 3;
  limited.limit = 2;
  auto cut = engine_->Neighbors("深化产业发展互融", limited);
  ASSERT_THAT(cut, IsOk());
  EXPECT_EQ(cut->neighbors.size(), 2u);
  EXPECT_TRUE(cut->truncated);

  NeighborsOptions too_deep;
  too_deep.depth = 9;
  EXPECT_THAT(engine_->Neighbors("深化产业发展互融", too_deep),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// A report with two main targets on shared indicators, and optionally a review that
// reports results for them (as the next year's report of the same region does).
storage::ReportGraph TargetReport(int year, bool with_results) {
  ReportBuilder b("某省某市", year);
  Span heading = b.Say("今年主要预期目标是:");
  auto section = b.Add("section", "targets", "主要目标", {}, heading);
  b.Link("part_of", section, b.graph().info.node_id, heading);
  auto indicator = [&](const std::string& name) {
    Node n;
    n.id = storage::MakeSharedNodeId("indicator", name);
    n.type = "indicator";
    n.name = name;
    n.spans = {heading};
    b.graph().nodes.push_back(n);
    return n.id;
  };
  auto gdp = indicator("地区生产总值");
  auto pm = indicator("PM2.5年平均浓度");
  Span t1 = b.Say("地区生产总值增长6.5%左右,");
  auto g1 = b.Add("goal", "goal/target/gdp", "地区生产总值增长6.5%左右",
                  {{"kind", "target"},
                   {"scope", "main"},
                   {"indicator", "地区生产总值"},
                   {"value", "6.5"},
                   {"unit", "%"},
                   {"qualifier", "左右"},
                   {"measure", "growth"}},
                  t1);
  Span t2 = b.Say("PM2.5年平均浓度37微克/立方米以下。");
  auto g2 = b.Add("goal", "goal/target/pm", "PM2.5年平均浓度37微克/立方米以下",
                  {{"kind", "target"},
                   {"scope", "main"},
                   {"indicator", "PM2.5年平均浓度"},
                   {"value", "37"},
                   {"unit", "微克/立方米"},
                   {"qualifier", "以下"},
                   {"measure", "level"}},
                  t2);
  for (auto [g, ind, span] : {std::tuple{g1, gdp, t1}, std::tuple{g2, pm, t2}}) {
    b.Link("part_of", g, section, span);
    b.Link("measures", g, ind, span);
  }
  if (with_results) {
    Span r = b.Say("去年地区生产总值增长7.1%,PM2.5年平均浓度39微克/立方米。");
    auto review = b.Add("achievement", "review/summary/0", "去年工作回顾",
                        {{"level", "summary"}, {"year", std::to_string(year - 1)}}, r);
    b.Link("reports", review, gdp, r,
           {{"value", "7.1"},
            {"unit", "%"},
            {"measure", "growth"},
            {"year", std::to_string(year - 1)}});
    b.Link("reports", review, pm, r,
           {{"value", "39"},
            {"unit", "微克/立方米"},
            {"measure", "level"},
            {"year", std::to_string(year - 1)}});
  }
  return b.graph();
}

TEST_F(QueryEngineTest, TargetsCarryNextYearsResultsAndWhetherMet) {
  Put(TargetReport(2020, false));
  auto alone = engine_->Targets({});
  ASSERT_THAT(alone, IsOk());
  ASSERT_EQ(alone->rows.size(), 2u);
  EXPECT_EQ(alone->rows[0].goal.attrs.at("indicator"), "地区生产总值");
  EXPECT_EQ(alone->rows[0].result.achievement.id, 0u);
  EXPECT_EQ(alone->rows[0].quote.text, "地区生产总值增长6.5%左右,");

  Put(TargetReport(2021, true));
  TargetsOptions first;
  first.filter.year = 2020;
  auto answer = engine_->Targets(first);
  ASSERT_THAT(answer, IsOk());
  ASSERT_EQ(answer->rows.size(), 2u);
  const TargetResult& gdp = answer->rows[0].result;
  EXPECT_EQ(gdp.value, "7.1");
  EXPECT_EQ(gdp.met, "yes");
  EXPECT_THAT(gdp.quote.text, HasSubstr("7.1%"));
  EXPECT_EQ(gdp.achievement.report, storage::MakeReportId("某省某市", 2021, ""));
  EXPECT_EQ(answer->rows[1].result.value, "39");
  EXPECT_EQ(answer->rows[1].result.met, "no");  // 39 is above "37 以下"

  TargetsOptions nowhere;
  nowhere.filter.year = 1999;
  EXPECT_THAT(engine_->Targets(nowhere), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(QueryEngineTest, ReportScopeGivesStoreLookUpsTheSelectedReports) {
  Put(TargetReport(2020, false));
  Put(TargetReport(2021, true));
  const storage::ReportId later = storage::MakeReportId("某省某市", 2021, "");
  auto all = ReportScope::Load(store_.get(), {});
  ASSERT_THAT(all, IsOk());
  EXPECT_TRUE(all->store_reports().empty());  // every report
  EXPECT_FALSE(all->SelectsNone());

  ReportFilter by_year;
  by_year.year = 2021;
  auto one = ReportScope::Load(store_.get(), by_year);
  ASSERT_THAT(one, IsOk());
  EXPECT_THAT(one->store_reports(), ElementsAre(later));
  EXPECT_FALSE(one->SelectsNone());

  ReportFilter every;  // a filter that keeps every stored report scopes nothing
  every.region = "某市";
  auto both = ReportScope::Load(store_.get(), every);
  ASSERT_THAT(both, IsOk());
  EXPECT_TRUE(both->store_reports().empty());
  EXPECT_FALSE(both->SelectsNone());

  ReportFilter nowhere;
  nowhere.year = 1999;
  auto none = ReportScope::Load(store_.get(), nowhere);
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->SelectsNone());
}

// Shared nodes (indicators here) are read without spans; their quotes and search
// contexts come from GetSpans, within the filter's reports.
TEST_F(QueryEngineTest, SharedNodesAreQuotedFromTheirSpansInScope) {
  Put(TargetReport(2020, false));
  Put(TargetReport(2021, true));
  const storage::ReportId earlier = storage::MakeReportId("某省某市", 2020, "");
  const storage::ReportId later = storage::MakeReportId("某省某市", 2021, "");

  auto shown = engine_->Show("地区生产总值", {});
  ASSERT_THAT(shown, IsOk());
  EXPECT_EQ(shown->node.type, "indicator");
  EXPECT_EQ(shown->node.report, 0u);
  std::vector<storage::ReportId> quoted;
  for (const auto& q : shown->quotes) {
    EXPECT_EQ(q.text, "今年主要预期目标是:");
    quoted.push_back(q.span.report);
  }
  EXPECT_THAT(quoted, ::testing::UnorderedElementsAre(earlier, later));

  ReportFilter by_year;
  by_year.year = 2021;
  auto scoped = engine_->Show("地区生产总值", by_year);
  ASSERT_THAT(scoped, IsOk());
  ASSERT_EQ(scoped->quotes.size(), 1u);
  EXPECT_EQ(scoped->quotes[0].span.report, later);

  ReportFilter nowhere;
  nowhere.year = 1999;
  EXPECT_THAT(engine_->Show("地区生产总值", nowhere), StatusIs(absl::StatusCode::kNotFound));

  SearchOptions search;
  search.node_type = "indicator";
  search.filter.year = 2021;
  auto found = engine_->Search("地区生产总值", search);
  ASSERT_THAT(found, IsOk());
  ASSERT_EQ(found->results.size(), 1u);
  EXPECT_EQ(found->results[0].node.report, 0u);
  EXPECT_EQ(found->results[0].context.span.report, later);
  EXPECT_THAT(found->results[0].context.text, HasSubstr("今年主要预期目标是"));

  search.filter.year = 1999;
  auto none = engine_->Search("地区生产总值", search);
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->results.empty());
}

TEST(TargetMetTest, ComparesByQualifierAndDirection) {
  auto goal = [](storage::Attrs attrs) {
    Node n;
    n.attrs = std::move(attrs);
    return n;
  };
  auto result = [](std::string value, std::string unit, std::string direction = "") {
    TargetResult r;
    r.value = std::move(value);
    r.unit = std::move(unit);
    r.direction = std::move(direction);
    return r;
  };
  Node about = goal({{"value", "6.5"}, {"unit", "%"}, {"qualifier", "左右"}});
  EXPECT_EQ(TargetMet(about, result("6.3", "%")), "yes");  // within 5% of the value
  EXPECT_EQ(TargetMet(about, result("5.9", "%")), "no");
  EXPECT_EQ(TargetMet(about, result("6.5", "亿元")), "unknown");
  Node floor = goal({{"value", "1.6"}, {"unit", "万个"}, {"qualifier", "不低于"}});
  EXPECT_EQ(TargetMet(floor, result("1.7", "万个")), "yes");
  EXPECT_EQ(TargetMet(floor, result("1.5", "万个")), "no");
  Node cap = goal({{"value", "37"}, {"qualifier", "以下"}});
  EXPECT_EQ(TargetMet(cap, result("36", "")), "yes");
  Node decline = goal({{"value", "3"}, {"unit", "%"}, {"direction", "down"}});
  EXPECT_EQ(TargetMet(decline, result("4", "%", "down")), "yes");
  EXPECT_EQ(TargetMet(decline, result("2", "%", "down")), "no");
  EXPECT_EQ(TargetMet(goal({{"qualifier", "高于"}}), result("5", "%")), "unknown");
}

TEST_F(QueryEngineTest, PathAndMentionsOverAHandBuiltReport) {
  Put(TwoAreaReport("某省某市", 2020));
  auto path = engine_->Path("大力发展现代农业", "长三角高质量一体化发展的桥头堡", {});
  ASSERT_THAT(path, IsOk());
  // Only through the report node could they meet, and structure is not walked through.
  EXPECT_TRUE(path->paths.empty());
  PathOptions through;
  through.through_structure = true;
  auto structural = engine_->Path("大力发展现代农业", "长三角高质量一体化发展的桥头堡", through);
  ASSERT_THAT(structural, IsOk());
  ASSERT_FALSE(structural->paths.empty());
  EXPECT_EQ(structural->paths[0].steps.back().node.name, "长三角高质量一体化发展的桥头堡");

  auto direct = engine_->Path("深化产业发展互融", "强化交通设施互通", {});
  ASSERT_THAT(direct, IsOk());
  ASSERT_FALSE(direct->paths.empty());
  EXPECT_EQ(direct->paths[0].steps.size(), 2u);  // via the area or via the goal
  EXPECT_EQ(direct->paths.size(), 2u);

  PathOptions too_many;
  too_many.max_paths = 21;
  EXPECT_THAT(engine_->Path("深化产业发展互融", "强化交通设施互通", too_many),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// The search walks links; the answer's edges must still be whole records, walked the
// right way, and of the filtered reports only.
TEST_F(QueryEngineTest, PathStepsAreWholeEdgesOfTheReportsAsked) {
  Put(TwoAreaReport("某省某市", 2020));
  Put(TwoAreaReport("某省另一市", 2021));
  const storage::ReportId later = storage::MakeReportId("某省另一市", 2021, "");
  auto check = [&](const PathAnswer& answer) {
    for (const GraphPath& path : answer.paths) {
      storage::NodeId at = path.start.id;
      for (const PathStep& step : path.steps) {
        const storage::Edge& e = step.edge;
        EXPECT_EQ(step.outgoing ? e.src : e.dst, at);
        EXPECT_EQ(step.outgoing ? e.dst : e.src, step.node.id);
        EXPECT_EQ(e.report, path.start.report);
        EXPECT_FALSE(e.spans.empty());
        if (e.type == "serves") EXPECT_EQ(e.attrs.at("evidence"), "area");
        // The record as the store holds it.
        bool truncated = false;
        auto stored = store_->GetEdges(e.src, storage::Direction::kOut, e.type, 100, &truncated);
        ASSERT_THAT(stored, IsOk());
        auto same = std::find_if(stored->begin(), stored->end(),
                                 [&](const storage::Edge& s) { return s.id == e.id; });
        ASSERT_NE(same, stored->end());
        EXPECT_EQ(same->attrs, e.attrs);
        EXPECT_EQ(same->spans.size(), e.spans.size());
        at = step.node.id;
      }
    }
  };
  auto any = engine_->Path("深化产业发展互融", "强化交通设施互通", {});
  ASSERT_THAT(any, IsOk());
  ASSERT_EQ(any->paths.size(), 2u);
  check(*any);

  PathOptions later_only;
  later_only.filter.year = 2021;
  auto filtered = engine_->Path("深化产业发展互融", "强化交通设施互通", later_only);
  ASSERT_THAT(filtered, IsOk());
  ASSERT_EQ(filtered->paths.size(), 2u);
  EXPECT_EQ(filtered->paths[0].start.report, later);
  check(*filtered);

  PathOptions serves_only;
  serves_only.edge_types = {"serves"};
  auto via_goal = engine_->Path("深化产业发展互融", "强化交通设施互通", serves_only);
  ASSERT_THAT(via_goal, IsOk());
  ASSERT_EQ(via_goal->paths.size(), 1u);
  EXPECT_EQ(via_goal->paths[0].steps[0].node.type, "goal");
  check(*via_goal);

  PathOptions two_types = serves_only;
  two_types.edge_types.push_back("part_of");
  two_types.filter.year = 2021;
  auto both = engine_->Path("深化产业发展互融", "强化交通设施互通", two_types);
  ASSERT_THAT(both, IsOk());
  EXPECT_EQ(both->paths.size(), 2u);
  check(*both);
}

}  // namespace
}  // namespace kg::query
