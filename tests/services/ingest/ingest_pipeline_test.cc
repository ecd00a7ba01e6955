// BuildReportGraph: the pipeline's options, hashes and errors.
#include "services/ingest/ingest_pipeline.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/ids.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::ingest {
namespace {

using ::kg::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kSmallReport[] =
    "2021年某某县政府工作报告\n一、2020年工作回顾\n过去一年，成绩显著。\n"
    "二、2021年主要任务\n今年的主要预期目标是：地区生产总值增长6%左右。\n"
    "（一）注重高质量，推动经济提质增效。努力成为区域发展的示范县。\n"
    "加快推进招商引资。强化招商统筹，完善招商激励机制，激发招商队伍活力，引进一批重大项目。\n"
    "稳步实施转型升级。加快产业结构调整，推进“三高一低”产能退出，完成土地二次开发任务。\n";

TEST(IngestPipelineTest, Sha256OfKnownInput) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(IngestPipelineTest, BuildsSmallReport) {
  KG_ASSERT_OK_AND_ASSIGN(ExtractionResult r, BuildReportGraph(kSmallReport, {}));
  EXPECT_EQ(r.encoding, "UTF-8");
  EXPECT_EQ(r.graph.info.region, "某某县");
  EXPECT_EQ(r.graph.info.year, 2021);
  EXPECT_EQ(r.graph.info.level, "county");
  EXPECT_EQ(r.graph.info.source_sha256, Sha256Hex(kSmallReport));
  int tasks = 0, goals = 0;
  for (const auto& n : r.graph.nodes) {
    tasks += n.type == "task";
    goals += n.type == "goal";
  }
  EXPECT_EQ(tasks, 3);  // the area and its two tasks
  EXPECT_EQ(goals, 2);  // the GDP target and 区域发展的示范县
}

TEST(IngestPipelineTest, OptionsOverrideIdentity) {
  IngestOptions options;
  options.region = "某某市某某县";
  options.year = 2022;
  options.edition = "draft";
  KG_ASSERT_OK_AND_ASSIGN(ExtractionResult r, BuildReportGraph(kSmallReport, options));
  EXPECT_EQ(r.graph.info.id, storage::MakeReportId("某某市某某县", 2022, "draft"));
  EXPECT_EQ(r.graph.info.region, "某某市某某县");
  EXPECT_EQ(r.graph.info.year, 2022);
  EXPECT_EQ(r.graph.info.edition, "draft");
  for (const auto& n : r.graph.nodes) {
    if (n.type != "indicator") EXPECT_EQ(n.report, r.graph.info.id);
  }
}

TEST(IngestPipelineTest, RejectsWhatIsNotAReport) {
  EXPECT_THAT(BuildReportGraph("", {}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BuildReportGraph(std::string("\x00\x01\x02\x03", 4), {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BuildReportGraph("hello world, this is a letter.", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a work report")));
}

TEST(IngestPipelineTest, AsksForIdentityTheTextLacks) {
  const char* no_region =
      "一、工作回顾\n过去一年，成绩显著。\n二、主要任务\n（一）加快发展。打造示范区。\n";
  EXPECT_THAT(BuildReportGraph(no_region, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("region")));
  IngestOptions options;
  options.region = "某某区";
  options.year = 2020;
  EXPECT_THAT(BuildReportGraph(no_region, options), ::kg::testing::IsOk());
}

TEST(IngestPipelineTest, GbkBytesMatchUtf8Bytes) {
  // The same report in GBK and in UTF-8 yields the same graph ids.
  std::string gbk = ::kg::testing::ReadTestData("dev/2019-hailar-district.gbk.txt");
  KG_ASSERT_OK_AND_ASSIGN(ExtractionResult a, BuildReportGraph(gbk, {}));
  KG_ASSERT_OK_AND_ASSIGN(ExtractionResult b, BuildReportGraph(a.graph.text, {}));
  EXPECT_EQ(a.graph.info.id, b.graph.info.id);
  EXPECT_EQ(a.graph.nodes.size(), b.graph.nodes.size());
  EXPECT_EQ(a.graph.text, b.graph.text);
}

}  // namespace
}  // namespace kg::ingest

namespace kg::ingest {
namespace {

// Truncated and mangled reports must come back as a valid graph or INVALID_ARGUMENT,
// never as a crash or a span outside the text.
TEST(IngestPipelineTest, SurvivesTruncatedAndMangledReports) {
  for (const char* file :
       {"jinshan-2020.txt", "dev/2021-national-clauses.txt", "dev/2022-baoding-city.txt"}) {
    std::string bytes = ::kg::testing::ReadTestData(file);
    ASSERT_FALSE(bytes.empty()) << file;
    for (int k = 1; k <= 23; ++k) {
      size_t cut = bytes.size() * k / 24;
      while (cut < bytes.size() && (static_cast<unsigned char>(bytes[cut]) & 0xC0) == 0x80) ++cut;
      std::string variants[] = {bytes.substr(0, cut), bytes.substr(cut),
                                bytes.substr(0, cut / 2) + bytes.substr(cut)};
      for (const std::string& v : variants) {
        auto r = BuildReportGraph(v, {});
        if (!r.ok()) {
          EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
          continue;
        }
        size_t length = r->graph.info.text_length;
        for (const auto& n : r->graph.nodes) {
          ASSERT_FALSE(n.spans.empty()) << file << " cut " << cut << " " << n.type;
          for (const auto& s : n.spans) ASSERT_LE(s.end, length);
        }
        for (const auto& e : r->graph.edges) {
          ASSERT_FALSE(e.spans.empty());
          for (const auto& s : e.spans) ASSERT_LE(s.end, length);
        }
      }
    }
  }
}

}  // namespace
}  // namespace kg::ingest

namespace kg::ingest {
namespace {

// A report exercising the graph's conventions for targets, results, five-year goals,
// terms and lost characters.
constexpr char kRichReport[] =
    "2021年某某市政府工作报告\n"
    "一、2020年工作回顾\n"
    "过去一年，全市地区生产总值完成3725亿元，按可比价计算，同比增长6.2%。\n"
    "（一）产业转型积蓄新动能。深入实施“揭榜挂帅”^[2]，科技创新能力持续提升。\n"
    "（二）生态建设收获新成效。PM2.5浓度同比下降10%，空气质量持续改善。\n"
    "二、“十四五”时期主要目标任务\n"
    "——着力提升发展质量效益，保持经济持续健康发展。常住人口城镇化率提高到65%。\n"
    "——坚持创新驱动发展，加快发展现代产业体系。全社会研发经费投入年均增长7%以上。\n"
    "三、2021年主要任务\n"
    "今年不提出全年经济增速具体目标。全市经济社会发展的主要预期目标是：地区生产总值增长6%－6.5%，"
    "一般公共预算收入增长5%左右，其中税收收入增长4%。\n"
    "（一）坚持创新驱动，加快产业转型升级。努力打造区域创新高地。\n"
    "壮大实体经济。实施“专精特新”行动，新增规上工业企业300家，建设5G基站不少于500个。\n"
    "提升养老服务。新增养老床位700张，推动“三张清单”落地，完善??服务网络，提高服务质量和水平。\n"
    "名词解释\n"
    "1.三张清单：是指正面清单、负面清单和特色产业培育清单，与“揭榜挂帅”相衔接。\n"
    "2.揭榜挂帅：是指以科研成果来解决技术难题的机制。\n";

class RichReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = BuildReportGraph(kRichReport, {});
    ASSERT_TRUE(r.ok()) << r.status();
    result_ = std::move(*r);
    for (const auto& n : result_.graph.nodes) by_id_[n.id] = &n;
  }
  const storage::Node* Find(const std::string& type, const std::string& name) const {
    for (const auto& n : result_.graph.nodes) {
      if (n.type == type && n.name == name) return &n;
    }
    return nullptr;
  }
  std::vector<const storage::Node*> Goals(const std::string& key, const std::string& value) const {
    std::vector<const storage::Node*> out;
    for (const auto& n : result_.graph.nodes) {
      auto it = n.attrs.find(key);
      if (n.type == "goal" && it != n.attrs.end() && it->second == value) out.push_back(&n);
    }
    return out;
  }
  const storage::Edge* Edge(const std::string& type, storage::NodeId src,
                            storage::NodeId dst) const {
    for (const auto& e : result_.graph.edges) {
      if (e.type == type && e.src == src && e.dst == dst) return &e;
    }
    return nullptr;
  }
  static std::string Attr(const storage::Node& n, const std::string& key) {
    auto it = n.attrs.find(key);
    return it == n.attrs.end() ? "" : it->second;
  }

  ExtractionResult result_;
  std::map<storage::NodeId, const storage::Node*> by_id_;
};

TEST_F(RichReportTest, MainTargetsCarryRangesPartsAndAbsentOnes) {
  std::map<std::string, const storage::Node*> main;
  for (const auto* g : Goals("scope", "main")) main[Attr(*g, "indicator")] = g;
  ASSERT_EQ(main.count("地区生产总值"), 1u);
  EXPECT_EQ(Attr(*main["地区生产总值"], "value"), "6");
  EXPECT_EQ(Attr(*main["地区生产总值"], "value_max"), "6.5");
  ASSERT_EQ(main.count("税收收入"), 1u);
  EXPECT_EQ(Attr(*main["税收收入"], "parent"), "一般公共预算收入");
  EXPECT_NE(Edge("part_of", main["税收收入"]->id, main["一般公共预算收入"]->id), nullptr);
  ASSERT_EQ(main.count("经济增速"), 1u);
  EXPECT_EQ(Attr(*main["经济增速"], "absent"), "true");
  EXPECT_EQ(Attr(*main["经济增速"], "value"), "");
}

TEST_F(RichReportTest, FiveYearGoalsAreNotTheYearsTasks) {
  auto five = Goals("horizon", "five-year");
  std::set<std::string> names;
  for (const auto* g : five)
    names.insert(Attr(*g, "kind") == "target" ? Attr(*g, "indicator") : g->name);
  EXPECT_TRUE(names.count("着力提升发展质量效益，保持经济持续健康发展"));
  EXPECT_TRUE(names.count("常住人口城镇化率"));
  EXPECT_TRUE(names.count("全社会研发经费投入"));
  for (const auto& e : result_.graph.edges) {
    if (e.type != "serves") continue;
    EXPECT_NE(Attr(*by_id_[e.dst], "horizon"), "five-year") << by_id_[e.src]->name;
  }
  for (const auto& n : result_.graph.nodes) {
    if (n.type == "task") EXPECT_EQ(n.name.find("发展质量效益"), std::string::npos);
  }
}

TEST_F(RichReportTest, TasksServeTheirQuantifiedCommitments) {
  const storage::Node* task = Find("task", "提升养老服务");
  ASSERT_NE(task, nullptr);
  const storage::Node* beds = nullptr;
  for (const auto* g : Goals("scope", "task")) {
    if (Attr(*g, "indicator") == "新增养老床位") beds = g;
  }
  ASSERT_NE(beds, nullptr);
  EXPECT_EQ(Attr(*beds, "kind"), "target");
  EXPECT_EQ(Attr(*beds, "value"), "700");
  EXPECT_EQ(Attr(*beds, "unit"), "张");
  const storage::Edge* serves = Edge("serves", task->id, beds->id);
  ASSERT_NE(serves, nullptr);
  EXPECT_EQ(serves->attrs.at("evidence"), "text");
  const storage::Node* indicator = Find("indicator", "新增养老床位");
  ASSERT_NE(indicator, nullptr);
  EXPECT_NE(Edge("measures", beds->id, indicator->id), nullptr);
}

TEST_F(RichReportTest, ReviewFiguresReportOnTheTargetsIndicators) {
  const storage::Node* gdp = Find("indicator", "地区生产总值");
  ASSERT_NE(gdp, nullptr);
  const storage::Edge* reported = nullptr;
  for (const auto& e : result_.graph.edges) {
    if (e.type == "reports" && e.dst == gdp->id) reported = &e;
  }
  ASSERT_NE(reported, nullptr);
  EXPECT_EQ(reported->attrs.at("value"), "3725");
  EXPECT_EQ(reported->attrs.at("unit"), "亿元");
  EXPECT_EQ(reported->attrs.at("growth"), "6.2");
  EXPECT_EQ(reported->attrs.at("year"), "2020");
  const storage::Node* summary = by_id_[reported->src];
  EXPECT_EQ(summary->type, "achievement");
  EXPECT_EQ(Attr(*summary, "level"), "summary");
}

TEST_F(RichReportTest, TermsAreMentionedByNameAndByNoteMarker) {
  const storage::Node* jiebang = Find("term", "揭榜挂帅");
  const storage::Node* lists = Find("term", "三张清单");
  ASSERT_NE(jiebang, nullptr);
  ASSERT_NE(lists, nullptr);
  const storage::Node* area = Find("achievement", "产业转型积蓄新动能");
  ASSERT_NE(area, nullptr);
  EXPECT_NE(Edge("mentions", area->id, jiebang->id), nullptr);
  // A definition naming another glossary term includes it.
  EXPECT_NE(Edge("includes", lists->id, jiebang->id), nullptr);
  // A quoted policy name followed by its noun is a term.
  EXPECT_NE(Find("term", "专精特新"), nullptr);
  const storage::Node* task = Find("task", "提升养老服务");
  ASSERT_NE(task, nullptr);
  EXPECT_NE(Edge("mentions", task->id, lists->id), nullptr);
}

TEST_F(RichReportTest, LostCharactersStayOutOfNames) {
  EXPECT_THAT(result_.warnings, ::testing::Contains(HasSubstr("lost")));
  for (const auto& n : result_.graph.nodes) {
    if (n.type == "task" || n.type == "achievement" || n.type == "section" || n.type == "report") {
      continue;
    }
    EXPECT_EQ(n.name.find("\xEF\xBF\xBD"), std::string::npos) << n.type << " " << n.name;
  }
}

}  // namespace
}  // namespace kg::ingest
