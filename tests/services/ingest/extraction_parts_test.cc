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
  ParseClause("实现正增长", &ok);
  EXPECT_FALSE(ok);
  ParseClause("进出口量稳质升", &ok);
  EXPECT_FALSE(ok);
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
  EXPECT_THAT(Goals("坚持扩大内需这个战略基点。", GoalScope::kStatement), ElementsAre());
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
