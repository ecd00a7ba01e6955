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
//   task         level (area|task), ordinal, year, part (plan|governance),
//                [area: the area's ordinal, for plan tasks]
//                                          "plan/4", "plan/4/2", "governance/3"
//   goal         kind=target: indicator, measure (growth|level|qualitative), year,
//                  [value "6.5"], [unit "%"], [qualifier 左右|以上|不低于|以内|高于|下降…],
//                  [direction=down]; name = the clause       "goal/target/<indicator>"
//                kind=strategic: year, pattern (成为, 以…为, 实施…战略, 打造, 建设, 打好,
//                  打赢, 围绕, 为…而奋斗), scope (area|section|task|preamble)
//                                                            "goal/strategic/<name>"
//   indicator    (shared, report 0) MakeSharedNodeId("indicator", name)
//   term         source (glossary|quoted), [definition], [alias: the head as written],
//                [ordinal]                                   "term/<name>"
// Edges (MakeEdgeId(report, type, src, dst)):
//   part_of   section->report, area->section, task/item->area, governance task->section,
//             target goal->its section, preamble goal->plan section, glossary term->glossary
//   serves    task (area or task)->strategic goal; evidence = area (the area's title or
//             opening states it), section (the governance preamble states it), text (the
//             task's own text states it); span = the stating sentence
//   measures  target goal->indicator; span = the clause
//   reports   achievement->indicator; value, measure, [unit], year; span = the clause
//   mentions  task/achievement/goal/term->term; spans = the occurrences (at most 5)
#ifndef KG_SERVICES_INGEST_REPORT_EXTRACTOR_H_
#define KG_SERVICES_INGEST_REPORT_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/ingest/report_cleaner.h"
#include "storage/graph_types.h"

namespace kg::ingest {

struct ExtractOptions {
  std::string region;   // overrides the region the text names; empty: the text's
  int32_t year = 0;     // overrides the year the text names; 0: the text's
  std::string edition;  // optional part of the report's identity
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
