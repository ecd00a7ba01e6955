// The steps of ExtractReportGraph (report_extractor.h), split by what they add, and the
// state they share. Internal to the ingest core.
#ifndef KG_SERVICES_INGEST_EXTRACTION_STEPS_H_
#define KG_SERVICES_INGEST_EXTRACTION_STEPS_H_

#include <string>
#include <vector>

#include "services/ingest/graph_builder.h"
#include "services/ingest/report_cleaner.h"
#include "services/ingest/report_structure.h"
#include "storage/graph_types.h"

namespace kg::ingest {

namespace places {
class Gazetteer;
}  // namespace places

// A node whose own text may name terms (a task's paragraph, an area's title and opening).
struct TextOwner {
  storage::NodeId id = 0;
  std::vector<Range> ranges;
};

// An area of the plan (or the governance part) with the tasks under it.
struct PlanArea {
  storage::NodeId id = 0;  // 0 for the governance part, whose tasks have no area
  Range statement;         // title and opening sentence (governance: preamble end)
  std::vector<storage::NodeId> tasks;
  std::vector<Range> task_texts;  // parallel to tasks
  const char* evidence = "area";  // serves evidence for goals the statement states
};

struct ExtractionState {
  std::u32string_view text;
  const ReportLayout* layout = nullptr;
  GraphBuilder* graph = nullptr;
  storage::NodeId report_node = 0;
  int32_t year = 0;
  std::vector<std::string>* warnings = nullptr;
  const places::Gazetteer* gazetteer = nullptr;     // null: divisions are not resolved
  const std::vector<NoteRef>* note_refs = nullptr;  // note markers the cleaner cut out

  std::vector<storage::NodeId> section_nodes;  // parallel to layout->sections
  std::vector<PlanArea> plan_areas;
  std::vector<TextOwner> text_owners;   // for mentions
  std::vector<TextOwner> review_texts;  // achievements, for reports edges
};

// Report, sections, review areas and items, plan areas and tasks, governance tasks.
void AddStructure(ExtractionState* state);
// Main targets with their indicators, strategic goals and serves edges, reports edges.
void AddGoals(ExtractionState* state);
// Glossary terms, quoted slogans, and mentions edges to them.
void AddTerms(ExtractionState* state);
// Places (place_nodes.cc): divisions, regions, roads, rivers, ports and zones, with
// mentions, located_in and includes edges. Runs last: it reads the terms' nodes.
void AddPlaces(ExtractionState* state);

// The section (index into layout->sections) whose text contains `pos`; -1 if none.
int SectionAt(const ReportLayout& layout, uint32_t pos);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_EXTRACTION_STEPS_H_
