// Hostile and degenerate input to the whole pipeline: random bytes, truncated GBK, 10 MB of
// repeated text, a report with no glossary, a title alone. Each either extracts a valid
// graph or is refused with INVALID_ARGUMENT and a message a person can act on; none
// crashes, hangs or yields a span outside the text.
#include <chrono>
#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/text_util.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::ingest {
namespace {

using ::kg::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;

constexpr char kSmallReport[] =
    "2021年某某县政府工作报告\n"
    "一、2020年工作回顾\n过去一年，全县地区生产总值增长5.1%，经济运行稳中向好。\n"
    "二、2021年主要任务\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
    "（一）坚持创新驱动，加快产业转型升级。努力打造区域创新高地。\n"
    "壮大实体经济。推进制造业转型升级，培育一批专精特新企业，提高产业链供应链稳定性。\n"
    "扩大有效投资。谋划储备一批重大项目，加快项目建设进度，确保项目早开工早见效。\n";

// The result is a graph whose spans all lie in its text, or a clear refusal.
void ExpectValidOrRefused(const absl::StatusOr<ExtractionResult>& r, const std::string& what) {
  if (!r.ok()) {
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << what << ": " << r.status();
    EXPECT_GT(r.status().message().size(), 20u) << what << ": " << r.status();
    return;
  }
  size_t length = Utf8ToU32(r->graph.text).size();
  EXPECT_EQ(length, r->graph.info.text_length) << what;
  for (const auto& n : r->graph.nodes) {
    ASSERT_FALSE(n.spans.empty()) << what << ": " << n.type << " " << n.name;
    for (const auto& s : n.spans) ASSERT_LE(s.end, length) << what;
  }
  for (const auto& e : r->graph.edges) {
    ASSERT_FALSE(e.spans.empty()) << what << ": " << e.type;
    for (const auto& s : e.spans) ASSERT_LE(s.end, length) << what;
  }
}

TEST(HostileInputTest, RandomBytesAreRefusedClearly) {
  std::mt19937 rng(20240601);
  for (size_t size : {1u, 2u, 7u, 100u, 4096u, 1u << 20}) {
    for (int round = 0; round < 3; ++round) {
      std::string bytes(size, '\0');
      for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
      auto r = BuildReportGraph(bytes, {});
      ExpectValidOrRefused(r, "random bytes");
      EXPECT_FALSE(r.ok()) << "random bytes of size " << size << " taken for a report";
    }
  }
}

TEST(HostileInputTest, RandomChineseTextIsNotAReport) {
  std::mt19937 rng(7);
  std::u32string text;
  for (int i = 0; i < 20000; ++i) {
    text.push_back(static_cast<char32_t>(0x4E00 + rng() % 0x5000));
    if (rng() % 30 == 0) text.push_back(U'。');
    if (rng() % 200 == 0) text.push_back(U'\n');
  }
  EXPECT_THAT(BuildReportGraph(U32ToUtf8(text), {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a work report")));
}

TEST(HostileInputTest, TruncatedGbkIsRefusedAsTruncated) {
  std::string gbk = ::kg::testing::ReadTestData("dev/2019-hailar-district.gbk.txt");
  ASSERT_FALSE(gbk.empty());
  // Walk the GBK characters to a lead byte in the middle of the file and cut after it.
  size_t i = 0;
  size_t cut = 0;
  while (i < gbk.size()) {
    unsigned char c = static_cast<unsigned char>(gbk[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (i > gbk.size() / 2) {
      cut = i + 1;
      break;
    }
    i += 2;
  }
  ASSERT_GT(cut, 0u);
  auto r = BuildReportGraph(gbk.substr(0, cut), {});
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("truncated")));
  // Cut between characters instead, the rest is a (shorter) report.
  ExpectValidOrRefused(BuildReportGraph(gbk.substr(0, cut - 1), {}), "GBK cut between characters");
  // The same with the encoding forced.
  IngestOptions forced;
  forced.encoding = "GBK";
  EXPECT_THAT(BuildReportGraph(gbk.substr(0, cut), forced),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("truncated")));
}

TEST(HostileInputTest, UtfEightWithABrokenByteIsNotMojibake) {
  std::string text = kSmallReport;
  text.insert(text.find("壮大"), "\xFF");
  auto r = BuildReportGraph(text, {});
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offset")));
}

TEST(HostileInputTest, TenMegabytesOfRepeatedTextStayFast) {
  auto start = std::chrono::steady_clock::now();
  // One sentence over and over: no report.
  std::string sentence = "今天天气很好，我们一起去公园散步。\n";
  std::string noise;
  while (noise.size() < (10u << 20)) noise += sentence;
  EXPECT_THAT(BuildReportGraph(noise, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a work report")));
  // A report pasted over and over (a scraper gone wrong): one report, with a warning.
  std::string pasted;
  while (pasted.size() < (10u << 20)) pasted += kSmallReport;
  auto r = BuildReportGraph(pasted, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_LT(r->graph.text.size(), 2u * sizeof(kSmallReport));
  EXPECT_THAT(r->warnings, Contains(HasSubstr("twice")));
  // A single line of 10 MB.
  std::string line;
  while (line.size() < (10u << 20)) line += "推进产业转型升级，";
  ExpectValidOrRefused(BuildReportGraph("2021年某某县政府工作报告\n一、总体要求\n" + line, {}),
                       "a 10 MB line");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60.0) << "30 MB of hostile text took " << seconds << " s";
}

TEST(HostileInputTest, ManyShortSentencesInOneAreaStayLinear) {
  // Every sentence could be a lead phrase: choosing among them must not be quadratic.
  auto start = std::chrono::steady_clock::now();
  std::string area = std::string(kSmallReport) + "（二）加强管理。";
  for (int i = 0; i < 200000; ++i) area += i % 3 == 0 ? "加强基层管理工作。" : "推进城乡融合发展。";
  auto r = BuildReportGraph(area, {});
  ExpectValidOrRefused(r, "200000 short sentences");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0) << "took " << seconds << " s";
}

TEST(HostileInputTest, OversizedInputIsRefused) {
  std::string huge(33u << 20, 'a');
  EXPECT_THAT(BuildReportGraph(huge, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("larger than")));
}

TEST(HostileInputTest, AReportWithoutGlossaryExtracts) {
  auto r = BuildReportGraph(kSmallReport, {});
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectValidOrRefused(r, "no glossary");
  for (const auto& n : r->graph.nodes) {
    EXPECT_NE(n.type == "section" ? n.attrs.at("kind") : "", "glossary");
  }
}

TEST(HostileInputTest, OnlyATitleIsRefused) {
  for (const char* text :
       {"2021年某某县政府工作报告", "2021年某某县政府工作报告\n\n\n",
        "<html><head><title>2021年某某县政府工作报告</title></head><body></body></html>"}) {
    EXPECT_THAT(BuildReportGraph(text, {}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a work report")))
        << text;
  }
}

TEST(HostileInputTest, DegenerateMarkupAndStructure) {
  std::string many_parts;
  for (int i = 0; i < 5000; ++i) many_parts += "一、二、三、（一）（二）1.2.“”“”‘’【】\n";
  std::string brackets(1 << 16, '<');
  std::string quotes;
  for (int i = 0; i < 20000; ++i) quotes += "“" + std::to_string(i) + "”";
  std::string escapes;
  for (int i = 0; i < 20000; ++i) escapes += "\\n\\u4e00\\";
  for (const std::string& text :
       {many_parts, brackets, std::string(kSmallReport) + quotes, escapes,
        std::string(kSmallReport) + std::string(100000, '?'),
        std::string(kSmallReport) + "<script>" + std::string(100000, 'x')}) {
    ExpectValidOrRefused(BuildReportGraph(text, {}), text.substr(0, 40));
  }
}

}  // namespace
}  // namespace kg::ingest
