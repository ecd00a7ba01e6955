// Reads the year's main targets: the sentence "…主要目标是：" / "主要预期目标是：" and the
// clauses after it, each a target on one indicator:
//   属地地区生产总值增长6.5%左右      growth  6.5 %     左右
//   全社会固定资产投资完成271亿元      level   271 亿元
//   新增就业岗位不低于1.6万个          level   1.6 万个  不低于
//   PM2.5年平均浓度37微克/立方米以下   level   37  微克/立方米 以下
//   城镇登记失业人数控制在…以内        qualitative       以内
#ifndef KG_SERVICES_INGEST_TARGET_PARSER_H_
#define KG_SERVICES_INGEST_TARGET_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/report_structure.h"

namespace kg::ingest {

struct Target {
  Range clause;           // the whole clause
  Range indicator;        // the indicator's name inside the clause
  std::string value;      // as written ("6.5", "0.0381"); empty for qualitative targets
  std::string unit;       // "%", "亿元", "微克/立方米"; empty if none
  std::string qualifier;  // 左右 以上 以下 以内 不低于 不少于 高于 …; for qualitative
                          // targets the comparison or verb (以内, 高于, 下降, 削减)
  std::string measure;    // growth | level | qualitative
  std::string direction;  // "down" for declines (下降, 降低, 减少, 削减); else empty
};

struct TargetStatement {
  Range sentence;  // from the lead-in ("…主要目标是：") to the last clause
  std::vector<Target> targets;
};

// Finds the main-target statement. It is looked for in the plan parts' preambles first,
// then anywhere; `found` is false if the report states none.
TargetStatement FindTargets(std::u32string_view text, const ReportLayout& layout, bool* found);

// Parses one clause; false if it states no target (no indicator, or no value and no
// comparison). Exposed for tests.
bool ParseTargetClause(std::u32string_view text, Range clause, Target* target);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_TARGET_PARSER_H_
