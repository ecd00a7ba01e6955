// Accumulates one report's nodes and edges with stable ids (storage/ids.h) and code-point
// spans, merging repeats: the same owned key, shared name or edge (type, ends) yields
// one record whose spans are the union of what was added.
//
// Not thread-safe; one builder per extraction.
#ifndef KG_SERVICES_INGEST_GRAPH_BUILDER_H_
#define KG_SERVICES_INGEST_GRAPH_BUILDER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/report_structure.h"
#include "storage/graph_types.h"

namespace kg::ingest {

class GraphBuilder {
 public:
  // `text` is the cleaned text every span indexes; it must outlive the builder.
  GraphBuilder(std::u32string_view text, storage::ReportId report);

  // A node owned by the report, keyed by `local_key` (stable across re-ingests, e.g.
  // "plan/4/2"). Attributes of a repeated key are merged, the first value winning.
  storage::NodeId AddOwned(std::string_view type, std::string_view local_key, std::string name,
                           storage::Attrs attrs, const std::vector<Range>& spans);
  // A node shared across reports (indicator, place), keyed by its name.
  storage::NodeId AddShared(std::string_view type, std::string name,
                            const std::vector<Range>& spans);
  // A shared node keyed by `canonical_key` rather than its name (a place's division
  // code). Attributes of a repeated key are merged, the first value winning.
  storage::NodeId AddSharedKeyed(std::string_view type, std::string_view canonical_key,
                                 std::string name, storage::Attrs attrs,
                                 const std::vector<Range>& spans);
  // An edge of this report. A repeated edge keeps its first attributes and gains spans.
  void AddEdge(std::string_view type, storage::NodeId src, storage::NodeId dst,
               storage::Attrs attrs, const std::vector<Range>& spans);
  // An edge shared across reports (report 0: located_in); its spans are this report's.
  void AddSharedEdge(std::string_view type, storage::NodeId src, storage::NodeId dst,
                     const std::vector<Range>& spans);

  bool HasNode(storage::NodeId id) const { return node_index_.count(id) > 0; }
  const storage::Node* FindNode(storage::NodeId id) const;
  // The nodes added so far, in order.
  const std::vector<storage::Node>& nodes() const { return nodes_; }

  // The UTF-8 text of `r`.
  std::string Text(Range r) const;

  std::vector<storage::Node> TakeNodes() { return std::move(nodes_); }
  std::vector<storage::Edge> TakeEdges() { return std::move(edges_); }

 private:
  void AppendSpans(std::vector<storage::Span>* out, const std::vector<Range>& spans) const;
  void PutEdge(storage::EdgeId id, storage::ReportId owner, std::string_view type,
               storage::NodeId src, storage::NodeId dst, storage::Attrs attrs,
               const std::vector<Range>& spans);

  std::u32string_view text_;
  storage::ReportId report_;
  std::vector<storage::Node> nodes_;
  std::vector<storage::Edge> edges_;
  std::map<storage::NodeId, size_t> node_index_;
  std::map<storage::EdgeId, size_t> edge_index_;
};

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_GRAPH_BUILDER_H_
