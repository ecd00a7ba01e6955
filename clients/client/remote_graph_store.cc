// GraphStore over gRPC; see remote_graph_store.h.
#include "clients/client/remote_graph_store.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <thread>

#include "absl/strings/str_cat.h"
#include "clients/client/grpc_status.h"
#include "clients/client/proto_convert.h"
#include "grpcpp/client_context.h"
#include "storage/ids.h"
#include "storage/read_generation.h"
#include "storage/status_macros.h"

namespace kg::client {
namespace {

void SetDeadline(grpc::ClientContext* context, std::chrono::milliseconds timeout) {
  context->set_deadline(std::chrono::system_clock::now() + timeout);
}

template <typename Repeated>
absl::StatusOr<std::vector<storage::Node>> NodesFromProto(const Repeated& nodes) {
  std::vector<storage::Node> out;
  out.reserve(nodes.size());
  for (const auto& n : nodes) {
    KG_ASSIGN_OR_RETURN(auto node, FromProto(n));
    out.push_back(std::move(node));
  }
  return out;
}

// Passes on to this thread's read observer what the store's reads of this call saw
// (storage/read_generation.h). A server that sends nothing (an older kg-stored, or a
// call that failed before reading) notes nothing: its reads are not checked.
void NoteServerReads(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto it = trailers.find(storage::kReadGenerationKey);
  if (it == trailers.end()) return;
  storage::NoteReads(
      storage::ParseReadGenerations(std::string_view(it->second.data(), it->second.size())));
}

// Ids travel as hex (proto_convert.h).
template <typename Repeated>
void AddHexIds(const std::vector<uint64_t>& ids, Repeated* out) {
  out->Reserve(static_cast<int>(ids.size()));
  for (uint64_t id : ids) out->Add(storage::IdToHex(id));
}

}  // namespace

RemoteGraphStore::RemoteGraphStore(std::shared_ptr<grpc::Channel> channel,
                                   RemoteStoreOptions options)
    : stub_(kg::v1::GraphStoreService::NewStub(channel)), options_(options) {}

absl::Status RemoteGraphStore::Read(
    const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  std::chrono::milliseconds backoff{100};
  grpc::Status status;
  for (int attempt = 1;; ++attempt) {
    grpc::ClientContext context;
    SetDeadline(&context, options_.read_timeout);
    status = call(&context);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE ||
        attempt >= options_.read_attempts) {
      NoteServerReads(context);
      break;
    }
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
  return FromGrpcStatus(status);
}

absl::StatusOr<storage::ReportInfo> RemoteGraphStore::PutReport(
    const storage::ReportGraph& graph, bool* replaced) {
  kg::v1::PutReportRequest request;
  ToProto(graph, &request);
  kg::v1::PutReportResponse response;
  grpc::ClientContext context;
  SetDeadline(&context, options_.write_timeout);
  KG_RETURN_IF_ERROR(FromGrpcStatus(stub_->PutReport(&context, request, &response)));
  if (replaced != nullptr) *replaced = response.replaced();
  return FromProto(response.report());
}

absl::Status RemoteGraphStore::DeleteReport(storage::ReportId report) {
  kg::v1::DeleteReportRequest request;
  request.set_report_id(storage::IdToHex(report));
  kg::v1::DeleteReportResponse response;
  grpc::ClientContext context;
  SetDeadline(&context, options_.write_timeout);
  return FromGrpcStatus(stub_->DeleteReport(&context, request, &response));
}

absl::StatusOr<std::vector<storage::ReportInfo>> RemoteGraphStore::ListReports() {
  kg::v1::ListReportsResponse response;
  KG_RETURN_IF_ERROR(Read([&](grpc::ClientContext* c) {
    return stub_->ListReports(c, kg::v1::ListReportsRequest(), &response);
  }));
  std::vector<storage::ReportInfo> out;
  for (const auto& r : response.reports()) {
    KG_ASSIGN_OR_RETURN(auto info, FromProto(r));
    out.push_back(std::move(info));
  }
  return out;
}

absl::StatusOr<storage::Node> RemoteGraphStore::GetNode(storage::NodeId id) {
  KG_ASSIGN_OR_RETURN(auto nodes, GetNodes({id}));
  if (nodes.empty()) {
    return absl::NotFoundError("no node with id " + storage::IdToHex(id));
  }
  return std::move(nodes.front());
}

absl::StatusOr<std::vector<storage::Node>> RemoteGraphStore::GetNodes(
    const std::vector<storage::NodeId>& ids) {
  kg::v1::GetNodesRequest request;
  for (auto id : ids) request.add_ids(storage::IdToHex(id));
  kg::v1::GetNodesResponse response;
  KG_RETURN_IF_ERROR(
      Read([&](grpc::ClientContext* c) { return stub_->GetNodes(c, request, &response); }));
  return NodesFromProto(response.nodes());
}

namespace {

kg::v1::GetEdgesRequest EdgesRequest(storage::NodeId node, storage::Direction direction,
                                     std::string_view edge_type, size_t limit, bool links_only) {
  kg::v1::GetEdgesRequest request;
  request.set_node_id(storage::IdToHex(node));
  request.set_direction(direction == storage::Direction::kIn ? kg::v1::DIRECTION_IN
                                                             : kg::v1::DIRECTION_OUT);
  request.set_edge_type(std::string(edge_type));
  // Past uint32 means "all": the server's cap (kg-stored gives at most 10000).
  request.set_limit(static_cast<uint32_t>(std::min<size_t>(limit, UINT32_MAX)));
  request.set_links_only(links_only);
  return request;
}

// The edges of a GetEdges response, each converted by `convert` (FromProto or
// LinkFromProto).
template <typename Model, typename Convert>
absl::StatusOr<std::vector<Model>> ConvertEdges(const kg::v1::GetEdgesResponse& response,
                                                const Convert& convert) {
  std::vector<Model> out;
  out.reserve(response.edges_size());
  for (const auto& e : response.edges()) {
    KG_ASSIGN_OR_RETURN(auto converted, convert(e));
    out.push_back(std::move(converted));
  }
  return out;
}

}  // namespace

absl::StatusOr<kg::v1::GetEdgesResponse> RemoteGraphStore::CallGetEdges(
    storage::NodeId node, storage::Direction direction, std::string_view edge_type,
    size_t limit, bool links_only, bool* truncated) {
  const auto request = EdgesRequest(node, direction, edge_type, limit, links_only);
  kg::v1::GetEdgesResponse response;
  KG_RETURN_IF_ERROR(
      Read([&](grpc::ClientContext* c) { return stub_->GetEdges(c, request, &response); }));
  if (truncated != nullptr) *truncated = response.truncated();
  return response;
}

absl::StatusOr<std::vector<storage::Edge>> RemoteGraphStore::GetEdges(
    storage::NodeId node, storage::Direction direction, std::string_view edge_type,
    size_t limit, bool* truncated) {
  KG_ASSIGN_OR_RETURN(auto response, CallGetEdges(node, direction, edge_type, limit,
                                                  /*links_only=*/false, truncated));
  return ConvertEdges<storage::Edge>(response,
                                     [](const kg::v1::Edge& e) { return FromProto(e); });
}

absl::StatusOr<std::vector<storage::Link>> RemoteGraphStore::GetLinks(
    storage::NodeId node, storage::Direction direction, std::string_view edge_type,
    size_t limit, bool* truncated) {
  KG_ASSIGN_OR_RETURN(auto response, CallGetEdges(node, direction, edge_type, limit,
                                                  /*links_only=*/true, truncated));
  return ConvertEdges<storage::Link>(response, LinkFromProto);
}

absl::StatusOr<std::vector<storage::Node>> RemoteGraphStore::LookupName(
    std::string_view name, std::string_view node_type, const storage::ReportSet& reports) {
  kg::v1::LookupNameRequest request;
  request.set_name(std::string(name));
  request.set_node_type(std::string(node_type));
  AddHexIds(reports, request.mutable_reports());
  kg::v1::LookupNameResponse response;
  KG_RETURN_IF_ERROR(Read(
      [&](grpc::ClientContext* c) { return stub_->LookupName(c, request, &response); }));
  return NodesFromProto(response.nodes());
}

absl::StatusOr<std::vector<storage::SearchHit>> RemoteGraphStore::SearchText(
    std::string_view query, std::string_view node_type, double min_score, size_t limit,
    const storage::ReportSet& reports) {
  kg::v1::SearchTextRequest request;
  request.set_query(std::string(query));
  request.set_node_type(std::string(node_type));
  request.set_min_score(min_score);
  request.set_limit(static_cast<uint32_t>(limit));
  AddHexIds(reports, request.mutable_reports());
  kg::v1::SearchTextResponse response;
  KG_RETURN_IF_ERROR(Read(
      [&](grpc::ClientContext* c) { return stub_->SearchText(c, request, &response); }));
  std::vector<storage::SearchHit> out;
  for (const auto& h : response.hits()) {
    KG_ASSIGN_OR_RETURN(auto node, FromProto(h.node()));
    out.push_back({std::move(node), h.score()});
  }
  return out;
}

absl::StatusOr<std::vector<std::vector<storage::Span>>> RemoteGraphStore::GetSpans(
    const std::vector<storage::NodeId>& ids, const storage::ReportSet& reports,
    size_t limit_per_node) {
  // On the wire 0 asks for the server's default; here it asks for no span at all, as
  // it does of the store in process.
  if (limit_per_node == 0) return std::vector<std::vector<storage::Span>>(ids.size());
  kg::v1::GetSpansRequest request;
  AddHexIds(ids, request.mutable_ids());
  AddHexIds(reports, request.mutable_reports());
  request.set_limit_per_node(static_cast<uint32_t>(std::min<size_t>(limit_per_node, UINT32_MAX)));
  kg::v1::GetSpansResponse response;
  KG_RETURN_IF_ERROR(
      Read([&](grpc::ClientContext* c) { return stub_->GetSpans(c, request, &response); }));
  // Callers index the answer by the position of each id: a server that broke the
  // parallel shape must not shift spans onto the wrong nodes.
  if (response.lists_size() != request.ids_size()) {
    return absl::InternalError(absl::StrCat("kg-stored gave ", response.lists_size(),
                                            " span lists for ", request.ids_size(), " ids"));
  }
  std::vector<std::vector<storage::Span>> out(ids.size());
  for (int i = 0; i < response.lists_size(); ++i) {
    out[i].reserve(response.lists(i).spans_size());
    for (const auto& s : response.lists(i).spans()) {
      KG_ASSIGN_OR_RETURN(auto span, FromProto(s));
      out[i].push_back(span);
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> RemoteGraphStore::GetText(
    const std::vector<storage::Span>& spans) {
  kg::v1::GetTextRequest request;
  for (const auto& s : spans) ToProto(s, request.add_spans());
  kg::v1::GetTextResponse response;
  KG_RETURN_IF_ERROR(
      Read([&](grpc::ClientContext* c) { return stub_->GetText(c, request, &response); }));
  return std::vector<std::string>(response.texts().begin(), response.texts().end());
}

absl::Status RemoteGraphStore::Export(
    storage::ReportId report,
    const std::function<absl::Status(const storage::Node&)>& node_sink,
    const std::function<absl::Status(const storage::Edge&)>& edge_sink) {
  kg::v1::ExportRequest request;
  if (report != 0) request.set_report_id(storage::IdToHex(report));
  grpc::ClientContext context;
  // An export streams the whole graph: give it the write deadline, not a read's.
  SetDeadline(&context, options_.write_timeout);
  auto reader = stub_->Export(&context, request);
  kg::v1::ExportChunk chunk;
  absl::Status sink_status;
  while (sink_status.ok() && reader->Read(&chunk)) {
    for (const auto& n : chunk.nodes()) {
      auto node = FromProto(n);
      sink_status = node.ok() ? node_sink(*node) : node.status();
      if (!sink_status.ok()) break;
    }
    for (const auto& e : chunk.edges()) {
      if (!sink_status.ok()) break;
      auto edge = FromProto(e);
      sink_status = edge.ok() ? edge_sink(*edge) : edge.status();
    }
  }
  if (!sink_status.ok()) {
    context.TryCancel();
    reader->Finish();
    return sink_status;
  }
  return FromGrpcStatus(reader->Finish());
}

absl::StatusOr<storage::StoreStats> RemoteGraphStore::Stats() {
  kg::v1::StatsResponse response;
  KG_RETURN_IF_ERROR(Read([&](grpc::ClientContext* c) {
    return stub_->Stats(c, kg::v1::StatsRequest(), &response);
  }));
  storage::StoreStats out;
  out.reports = response.reports();
  out.nodes = response.nodes();
  out.edges = response.edges();
  out.name_entries = response.name_entries();
  out.postings = response.postings();
  return out;
}

absl::StatusOr<storage::ConsistencyReport> RemoteGraphStore::CheckConsistency(
    size_t max_problems) {
  kg::v1::CheckRequest request;
  request.set_max_problems(static_cast<uint32_t>(std::min<size_t>(max_problems, UINT32_MAX)));
  kg::v1::CheckResponse response;
  grpc::ClientContext context;
  SetDeadline(&context, options_.admin_timeout);
  KG_RETURN_IF_ERROR(FromGrpcStatus(stub_->Check(&context, request, &response)));
  storage::ConsistencyReport report;
  report.ok = response.consistent();
  report.reports = response.reports();
  report.nodes = response.nodes();
  report.edges = response.edges();
  report.name_entries = response.name_entries();
  report.postings = response.postings();
  report.problem_count = response.problem_count();
  for (const auto& problem : response.problems()) {
    report.problems.push_back({problem.kind(), problem.detail()});
  }
  return report;
}

absl::Status RemoteGraphStore::Backup(const std::string& dir) {
  kg::v1::BackupRequest request;
  request.set_dir(dir);
  kg::v1::BackupResponse response;
  grpc::ClientContext context;
  SetDeadline(&context, options_.admin_timeout);
  return FromGrpcStatus(stub_->Backup(&context, request, &response));
}

}  // namespace kg::client
