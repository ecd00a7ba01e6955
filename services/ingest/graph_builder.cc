// Graph accumulation; see graph_builder.h.
#include "services/ingest/graph_builder.h"

#include <algorithm>

#include "services/ingest/text_util.h"
#include "storage/ids.h"

namespace kg::ingest {

GraphBuilder::GraphBuilder(std::u32string_view text, storage::ReportId report)
    : text_(text), report_(report) {}

void GraphBuilder::AppendSpans(std::vector<storage::Span>* out,
                               const std::vector<Range>& spans) const {
  for (const Range& r : spans) {
    if (r.empty() || r.end > text_.size()) continue;
    storage::Span span{report_, r.begin, r.end};
    if (std::find(out->begin(), out->end(), span) == out->end()) out->push_back(span);
  }
}

storage::NodeId GraphBuilder::AddOwned(std::string_view type, std::string_view local_key,
                                       std::string name, storage::Attrs attrs,
                                       const std::vector<Range>& spans) {
  storage::NodeId id = storage::MakeOwnedNodeId(report_, type, local_key);
  auto it = node_index_.find(id);
  if (it != node_index_.end()) {
    storage::Node& node = nodes_[it->second];
    node.attrs.insert(attrs.begin(), attrs.end());
    AppendSpans(&node.spans, spans);
    return id;
  }
  storage::Node node;
  node.id = id;
  node.type = std::string(type);
  node.name = std::move(name);
  node.attrs = std::move(attrs);
  node.report = report_;
  AppendSpans(&node.spans, spans);
  node_index_[id] = nodes_.size();
  nodes_.push_back(std::move(node));
  return id;
}

storage::NodeId GraphBuilder::AddShared(std::string_view type, std::string name,
                                        const std::vector<Range>& spans) {
  storage::NodeId id = storage::MakeSharedNodeId(type, name);
  auto it = node_index_.find(id);
  if (it != node_index_.end()) {
    AppendSpans(&nodes_[it->second].spans, spans);
    return id;
  }
  storage::Node node;
  node.id = id;
  node.type = std::string(type);
  node.name = std::move(name);
  node.report = 0;
  AppendSpans(&node.spans, spans);
  node_index_[id] = nodes_.size();
  nodes_.push_back(std::move(node));
  return id;
}

storage::NodeId GraphBuilder::AddSharedKeyed(std::string_view type, std::string_view canonical_key,
                                             std::string name, storage::Attrs attrs,
                                             const std::vector<Range>& spans) {
  storage::NodeId id = storage::MakeSharedNodeId(type, canonical_key);
  auto it = node_index_.find(id);
  if (it != node_index_.end()) {
    storage::Node& node = nodes_[it->second];
    node.attrs.insert(attrs.begin(), attrs.end());
    AppendSpans(&node.spans, spans);
    return id;
  }
  storage::Node node;
  node.id = id;
  node.type = std::string(type);
  node.name = std::move(name);
  node.attrs = std::move(attrs);
  node.report = 0;
  AppendSpans(&node.spans, spans);
  node_index_[id] = nodes_.size();
  nodes_.push_back(std::move(node));
  return id;
}

void GraphBuilder::AddEdge(std::string_view type, storage::NodeId src, storage::NodeId dst,
                           storage::Attrs attrs, const std::vector<Range>& spans) {
  PutEdge(storage::MakeEdgeId(report_, type, src, dst), report_, type, src, dst, std::move(attrs),
          spans);
}

void GraphBuilder::AddSharedEdge(std::string_view type, storage::NodeId src, storage::NodeId dst,
                                 const std::vector<Range>& spans) {
  PutEdge(storage::MakeEdgeId(0, type, src, dst), 0, type, src, dst, {}, spans);
}

void GraphBuilder::PutEdge(storage::EdgeId id, storage::ReportId owner, std::string_view type,
                           storage::NodeId src, storage::NodeId dst, storage::Attrs attrs,
                           const std::vector<Range>& spans) {
  if (src == dst) return;
  auto it = edge_index_.find(id);
  if (it != edge_index_.end()) {
    storage::Edge& edge = edges_[it->second];
    edge.attrs.insert(attrs.begin(), attrs.end());
    AppendSpans(&edge.spans, spans);
    return;
  }
  storage::Edge edge;
  edge.id = id;
  edge.type = std::string(type);
  edge.src = src;
  edge.dst = dst;
  edge.attrs = std::move(attrs);
  edge.report = owner;
  AppendSpans(&edge.spans, spans);
  edge_index_[id] = edges_.size();
  edges_.push_back(std::move(edge));
}

const storage::Node* GraphBuilder::FindNode(storage::NodeId id) const {
  auto it = node_index_.find(id);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

std::string GraphBuilder::Text(Range r) const {
  if (r.empty() || r.end > text_.size()) return "";
  return U32ToUtf8(text_.substr(r.begin, r.size()));
}

}  // namespace kg::ingest
