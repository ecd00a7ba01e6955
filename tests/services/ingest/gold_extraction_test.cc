// The first report, extracted and scored against its hand annotation, plus the graph's
// invariants (spans, ids, edges) that the store relies on.
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "clients/score/graph_queries.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/text_util.h"
#include "storage/ids.h"
#include "tests/services/ingest/gold_scoring.h"
#include "tests/services/ingest/places/real_gazetteer.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::ingest {
namespace {

using ::kg::score::GoldScore;
using ::testing::HasSubstr;

class JinshanGoldTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto result = BuildReportGraph(::kg::testing::ReadTestData("jinshan-2020.txt"), {},
                                   ::kg::testing::RealGazetteerOrNull());
    ASSERT_TRUE(result.ok()) << result.status();
    result_ = new ExtractionResult(std::move(*result));
    auto scored = ::kg::testing::ScoreAgainstGoldJson(
        result_->graph, ::kg::testing::ReadTestData("jinshan-2020.gold.json"));
    ASSERT_TRUE(scored.ok()) << scored.status();
    score_ = new GoldScore(std::move(*scored));
    exported_ = new score::ExportGraph(::kg::testing::ToExportGraph(result_->graph));
    std::cout << "Gold scores for jinshan-2020:\n"
              << score::FormatScoreTable(*score_, /*details=*/true);
  }
  static void TearDownTestSuite() {
    delete result_;
    delete score_;
    delete exported_;
  }
  const storage::ReportGraph& graph() { return result_->graph; }
  static const score::KindScore& Kind(const char* key) { return score_->kind(key); }
  // The names of what mentions the term named `term`, read from the exported graph.
  static std::vector<std::string> MentionersOf(const char* term) {
    return score::MentionersOf(score::ExportIndex(*exported_), term);
  }
  const storage::Node* Find(const std::string& type, const std::string& name) {
    for (const auto& n : graph().nodes) {
      if (n.type == type && n.name == name) return &n;
    }
    return nullptr;
  }

  static ExtractionResult* result_;
  static GoldScore* score_;
  static score::ExportGraph* exported_;
};
ExtractionResult* JinshanGoldTest::result_ = nullptr;
GoldScore* JinshanGoldTest::score_ = nullptr;
score::ExportGraph* JinshanGoldTest::exported_ = nullptr;

TEST_F(JinshanGoldTest, FindsEveryTaskArea) {
  EXPECT_EQ(Kind("task_areas").recalled, 8);
  EXPECT_EQ(Kind("task_areas").predicted, 8);
}

TEST_F(JinshanGoldTest, FindsEveryTaskIncludingGovernance) {
  EXPECT_EQ(Kind("tasks").gold, 28);
  EXPECT_EQ(Kind("tasks").recalled, 28);
  EXPECT_EQ(Kind("tasks").predicted, 28);
}

TEST_F(JinshanGoldTest, FindsEveryReviewAreaAndItem) {
  EXPECT_EQ(Kind("review_areas").recalled, 5);
  EXPECT_EQ(Kind("review_items").gold, 15);
  EXPECT_EQ(Kind("review_items").recalled, 15);
  EXPECT_EQ(Kind("review_items").predicted, 15);
}

TEST_F(JinshanGoldTest, ReadsTheTargets) {
  EXPECT_EQ(Kind("targets_right").gold, 20);
  EXPECT_GE(Kind("targets_right").recalled, 19);
}

TEST_F(JinshanGoldTest, ReadsTheGlossary) {
  EXPECT_EQ(Kind("terms").gold, 29);
  EXPECT_EQ(Kind("terms").recalled, 29);
  EXPECT_EQ(Kind("terms").predicted, 29);
}

// The serves and term questions; place questions ("what happens in 枫泾?") are scored
// in the table and come with the place extraction.
TEST_F(JinshanGoldTest, AnswersTheAnnotatedQuestions) {
  for (const auto& q : score_->queries) {
    if (q.op != "serves" && q.op != "term") continue;
    EXPECT_TRUE(q.evaluated) << q.id;
    EXPECT_TRUE(q.missing.empty()) << q.id << " misses " << q.missing.front();
    EXPECT_TRUE(q.forbidden.empty()) << q.id << " gives " << q.forbidden.front();
  }
}

TEST_F(JinshanGoldTest, OnlyAreaFourServesTheYangtzeDeltaGoals) {
  const storage::Node* area4 = Find("task", "注重高站位,驰而不息促进区域联动发展");
  ASSERT_NE(area4, nullptr);
  std::map<storage::NodeId, const storage::Node*> nodes;
  for (const auto& n : graph().nodes) nodes[n.id] = &n;
  std::map<storage::NodeId, storage::NodeId> area_of;  // task -> its area
  for (const auto& e : graph().edges) {
    if (e.type == "part_of" && nodes[e.dst]->type == "task") area_of[e.src] = e.dst;
  }
  std::set<std::string> area4_served;
  for (const auto& e : graph().edges) {
    if (e.type != "serves") continue;
    const storage::Node* goal = nodes[e.dst];
    if (goal->name.find("长三角") == std::string::npos) continue;
    storage::NodeId area = area_of.count(e.src) ? area_of[e.src] : e.src;
    EXPECT_EQ(area, area4->id) << nodes[e.src]->name << " serves " << goal->name;
    if (area == area4->id && e.src != area4->id) area4_served.insert(nodes[e.src]->name);
    // The edge quotes the sentence that states the goal.
    ASSERT_FALSE(e.spans.empty());
    std::u32string text = Utf8ToU32(graph().text);
    std::string quote = U32ToUtf8(
        std::u32string_view(text).substr(e.spans[0].begin, e.spans[0].end - e.spans[0].begin));
    EXPECT_THAT(quote, HasSubstr(goal->name));
  }
  EXPECT_EQ(area4_served,
            (std::set<std::string>{"深化产业发展互融", "细化公共服务互动", "强化交通设施互通"}));
  EXPECT_NE(Find("goal", "长三角区域一体化发展规划纲要"), nullptr);
  EXPECT_NE(Find("goal", "长三角高质量一体化发展的桥头堡"), nullptr);
}

TEST_F(JinshanGoldTest, TermsCarryCoreNameAliasAndMentions) {
  const storage::Node* term = Find("term", "三集中");
  ASSERT_NE(term, nullptr);
  EXPECT_EQ(term->attrs.at("alias"), "审批权限和审批流程“三集中”");
  EXPECT_THAT(term->attrs.at("definition"), HasSubstr("审批职能向一个科室集中"));
  EXPECT_THAT(MentionersOf("田园五镇"), ::testing::Contains("深化产业发展互融"));
  // "1+4+4" is not mentioned where the text says "1+4+4+8".
  for (const auto& name : MentionersOf("1+4+4")) {
    EXPECT_NE(name, "“1+4+4+8”新型产业体系") << name;
  }
}

TEST_F(JinshanGoldTest, TargetsMeasureSharedIndicators) {
  const storage::Node* indicator = Find("indicator", "属地地区生产总值");
  ASSERT_NE(indicator, nullptr);
  EXPECT_EQ(indicator->report, 0u);
  EXPECT_EQ(indicator->id, storage::MakeSharedNodeId("indicator", "属地地区生产总值"));
  int measures = 0;
  int reports = 0;
  for (const auto& e : graph().edges) {
    if (e.dst != indicator->id) continue;
    measures += e.type == "measures";
    if (e.type == "reports") {
      ++reports;
      EXPECT_EQ(e.attrs.at("value"), "6.7");
      EXPECT_EQ(e.attrs.at("year"), "2019");
    }
  }
  EXPECT_EQ(measures, 1);
  EXPECT_EQ(reports, 1);
}

TEST_F(JinshanGoldTest, ReportInfoIsFilled) {
  const storage::ReportInfo& info = graph().info;
  EXPECT_EQ(info.id, storage::MakeReportId("上海市金山区", 2020, ""));
  EXPECT_EQ(info.region, "上海市金山区");
  EXPECT_EQ(info.year, 2020);
  EXPECT_EQ(info.level, "district");
  EXPECT_EQ(info.title, "2020年上海市金山区政府工作报告");
  EXPECT_EQ(info.text_length, Utf8ToU32(graph().text).size());
  EXPECT_EQ(info.source_sha256.size(), 64u);
  EXPECT_EQ(info.node_count, graph().nodes.size());
  EXPECT_EQ(info.edge_count, graph().edges.size());
  const storage::Node* report = nullptr;
  for (const auto& n : graph().nodes) {
    if (n.id == info.node_id) report = &n;
  }
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->type, "report");
  EXPECT_EQ(report->attrs.at("level"), "district");
}

TEST_F(JinshanGoldTest, EveryNodeAndEdgeHasSpansWithinTheText) {
  const storage::ReportGraph& g = graph();
  size_t length = Utf8ToU32(g.text).size();
  std::set<storage::NodeId> ids;
  for (const auto& n : g.nodes) {
    EXPECT_TRUE(ids.insert(n.id).second) << "duplicate node id " << n.name;
    EXPECT_FALSE(n.spans.empty()) << n.type << " " << n.name;
    EXPECT_FALSE(n.name.empty()) << n.type;
    EXPECT_TRUE(n.report == g.info.id ||
                (n.report == 0 && (n.type == "indicator" || n.type == "place")))
        << n.name;
    for (const auto& s : n.spans) {
      EXPECT_EQ(s.report, g.info.id);
      EXPECT_LT(s.begin, s.end) << n.name;
      EXPECT_LE(s.end, length) << n.name;
    }
  }
  std::set<storage::EdgeId> edge_ids;
  for (const auto& e : g.edges) {
    EXPECT_TRUE(edge_ids.insert(e.id).second);
    // located_in edges are shared (report 0); every other edge is the report's.
    EXPECT_EQ(e.id,
              storage::MakeEdgeId(e.type == "located_in" ? 0 : g.info.id, e.type, e.src, e.dst));
    EXPECT_EQ(ids.count(e.src), 1u) << e.type;
    EXPECT_EQ(ids.count(e.dst), 1u) << e.type;
    EXPECT_FALSE(e.spans.empty()) << e.type;
    for (const auto& s : e.spans) {
      EXPECT_EQ(s.report, g.info.id);
      EXPECT_LT(s.begin, s.end);
      EXPECT_LE(s.end, length);
    }
  }
}

TEST_F(JinshanGoldTest, NodeSpansQuoteTheirNames) {
  std::u32string text = Utf8ToU32(graph().text);
  for (const auto& n : graph().nodes) {
    // A place's span is its first occurrence as written (枫泾 for 枫泾镇), or the title for
    // an ancestor the text never names.
    if (n.type == "report" || n.type == "section" || n.type == "place") continue;
    std::string quote = U32ToUtf8(
        std::u32string_view(text).substr(n.spans[0].begin, n.spans[0].end - n.spans[0].begin));
    EXPECT_EQ(quote, n.name) << n.type;
  }
}

TEST_F(JinshanGoldTest, IdsAreStableAcrossIngests) {
  auto again = BuildReportGraph(::kg::testing::ReadTestData("jinshan-2020.txt"), {},
                                ::kg::testing::RealGazetteerOrNull());
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->graph.nodes.size(), graph().nodes.size());
  for (size_t i = 0; i < graph().nodes.size(); ++i) {
    EXPECT_EQ(again->graph.nodes[i].id, graph().nodes[i].id);
  }
  ASSERT_EQ(again->graph.edges.size(), graph().edges.size());
  for (size_t i = 0; i < graph().edges.size(); ++i) {
    EXPECT_EQ(again->graph.edges[i].id, graph().edges[i].id);
  }
}

}  // namespace
}  // namespace kg::ingest
