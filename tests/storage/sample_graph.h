// A small report graph for store tests, shaped like what ingest produces: one report
// node, a section, a goal and a task it owns, and two shared places linked by a shared
// located_in edge. Every report built here has the same text and names (except the
// report node's), so two of them share the places and compete in search.
//
//   text (27 code points): 推进长三角高质量一体化发展的桥头堡建设，上海浦东新区。
//
//   node                      type     name                          span
//   SampleNode(r, kReport)    report   `report_name`                 -
//   SampleNode(r, kSection)   section  重点工作                       -
//   SampleNode(r, kGoal)      goal     长三角高质量一体化发展的桥头堡    [2, 17)
//   SampleNode(r, kTask)      task     推进桥头堡建设                   [0, 19)
//   kShanghai (shared)        place    上海市                          [20, 22)
//   kPudong (shared)          place    浦东新区                        [22, 26)
//
//   edges: section part_of report; task part_of section; task serves goal;
//          task mentions kShanghai [20, 22); task mentions kPudong;
//          kPudongInShanghai: kPudong located_in kShanghai (shared) [22, 26)
//
// Index sizes, which the Stats tests rely on: names are one entry per node; postings
// are 3 (a report name of 4 ideographs) + 3 + 14 + 6 owned and 2 + 3 shared tokens.
#ifndef KG_TESTS_STORAGE_SAMPLE_GRAPH_H_
#define KG_TESTS_STORAGE_SAMPLE_GRAPH_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "storage/graph_types.h"

namespace kg::storage {

// Readable failure messages for the model types (found by GoogleTest through ADL).
inline void PrintTo(const Span& span, std::ostream* os) {
  *os << "Span{" << std::hex << span.report << std::dec << ", " << span.begin << ", " << span.end
      << "}";
}
inline void PrintTo(const Node& node, std::ostream* os) {
  *os << "Node{" << std::hex << node.id << std::dec << ", " << node.type << ", " << node.name
      << "}";
}
inline void PrintTo(const Edge& edge, std::ostream* os) {
  *os << "Edge{" << std::hex << edge.id << ", " << edge.src << " -" << edge.type << "-> "
      << edge.dst << std::dec << "}";
}
inline void PrintTo(const SearchHit& hit, std::ostream* os) {
  PrintTo(hit.node, os);
  *os << " score " << hit.score;
}

}  // namespace kg::storage

namespace kg::storage::testing {

inline constexpr ReportId kReportA = 0x00000000000000a1;
inline constexpr ReportId kReportB = 0x00000000000000b2;
inline constexpr NodeId kShanghai = 0x5000000000000001;
inline constexpr NodeId kPudong = 0x5000000000000002;
inline constexpr EdgeId kPudongInShanghai = 0x6000000000000001;

inline constexpr char kSampleText[] = "推进长三角高质量一体化发展的桥头堡建设，上海浦东新区。";
inline constexpr uint32_t kSampleTextLength = 27;
inline constexpr char kGoalName[] = "长三角高质量一体化发展的桥头堡";
inline constexpr char kTaskName[] = "推进桥头堡建设";

// Per report: owned nodes and edges, shared nodes and edges, and index entries.
inline constexpr uint64_t kOwnedNodes = 4;
inline constexpr uint64_t kOwnedEdges = 5;
inline constexpr uint64_t kSharedNodes = 2;
inline constexpr uint64_t kSharedEdges = 1;
inline constexpr uint64_t kOwnedPostings = 3 + 3 + 14 + 6;
inline constexpr uint64_t kSharedPostings = 2 + 3;

enum SampleNodeKind : uint64_t { kReport = 1, kSection = 2, kGoal = 3, kTask = 4 };

// Owned ids are derived from the report id so that two reports never collide.
inline NodeId SampleNode(ReportId report, SampleNodeKind kind) { return (report << 16) | kind; }
inline EdgeId SampleEdge(ReportId report, uint64_t n) { return (report << 16) | 0x8000 | n; }

inline Node MakeNode(NodeId id, std::string type, std::string name, ReportId report,
                     std::vector<Span> spans = {}) {
  Node node;
  node.id = id;
  node.type = std::move(type);
  node.name = std::move(name);
  node.report = report;
  node.spans = std::move(spans);
  return node;
}

inline Edge MakeEdge(EdgeId id, std::string type, NodeId src, NodeId dst, ReportId report,
                     std::vector<Span> spans = {}) {
  Edge edge;
  edge.id = id;
  edge.type = std::move(type);
  edge.src = src;
  edge.dst = dst;
  edge.report = report;
  edge.spans = std::move(spans);
  return edge;
}

// The sample report `report`; `report_name` should be four ideographs (3 postings).
inline ReportGraph SampleReport(ReportId report, std::string report_name = "金山报告") {
  const NodeId report_node = SampleNode(report, kReport);
  const NodeId section = SampleNode(report, kSection);
  const NodeId goal = SampleNode(report, kGoal);
  const NodeId task = SampleNode(report, kTask);
  ReportGraph graph;
  graph.info.id = report;
  graph.info.node_id = report_node;
  graph.info.region = "上海市金山区";
  graph.info.year = 2020;
  graph.info.title = report_name;
  graph.info.level = "district";
  graph.info.source_sha256 = "0123abcd";
  graph.text = kSampleText;
  graph.nodes = {
      MakeNode(report_node, "report", std::move(report_name), report),
      MakeNode(section, "section", "重点工作", report),
      MakeNode(goal, "goal", kGoalName, report, {{report, 2, 17}}),
      MakeNode(task, "task", kTaskName, report, {{report, 0, 19}}),
      MakeNode(kShanghai, "place", "上海市", 0, {{report, 20, 22}}),
      MakeNode(kPudong, "place", "浦东新区", 0, {{report, 22, 26}}),
  };
  graph.edges = {
      MakeEdge(SampleEdge(report, 1), "part_of", section, report_node, report),
      MakeEdge(SampleEdge(report, 2), "part_of", task, section, report),
      MakeEdge(SampleEdge(report, 3), "serves", task, goal, report),
      MakeEdge(SampleEdge(report, 4), "mentions", task, kShanghai, report, {{report, 20, 22}}),
      MakeEdge(SampleEdge(report, 5), "mentions", task, kPudong, report),
      MakeEdge(kPudongInShanghai, "located_in", kPudong, kShanghai, 0, {{report, 22, 26}}),
  };
  return graph;
}

}  // namespace kg::storage::testing

#endif  // KG_TESTS_STORAGE_SAMPLE_GRAPH_H_
