// Finds strategic goals: the aims a report states with the genre's set phrases,
//   努力成为X / 围绕成为X / 打造成为X      -> X
//   以X为引领 / 以X为统领 / 以X为主线 …    -> X
//   实施X战略 / 坚持X战略                  -> X战略
//   打造X / 建设X / 打好X / 打赢X          -> X
//   为A、B、C而（不懈）奋斗                 -> A, B, C without their verbs
// How much is trusted depends on where the phrase stands: an area's title and opening
// sentence and a part's preamble state aims, so every phrase counts there; inside a
// task's running text "建设X" is mostly a project, so only the strong phrases count.
#ifndef KG_SERVICES_INGEST_GOAL_FINDER_H_
#define KG_SERVICES_INGEST_GOAL_FINDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/report_structure.h"

namespace kg::ingest {

enum class GoalScope {
  kStatement,  // an area's title and opening, a part's preamble
  kTaskText,   // the running text of a task
};

struct GoalMatch {
  Range name;                   // the goal, quotes stripped when it is one quoted phrase
  Range sentence;               // the sentence that states it (what a serves edge quotes)
  std::u32string_view pattern;  // the phrase that matched, e.g. U"努力成为"
};

// The goals stated in `range` of `text`, sentence by sentence; one match per distinct
// name.
std::vector<GoalMatch> FindStrategicGoals(std::u32string_view text, Range range, GoalScope scope);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_GOAL_FINDER_H_
