// Reads quantified targets: the year's main targets (the sentence "…主要目标是：" /
// "主要预期目标是：" and the clauses after it), the targets of a five-year outline, the
// targets a report says it deliberately does not set, and the quantified commitments
// inside a task's text. Each clause is a target on one indicator:
//   属地地区生产总值增长6.5%左右      growth  6.5 %     左右
//   全社会固定资产投资完成271亿元      level   271 亿元
//   新增就业岗位不低于1.6万个          level   1.6 万个  不低于
//   PM2.5年平均浓度37微克/立方米以下   level   37  微克/立方米 以下
//   地区生产总值增长6%－6.5%           growth  6 (to 6.5) %
//   城镇登记失业人数控制在…以内        qualitative       以内
//   进出口量稳质升                     qualitative       量稳质升
// A clause that names no indicator takes the one before it ("…完成271亿元，增长5%";
// "固定资产投资扭转下滑态势，实现正增长"); "其中X增长2.3%" is part of the indicator before
// it; "城乡居民收入分别增长7%和8%" is two targets (城镇…, 农村…); "A，B、C等约束性指标完成
// 上级下达的目标" is a qualitative target on each indicator listed.
#ifndef KG_SERVICES_INGEST_TARGET_PARSER_H_
#define KG_SERVICES_INGEST_TARGET_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/report_structure.h"

namespace kg::ingest {

struct Target {
  Range clause;           // the whole clause
  Range indicator;        // the indicator's name in the text (for an inherited indicator,
                          // where the clause before named it)
  std::string name;       // the indicator's name when it is not the text of `indicator`
                          // (城镇… / 农村… of a 城乡… clause); else empty
  std::string value;      // as written ("6.5", "0.0381"); empty for qualitative targets
  std::string value_max;  // the upper end of a range ("6%－6.5%": 6.5); else empty
  std::string unit;       // "%", "亿元", "微克/立方米"; empty if none (％ is written %)
  std::string qualifier;  // 左右 以上 以下 以内 不低于 不少于 高于 力争 …; for qualitative
                          // targets the comparison or predicate (以内, 高于, 下降, 正增长)
  std::string measure;    // growth | level | qualitative
  std::string direction;  // "down" for declines (下降, 降低, 减少, 削减); else empty
  std::string parent;     // for "其中…" clauses, the name of the indicator they are part of
  bool absent = false;    // the report says it sets no target on the indicator
};

// The indicator's name: `name` if set, else the text of `indicator`.
std::string IndicatorName(std::u32string_view text, const Target& target);

struct TargetStatement {
  Range sentence;  // from the lead-in ("…主要目标是：") to the last clause
  std::vector<Target> targets;
};

// Finds the main-target statement. It is looked for in the plan parts' preambles first,
// then anywhere but five-year parts; `found` is false if the report states none.
TargetStatement FindTargets(std::u32string_view text, const ReportLayout& layout, bool* found);

// Targets the report says it deliberately does not set ("不提出经济增速具体目标",
// "没有提出全年经济增速具体目标", "不设GDP增长目标"), absent = true, in the plan and
// outlook parts.
std::vector<Target> FindAbsentTargets(std::u32string_view text, const ReportLayout& layout);

// The quantified targets of a five-year outline (kOutlook parts): every clause that
// names an indicator and a value ("常住人口城镇化率提高到65%").
std::vector<Target> FindFiveYearTargets(std::u32string_view text, const ReportLayout& layout);

// Quantified commitments in a task's text: a commitment verb, what it is about, a number
// and a measure word ("新增养老床位700张", "建设5G基站不少于500个", "新建24座公共厕所").
// The indicator is the thing counted with its verb ("新增养老床位").
std::vector<Target> FindTaskTargets(std::u32string_view text, Range task_text);

// Parses the clauses of `range` as a sequence (inheriting indicators, splitting lists).
// `inherited`, if not empty, is the indicator a first clause without one takes.
std::vector<Target> ParseTargetClauses(std::u32string_view text, Range range, Range inherited = {});

// Parses one clause; false if it states no target (no indicator, or no value and no
// comparison). Exposed for tests.
bool ParseTargetClause(std::u32string_view text, Range clause, Target* target);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_TARGET_PARSER_H_
