// Proto <-> storage model conversions; see proto_convert.h.
#include "clients/client/proto_convert.h"

#include "absl/strings/str_cat.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::client {
namespace {

std::string HexOrEmpty(uint64_t id) { return id == 0 ? "" : storage::IdToHex(id); }

}  // namespace

absl::StatusOr<uint64_t> ParseId(const std::string& hex, const char* field,
                                 bool allow_empty) {
  if (hex.empty() && allow_empty) return 0;
  auto id = storage::HexToId(hex);
  if (!id.has_value() || *id == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", hex, "\" is not an id of 16 hex digits"));
  }
  return *id;
}

void ToProto(const storage::Span& span, kg::v1::Span* out) {
  out->set_report_id(HexOrEmpty(span.report));
  out->set_begin(span.begin);
  out->set_end(span.end);
}

void ToProto(const storage::Node& node, kg::v1::Node* out) {
  out->set_id(storage::IdToHex(node.id));
  out->set_type(node.type);
  out->set_name(node.name);
  for (const auto& [k, v] : node.attrs) (*out->mutable_attrs())[k] = v;
  for (const auto& s : node.spans) ToProto(s, out->add_spans());
  out->set_report_id(HexOrEmpty(node.report));
}

void ToProto(const storage::Edge& edge, kg::v1::Edge* out) {
  out->set_id(storage::IdToHex(edge.id));
  out->set_type(edge.type);
  out->set_src(storage::IdToHex(edge.src));
  out->set_dst(storage::IdToHex(edge.dst));
  for (const auto& [k, v] : edge.attrs) (*out->mutable_attrs())[k] = v;
  for (const auto& s : edge.spans) ToProto(s, out->add_spans());
  out->set_report_id(HexOrEmpty(edge.report));
}

void ToProto(const storage::Link& link, kg::v1::Edge* out) {
  out->set_id(storage::IdToHex(link.id));
  out->set_type(std::string(link.type));
  out->set_src(storage::IdToHex(link.src));
  out->set_dst(storage::IdToHex(link.dst));
}

void ToProto(const storage::ReportInfo& info, kg::v1::ReportInfo* out) {
  out->set_id(HexOrEmpty(info.id));
  out->set_node_id(HexOrEmpty(info.node_id));
  out->set_region(info.region);
  out->set_year(info.year);
  out->set_edition(info.edition);
  out->set_title(info.title);
  out->set_level(info.level);
  out->set_node_count(info.node_count);
  out->set_edge_count(info.edge_count);
  out->set_text_length(info.text_length);
  out->set_source_sha256(info.source_sha256);
}

void ToProto(const storage::ReportGraph& graph, kg::v1::PutReportRequest* out) {
  ToProto(graph.info, out->mutable_report());
  out->set_text(graph.text);
  out->mutable_nodes()->Reserve(static_cast<int>(graph.nodes.size()));
  for (const auto& n : graph.nodes) ToProto(n, out->add_nodes());
  out->mutable_edges()->Reserve(static_cast<int>(graph.edges.size()));
  for (const auto& e : graph.edges) ToProto(e, out->add_edges());
}

absl::StatusOr<storage::Span> FromProto(const kg::v1::Span& span) {
  storage::Span out;
  KG_ASSIGN_OR_RETURN(out.report, ParseId(span.report_id(), "span.report_id"));
  out.begin = span.begin();
  out.end = span.end();
  if (out.end < out.begin) {
    return absl::InvalidArgumentError(
        absl::StrCat("span [", out.begin, ", ", out.end, ") ends before it begins"));
  }
  return out;
}

namespace {

template <typename Proto>
absl::Status CopySpansAndAttrs(const Proto& in, storage::Attrs* attrs,
                               std::vector<storage::Span>* spans) {
  for (const auto& [k, v] : in.attrs()) (*attrs)[k] = v;
  spans->reserve(in.spans_size());
  for (const auto& s : in.spans()) {
    KG_ASSIGN_OR_RETURN(auto span, FromProto(s));
    spans->push_back(span);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<storage::Node> FromProto(const kg::v1::Node& node) {
  storage::Node out;
  KG_ASSIGN_OR_RETURN(out.id, ParseId(node.id(), "node.id"));
  KG_ASSIGN_OR_RETURN(out.report, ParseId(node.report_id(), "node.report_id", true));
  out.type = node.type();
  out.name = node.name();
  KG_RETURN_IF_ERROR(CopySpansAndAttrs(node, &out.attrs, &out.spans));
  return out;
}

absl::StatusOr<storage::Edge> FromProto(const kg::v1::Edge& edge) {
  storage::Edge out;
  KG_ASSIGN_OR_RETURN(out.id, ParseId(edge.id(), "edge.id"));
  KG_ASSIGN_OR_RETURN(out.src, ParseId(edge.src(), "edge.src"));
  KG_ASSIGN_OR_RETURN(out.dst, ParseId(edge.dst(), "edge.dst"));
  KG_ASSIGN_OR_RETURN(out.report, ParseId(edge.report_id(), "edge.report_id", true));
  out.type = edge.type();
  KG_RETURN_IF_ERROR(CopySpansAndAttrs(edge, &out.attrs, &out.spans));
  return out;
}

absl::StatusOr<storage::Link> LinkFromProto(const kg::v1::Edge& edge) {
  storage::Link out;
  KG_ASSIGN_OR_RETURN(out.id, ParseId(edge.id(), "edge.id"));
  KG_ASSIGN_OR_RETURN(out.src, ParseId(edge.src(), "edge.src"));
  KG_ASSIGN_OR_RETURN(out.dst, ParseId(edge.dst(), "edge.dst"));
  std::optional<std::string_view> type = storage::KnownEdgeType(edge.type());
  if (!type.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("edge.type: unknown type '", edge.type(), "'"));
  }
  out.type = *type;
  return out;
}

absl::StatusOr<storage::ReportInfo> FromProto(const kg::v1::ReportInfo& info) {
  storage::ReportInfo out;
  KG_ASSIGN_OR_RETURN(out.id, ParseId(info.id(), "report.id"));
  KG_ASSIGN_OR_RETURN(out.node_id, ParseId(info.node_id(), "report.node_id", true));
  out.region = info.region();
  out.year = info.year();
  out.edition = info.edition();
  out.title = info.title();
  out.level = info.level();
  out.node_count = info.node_count();
  out.edge_count = info.edge_count();
  out.text_length = info.text_length();
  out.source_sha256 = info.source_sha256();
  return out;
}

absl::StatusOr<storage::ReportGraph> FromProto(const kg::v1::PutReportRequest& request) {
  storage::ReportGraph out;
  KG_ASSIGN_OR_RETURN(out.info, FromProto(request.report()));
  out.text = request.text();
  out.nodes.reserve(request.nodes_size());
  for (const auto& n : request.nodes()) {
    KG_ASSIGN_OR_RETURN(auto node, FromProto(n));
    out.nodes.push_back(std::move(node));
  }
  out.edges.reserve(request.edges_size());
  for (const auto& e : request.edges()) {
    KG_ASSIGN_OR_RETURN(auto edge, FromProto(e));
    out.edges.push_back(std::move(edge));
  }
  return out;
}

}  // namespace kg::client
