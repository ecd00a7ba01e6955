// A report graph as the export contract carries it (docs/product.md, written by
// clients/kgctl/graph_json.h): one JSON object per line,
//
//   {"kind":"node","id":"…","type":"…","name":"…","attrs":{…},"spans":[…]}
//   {"kind":"edge","id":"…","type":"…","src":"…","dst":"…","attrs":{…},"spans":[…]}
//
// with spans as {"report":"…","begin":n,"end":n}. The scorer reads graphs only in this
// form, so what it measures is what `kgctl export` and `kgctl ingest --dry-run -o jsonl`
// give every other tool.
//
// Thread-safety: plain values; ExportIndex is safe for concurrent reads.
#ifndef KG_CLIENTS_SCORE_EXPORT_GRAPH_H_
#define KG_CLIENTS_SCORE_EXPORT_GRAPH_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::score {

struct ExportSpan {
  std::string report;  // the report id, 16 hex digits
  uint64_t begin = 0;  // code points of the report's cleaned text
  uint64_t end = 0;
};

struct ExportNode {
  std::string id;
  std::string type;
  std::string name;
  std::map<std::string, std::string> attrs;
  std::vector<ExportSpan> spans;

  // The attribute `key`, or "" if absent.
  const std::string& Attr(const std::string& key) const;
};

struct ExportEdge {
  std::string id;
  std::string type;
  std::string src;
  std::string dst;
  std::map<std::string, std::string> attrs;
  std::vector<ExportSpan> spans;

  const std::string& Attr(const std::string& key) const;
};

struct ExportGraph {
  std::vector<ExportNode> nodes;
  std::vector<ExportEdge> edges;
};

// Parses export JSON lines. Blank lines are skipped. INVALID_ARGUMENT
// "line N: <what>" for a line that is not a JSON object of the contract's shape (kind
// node or edge; id, type, and name or src/dst strings; attrs an object of strings;
// spans an array of span objects).
absl::StatusOr<ExportGraph> ParseExportJsonl(std::string_view jsonl);

// The reports a graph holds: one per node of type "report", with the id its spans carry.
struct ExportReport {
  std::string report_id;  // from the report node's first span
  const ExportNode* node = nullptr;
};
std::vector<ExportReport> ReportsIn(const ExportGraph& graph);

// The part of `graph` that belongs to report `report_id`: the nodes and edges with a
// span in it, and the nodes (shared places and indicators) those edges lead to or come
// from. A whole-store export holds several reports; this keeps one report's view.
ExportGraph RestrictToReport(const ExportGraph& graph, const std::string& report_id);

// Look-ups over one graph, which must outlive the index.
class ExportIndex {
 public:
  explicit ExportIndex(const ExportGraph& graph);

  const ExportGraph& graph() const { return graph_; }
  // The node with `id`, or null.
  const ExportNode* Node(const std::string& id) const;
  // The nodes of `type`, optionally with attribute `key` equal to `value`, in file order.
  std::vector<const ExportNode*> Nodes(std::string_view type, std::string_view key = "",
                                       std::string_view value = "") const;
  // The target of the first part_of edge leaving `node`, or null.
  const ExportNode* Parent(const ExportNode& node) const;
  // The edges of `type` arriving at node `id`.
  std::vector<const ExportEdge*> EdgesInto(const std::string& id, std::string_view type) const;

 private:
  const ExportGraph& graph_;
  std::map<std::string, const ExportNode*> by_id_;
  std::map<std::string, const ExportNode*> parent_;
  std::multimap<std::string, const ExportEdge*> in_edges_;
};

}  // namespace kg::score

#endif  // KG_CLIENTS_SCORE_EXPORT_GRAPH_H_
