// Builds a report's knowledge graph from its cleaned text: the report and its parts,
// the review's areas and items (achievement), the plan's areas and tasks (task), the
// main targets and the strategic aims (goal) with the indicators the targets measure
// (indicator, shared across reports), the glossary's and the quoted slogans' terms
// (term), and the part_of / serves / measures / reports / mentions edges between them.
// Every node and edge carries code-point spans into the cleaned text, with the report's
// id (shared indicator nodes too). A node's first span quotes its name (report: the
// title line; section: the heading line); a block's second span covers its whole text.
//
// Nodes (type: attrs) and their local keys (MakeOwnedNodeId(report, type, key)):
//   report       region, year, level, title[, edition]                 "report"
//   section      kind (review|plan|governance|glossary|outlook|other), heading,
//                [ordinal "二"], [year]                                "section/plan"
//   achievement  level (area|item), ordinal ("一" / "2"), year (the reviewed year)
//                                                            "review/1", "review/1/2"
//                level=summary: a review part's preamble, made when it reports results;
//                  name = the part's heading                 "review/summary/<part>"
//   task         level (area|task), ordinal, year, part (plan|governance),
//                [area: the area's ordinal, for plan tasks]
//                                          "plan/4", "plan/4/2", "governance/3"
//   goal         kind=target: indicator, measure (growth|level|qualitative), year,
//                  scope (main: the year's main targets | task: a task's quantified
//                  commitment | outlook: a five-year target), [value "6"],
//                  [value_max "6.5" for a range], [unit "%"], [qualifier 左右|以上|不低于|
//                  以内|高于|力争|下降|量稳质升…], [direction=down], [parent: the indicator
//                  of the target a 其中 clause is part of], [absent=true: the report says it
//                  sets none], [horizon=five-year]; name = the clause
//                    "goal/target/<indicator>", "goal/task/<task id>/<n>",
//                    "goal/five-year-target/<indicator>"
//                kind=strategic: year, pattern (成为, 以…为, 以…推动, 坚持…这个, 实施…战略,
//                  打造, 建设, 打好, 打赢, 围绕, 为…而奋斗), scope (area|section|task|
//                  preamble)                                 "goal/strategic/<name>"
//                  horizon=five-year, scope=outlook: an aim of a five-year outline
//                  (——paragraph or area of a 十四五 / 今后五年 part)
//                                                            "goal/five-year/<name>"
//   indicator    (shared, report 0) MakeSharedNodeId("indicator", name); a 城乡 target
//                split in two (城镇…, 农村…) quotes the clause's indicator as written
//   term         source (glossary|quoted), [definition], [alias: the head as written],
//                [ordinal]                                   "term/<name>"
// Edges (MakeEdgeId(report, type, src, dst)):
//   part_of   section->report, area->section, task/item->area, governance task->section,
//             target goal->its section, preamble goal->plan section, glossary term->glossary,
//             five-year goal->its part, summary achievement->review part, and a 其中
//             target goal->its parent target goal (relation=其中)
//   serves    task (area or task)->strategic goal; evidence = area (the area's title or
//             opening states it), section (the governance preamble states it), text (the
//             task's own text states it); span = the stating sentence
//             task->its own target goal (scope=task); evidence = text; span = the clause
//   measures  target goal->indicator; span = the clause
//   reports   achievement->indicator; value, measure, [unit], [direction], year,
//             [growth, growth_direction: the rate given after a level]; span = the clause
//   mentions  task/achievement/goal/section preamble/term->term; spans = the occurrences
//             (at most 5), or the words a note marker ("^[3]") follows
//   includes  glossary term->glossary term its definition names
//   place     (shared, report 0) MakeSharedNodeId("place", code) for a division (code =
//             GB/T 2260), else MakeSharedNodeId("place", "<subtype>/<name>"); name = the
//             canonical full name; subtype (province|city|district|county|town|street|
//             village|region|road|river|port|station|zone), [code, level] for divisions; span =
//             the first occurrence (ancestors never named: the title line)
//   mentions  innermost task/achievement/term (else area, else section)->place, and a
//             goal whose text holds the occurrence; surface = as written; spans <= 5
//   located_in (shared, report 0) division->its parent, up to the province
//   includes  glossary term->place or glossary term its definition lists
//   report    gains division_code when its region resolves to a division
#ifndef KG_SERVICES_INGEST_REPORT_EXTRACTOR_H_
#define KG_SERVICES_INGEST_REPORT_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/ingest/report_cleaner.h"
#include "storage/graph_types.h"

namespace kg::ingest {

namespace places {
class Gazetteer;
}  // namespace places

struct ExtractOptions {
  std::string region;   // overrides the region the text names; empty: the text's
  int32_t year = 0;     // overrides the year the text names; 0: the text's
  std::string edition;  // optional part of the report's identity
  // Resolves place names to divisions; null: only regions and roads, rivers, ports and
  // zones are found, with a warning.
  const places::Gazetteer* gazetteer = nullptr;
};

// Extracts the graph of `report`. The result's info is filled except source_sha256 (the
// caller knows the original bytes). Things noticed but not resolved are appended to
// `warnings`. INVALID_ARGUMENT if neither the text nor `options` give the region or the
// year (they make the report's identity).
absl::StatusOr<storage::ReportGraph> ExtractReportGraph(const CleanedReport& report,
                                                        const ExtractOptions& options,
                                                        std::vector<std::string>* warnings);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_REPORT_EXTRACTOR_H_
