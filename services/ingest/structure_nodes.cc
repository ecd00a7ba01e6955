// AddStructure: the report's parts and what is numbered inside them. Local keys follow
// the outline ("plan/4" is the plan's fourth area, "plan/4/2" its second task,
// "review/1/3", "governance/2"), so the same report ingested again gets the same ids.
#include <map>

#include "absl/strings/str_cat.h"
#include "services/ingest/extraction_steps.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

// The prefix of local keys for a part: its kind, plus its ordinal when an earlier part
// had the same kind ("plan", then "plan~三").
std::string KeyPrefix(const Section& section, std::map<std::string, int>* kinds) {
  std::string kind(SectionKindName(section.kind));
  int seen = (*kinds)[kind]++;
  if (seen == 0) return kind;
  return absl::StrCat(
      kind, "~", section.ordinal.empty() ? absl::StrCat(seen + 1) : U32ToUtf8(section.ordinal));
}

// The last paragraph of a preamble: where a governance part states what it aims at,
// after looking back on the past year.
Range LastParagraph(std::u32string_view text, Range r) {
  uint32_t b = r.end;
  while (b > r.begin && text[b - 1] != U'\n') --b;
  return {b, r.end};
}

void AddReviewAreas(ExtractionState* st, const Section& section, storage::NodeId section_node,
                    const std::string& prefix) {
  GraphBuilder& g = *st->graph;
  int32_t year = section.year != 0 ? section.year : st->year - 1;
  for (const Block& area : section.areas) {
    storage::Attrs attrs = {
        {"level", "area"}, {"ordinal", U32ToUtf8(area.ordinal)}, {"year", absl::StrCat(year)}};
    std::string key = absl::StrCat(prefix, "/", area.index);
    storage::NodeId id =
        g.AddOwned("achievement", key, g.Text(area.name), attrs, {area.name, area.whole});
    g.AddEdge("part_of", id, section_node, {}, {area.heading});
    st->text_owners.push_back({id, {area.heading, area.opening}});
    if (area.children.empty()) st->review_texts.push_back({id, {area.whole}});
    for (const Block& item : area.children) {
      storage::Attrs item_attrs = {
          {"level", "item"}, {"ordinal", U32ToUtf8(item.ordinal)}, {"year", absl::StrCat(year)}};
      storage::NodeId item_id = g.AddOwned("achievement", absl::StrCat(key, "/", item.index),
                                           g.Text(item.name), item_attrs, {item.name, item.whole});
      g.AddEdge("part_of", item_id, id, {}, {item.heading});
      st->text_owners.push_back({item_id, {item.whole}});
      st->review_texts.push_back({item_id, {item.whole}});
    }
  }
}

void AddPlanAreas(ExtractionState* st, const Section& section, storage::NodeId section_node,
                  const std::string& prefix) {
  GraphBuilder& g = *st->graph;
  std::string year = absl::StrCat(st->year);
  for (const Block& area : section.areas) {
    std::string ordinal = U32ToUtf8(area.ordinal);
    storage::Attrs attrs = {
        {"level", "area"}, {"ordinal", ordinal}, {"year", year}, {"part", "plan"}};
    std::string key = absl::StrCat(prefix, "/", area.index);
    PlanArea plan_area;
    plan_area.id = g.AddOwned("task", key, g.Text(area.name), attrs, {area.name, area.whole});
    // From the title on (the marker "（四）" would hide a title opening with 围绕).
    plan_area.statement = {area.name.begin, std::max(area.heading.end, area.opening.end)};
    g.AddEdge("part_of", plan_area.id, section_node, {}, {area.heading});
    st->text_owners.push_back({plan_area.id, {area.heading, area.opening}});
    for (const Block& task : area.children) {
      storage::Attrs task_attrs = {{"level", "task"},
                                   {"ordinal", U32ToUtf8(task.ordinal)},
                                   {"year", year},
                                   {"part", "plan"},
                                   {"area", ordinal}};
      storage::NodeId task_id = g.AddOwned("task", absl::StrCat(key, "/", task.index),
                                           g.Text(task.name), task_attrs, {task.name, task.whole});
      g.AddEdge("part_of", task_id, plan_area.id, {}, {task.heading});
      st->text_owners.push_back({task_id, {task.whole}});
      plan_area.tasks.push_back(task_id);
      plan_area.task_texts.push_back(task.whole);
    }
    st->plan_areas.push_back(std::move(plan_area));
  }
}

void AddGovernanceTasks(ExtractionState* st, const Section& section, storage::NodeId section_node,
                        const std::string& prefix) {
  GraphBuilder& g = *st->graph;
  PlanArea part;
  part.statement = LastParagraph(st->text, section.preamble);
  part.evidence = "section";
  for (const Block& task : section.tasks) {
    storage::Attrs attrs = {{"level", "task"},
                            {"ordinal", U32ToUtf8(task.ordinal)},
                            {"year", absl::StrCat(st->year)},
                            {"part", "governance"}};
    storage::NodeId id = g.AddOwned("task", absl::StrCat(prefix, "/", task.index),
                                    g.Text(task.name), attrs, {task.name, task.whole});
    g.AddEdge("part_of", id, section_node, {}, {task.heading});
    st->text_owners.push_back({id, {task.whole}});
    part.tasks.push_back(id);
    part.task_texts.push_back(task.whole);
  }
  if (!part.tasks.empty()) st->plan_areas.push_back(std::move(part));
}

}  // namespace

void AddStructure(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  std::map<std::string, int> kinds;
  for (const Section& section : st->layout->sections) {
    std::string prefix = KeyPrefix(section, &kinds);
    storage::Attrs attrs = {{"kind", std::string(SectionKindName(section.kind))},
                            {"heading", g.Text(section.heading)}};
    if (!section.ordinal.empty()) attrs["ordinal"] = U32ToUtf8(section.ordinal);
    if (section.year != 0) attrs["year"] = absl::StrCat(section.year);
    storage::NodeId id = g.AddOwned("section", absl::StrCat("section/", prefix),
                                    g.Text(section.name), attrs, {section.heading});
    g.AddEdge("part_of", id, st->report_node, {}, {section.heading});
    st->section_nodes.push_back(id);
    switch (section.kind) {
      case SectionKind::kReview:
        AddReviewAreas(st, section, id, prefix);
        break;
      case SectionKind::kPlan:
        AddPlanAreas(st, section, id, prefix);
        break;
      case SectionKind::kGovernance:
        AddGovernanceTasks(st, section, id, prefix);
        break;
      default:
        break;
    }
  }
  if (st->plan_areas.empty()) {
    st->warnings->push_back("found no plan areas (（一）… under a part on this year's work)");
  }
}

}  // namespace kg::ingest
