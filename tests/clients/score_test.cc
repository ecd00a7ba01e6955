// Tests of the extraction measurement library (clients/score): the JSON reader, the
// export contract read back, gold annotations, the graph questions and the scorer, on
// small hand-made graphs.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/score/export_graph.h"
#include "clients/score/gold_annotation.h"
#include "clients/score/gold_scorer.h"
#include "clients/score/graph_queries.h"
#include "clients/score/json_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kg::score {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kReport[] = "00000000000000aa";
constexpr char kOtherReport[] = "00000000000000bb";

// One export line. `attrs` is a JSON object body, e.g. R"("level":"area")".
std::string NodeLine(const std::string& id, const std::string& type, const std::string& name,
                     const std::string& attrs = "", const std::string& report = kReport) {
  return absl::StrCat(R"({"kind":"node","id":")", id, R"(","type":")", type, R"(","name":")", name,
                      R"(","attrs":{)", attrs, R"(},"spans":[{"report":")", report,
                      R"(","begin":0,"end":1}]})", "\n");
}

std::string EdgeLine(const std::string& type, const std::string& src, const std::string& dst,
                     const std::string& attrs = "", const std::string& report = kReport) {
  return absl::StrCat(R"({"kind":"edge","id":")", src, dst, R"(","type":")", type, R"(","src":")",
                      src, R"(","dst":")", dst, R"(","attrs":{)", attrs,
                      R"(},"spans":[{"report":")", report, R"(","begin":0,"end":1}]})", "\n");
}

ExportGraph Parse(const std::string& jsonl) {
  absl::StatusOr<ExportGraph> graph = ParseExportJsonl(jsonl);
  EXPECT_TRUE(graph.ok()) << graph.status();
  return graph.ok() ? *graph : ExportGraph{};
}

GoldAnnotation Gold(const std::string& json) {
  absl::StatusOr<GoldAnnotation> gold = ParseGoldAnnotation(json);
  EXPECT_TRUE(gold.ok()) << gold.status();
  return gold.ok() ? *gold : GoldAnnotation{};
}

// --- JSON reader ---------------------------------------------------------------

TEST(JsonReaderTest, ReadsNestedValuesAndEscapes) {
  auto v = ParseJson(R"( {"a":[1,-2.5e1,true,false,null],"s":"x\"\\\/\n\u6795\ud83d\ude00",
                       "o":{"k":"v"}} )");
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_TRUE(v->is_object());
  ASSERT_EQ((*v)["a"].array.size(), 5u);
  EXPECT_EQ((*v)["a"].array[1].number, -25);
  EXPECT_TRUE((*v)["a"].array[2].boolean);
  EXPECT_TRUE((*v)["a"].array[4].is_null());
  EXPECT_EQ((*v)["s"].string, "x\"\\/\n枕\xF0\x9F\x98\x80");
  EXPECT_EQ((*v)["o"]["k"].string, "v");
  EXPECT_TRUE((*v)["missing"].is_null());
  EXPECT_TRUE(v->has("o"));
  EXPECT_FALSE((*v)["a"].has("o"));
}

TEST(JsonReaderTest, RefusesMalformedDocumentsWithTheOffset) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "1 2", "\"\\x\"",
                          "\"a\nb\"", "01x", "-", "1."}) {
    auto v = ParseJson(bad);
    EXPECT_FALSE(v.ok()) << bad;
    if (!v.ok()) EXPECT_THAT(v.status().message(), HasSubstr("bad JSON at offset")) << bad;
  }
  std::string deep(300, '[');
  EXPECT_FALSE(ParseJson(deep).ok());
}

// --- export contract -----------------------------------------------------------

TEST(ExportGraphTest, ReadsNodesAndEdgesSkippingBlankLines) {
  ExportGraph g = Parse(NodeLine("01", "task", "深化产业发展互融", R"("level":"task")") + "\n  \n" +
                        EdgeLine("part_of", "01", "02", R"("evidence":"area")"));
  ASSERT_EQ(g.nodes.size(), 1u);
  ASSERT_EQ(g.edges.size(), 1u);
  EXPECT_EQ(g.nodes[0].name, "深化产业发展互融");
  EXPECT_EQ(g.nodes[0].Attr("level"), "task");
  EXPECT_EQ(g.nodes[0].Attr("absent"), "");
  ASSERT_EQ(g.nodes[0].spans.size(), 1u);
  EXPECT_EQ(g.nodes[0].spans[0].report, kReport);
  EXPECT_EQ(g.edges[0].src, "01");
  EXPECT_EQ(g.edges[0].Attr("evidence"), "area");
}

TEST(ExportGraphTest, NamesTheLineOfAnError) {
  auto g = ParseExportJsonl(NodeLine("01", "task", "a") + R"({"kind":"node","id":"02"})" + "\n");
  ASSERT_FALSE(g.ok());
  EXPECT_THAT(g.status().message(), HasSubstr("line 2: a node needs id, type and name"));
  g = ParseExportJsonl(R"({"kind":"vertex"})");
  ASSERT_FALSE(g.ok());
  EXPECT_THAT(g.status().message(), HasSubstr("line 1: unknown kind"));
  g = ParseExportJsonl("not json\n");
  ASSERT_FALSE(g.ok());
  EXPECT_THAT(g.status().message(), HasSubstr("line 1: bad JSON"));
  g = ParseExportJsonl(R"({"kind":"node","id":"1","type":"t","name":"n","attrs":{"a":1}})");
  ASSERT_FALSE(g.ok());
  EXPECT_THAT(g.status().message(), HasSubstr("attr a is not a string"));
}

TEST(ExportGraphTest, RestrictToReportKeepsSharedNodesItsEdgesReach) {
  ExportGraph g = Parse(NodeLine("r1", "report", "A", "", kReport) +
                        NodeLine("r2", "report", "B", "", kOtherReport) +
                        NodeLine("t1", "task", "a task", "", kReport) +
                        NodeLine("t2", "task", "b task", "", kOtherReport) +
                        // a shared place first written by the other report
                        NodeLine("p1", "place", "枫泾镇", "", kOtherReport) +
                        EdgeLine("mentions", "t1", "p1", "", kReport) +
                        EdgeLine("mentions", "t2", "p1", "", kOtherReport));
  ExportGraph one = RestrictToReport(g, kReport);
  std::vector<std::string> names;
  for (const auto& n : one.nodes) names.push_back(n.name);
  EXPECT_THAT(names, ElementsAre("A", "a task", "枫泾镇"));
  ASSERT_EQ(one.edges.size(), 1u);
  EXPECT_EQ(one.edges[0].src, "t1");
  std::vector<ExportReport> reports = ReportsIn(g);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[1].report_id, kOtherReport);
}

// --- gold annotations ----------------------------------------------------------

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(GoldAnnotationTest, ReadsTheFirstReportsAnnotation) {
  GoldAnnotation gold = Gold(ReadSourceFile("tests/data/jinshan-2020.gold.json"));
  EXPECT_EQ(gold.region, "上海市金山区");
  EXPECT_EQ(gold.year, 2020);
  ASSERT_EQ(gold.task_areas.size(), 8u);
  EXPECT_EQ(gold.task_areas[3].ordinal, "四");
  EXPECT_EQ(gold.task_areas[3].children.size(), 3u);
  EXPECT_EQ(gold.governance_tasks.size(), 4u);
  EXPECT_EQ(gold.review_areas.size(), 5u);
  ASSERT_EQ(gold.targets.size(), 20u);
  EXPECT_FALSE(gold.targets[12].value.has_value());  // 城镇登记失业人数: no number
  EXPECT_DOUBLE_EQ(*gold.targets[14].value, 0.0381);
  EXPECT_EQ(gold.terms.size(), 29u);
  EXPECT_EQ(gold.places_admin.size(), 26u);
  EXPECT_EQ(gold.not_places.size(), 8u);
  ASSERT_EQ(gold.queries.size(), 5u);
  EXPECT_EQ(gold.queries[4].expect_text.size(), 5u);
}

TEST(GoldAnnotationTest, ReadsTheDevelopmentAnnotations) {
  for (const char* file : {"tests/data/dev/2019-hailar-district.gold.json",
                           "tests/data/dev/2021-national-clauses.gold.json",
                           "tests/data/dev/2022-baoding-city.gold.json"}) {
    auto gold = ParseGoldAnnotation(ReadSourceFile(file));
    ASSERT_TRUE(gold.ok()) << file << ": " << gold.status();
    EXPECT_FALSE(gold->task_areas.empty()) << file;
    EXPECT_FALSE(gold->targets.empty()) << file;
    EXPECT_FALSE(gold->places_admin.empty()) << file;
    EXPECT_GE(gold->queries.size(), 2u) << file;
  }
}

TEST(GoldAnnotationTest, MissingListsReadEmpty) {
  GoldAnnotation gold = Gold(R"({"report":{"region":"保定市","year":2022}})");
  EXPECT_EQ(gold.region, "保定市");
  EXPECT_TRUE(gold.task_areas.empty());
  EXPECT_TRUE(gold.terms.empty());
  EXPECT_TRUE(gold.queries.empty());
}

TEST(GoldAnnotationTest, NamesTheBadField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[]", "the document is not an object"},
      {R"({"report":{"year":2020}})", "report.region"},
      {R"({"report":{"region":"r","year":20.5}})", "report.year"},
      {R"({"report":{"region":"r","year":1},"task_areas":[{"title":"t","tasks":[1]}]})",
       "task_areas[0].tasks[0] is not a string"},
      {R"({"report":{"region":"r","year":1},"targets":[{"indicator":"x","value":"6"}]})",
       "targets[0].value"},
      {R"({"report":{"region":"r","year":1},"terms":[["only name"]]})", "terms[0]"},
      {R"({"report":{"region":"r","year":1},"queries":[{"id":"a","op":"serves"}]})",
       "queries[0].q"},
      {R"({"report":)", "bad JSON"},
  };
  for (const auto& [json, field] : cases) {
    auto gold = ParseGoldAnnotation(json);
    ASSERT_FALSE(gold.ok()) << json;
    EXPECT_THAT(gold.status().message(), HasSubstr(field)) << json;
  }
}

// --- graph questions -----------------------------------------------------------

TEST(GraphQueriesTest, PlaceNamesMatchWithOrWithoutTheAdministrativeSuffix) {
  EXPECT_TRUE(PlaceNameMatches("枫泾镇", "枫泾镇"));
  EXPECT_TRUE(PlaceNameMatches("枫泾", "枫泾镇"));
  EXPECT_TRUE(PlaceNameMatches("金山", "金山区"));
  EXPECT_TRUE(PlaceNameMatches("内蒙古", "内蒙古自治区"));
  EXPECT_TRUE(PlaceNameMatches("广西", "广西壮族自治区"));
  EXPECT_TRUE(PlaceNameMatches("新疆", "新疆维吾尔自治区"));
  EXPECT_TRUE(PlaceNameMatches("香港", "香港特别行政区"));
  EXPECT_FALSE(PlaceNameMatches("金山", "金山卫镇"));
  EXPECT_FALSE(PlaceNameMatches("浙", "浙江省"));
  EXPECT_FALSE(PlaceNameMatches("枫泾镇", "枫泾"));
  EXPECT_FALSE(PlaceNameMatches("", "金山区"));
}

TEST(GraphQueriesTest, BigramShareIsThatOfTheQueryService) {
  EXPECT_DOUBLE_EQ(BigramShare("长三角一体化", "长三角高质量一体化发展的桥头堡"), 0.8);
  EXPECT_DOUBLE_EQ(BigramShare("乡村振兴", "乡村振兴战略"), 1.0);
  EXPECT_DOUBLE_EQ(BigramShare("乡村振兴", "城市更新"), 0.0);
  EXPECT_DOUBLE_EQ(BigramShare("、", "任何"), 0.0);
}

TEST(GraphQueriesTest, OrdinalNumbersReadChineseAndArabic) {
  EXPECT_EQ(OrdinalNumber("三"), 3);
  EXPECT_EQ(OrdinalNumber("十"), 10);
  EXPECT_EQ(OrdinalNumber("十二"), 12);
  EXPECT_EQ(OrdinalNumber("二十三"), 23);
  EXPECT_EQ(OrdinalNumber("（四）"), 4);
  EXPECT_EQ(OrdinalNumber("7"), 7);
  EXPECT_EQ(OrdinalNumber("12."), 12);
  EXPECT_EQ(OrdinalNumber(""), -1);
  EXPECT_EQ(OrdinalNumber("甲"), -1);
}

TEST(GraphQueriesTest, FoldingIgnoresWidthAndSpaces) {
  EXPECT_TRUE(SameText("注重高质量，心无旁骛", "注重高质量,心无旁骛"));
  EXPECT_TRUE(SameText("PM2.5年平均浓度", "ＰＭ２．５年平均 浓度"));
  EXPECT_FALSE(SameText("长三角", "长江"));
}

// --- the scorer ----------------------------------------------------------------

// A small report: two plan areas with tasks (one misplaced, one extra), a governance
// task, a review area with an item, three targets, two glossary terms, places, a goal
// with serves edges, and term and place mentions.
std::string SmallGraph() {
  return NodeLine(
             "r", "report", "2020年某区政府工作报告",
             R"("region":"上海市金山区","title":"2020年上海市金山区政府工作报告","year":"2020")") +
         NodeLine("sp", "section", "二、2020年工作安排", R"("kind":"plan")") +
         NodeLine("sg", "section", "三、政府自身建设", R"("kind":"governance")") +
         NodeLine("a1", "task", "注重高质量，推动经济", R"("level":"area","ordinal":"一")") +
         NodeLine("a2", "task", "注重高站位，促进区域联动", R"("level":"area","ordinal":"二")") +
         NodeLine("t1", "task", "加快推进招商引资", R"("level":"task","part":"plan")") +
         NodeLine("t2", "task", "深化产业发展互融", R"("level":"task","part":"plan")") +
         NodeLine("t3", "task", "稳步实施转型升级", R"("level":"task","part":"plan")") +
         NodeLine("t4", "task", "多出来的任务", R"("level":"task","part":"plan")") +
         NodeLine("g1", "task", "旗帜鲜明讲政治", R"("level":"task","part":"governance")") +
         NodeLine("v1", "achievement", "坚持提质增效", R"("level":"area","ordinal":"一")") +
         NodeLine("i1", "achievement", "经济总量平稳增长", R"("level":"item","ordinal":"1")") +
         NodeLine(
             "gt1", "goal", "属地地区生产总值增长6.5%左右",
             R"("indicator":"属地地区生产总值","kind":"target","qualifier":"左右","unit":"%","value":"6.5")") +
         NodeLine(
             "gt2", "goal", "新增就业岗位不低于1.6万个",
             R"("indicator":"新增就业岗位","kind":"target","qualifier":"以上","unit":"万个","value":"1.6")") +
         NodeLine("gt3", "goal", "城镇登记失业人数控制在以内",
                  R"("indicator":"城镇登记失业人数","kind":"target","qualifier":"以内")") +
         NodeLine(
             "gt4", "goal", "新增养老床位700张",
             R"("indicator":"新增养老床位","kind":"target","scope":"task","unit":"张","value":"700")") +
         NodeLine("gs", "goal", "长三角高质量一体化发展的桥头堡", R"("kind":"strategic")") +
         NodeLine("m1", "term", "田园五镇",
                  R"("definition":"是指金山区张堰镇、廊下镇。","source":"glossary")") +
         NodeLine("m2", "term", "一网通办", R"("definition":"一个总门户","source":"glossary")") +
         NodeLine("m3", "term", "两区一堡", R"("source":"quoted")") +
         NodeLine("p1", "place", "枫泾镇", R"("subtype":"town")") +
         NodeLine("p2", "place", "长三角", R"("subtype":"region")") +
         NodeLine("p3", "place", "全区", R"("subtype":"district")") +
         NodeLine("p4", "place", "张堰镇", R"("subtype":"town")") + EdgeLine("part_of", "sp", "r") +
         EdgeLine("part_of", "sg", "r") + EdgeLine("part_of", "a1", "sp") +
         EdgeLine("part_of", "a2", "sp") + EdgeLine("part_of", "t1", "a1") +
         EdgeLine("part_of", "t2", "a2") +
         // 稳步实施转型升级 belongs to area 一, not 二
         EdgeLine("part_of", "t3", "a2") + EdgeLine("part_of", "t4", "a1") +
         EdgeLine("part_of", "g1", "sg") + EdgeLine("part_of", "i1", "v1") +
         EdgeLine("serves", "a2", "gs", R"("evidence":"area")") +
         EdgeLine("serves", "t2", "gs", R"("evidence":"area")") +
         EdgeLine("serves", "t1", "gs", R"("evidence":"text")") +
         EdgeLine("serves", "i1", "gs", R"("evidence":"text")") + EdgeLine("mentions", "t2", "m1") +
         EdgeLine("mentions", "t1", "m2") +
         EdgeLine("mentions", "t2", "p1", R"("surface":"枫泾")") +
         EdgeLine("mentions", "a2", "p2", R"("surface":"长三角")") +
         EdgeLine("includes", "m1", "p4");
}

constexpr char kSmallGold[] = R"({
  "report": {"region": "上海市金山区", "year": 2020, "title_contains": "金山区政府工作报告"},
  "task_areas": [
    {"ordinal": "一", "title": "注重高质量,推动经济", "tasks": ["加快推进招商引资", "稳步实施转型升级"]},
    {"ordinal": "二", "title": "注重高站位,促进区域联动", "tasks": ["深化产业发展互融"]},
    {"ordinal": "三", "title": "不存在的领域", "tasks": []}
  ],
  "governance_tasks": ["旗帜鲜明讲政治", "规范履职讲法治"],
  "review_areas": [{"ordinal": "一", "title": "坚持提质增效", "items": ["经济总量平稳增长"]}],
  "targets": [
    {"indicator": "属地地区生产总值", "value": 6.5, "unit": "%", "qualifier": "左右", "kind": "growth"},
    {"indicator": "新增就业岗位", "value": 1.6, "unit": "万个", "qualifier": "不低于", "kind": "level"},
    {"indicator": "城镇登记失业人数", "value": null, "unit": "", "qualifier": "以内", "kind": "qualitative"},
    {"indicator": "空气质量优良率", "value": 80, "unit": "%", "qualifier": "高于", "kind": "level"}
  ],
  "terms": [["田园五镇", "张堰镇"], ["一网通办", "线上线下同步"]],
  "places_admin_must": ["枫泾", "张堰镇", "廊下镇"],
  "places_region_must": ["长三角"],
  "places_infra_should": [],
  "places_zone_should": ["临港"],
  "not_places": ["全区", "国家"],
  "queries": [
    {"id": "serves-yrd", "op": "serves", "q": "长三角一体化",
     "expect": ["注重高站位,促进区域联动", "深化产业发展互融"], "forbid": ["加快推进招商引资"]},
    {"id": "term", "op": "term", "q": "田园五镇", "expect": ["深化产业发展互融"],
     "expect_text": ["张堰镇", "吕巷镇"]},
    {"id": "place", "op": "place", "q": "枫泾", "expect": ["深化产业发展互融"], "forbid": []},
    {"id": "odd", "op": "neighbors", "q": "x"}
  ]
})";

GoldScore ScoreSmall() {
  auto score = ScoreAgainstGold(Parse(SmallGraph()), Gold(kSmallGold));
  EXPECT_TRUE(score.ok()) << score.status();
  return score.ok() ? *score : GoldScore{};
}

TEST(GoldScorerTest, ScoresTaskAreasByOrdinalAndTitle) {
  GoldScore score = ScoreSmall();
  const KindScore& k = score.kind("task_areas");
  EXPECT_TRUE(k.must);
  EXPECT_EQ(k.gold, 3);
  EXPECT_EQ(k.recalled, 2);  // the full-width comma folds to the annotation's ","
  EXPECT_EQ(k.predicted, 2);
  EXPECT_EQ(k.correct, 2);
  EXPECT_THAT(k.missed, ElementsAre("三 不存在的领域"));
}

TEST(GoldScorerTest, ScoresTasksUnderTheirAreaWithGovernance) {
  GoldScore score = ScoreSmall();
  const KindScore& k = score.kind("tasks");
  EXPECT_EQ(k.gold, 5);
  EXPECT_EQ(k.recalled, 3);  // 加快推进招商引资, 深化产业发展互融, 旗帜鲜明讲政治
  EXPECT_EQ(k.predicted, 5);
  EXPECT_EQ(k.correct, 3);
  EXPECT_THAT(k.missed, ElementsAre("一 / 稳步实施转型升级", "governance / 规范履职讲法治"));
  EXPECT_THAT(k.extra, ElementsAre("二 / 稳步实施转型升级", "一 / 多出来的任务"));
}

TEST(GoldScorerTest, ScoresTheReview) {
  GoldScore score = ScoreSmall();
  EXPECT_EQ(score.kind("review_areas").recalled, 1);
  EXPECT_EQ(score.kind("review_items").recalled, 1);
  EXPECT_EQ(score.kind("review_items").correct, 1);
}

TEST(GoldScorerTest, TargetsAreFoundByIndicatorAndRightWithValueUnitQualifier) {
  GoldScore score = ScoreSmall();
  const KindScore& found = score.kind("targets_found");
  const KindScore& right = score.kind("targets_right");
  EXPECT_EQ(found.gold, 4);
  EXPECT_EQ(found.recalled, 3);
  EXPECT_EQ(found.predicted, 3);  // the task's target is not a main target
  EXPECT_EQ(right.recalled, 2);   // 新增就业岗位 has 以上 where the report says 不低于
  EXPECT_EQ(right.correct, 2);
  EXPECT_THAT(right.missed, ElementsAre("新增就业岗位 1.6 万个 不低于 (got 1.6 万个 以上)",
                                        "空气质量优良率 80 % 高于 (not found)"));
}

TEST(GoldScorerTest, GlossaryTermsNeedTheDefinitionSnippet) {
  GoldScore score = ScoreSmall();
  const KindScore& k = score.kind("terms");
  EXPECT_EQ(k.recalled, 1);
  EXPECT_EQ(k.predicted, 2);  // quoted terms are not glossary terms
  EXPECT_THAT(k.missed, ElementsAre("一网通办 (definition lacks \"线上线下同步\")"));
}

TEST(GoldScorerTest, PlacesAreFoundByNameSuffixOrSurface) {
  GoldScore score = ScoreSmall();
  const KindScore& admin = score.kind("places_admin");
  EXPECT_FALSE(admin.has_precision);
  EXPECT_EQ(admin.recalled, 2);  // 枫泾 by surface, 张堰镇 by name
  EXPECT_THAT(admin.missed, ElementsAre("廊下镇"));
  EXPECT_EQ(score.kind("places_region").recalled, 1);
  EXPECT_EQ(score.kind("places_infra").gold, 0);
  EXPECT_EQ(score.kind("places_zone").recalled, 0);
  const KindScore& all = score.kind("places");
  EXPECT_EQ(all.gold, 5);
  EXPECT_EQ(all.recalled, 3);
  EXPECT_EQ(all.predicted, 4);
  EXPECT_EQ(all.correct, 3);
  EXPECT_THAT(all.extra, ElementsAre("全区"));
  EXPECT_EQ(score.not_places, 2);
  EXPECT_THAT(score.false_places, ElementsAre("全区"));
}

TEST(GoldScorerTest, AnswersTheQuestionsAsTheServicesDo) {
  GoldScore score = ScoreSmall();
  ASSERT_EQ(score.queries.size(), 4u);
  const QueryScore& serves = score.queries[0];
  EXPECT_TRUE(serves.missing.empty());
  // 加快推进招商引资 serves the goal through its own text: forbidden by the annotation.
  EXPECT_THAT(serves.forbidden, ElementsAre("加快推进招商引资"));
  EXPECT_FALSE(serves.ok());
  const QueryScore& term = score.queries[1];
  EXPECT_EQ(term.expected, 3);
  EXPECT_EQ(term.found, 2);  // the mentioner, and 张堰镇 in the definition
  EXPECT_THAT(term.missing, ElementsAre("吕巷镇"));
  EXPECT_FALSE(term.ok());
  EXPECT_TRUE(score.queries[2].ok());
  EXPECT_FALSE(score.queries[3].evaluated);
  const KindScore& k = score.kind("queries");
  EXPECT_FALSE(k.must);
  EXPECT_EQ(k.gold, 6);
  EXPECT_EQ(k.recalled, 5);
  EXPECT_EQ(k.predicted, 6);
}

TEST(GoldScorerTest, TheTableListsEveryKindAndTheMisses) {
  GoldScore score = ScoreSmall();
  EXPECT_TRUE(score.notes.empty()) << score.notes.front();
  const std::string table = FormatScoreTable(score, /*details=*/false);
  EXPECT_THAT(table, HasSubstr("上海市金山区 2020"));
  EXPECT_THAT(table,
              HasSubstr("task areas          must          2/3   66.7%        2/2     100.0%"));
  EXPECT_THAT(table,
              HasSubstr("places infra        should          -       -          -          -"));
  EXPECT_THAT(
      table,
      HasSubstr("false places        <=2           1/2  of not_places taken as places: 全区"));
  EXPECT_THAT(table, Not(HasSubstr("missed")));
  const std::string details = FormatScoreTable(score, /*details=*/true);
  EXPECT_THAT(details, HasSubstr("tasks: missed 一 / 稳步实施转型升级\n"));
  EXPECT_THAT(details, HasSubstr("query serves-yrd (serves 长三角一体化): WRONG, 2/2 expected\n"
                                 "    forbidden 加快推进招商引资\n"));
  EXPECT_THAT(details, HasSubstr("query odd (neighbors x): not evaluated"));
}

TEST(GoldScorerTest, MustKindsBelowTheBarAreNamed) {
  GoldScore score = ScoreSmall();
  std::vector<std::string> below = MustKindsBelow(score, 0.9);
  EXPECT_THAT(below, ::testing::Contains("task areas 66.7% < 90%"));
  EXPECT_THAT(below, ::testing::Contains("tasks 60.0% < 90%"));
  EXPECT_THAT(below, ::testing::Not(::testing::Contains(HasSubstr("places zone"))));  // should
  EXPECT_THAT(MustKindsBelow(score, 0.6), ::testing::Contains("glossary terms 50.0% < 60%"));
  EXPECT_THAT(MustKindsBelow(score, 0.5), Not(::testing::Contains(HasSubstr("glossary"))));
  EXPECT_THAT(MustKindsBelow(score, 0), IsEmpty());
}

TEST(GoldScorerTest, EmptyAnnotationListsHaveNoRecallToFail) {
  auto score = ScoreAgainstGold(Parse(SmallGraph()),
                                Gold(R"({"report":{"region":"上海市金山区","year":2020}})"));
  ASSERT_TRUE(score.ok());
  EXPECT_EQ(score->kind("terms").gold, 0);
  EXPECT_DOUBLE_EQ(score->kind("terms").recall(), 1.0);
  EXPECT_EQ(score->kind("terms").predicted, 2);
  EXPECT_DOUBLE_EQ(score->kind("terms").precision(), 0.0);
  EXPECT_THAT(MustKindsBelow(*score, 1.0), IsEmpty());
}

TEST(GoldScorerTest, PicksTheAnnotatedReportFromAWholeStoreExport) {
  const std::string other = NodeLine("r2", "report", "2019年保定市政府工作报告",
                                     R"("region":"保定市","year":"2019")", kOtherReport) +
                            NodeLine("x1", "task", "注重高质量，推动经济",
                                     R"("level":"area","ordinal":"一")", kOtherReport);
  auto score = ScoreAgainstGold(Parse(other + SmallGraph()), Gold(kSmallGold));
  ASSERT_TRUE(score.ok()) << score.status();
  EXPECT_EQ(score->report_id, kReport);
  EXPECT_EQ(score->kind("task_areas").predicted, 2);  // not the other report's area

  auto missing = ScoreAgainstGold(Parse(other + SmallGraph()),
                                  Gold(R"({"report":{"region":"全国","year":2021}})"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("no report of 全国 2021 among the 2 reports"));
}

TEST(GoldScorerTest, NotesAReportIdentityDifferingFromTheAnnotation) {
  auto score = ScoreAgainstGold(
      Parse(SmallGraph()),
      Gold(R"({"report":{"region":"保定市","year":2022,"title_contains":"保定"}})"));
  ASSERT_TRUE(score.ok());
  ASSERT_EQ(score->notes.size(), 2u);
  EXPECT_THAT(score->notes[0], HasSubstr("the graph's report is 上海市金山区 2020"));
  EXPECT_THAT(score->notes[1], HasSubstr("lacks \"保定\""));
  EXPECT_THAT(FormatScoreTable(*score, false), HasSubstr("note: the graph's report is"));
}

}  // namespace
}  // namespace kg::score
