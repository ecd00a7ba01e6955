// The development reports (a GBK district report, a national report cut into one
// clause per line, a city report with a bracket-numbered glossary) extract to sensible
// graphs: a titled report with its year, areas, tasks, targets and terms.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/text_util.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::ingest {
namespace {

using ::testing::HasSubstr;

struct Counts {
  int task_areas = 0, tasks = 0, governance_tasks = 0, review_areas = 0, targets = 0, strategic = 0,
      glossary_terms = 0, terms = 0, serves = 0;
  std::set<std::string> names;
};

std::string Attr(const storage::Node& n, const std::string& key) {
  auto it = n.attrs.find(key);
  return it == n.attrs.end() ? "" : it->second;
}

Counts Count(const storage::ReportGraph& g) {
  Counts c;
  for (const auto& n : g.nodes) {
    c.names.insert(n.type + ":" + n.name);
    if (n.type == "task" && Attr(n, "level") == "area") ++c.task_areas;
    if (n.type == "task" && Attr(n, "level") == "task") {
      ++(Attr(n, "part") == "governance" ? c.governance_tasks : c.tasks);
    }
    if (n.type == "achievement" && Attr(n, "level") == "area") ++c.review_areas;
    if (n.type == "goal" && Attr(n, "kind") == "target") ++c.targets;
    if (n.type == "goal" && Attr(n, "kind") == "strategic") ++c.strategic;
    if (n.type == "term") ++c.terms;
    if (n.type == "term" && Attr(n, "source") == "glossary") ++c.glossary_terms;
  }
  for (const auto& e : g.edges) c.serves += e.type == "serves";
  return c;
}

void ExpectSpansValid(const storage::ReportGraph& g) {
  size_t length = Utf8ToU32(g.text).size();
  for (const auto& n : g.nodes) {
    ASSERT_FALSE(n.spans.empty()) << n.type << " " << n.name;
    for (const auto& s : n.spans) {
      EXPECT_EQ(s.report, g.info.id);
      EXPECT_LT(s.begin, s.end);
      EXPECT_LE(s.end, length);
    }
  }
  for (const auto& e : g.edges) {
    ASSERT_FALSE(e.spans.empty()) << e.type;
    for (const auto& s : e.spans) EXPECT_LE(s.end, length);
  }
}

storage::ReportGraph Build(const std::string& file, std::string* encoding) {
  auto result = BuildReportGraph(::kg::testing::ReadTestData(file), {});
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return {};
  *encoding = result->encoding;
  return std::move(result->graph);
}

TEST(DevReportsTest, GbkDistrictReport) {
  std::string encoding;
  storage::ReportGraph g = Build("dev/2019-hailar-district.gbk.txt", &encoding);
  EXPECT_EQ(encoding, "GB18030");
  EXPECT_EQ(g.info.title, "2019年呼伦贝尔市海拉尔区政府工作报告");
  EXPECT_EQ(g.info.region, "呼伦贝尔市海拉尔区");
  EXPECT_EQ(g.info.year, 2019);
  EXPECT_EQ(g.info.level, "district");
  Counts c = Count(g);
  EXPECT_EQ(c.task_areas, 6);
  EXPECT_GE(c.tasks, 15);
  EXPECT_EQ(c.governance_tasks, 5);
  EXPECT_EQ(c.review_areas, 6);
  EXPECT_GE(c.targets, 3);
  EXPECT_GE(c.terms, 10);
  EXPECT_GE(c.serves, 20);
  EXPECT_TRUE(c.names.count("task:围绕乡村振兴战略，建设生态宜居美丽乡村"));
  EXPECT_TRUE(c.names.count("task:全力化解重大风险"));
  EXPECT_TRUE(c.names.count("task:铸忠诚，坚持旗帜鲜明讲政治"));
  EXPECT_TRUE(c.names.count("goal:乡村振兴战略"));
  EXPECT_TRUE(c.names.count("goal:地区生产总值增长3.5%左右"));
  ExpectSpansValid(g);
}

TEST(DevReportsTest, NationalReportInClauses) {
  std::string encoding;
  storage::ReportGraph g = Build("dev/2021-national-clauses.txt", &encoding);
  EXPECT_EQ(encoding, "UTF-8");
  EXPECT_THAT(g.info.title, HasSubstr("2021"));
  EXPECT_EQ(g.info.region, "全国");
  EXPECT_EQ(g.info.level, "national");
  Counts c = Count(g);
  EXPECT_EQ(c.task_areas, 8);
  EXPECT_GE(c.tasks, 16);
  EXPECT_EQ(c.review_areas, 7);
  EXPECT_GE(c.targets, 8);
  EXPECT_GE(c.terms, 10);
  EXPECT_TRUE(c.names.count("task:全面实施乡村振兴战略，促进农业稳定发展和农民增收"));
  EXPECT_TRUE(c.names.count("task:优化和落实减税政策"));
  EXPECT_TRUE(c.names.count("goal:国内生产总值增长6%以上"));
  EXPECT_TRUE(c.names.count("indicator:国内生产总值"));
  EXPECT_TRUE(c.names.count("term:放管服"));
  ExpectSpansValid(g);
}

TEST(DevReportsTest, CityReportWithBracketGlossary) {
  std::string encoding;
  storage::ReportGraph g = Build("dev/2022-baoding-city.txt", &encoding);
  EXPECT_EQ(g.info.title, "2022年保定市政府工作报告");
  EXPECT_EQ(g.info.region, "保定市");
  EXPECT_EQ(g.info.level, "city");
  Counts c = Count(g);
  EXPECT_EQ(c.task_areas, 10);
  EXPECT_GE(c.tasks, 30);
  EXPECT_EQ(c.review_areas, 8);
  EXPECT_GE(c.targets, 8);
  EXPECT_EQ(c.glossary_terms, 22);
  for (const char* term : {"term:三步走", "term:7+18+N", "term:十个一", "term:揭榜挂帅",
                           "term:8+4+3+N", "term:京保协作五个一"}) {
    EXPECT_TRUE(c.names.count(term)) << term;
  }
  EXPECT_TRUE(c.names.count("task:扮靓城市颜值"));
  EXPECT_TRUE(c.names.count("goal:生产总值增长8%以上"));
  ExpectSpansValid(g);
}

}  // namespace
}  // namespace kg::ingest
