// See graph_store.h: the defaults a GraphStore may override.
#include "storage/graph_store.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "storage/key_codec.h"

namespace kg::storage {

absl::StatusOr<std::vector<Link>> GraphStore::GetLinks(NodeId node, Direction direction,
                                                       std::string_view edge_type, size_t limit,
                                                       bool* truncated) {
  absl::StatusOr<std::vector<Edge>> edges = GetEdges(node, direction, edge_type, limit, truncated);
  if (!edges.ok()) return edges.status();
  std::vector<Link> links;
  links.reserve(edges->size());
  for (const Edge& e : *edges) {
    // The view must outlive `edges`: point it at the type's static name.
    std::optional<uint8_t> code = EdgeTypeCode(e.type);
    if (!code.has_value()) {
      return absl::DataLossError(absl::StrCat("edge of unknown type '", e.type, "'"));
    }
    links.push_back({e.id, *EdgeTypeName(*code), e.src, e.dst});
  }
  return links;
}

}  // namespace kg::storage
