// BuildReportGraph: the pipeline's options, hashes and errors.
#include "services/ingest/ingest_pipeline.h"

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
