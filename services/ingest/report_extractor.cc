// Graph extraction: identity, then the steps in extraction_steps.h.
#include "services/ingest/report_extractor.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/extraction_steps.h"
#include "services/ingest/graph_builder.h"
#include "services/ingest/report_structure.h"
#include "services/ingest/text_util.h"
#include "storage/ids.h"

namespace kg::ingest {

int SectionAt(const ReportLayout& layout, uint32_t pos) {
  for (size_t i = 0; i < layout.sections.size(); ++i) {
    const Range& w = layout.sections[i].whole;
    if (pos >= w.begin && pos < w.end) return static_cast<int>(i);
  }
  return -1;
}

absl::StatusOr<storage::ReportGraph> ExtractReportGraph(const CleanedReport& report,
                                                        const ExtractOptions& options,
                                                        std::vector<std::string>* warnings) {
  std::string region = options.region.empty() ? report.region : options.region;
  int32_t year = options.year != 0 ? options.year : report.year;
  if (region.empty()) {
    return absl::InvalidArgumentError(
        "cannot tell which region the report is for (no region in its title or subtitle); "
        "pass the region explicitly");
  }
  if (year == 0) {
    return absl::InvalidArgumentError(
        "cannot tell which year the report is for (no year in its title, subtitle or part "
        "headings); pass the year explicitly");
  }

  storage::ReportGraph out;
  out.text = report.text;
  std::u32string text = Utf8ToU32(report.text);
  ReportLayout layout = ParseLayout(text);

  storage::ReportInfo& info = out.info;
  info.id = storage::MakeReportId(region, year, options.edition);
  info.region = region;
  info.year = year;
  info.edition = options.edition;
  info.title = report.title;
  info.level = LevelOfRegion(region);
  info.text_length = text.size();

  GraphBuilder graph(text, info.id);
  ExtractionState state;
  state.text = text;
  state.layout = &layout;
  state.graph = &graph;
  state.year = year;
  state.warnings = warnings;
  state.gazetteer = options.gazetteer;
  state.note_refs = &report.note_refs;

  // The report node quotes the title line, or the first line when there is none.
  Range title{report.title_begin, report.title_end};
  if (title.empty()) {
    uint32_t end = 0;
    while (end < text.size() && text[end] != U'\n') ++end;
    title = {0, end};
  }
  storage::Attrs attrs = {
      {"region", region}, {"year", absl::StrCat(year)}, {"title", report.title}};
  if (!info.level.empty()) attrs["level"] = info.level;
  if (!options.edition.empty()) attrs["edition"] = options.edition;
  state.report_node = graph.AddOwned("report", "report", report.title, std::move(attrs), {title});
  info.node_id = state.report_node;

  AddStructure(&state);
  AddGoals(&state);
  AddTerms(&state);
  AddPlaces(&state);

  out.nodes = graph.TakeNodes();
  out.edges = graph.TakeEdges();
  info.node_count = out.nodes.size();
  info.edge_count = out.edges.size();
  return out;
}

}  // namespace kg::ingest
