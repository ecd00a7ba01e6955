// The extractor's parts on small texts: outline, target clauses, goal phrases, glossary.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/glossary_parser.h"
#include "services/ingest/goal_finder.h"
#include "services/ingest/report_structure.h"
#include "services/ingest/target_parser.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

using ::testing::ElementsAre;

std::string At(const std::u32string& text, Range r) {
  return U32ToUtf8(std::u32string_view(text).substr(r.begin, r.size()));
}

Target ParseClause(const std::string& clause, bool* ok) {
  std::u32string text = Utf8ToU32(clause);
  Target t;
  *ok = ParseTargetClause(text, {0, static_cast<uint32_t>(text.size())}, &t);
  return t;
}

struct ClauseCase {
  std::string clause, indicator, value, unit, qualifier, measure;
};

TEST(TargetParserTest, ParsesClauses) {
  const ClauseCase cases[] = {
      {"属地地区生产总值增长6.5%左右", "属地地区生产总值", "6.5", "%", "左右", "growth"},
      {"其中区级税收收入增长2.3%左右", "区级税收收入", "2.3", "%", "左右", "growth"},
      {"全社会固定资产投资完成271亿元", "全社会固定资产投资", "271", "亿元", "", "level"},
      {"新增就业岗位不低于1.6万个", "新增就业岗位", "1.6", "万个", "不低于", "level"},
      {"PM2.5年平均浓度37微克/立方米以下", "PM2.5年平均浓度", "37", "微克/立方米", "以下", "level"},
      {"亿元生产总值生产安全事故死亡人数控制在0.0381人以内", "亿元生产总值生产安全事故死亡人数",
       "0.0381", "人", "以内", "level"},
      {"城镇登记失业人数控制在市政府下达指标以内", "城镇登记失业人数", "", "", "以内",
       "qualitative"},
      {"居民人均可支配收入增速高于经济发展", "居民人均可支配收入", "", "", "高于", "qualitative"},
      {"单位国内生产总值能耗降低3%左右", "单位国内生产总值能耗", "3", "%", "左右", "growth"},
      {"粮食产量保持在1.3万亿斤以上", "粮食产量", "1.3", "万亿斤", "以上", "level"},
  };
  for (const auto& c : cases) {
    bool ok = false;
    Target t = ParseClause(c.clause, &ok);
    ASSERT_TRUE(ok) << c.clause;
    std::u32string text = Utf8ToU32(c.clause);
    EXPECT_EQ(At(text, t.indicator), c.indicator) << c.clause;
    EXPECT_EQ(t.value, c.value) << c.clause;
    EXPECT_EQ(t.unit, c.unit) << c.clause;
    EXPECT_EQ(t.qualifier, c.qualifier) << c.clause;
    EXPECT_EQ(t.measure, c.measure) << c.clause;
  }
}

TEST(TargetParserTest, RejectsClausesWithoutTarget) {
  bool ok = true;
  ParseClause("实现正增长", &ok);  // no indicator of its own, none before it
  EXPECT_FALSE(ok);
  ParseClause("坚持稳中求进工作总基调", &ok);
  EXPECT_FALSE(ok);
}

TEST(TargetParserTest, ReadsSetPhrasesAsQualitativeTargets) {
  bool ok = false;
  Target t = ParseClause("进出口量稳质升", &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(U32ToUtf8(Utf8ToU32("进出口量稳质升").substr(t.indicator.begin, t.indicator.size())),
            "进出口");
  EXPECT_EQ(t.qualifier, "量稳质升");
  EXPECT_EQ(t.measure, "qualitative");
  t = ParseClause("居民消费价格涨幅3%左右", &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(t.value, "3");
  EXPECT_EQ(t.measure, "growth");
}

TEST(TargetParserTest, FindsStatementAfterLeadIn) {
  std::u32string text = Utf8ToU32(
      "二、2021年主要任务\n今年经济社会发展的主要预期目标是：\n地区生产总值增长6%以上；"
      "城镇新增就业1万人以上，\n居民收入稳步增长。\n（一）加快发展。推进项目建设。");
  ReportLayout layout = ParseLayout(text);
  bool found = false;
  TargetStatement s = FindTargets(text, layout, &found);
  ASSERT_TRUE(found);
  ASSERT_EQ(s.targets.size(), 3u);
  EXPECT_EQ(At(text, s.targets[0].indicator), "地区生产总值");
  EXPECT_EQ(At(text, s.targets[1].indicator), "城镇新增就业");
  EXPECT_EQ(s.targets[2].qualifier, "增长");
}

std::vector<std::string> Goals(const std::string& sentence, GoalScope scope) {
  std::u32string text = Utf8ToU32(sentence);
  std::vector<std::string> out;
  for (const auto& m : FindStrategicGoals(text, {0, static_cast<uint32_t>(text.size())}, scope)) {
    out.push_back(At(text, m.name));
  }
  return out;
}

TEST(GoalFinderTest, FindsAimsInAnAreaStatement) {
  EXPECT_THAT(
      Goals(
          "以长三角区域一体化发展规划纲要为引领,顺势而为,努力成为长三角高质量一体化发展的桥头堡。",
          GoalScope::kStatement),
      ElementsAre("长三角高质量一体化发展的桥头堡", "长三角区域一体化发展规划纲要"));
  EXPECT_THAT(Goals("坚定不移实施乡村振兴战略。", GoalScope::kStatement),
              ElementsAre("乡村振兴战略"));
  EXPECT_THAT(Goals("围绕乡村振兴战略，建设生态宜居美丽乡村", GoalScope::kStatement),
              ElementsAre("生态宜居美丽乡村", "乡村振兴战略"));
  EXPECT_THAT(
      Goals("为落实“两区一堡”战略定位、加快打造“三区”“五地”、全面建设“三个金山”而不懈奋斗。",
            GoalScope::kStatement),
      ElementsAre("“三区”“五地”", "三个金山", "“两区一堡”战略定位"));
}

TEST(GoalFinderTest, AsksMoreOfATasksRunningText) {
  // A project being built is not an aim; an aim needs a strong phrase.
  EXPECT_THAT(Goals("推进西静路绿化项目建设,打造重点道路绿化景观。", GoalScope::kTaskText),
              ElementsAre());
  EXPECT_THAT(Goals("加快打造上海科创中心重要承载区。", GoalScope::kTaskText),
              ElementsAre("上海科创中心重要承载区"));
  EXPECT_THAT(Goals("政府自身建设还存在一些突出问题。", GoalScope::kStatement), ElementsAre());
  // "战略基点" is not a strategy being carried out; what is held to is the aim.
  EXPECT_THAT(Goals("坚持扩大内需这个战略基点。", GoalScope::kStatement), ElementsAre("扩大内需"));
  EXPECT_THAT(Goals("坚持扩大内需这个战略基点。", GoalScope::kTaskText), ElementsAre());
}

TEST(GoalFinderTest, ReadsTheEndOfMeansAndSplitsListsOfAims) {
  EXPECT_THAT(
      Goals("以交通一体化推动京雄保一体化发展，加快建设重要交通枢纽城市。", GoalScope::kStatement),
      ::testing::Contains("京雄保一体化发展"));
  EXPECT_THAT(Goals("以创建全国文明城、国家卫生城为目标，补短板。", GoalScope::kStatement),
              ElementsAre("创建全国文明城", "国家卫生城"));
  // A modifier at the end covers the whole list: one aim.
  EXPECT_THAT(Goals("打好产业基础高级化、产业链现代化的攻坚战。", GoalScope::kStatement),
              ElementsAre("产业基础高级化、产业链现代化的攻坚战"));
  // What frames an aim is cut: "…的工作思路", "…要求".
  EXPECT_THAT(Goals("聚焦打好“十个主动仗”要求。", GoalScope::kStatement),
              ElementsAre("十个主动仗"));
}

TEST(GlossaryParserTest, ReadsEntriesInSeveralLayouts) {
  std::u32string text = Utf8ToU32(
      "1.三张清单:是指新增工业用地正面清单。\n"
      "2.审批权限和审批流程“三集中”:审批职能向一个科室集中。\n"
      "3.3个“3”服务:是指3岁以下幼儿托育服务。\n"
      "4.“1+4+4+8”新型产业体系:“1”是指调整提升传统产业能级,第一个\n"
      "“4”是指优先发展四大产业集群。\n"
      "[5]“揭榜挂帅”：即科技悬赏制。\n"
      "①双随机、一公开：随机抽取检查对象。");
  auto entries = ParseGlossary(text, {0, static_cast<uint32_t>(text.size())});
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(At(text, entries[0].name), "三张清单");
  EXPECT_EQ(At(text, entries[1].name), "三集中");
  EXPECT_EQ(At(text, entries[1].head), "审批权限和审批流程“三集中”");
  EXPECT_EQ(At(text, entries[2].name), "3个“3”服务");
  EXPECT_EQ(U32ToUtf8(entries[2].ordinal), "3");
  EXPECT_EQ(At(text, entries[3].name), "1+4+4+8");
  EXPECT_EQ(At(text, entries[3].definition),
            "“1”是指调整提升传统产业能级,第一个\n“4”是指优先发展四大产业集群。");
  EXPECT_EQ(At(text, entries[4].name), "揭榜挂帅");
  EXPECT_EQ(At(text, entries[5].name), "双随机、一公开");
}

TEST(ReportStructureTest, FindsAreasAndLeadPhraseTasks) {
  std::u32string text = Utf8ToU32(
      "一、2019年工作回顾\n过去一年，成绩显著。\n（一）坚持创新驱动\n"
      "营商环境优化提升。全力推进政务服务，审批事项全部实现网上办理，办理时间大幅缩短，企业满意度明"
      "显提高。\n"
      "二、2020年主要任务\n（一）注重高站位，促进区域联动发展。努力成为示范区。\n"
      "深化产业发展互融。组建平台公司，加快项目进程，推动产业链上下游协同，形成一批示范样板。\n"
      "细化公共服务互动。完善专窗机制，拓展异地通办范围，提升群众办事便利化水平，优化服务流程。\n"
      "三、加强政府自身建设\n（一）铸忠诚，坚持旗帜鲜明讲政治。坚持学习。\n（二）善学习，强化理性思"
      "维。不断学习。\n"
      "名词解释\n1.示范区:是指某某。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 4u);
  EXPECT_EQ(layout.sections[0].kind, SectionKind::kReview);
  EXPECT_EQ(layout.sections[1].kind, SectionKind::kPlan);
  EXPECT_EQ(layout.sections[2].kind, SectionKind::kGovernance);
  EXPECT_EQ(layout.sections[3].kind, SectionKind::kGlossary);
  const Section& plan = layout.sections[1];
  ASSERT_EQ(plan.areas.size(), 1u);
  EXPECT_EQ(At(text, plan.areas[0].name), "注重高站位，促进区域联动发展");
  EXPECT_EQ(At(text, plan.areas[0].opening), "努力成为示范区。");
  ASSERT_EQ(plan.areas[0].children.size(), 2u);
  EXPECT_EQ(At(text, plan.areas[0].children[1].name), "细化公共服务互动");
  const Section& governance = layout.sections[2];
  ASSERT_EQ(governance.tasks.size(), 2u);
  EXPECT_EQ(At(text, governance.tasks[0].name), "铸忠诚，坚持旗帜鲜明讲政治");
}

TEST(ReportStructureTest, FindsInlineEnumeratedTasks) {
  std::u32string text = Utf8ToU32(
      "二、2022年主要目标任务\n（一）深入推进品质城市提升工程。围绕建设现代化中心城市，提升品质。"
      "一是扮靓城市颜值。加强城市设计。二是留住城市记忆。实施古城保护行动。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 1u);
  ASSERT_EQ(layout.sections[0].areas.size(), 1u);
  const Block& area = layout.sections[0].areas[0];
  ASSERT_EQ(area.children.size(), 2u);
  EXPECT_EQ(At(text, area.children[0].name), "扮靓城市颜值");
  EXPECT_EQ(U32ToUtf8(area.children[1].ordinal), "二");
  EXPECT_EQ(At(text, area.opening), "围绕建设现代化中心城市，提升品质。");
}

}  // namespace
}  // namespace kg::ingest

namespace kg::ingest {
namespace {

TEST(TargetParserTest, ReadsNumberedTargetLists) {
  std::u32string text = Utf8ToU32(
      "二、2020年主要任务\n全区经济社会发展的主要预期目标为：\n1.地区生产总值增长6%左右；\n"
      "2.城镇调查失业率控制在5.5%以内；\n3.居民人均可支配收入与经济增长基本同步。\n"
      "（一）加快发展。推进项目建设。");
  ReportLayout layout = ParseLayout(text);
  bool found = false;
  TargetStatement s = FindTargets(text, layout, &found);
  ASSERT_TRUE(found);
  ASSERT_GE(s.targets.size(), 2u);
  EXPECT_EQ(At(text, s.targets[0].indicator), "地区生产总值");
  EXPECT_EQ(s.targets[0].value, "6");
  EXPECT_EQ(At(text, s.targets[1].indicator), "城镇调查失业率");
  EXPECT_EQ(s.targets[1].qualifier, "以内");
}

TEST(GlossaryParserTest, ReadsHeadingVariantsAndCommaEntries) {
  std::u32string text = Utf8ToU32(
      "二、2021年主要任务\n（一）加快发展。推进“两新一重”建设。\n【名词解释】\n"
      "1、两新一重，是指新型基础设施、新型城镇化和重大工程。\n（2）放管服：简政放权、放管结合、优化"
      "服务。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 2u);
  ASSERT_EQ(layout.sections[1].kind, SectionKind::kGlossary);
  auto entries =
      ParseGlossary(text, {layout.sections[1].heading.end, layout.sections[1].whole.end});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(At(text, entries[0].name), "两新一重");
  EXPECT_EQ(At(text, entries[1].name), "放管服");
}

}  // namespace
}  // namespace kg::ingest

namespace kg::ingest {
namespace {

std::string Name(const std::u32string& text, const Target& t) { return IndicatorName(text, t); }

TEST(ReportStructureTest, PartsThatAreThePlansAreasGiveItsTasks) {
  std::u32string text = Utf8ToU32(
      "一、2019年工作回顾\n过去一年，成绩显著。\n"
      "二、2020年工作总体要求和主要目标\n今年的主要预期目标是：地区生产总值增长6%左右。\n"
      "三、坚持创新驱动，加快产业升级\n"
      "（一）推进科技创新。加大研发投入力度，支持企业建设研发机构，提高企业自主创新能力。\n"
      "（二）加快产业升级。推动传统产业改造提升，培育新兴产业集群，壮大数字经济规模。\n"
      "四、坚持民生优先，增进人民福祉\n"
      "扩大就业。实施就业优先政策，加强职业技能培训，帮助重点群体就业创业，稳定就业大局。\n"
      "办好教育。推进义务教育优质均衡发展，扩大学前教育资源，提高教育质量和办学水平。\n"
      "五、加强政府自身建设\n(一)坚持依法行政。严格依法办事。\n(二)坚持廉洁从政。严守纪律规矩。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 3u);
  EXPECT_EQ(layout.sections[0].kind, SectionKind::kReview);
  EXPECT_EQ(layout.sections[2].kind, SectionKind::kGovernance);
  const Section& plan = layout.sections[1];
  ASSERT_EQ(plan.kind, SectionKind::kPlan);
  ASSERT_EQ(plan.areas.size(), 2u);
  EXPECT_EQ(At(text, plan.areas[0].name), "坚持创新驱动，加快产业升级");
  EXPECT_EQ(U32ToUtf8(plan.areas[0].ordinal), "三");
  ASSERT_EQ(plan.areas[0].children.size(), 2u);
  EXPECT_EQ(At(text, plan.areas[0].children[1].name), "加快产业升级");
  ASSERT_EQ(plan.areas[1].children.size(), 2u);
  EXPECT_EQ(At(text, plan.areas[1].children[0].name), "扩大就业");
  // The plan part runs over its areas; the targets stay in its preamble.
  EXPECT_EQ(plan.whole.end, plan.areas[1].whole.end);
  bool found = false;
  EXPECT_EQ(FindTargets(text, layout, &found).targets.size(), 1u);
}

TEST(ReportStructureTest, FiveYearOutlineStandsApartFromTheYearsPlan) {
  std::u32string text = Utf8ToU32(
      "一、2020年工作回顾\n过去一年，成绩显著。\n"
      "二、“十四五”时期主要目标任务\n过去五年，国内生产总值增加到超过100万亿元。\n"
      "——着力提升发展质量效益，保持经济持续健康发展。城镇调查失业率控制在5.5%以内，"
      "常住人口城镇化率提高到65%。\n"
      "——坚持创新驱动发展，加快发展现代产业体系。全社会研发经费投入年均增长7%以上。\n"
      "三、2021年重点工作\n今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万"
      "人以上。\n"
      "（一）保持宏观政策连续性稳定性。积极的财政政策要提质增效。今年赤字率拟按3.2%左右安排，"
      "不再发行抗疫特别国债。优化和落实减税政策。继续执行制度性减税政策，延长部分阶段性政策执行"
      "期限。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 3u);
  const Section& outline = layout.sections[1];
  EXPECT_EQ(outline.kind, SectionKind::kOutlook);
  ASSERT_EQ(outline.areas.size(), 2u);
  EXPECT_EQ(At(text, outline.areas[0].name), "着力提升发展质量效益，保持经济持续健康发展");
  EXPECT_EQ(layout.sections[2].kind, SectionKind::kPlan);
  ASSERT_EQ(layout.sections[2].areas.size(), 1u);

  bool found = false;
  TargetStatement year = FindTargets(text, layout, &found);
  ASSERT_TRUE(found);
  ASSERT_EQ(year.targets.size(), 2u);
  EXPECT_EQ(Name(text, year.targets[0]), "国内生产总值");
  std::vector<std::string> five_year;
  for (const Target& t : FindFiveYearTargets(text, layout)) {
    five_year.push_back(Name(text, t) + " " + t.value + t.unit + t.qualifier);
  }
  EXPECT_THAT(five_year, ElementsAre("城镇调查失业率 5.5%以内", "常住人口城镇化率 65%",
                                     "全社会研发经费投入 7%以上"));
}

TEST(ReportStructureTest, DashParagraphsAreTasks) {
  std::u32string text = Utf8ToU32(
      "二、2022年工作安排\n（一）推动高质量发展。\n"
      "——壮大实体经济。推进制造业转型升级，培育一批专精特新企业。\n"
      "——扩大有效投资。谋划储备一批重大项目，加快项目建设进度。\n");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 1u);
  ASSERT_EQ(layout.sections[0].areas.size(), 1u);
  const Block& area = layout.sections[0].areas[0];
  ASSERT_EQ(area.children.size(), 2u);
  EXPECT_EQ(At(text, area.children[0].name), "壮大实体经济");
  EXPECT_EQ(At(text, area.children[1].name), "扩大有效投资");
}

TEST(ReportStructureTest, AcceptsFullAndHalfWidthMarkersMixed) {
  std::u32string text = Utf8ToU32(
      "一．2020年工作回顾\n过去一年，成绩显著。\n二、2021年主要任务\n"
      "(一)加快发展。推进项目建设，扩大有效投资，培育新的增长点。\n"
      "（二)深化改革。推进重点领域改革，激发市场主体活力。\n"
      "(三）扩大开放。推进高水平对外开放，稳外贸稳外资。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 2u);
  EXPECT_EQ(layout.sections[0].kind, SectionKind::kReview);
  ASSERT_EQ(layout.sections[1].areas.size(), 3u);
  EXPECT_EQ(At(text, layout.sections[1].areas[2].name), "扩大开放");
}

TEST(ReportStructureTest, ReadsPartsNumberedAsChapters) {
  std::u32string text = Utf8ToU32(
      "第一部分2020年工作回顾\n过去一年，成绩显著。\n第二部分：2021年主要任务\n"
      "（一）加快发展。推进项目建设，扩大有效投资，培育新的增长点。\n"
      "（二）深化改革。推进重点领域改革，激发市场主体活力。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 2u);
  EXPECT_EQ(layout.sections[0].kind, SectionKind::kReview);
  EXPECT_EQ(At(text, layout.sections[1].name), "2021年主要任务");
  EXPECT_EQ(U32ToUtf8(layout.sections[1].ordinal), "二");
  EXPECT_EQ(layout.sections[1].areas.size(), 2u);
}

TEST(ReportStructureTest, SplitsOffTheGovernmentParagraphOfThePlan) {
  std::u32string text = Utf8ToU32(
      "二、2022年主要目标任务\n（一）推进城市提升工程。提升城市品质。一是扮靓城市颜值。加强城市设计"
      "，"
      "推进街道整治。二是留住城市记忆。实施古城保护行动，修缮历史建筑。\n"
      "各位代表！新征程对政府自身建设提出了更高要求。我们一定扛起责任，锤炼过硬作风。"
      "始终加强政治建设。坚决捍卫核心，自觉强化理论武装，认真贯彻党的政治路线，确保政令畅通。"
      "始终坚持依法行政。深化法治政府建设，规范决策程序，推动行政执法公开透明，接受各方监督。"
      "始终做到清正廉洁。严格落实中央八项规定精神，驰而不息纠治四风，以过硬作风取信于民。\n"
      "各位代表！让我们团结奋斗，再创佳绩！");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 2u);
  EXPECT_EQ(layout.sections[0].kind, SectionKind::kPlan);
  ASSERT_EQ(layout.sections[0].areas.size(), 1u);
  EXPECT_EQ(layout.sections[0].areas[0].children.size(), 2u);
  const Section& gov = layout.sections[1];
  EXPECT_EQ(gov.kind, SectionKind::kGovernance);
  std::vector<std::string> tasks;
  for (const Block& b : gov.tasks) tasks.push_back(At(text, b.name));
  EXPECT_THAT(tasks, ElementsAre("始终加强政治建设", "始终坚持依法行政", "始终做到清正廉洁"));
}

TEST(TargetParserTest, ReadsRangesAspirationsPartsAndRespectiveValues) {
  std::u32string text = Utf8ToU32(
      "地区生产总值增长6%－6.5%，力争7%；一般公共预算收入增长5%左右，其中税收收入增长4%；"
      "城乡居民人均可支配收入分别增长7%和8%左右；单位生产总值能耗和二氧化碳排放分别降低3%、4%；"
      "固定资产投资扭转下滑态势，实现正增长；城镇新增就业人数，城镇登记失业率、节能减排等约束性"
      "指标完成上级下达的目标；PM2.5年平均浓度37微克/立方米以下，新增就业岗位不低于1.6万个。");
  std::vector<Target> ts = ParseTargetClauses(text, {0, static_cast<uint32_t>(text.size())});
  std::vector<std::string> got;
  for (const Target& t : ts) {
    std::string s = Name(text, t) + " " + t.value;
    if (!t.value_max.empty()) s += "-" + t.value_max;
    s += t.unit + " " + t.qualifier + " " + t.measure;
    if (!t.parent.empty()) s += " <" + t.parent;
    if (!t.direction.empty()) s += " " + t.direction;
    got.push_back(s);
  }
  EXPECT_THAT(
      got,
      ElementsAre("地区生产总值 6-6.5%  growth", "地区生产总值 7% 力争 growth",
                  "一般公共预算收入 5% 左右 growth", "税收收入 4%  growth <一般公共预算收入",
                  "城镇居民人均可支配收入 7% 左右 growth", "农村居民人均可支配收入 8% 左右 growth",
                  "单位生产总值能耗 3%  growth down", "二氧化碳排放 4%  growth down",
                  "固定资产投资  正增长 qualitative", "城镇新增就业人数   qualitative",
                  "城镇登记失业率   qualitative", "PM2.5年平均浓度 37微克/立方米 以下 level",
                  "新增就业岗位 1.6万个 不低于 level"));
}

TEST(TargetParserTest, RecordsTargetsTheReportDoesNotSet) {
  std::u32string text = Utf8ToU32(
      "二、2020年主要任务\n我们没有提出全年经济增速具体目标，主要考虑是疫情不确定性很大。\n"
      "（一）加大宏观政策实施力度。积极的财政政策要更加积极有为。");
  ReportLayout layout = ParseLayout(text);
  std::vector<Target> absent = FindAbsentTargets(text, layout);
  ASSERT_EQ(absent.size(), 1u);
  EXPECT_EQ(Name(text, absent[0]), "经济增速");
  EXPECT_TRUE(absent[0].absent);
}

TEST(TargetParserTest, FindsQuantifiedCommitmentsInATask) {
  std::u32string text = Utf8ToU32(
      "提升养老服务水平。新增养老床位700张，建设5G基站不少于500个，新建24座公共厕所。"
      "全力确保空气优良天数达到300天以上。支持村集体收入5万元以下的村发展。");
  std::vector<std::string> got;
  for (const Target& t : FindTaskTargets(text, {0, static_cast<uint32_t>(text.size())})) {
    got.push_back(Name(text, t) + " " + t.value + t.unit + " " + t.qualifier);
  }
  EXPECT_THAT(got, ElementsAre("新增养老床位 700张 ", "建设5G基站 500个 不少于",
                               "新建公共厕所 24座 ", "空气优良天数 300天 以上"));
}

TEST(ReportStructureTest, InlineLeadsAreChosenByWhatTheySumUp) {
  // One paragraph: short sentences that could be leads, of which the parallel ones head
  // their stretches and the others belong to them.
  std::u32string text = Utf8ToU32(
      "一、加强政府自身建设\n我们一定扛起责任。始终加强政治建设。坚决捍卫核心，自觉强化理论武装，认"
      "真"
      "贯彻党的政治路线，确保政令畅通。加强作风建设。始终践行初心使命。坚持人民至上，掌握最真实的"
      "社情民意，了解最迫切的群众需求，从政府“减法”换取群众“加法”。始终坚持依法行政。全面贯彻法治思"
      "想，深化法治政府建设，规范"
      "决策程序，推动行政执法公开透明。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 1u);
  std::vector<std::string> tasks;
  for (const Block& b : layout.sections[0].tasks) tasks.push_back(At(text, b.name));
  EXPECT_THAT(tasks, ElementsAre("始终加强政治建设", "始终践行初心使命", "始终坚持依法行政"));
}

}  // namespace
}  // namespace kg::ingest

namespace kg::ingest {
namespace {

TEST(GlossaryParserTest, ReadsDecoratedHeadingsQuotedHeadsAndChineseNumbers) {
  std::u32string text = Utf8ToU32(
      "二、2021年主要任务\n（一）加快发展。推进“两新一重”建设，推广环保五步工作法。\n"
      "※名词解释※\n"
      "[1]“两新一重”：是指新型基础设施、新型城镇化和重大工程。\n"
      "[2]环保“五步工作法”：是指一查、二劝、三改、四罚、五公开。\n"
      "三、放管服：是指简政放权、放管结合、优化服务。");
  ReportLayout layout = ParseLayout(text);
  ASSERT_EQ(layout.sections.size(), 2u);
  ASSERT_EQ(layout.sections[1].kind, SectionKind::kGlossary);
  auto entries =
      ParseGlossary(text, {layout.sections[1].heading.end, layout.sections[1].whole.end});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(At(text, entries[0].name), "两新一重");
  EXPECT_EQ(U32ToUtf8(entries[0].ordinal), "1");
  EXPECT_EQ(At(text, entries[1].name), "五步工作法");
  EXPECT_EQ(At(text, entries[1].head), "环保“五步工作法”");
  EXPECT_EQ(At(text, entries[2].name), "放管服");
  EXPECT_EQ(U32ToUtf8(entries[2].ordinal), "三");
}

}  // namespace
}  // namespace kg::ingest
