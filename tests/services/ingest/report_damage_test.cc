// CleanReport on the damage reports arrive with: markup and portal chrome, a page holding
// the report twice, PDF hard wraps, stray spaces, escaped line breaks, lost characters,
// footnote and note markers, compatibility forms and mixed punctuation. Each case is a
// small report written for the purpose; nothing here is any real report's content.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/line_cleanup.h"
#include "services/ingest/report_cleaner.h"
#include "services/ingest/text_util.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"
#include "unicode/ucnv.h"

namespace kg::ingest {
namespace {

using ::kg::testing::StatusIs;
using ::testing::Contains;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A small report: title, subtitle, review, plan with targets and two areas, glossary.
constexpr char kBody[] =
    "一、2020年工作回顾\n"
    "过去一年，全县地区生产总值增长5.1%，经济运行稳中向好。\n"
    "二、2021年主要任务\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
    "（一）坚持创新驱动，加快产业转型升级。努力打造区域创新高地。\n"
    "壮大实体经济。推进制造业转型升级，培育一批专精特新企业，提高产业链供应链稳定性。\n"
    "扩大有效投资。谋划储备一批重大项目，加快项目建设进度，确保项目早开工早见效。\n"
    "名词解释\n"
    "1.专精特新：是指专业化、精细化、特色化、新颖化。\n";

std::string Report(const std::string& title = "2021年某某县政府工作报告") {
  return title + "\n——2021年1月10日在某某县第十七届人民代表大会第五次会议上\n" + kBody;
}

CleanedReport Clean(const std::string& text) {
  auto r = CleanReport(text);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : CleanedReport{};
}

TEST(ReportDamageTest, ReadsHtmlFragments) {
  std::string html =
      "<DIV class=nav>首页 &gt; 政务公开 &gt; 政府工作报告</DIV>\n<!-- 广告 -->"
      "<script type=\"text/javascript\">document.write('<p>一、假的</p>');</script>"
      "<STYLE>p { margin: 0 }</STYLE>"
      "<h2>2021年某某县政府工作报告</"
      "h2><p>——2021年1月10日在某某县第十七届人民代表大会第五次会议上</p>"
      "<p>一、2020年工作回顾</p><p>过去一年，全县地区生产总值增长5.1%，<br/"
      ">经济运行&ldquo;稳中向好&rdquo;。</p>"
      "<p>二、2021年主要任务</p><p>今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。</p>"
      "<P>（一）坚持创新驱动，加快产业转型升级。努力打造区域创新高地。</P>"
      "<p>壮大实体经济。推进制造业转型升级，培育一批专精特新企业，提高产业链供应链稳定性。</p>"
      "<p>扩大有效投资。谋划储备一批重大项目，加快项目建设进度，确保项目早开工早见效。</p>"
      "<div>相关文章</div><ul><li>2020年某某县政府工作报告</li><li>2019年某某县政府工作报告</li></"
      "ul>"
      "<div>版权所有 &copy; 某某县人民政府 &nbsp;网站标识码：1234</div>";
  CleanedReport r = Clean(html);
  EXPECT_THAT(r.text, StartsWith("2021年某某县政府工作报告\n——2021年1月10日"));
  EXPECT_THAT(r.text, HasSubstr("增长5.1%，经济运行“稳中向好”。"));
  EXPECT_THAT(r.text, EndsWith("确保项目早开工早见效。"));
  for (const char* junk :
       {"<", "首页", "广告", "假的", "margin", "相关文章", "2019年", "版权所有"}) {
    EXPECT_THAT(r.text, Not(HasSubstr(junk))) << junk;
  }
  EXPECT_EQ(r.region, "某某县");
  EXPECT_EQ(r.year, 2021);
}

TEST(ReportDamageTest, CutsPortalChromeAndEditorCreditsAroundTheReport) {
  std::string page =
      "网站首页 | 新闻中心 | 政务公开 | 办事服务\n"
      "当前位置：首页 > 政务公开 > 政府工作报告\n"
      "2021年某某县政府工作报告\n"
      "发布时间：2021-01-20 来源：县政府办公室 字号：大 中 小\n"
      "【字体：大 中 小】【打印本页】\n" +
      Report() +
      "来源：某某县人民政府网\n"
      "责任编辑：某某\n"
      "上一篇：2020年某某县政府工作报告\n"
      "2019年某某市某某县政府工作报告\n"
      "扫一扫在手机打开当前页\n";
  CleanedReport r = Clean(page);
  EXPECT_THAT(r.text, StartsWith("2021年某某县政府工作报告\n——2021年1月10日"));
  EXPECT_THAT(r.text, EndsWith("新颖化。"));
  for (const char* chrome : {"网站首页", "当前位置", "发布时间", "字体", "来源", "责任编辑",
                             "上一篇", "2019年", "扫一扫"}) {
    EXPECT_THAT(r.text, Not(HasSubstr(chrome))) << chrome;
  }
  EXPECT_EQ(r.title, "2021年某某县政府工作报告");
}

TEST(ReportDamageTest, KeepsOneCopyOfAReportPrintedTwice) {
  std::string page = "某某论坛\n" + Report() + "回复 引用\n" + Report() + "返回列表\n";
  CleanedReport r = Clean(page);
  size_t first = r.text.find("一、2020年工作回顾");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(r.text.find("一、2020年工作回顾", first + 1), std::string::npos);
  EXPECT_THAT(r.text, EndsWith("新颖化。"));
  EXPECT_THAT(r.warnings, Contains(HasSubstr("twice")));
}

TEST(ReportDamageTest, RejoinsHardWrappedLinesButNotHeadingsOrItems) {
  // The report as a PDF export prints it: every line cut at 22 characters, paragraphs
  // ending short, headings and numbered entries on lines of their own.
  std::string wrapped =
      "2021年某某县政府工作报告\n"
      "一、2020年工作回顾\n"
      "过去一年，全县地区生产总值增长5.1%，经济运\n"
      "行稳中向好。规模以上工业增加值增长百分之七，\n"
      "社会消费品零售总额稳步回升，财政收入平稳增长。\n"
      "城乡居民收入持续增加，民生保障不断加强，社会\n"
      "大局和谐稳定。全县上下团结一心，攻坚克难，完\n"
      "成了全年目标任务。\n"
      "二、2021年主要任务\n"
      "今年经济社会发展的主要预期目标是：地区生产总\n"
      "值增长6%左右，一般公共预算收入增长5%左右。\n"
      "（一）坚持创新驱动，加快产业转型升级。\n"
      "壮大实体经济。推进制造业转型升级，培育一批专\n"
      "精特新企业，提高产业链供应链稳定性和竞争力。\n"
      "扩大有效投资。谋划储备一批重大项目，加快项目\n"
      "建设进度，确保项目早开工、早投产、早见效益。\n"
      "名词解释\n"
      "1.专精特新：是指专业化、精细化、特色化、新颖化\n"
      "的中小企业。\n"
      "2.两新一重：是指新型基础设施、新型城镇化和重\n"
      "大工程。\n";
  CleanedReport r = Clean(wrapped);
  EXPECT_THAT(r.warnings, Contains(HasSubstr("hard-wrapped")));
  EXPECT_THAT(r.text, HasSubstr("经济运行稳中向好。规模以上"));
  EXPECT_THAT(r.text, HasSubstr("地区生产总值增长6%左右"));
  EXPECT_THAT(r.text, HasSubstr("\n（一）坚持创新驱动，加快产业转型升级。\n壮大实体经济。"));
  EXPECT_THAT(r.text, HasSubstr("专精特新企业，提高"));
  EXPECT_THAT(
      r.text,
      HasSubstr("新颖化的中小企业。\n2.两新一重：是指新型基础设施、新型城镇化和重大工程。"));
  EXPECT_THAT(r.text, HasSubstr("\n二、2021年主要任务\n"));
}

TEST(ReportDamageTest, RemovesSpacesBetweenChineseCharacters) {
  std::string spaced = Report("2021 年 某 某 县 政 府 工 作 报 告");
  spaced.replace(spaced.find("壮大实体经济"), std::string("壮大实体经济").size(),
                 "壮 大 实体 经济");
  CleanedReport r = Clean(spaced);
  EXPECT_THAT(r.text, StartsWith("2021年某某县政府工作报告\n"));
  EXPECT_THAT(r.text, HasSubstr("\n壮大实体经济。"));
  EXPECT_EQ(r.region, "某某县");
}

TEST(ReportDamageTest, DecodesEscapedLineBreaksAndUnicodeEscapes) {
  std::string escaped = Report();
  std::string out;
  for (char c : escaped) {
    if (c == '\n') {
      out += "\\r\\n";
    } else {
      out += c;
    }
  }
  // A JSON export writes the title's characters as \uXXXX escapes too.
  out.replace(0, std::string("2021年某某县").size(), "2021\\u5e74\\u67d0\\u67d0\\u53bf");
  out += "\\u4e00\\u4e00\\u4e00\\u4e00\\u4e00\\u4e00\\u4e00\\u4e00";
  CleanedReport r = Clean(out);
  EXPECT_THAT(r.text, StartsWith("2021年某某县政府工作报告\n——2021年1月10日"));
  EXPECT_THAT(r.text, Not(HasSubstr("\\")));
  EXPECT_EQ(r.region, "某某县");
}

TEST(ReportDamageTest, MarksLostCharactersAndWarns) {
  std::string damaged = Report();
  damaged.replace(damaged.find("专精特新企业"), std::string("专精").size(), "??");
  CleanedReport r = Clean(damaged);
  EXPECT_THAT(r.text, HasSubstr("培育一批\xEF\xBF\xBD\xEF\xBF\xBD特新企业"));
  EXPECT_EQ(r.lost_chars, 2);
  EXPECT_THAT(r.warnings, Contains(HasSubstr("lost")));
  // A question mark is not a lost character.
  LineFindings findings;
  std::u32string line = CleanLine(U"是否可行?我们认为可行。", &findings);
  EXPECT_EQ(findings.lost_chars, 0);
  EXPECT_EQ(U32ToUtf8(line), "是否可行?我们认为可行。");
}

TEST(ReportDamageTest, CutsFootnotesAndRecordsNoteMarkers) {
  std::string text = Report();
  text.replace(text.find("增长5.1%"), std::string("增长5.1%").size(),
               "增长5.1%1(注解1: 为预计数。)");
  text.replace(text.find("培育一批专精特新企业"), std::string("培育一批专精特新企业").size(),
               "培育一批“专精特新”^[1]企业");
  CleanedReport r = Clean(text);
  EXPECT_THAT(r.text, HasSubstr("增长5.1%，经济运行"));
  EXPECT_THAT(r.notes, Contains("为预计数。"));
  ASSERT_EQ(r.note_refs.size(), 1u);
  EXPECT_EQ(r.note_refs[0].number, 1);
  std::u32string text32 = Utf8ToU32(r.text);
  std::u32string before = text32.substr(0, r.note_refs[0].pos);
  EXPECT_THAT(U32ToUtf8(before), EndsWith("“专精特新”"));
  EXPECT_EQ(U32ToUtf8(text32.substr(r.note_refs[0].pos, 2)), "企业");
  // A bracketed number opening a line is a glossary entry's, not a marker.
  EXPECT_THAT(r.text, HasSubstr("\n1.专精特新："));
}

TEST(ReportDamageTest, FoldsCompatibilityFormsAndWidensFullStops) {
  // Kangxi radicals (⼀ ⼆, as PDF text extraction gives them), full-width digits and a
  // half-width full stop after Chinese text.
  std::string text = Report();
  text.replace(text.find("一、2020年"), std::string("一、2020年").size(), "⼀、２０２０年");
  text.replace(text.find("壮大实体经济。"), std::string("壮大实体经济。").size(), "壮大实体经济.");
  CleanedReport r = Clean(text);
  EXPECT_THAT(r.text, HasSubstr("\n一、2020年工作回顾\n"));
  EXPECT_THAT(r.text, HasSubstr("\n壮大实体经济。推进"));
  EXPECT_THAT(r.text, HasSubstr("增长5.1%"));  // a decimal point stays
  EXPECT_EQ(FoldCompatibilityForm(U'⼆'), U'二');
  EXPECT_EQ(FoldCompatibilityForm(U'Ａ'), U'A');
  EXPECT_EQ(FoldCompatibilityForm(U'，'), U'，');  // punctuation is left as written
}

TEST(ReportDamageTest, ReadsIdentityFromTheTextWhateverItsShape) {
  CleanedReport county = Clean(Report());
  EXPECT_EQ(county.region, "某某县");
  EXPECT_EQ(county.level, "county");
  EXPECT_EQ(county.year, 2021);
  // No region in the title: the subtitle names the congress.
  CleanedReport city =
      Clean("政 府 工 作 报 告\n——2022年1月5日在某某市第十六届人民代表大会第一次会议上\n" +
            std::string(kBody));
  EXPECT_EQ(city.region, "某某市");
  EXPECT_EQ(city.level, "city");
  EXPECT_EQ(city.year, 2022);
  EXPECT_EQ(city.title, "2022年某某市政府工作报告");
  // The State Council's report is the nation's.
  CleanedReport national = Clean(
      "政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理 某某\n" +
      std::string(kBody));
  EXPECT_EQ(national.region, "全国");
  EXPECT_EQ(national.level, "national");
  CleanedReport province = Clean(Report("2021年某某省人民政府工作报告"));
  EXPECT_EQ(province.region, "某某省");
  EXPECT_EQ(province.level, "province");
}

TEST(ReportDamageTest, RejectsATitleWithoutAReport) {
  EXPECT_THAT(CleanReport("2021年某某县政府工作报告\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a work report")));
  EXPECT_THAT(
      CleanReport("<html><body><h1>2021年某某县政府工作报告</h1><p>加载中…</p></body></html>"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("title")));
}

// The structure, targets and terms of a graph, as "type:name" strings.
std::set<std::string> Contents(const storage::ReportGraph& g) {
  std::set<std::string> out;
  for (const auto& n : g.nodes) {
    bool target = n.type == "goal" && n.attrs.count("scope") && n.attrs.at("scope") == "main";
    if (n.type == "task" || n.type == "achievement" || n.type == "term" || target) {
      out.insert(n.type + ":" + n.name);
    }
  }
  return out;
}

std::string ToEncoding(const std::string& utf8, const char* to) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(to, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  out.resize(U_SUCCESS(err) ? n : 0);
  return out;
}

// The first report, damaged in each of the ways scraping damages reports, reads the same.
TEST(ReportDamageTest, DamagedCopiesOfTheFirstReportReadTheSame) {
  auto clean = BuildReportGraph(::kg::testing::ReadTestData("jinshan-2020.txt"), {});
  ASSERT_TRUE(clean.ok()) << clean.status();
  const std::string text = clean->graph.text;
  const std::set<std::string> want = Contents(clean->graph);
  ASSERT_GT(want.size(), 80u);

  std::string html = "<html><body><div class=\"menu\">首页 | 新闻</div>";
  std::string spaced;
  std::string wrapped;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(b, e - b);
    html += "<p>&nbsp;&nbsp;" + line + "</p>\n";
    // Spaces between some Chinese characters, as a PDF or OCR leaves them.
    std::u32string l32 = Utf8ToU32(line);
    std::u32string s32;
    for (size_t k = 0; k < l32.size(); ++k) {
      s32.push_back(l32[k]);
      if (k % 7 == 3 && IsHan(l32[k])) s32.push_back(U' ');
    }
    spaced += U32ToUtf8(s32) + "\n";
    // Hard wraps every 32 characters.
    for (size_t k = 0; k < l32.size(); k += 32) {
      wrapped += U32ToUtf8(l32.substr(k, 32)) + "\n";
    }
    b = e + 1;
  }
  html += "<div>相关阅读</div></body></html>";

  struct Variant {
    const char* what;
    std::string bytes;
    size_t max_missing;
  } variants[] = {
      {"HTML", html, 0},
      {"GBK", ToEncoding(text, "GBK"), 0},
      {"UTF-16LE", "\xFF\xFE" + ToEncoding(text, "UTF-16LE"), 0},
      {"UTF-16BE", "\xFE\xFF" + ToEncoding(text, "UTF-16BE"), 0},
      {"twice on a page", "楼主\n" + text + "\n回复\n" + text + "\n返回列表", 0},
      {"spaced", spaced, 0},
      // A paragraph that ends exactly at the wrap width cannot always be told from one
      // that goes on; today none is lost.
      {"hard-wrapped", wrapped, 2},
  };
  for (const Variant& v : variants) {
    auto r = BuildReportGraph(v.bytes, {});
    ASSERT_TRUE(r.ok()) << v.what << ": " << r.status();
    EXPECT_EQ(r->graph.info.region, "上海市金山区") << v.what;
    EXPECT_EQ(r->graph.info.year, 2020) << v.what;
    std::set<std::string> got = Contents(r->graph);
    std::vector<std::string> missing;
    for (const auto& item : want) {
      if (got.count(item) == 0) missing.push_back(item);
    }
    EXPECT_LE(missing.size(), v.max_missing)
        << v.what << " misses " << missing.size() << ": " << ::testing::PrintToString(missing);
  }
}

}  // namespace
}  // namespace kg::ingest
