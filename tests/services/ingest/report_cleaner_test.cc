// CleanReport: chrome, markup, spaces and footnotes removed; the report's words kept.
#include "services/ingest/report_cleaner.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/text_decoder.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::ingest {
namespace {

using ::kg::testing::StatusIs;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

CleanedReport CleanFile(const std::string& relative) {
  std::string bytes = ::kg::testing::ReadTestData(relative);
  auto decoded = DecodeReport(bytes, "");
  EXPECT_TRUE(decoded.ok()) << decoded.status();
  auto cleaned = CleanReport(decoded.ok() ? decoded->utf8 : "");
  EXPECT_TRUE(cleaned.ok()) << cleaned.status();
  return cleaned.ok() ? *cleaned : CleanedReport{};
}

TEST(ReportCleanerTest, RemovesForumChromeAroundTheReport) {
  CleanedReport r = CleanFile("jinshan-2020.txt");
  EXPECT_THAT(r.text, StartsWith("2020年上海市金山区政府工作报告\n一、2019年工作回顾\n"));
  EXPECT_THAT(r.text, EndsWith("重大执法决定法制审核制度。"));
  for (const char* chrome : {"设为首页", "回复", "积分", "发表于", "登录", "Powered by", "客服中心",
                             "返回顶部", "[上海]"}) {
    EXPECT_THAT(r.text, Not(HasSubstr(chrome))) << chrome;
  }
  EXPECT_EQ(r.title, "2020年上海市金山区政府工作报告");
  EXPECT_EQ(r.region, "上海市金山区");
  EXPECT_EQ(r.year, 2020);
  EXPECT_EQ(r.level, "district");
  EXPECT_EQ(r.title_begin, 0u);
  EXPECT_EQ(r.title_end, 17u);  // code points of the title line
}

TEST(ReportCleanerTest, CutsFootnoteGluedToNumber) {
  CleanedReport r = CleanFile("jinshan-2020.txt");
  EXPECT_THAT(r.text, HasSubstr("属地地区生产总值同比增长6.7%。第三产业"));
  EXPECT_THAT(r.text, Not(HasSubstr("6.7%1")));
  EXPECT_THAT(r.text, Not(HasSubstr("注解1")));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0], "文中涉及的2019年主要经济指标完成数均为预计数。");
}

TEST(ReportCleanerTest, RemovesStraySpacesAndIndentation) {
  CleanedReport r = CleanFile("jinshan-2020.txt");
  EXPECT_THAT(r.text, HasSubstr("新型显示上下游产业链加快布局"));
  EXPECT_THAT(r.text, HasSubstr("上海金山医疗器械服务产业园"));
  EXPECT_THAT(r.text, HasSubstr("增速快于属地规上产值1.6个百分点"));
  EXPECT_THAT(r.text, HasSubstr("奥来德AMOLED有机材料"));
  EXPECT_THAT(r.text, Not(HasSubstr("\n ")));
  EXPECT_THAT(r.text, Not(HasSubstr("  ")));
}

TEST(ReportCleanerTest, JoinsLinesBrokenInsideASentence) {
  CleanedReport r = CleanFile("jinshan-2020.txt");
  EXPECT_THAT(r.text, HasSubstr("建设1个市民健身中心"));
  EXPECT_THAT(r.text, HasSubstr("核心竞争力,不断提高城市治理能力"));
}

TEST(ReportCleanerTest, ReadsIdentityFromSubtitleWhenTitleLacksIt) {
  CleanedReport r = CleanFile("dev/2019-hailar-district.gbk.txt");
  EXPECT_THAT(r.text, StartsWith("政府工作报告\n——2019年3月4日在呼伦贝尔市海拉尔区"));
  EXPECT_EQ(r.title, "2019年呼伦贝尔市海拉尔区政府工作报告");
  EXPECT_EQ(r.region, "呼伦贝尔市海拉尔区");
  EXPECT_EQ(r.year, 2019);
  EXPECT_EQ(r.level, "district");
}

TEST(ReportCleanerTest, RejoinsClausePerLineText) {
  CleanedReport r = CleanFile("dev/2021-national-clauses.txt");
  EXPECT_EQ(r.region, "全国");
  EXPECT_EQ(r.level, "national");
  EXPECT_EQ(r.year, 2021);
  EXPECT_EQ(r.title, "2021年政府工作报告");
  EXPECT_THAT(r.text, HasSubstr("国内生产总值增长6%以上；城镇新增就业1100万人以上，城镇调查"));
}

TEST(ReportCleanerTest, DropsPortalMetadataAndReferenceMarkers) {
  CleanedReport r = CleanFile("dev/2022-baoding-city.txt");
  EXPECT_THAT(r.text, StartsWith("2022年保定市政府工作报告\n"));
  for (const char* chrome : {"标题：", "发文单位", "来源URL", "正文：", "责任编辑"}) {
    EXPECT_THAT(r.text, Not(HasSubstr(chrome))) << chrome;
  }
  EXPECT_THAT(r.text, Not(HasSubstr("^[14]")));
  EXPECT_THAT(r.text, HasSubstr("深化“四化四园”行动"));
  EXPECT_THAT(r.text, HasSubstr("\n[1]“三步走”战略目标："));
  EXPECT_EQ(r.region, "保定市");
  EXPECT_EQ(r.level, "city");
}

TEST(ReportCleanerTest, StripsHtml) {
  std::string html =
      "<html><head><title>x</title><style>p{}</style></head><body><div>首页 &gt; 新闻</div>"
      "<h1>2021年某某县政府工作报告</h1><!-- ad -->"
      "<p>&nbsp;&nbsp;一、2020年工作回顾</p><p>过去一年，&ldquo;六稳&rdquo;落实。</p>"
      "<p>二、2021年主要任务</p><p>（一）加快发展。努力成为示范区。</p>"
      "<p>推进产业升级。加快项目建设，确保投产见效，全年完成投资一百亿元以上。</p>"
      "<script>var a = '<p>';</script><div>版权所有 © 某某县人民政府</div></body></html>";
  KG_ASSERT_OK_AND_ASSIGN(CleanedReport r, CleanReport(html));
  EXPECT_THAT(r.text, StartsWith("2021年某某县政府工作报告\n一、2020年工作回顾\n"));
  EXPECT_THAT(r.text, HasSubstr("“六稳”"));
  EXPECT_THAT(r.text, Not(HasSubstr("<")));
  EXPECT_THAT(r.text, Not(HasSubstr("版权所有")));
  EXPECT_EQ(r.region, "某某县");
  EXPECT_EQ(r.level, "county");
}

TEST(ReportCleanerTest, UnescapesLiteralLineBreaks) {
  std::string text =
      "2020年某某区政府工作报告\\r\\n一、2019年工作回顾\\r\\n过去一年，工作顺利。\\r\\n"
      "二、2020年主要任务\\r\\n（一）加快发展。打造示范区。";
  KG_ASSERT_OK_AND_ASSIGN(CleanedReport r, CleanReport(text));
  EXPECT_THAT(r.text, StartsWith("2020年某某区政府工作报告\n一、2019年工作回顾\n过去一年"));
  EXPECT_THAT(r.text, Not(HasSubstr("\\n")));
}

TEST(ReportCleanerTest, RejectsTextWithoutReportStructure) {
  EXPECT_THAT(CleanReport("今天天气很好。我们去公园散步，看到很多人在跳舞。"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a work report")));
}

TEST(ReportCleanerTest, LevelOfRegion) {
  EXPECT_EQ(LevelOfRegion("上海市金山区"), "district");
  EXPECT_EQ(LevelOfRegion("保定市"), "city");
  EXPECT_EQ(LevelOfRegion("全国"), "national");
  EXPECT_EQ(LevelOfRegion("河北省"), "province");
  EXPECT_EQ(LevelOfRegion("某某县"), "county");
  EXPECT_EQ(LevelOfRegion(""), "");
}

}  // namespace
}  // namespace kg::ingest
