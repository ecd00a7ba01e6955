// Query handler; see query_service.h.
#include "services/query/query_service.h"

#include "clients/client/grpc_status.h"
#include "clients/client/proto_convert.h"
#include "services/common/store_streaming.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

using client::ToGrpcStatus;
using client::ToProto;

// Attributes a list shows beside a name; the rest are one `show` away.
constexpr const char* kRefAttrs[] = {"level", "ordinal", "kind", "part"};

void ToRef(const storage::Node& node, kg::v1::EntityRef* out) {
  out->set_id(storage::IdToHex(node.id));
  out->set_type(node.type);
  out->set_name(node.name);
  for (const char* key : kRefAttrs) {
    auto it = node.attrs.find(key);
    if (it != node.attrs.end()) (*out->mutable_attrs())[key] = it->second;
  }
}

void ToQuote(const Quote& quote, kg::v1::Quote* out) {
  ToProto(quote.span, out->mutable_span());
  out->set_text(quote.text);
}

absl::StatusOr<ReportFilter> FromProto(const kg::v1::ReportFilter& filter) {
  ReportFilter out;
  KG_ASSIGN_OR_RETURN(out.report, client::ParseId(filter.report_id(), "filter.report_id", true));
  out.region = filter.region();
  out.year = filter.year();
  return out;
}

}  // namespace

grpc::Status QueryServiceImpl::Serves(grpc::ServerContext*,
                                      const kg::v1::ServesRequest* request,
                                      kg::v1::ServesResponse* response) {
  return ToGrpcStatus([&]() -> absl::Status {
    ServesOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.include_review = request->include_review();
    options.min_score = request->min_score();
    KG_ASSIGN_OR_RETURN(auto answer, engine_.Serves(request->phrase(), options));
    for (const auto& g : answer.goals) ToRef(g, response->add_goals());
    for (const auto& r : answer.rows) {
      auto* row = response->add_rows();
      ToRef(r.task, row->mutable_task());
      if (r.area.id != 0) ToRef(r.area, row->mutable_area());
      for (const auto& s : r.served) {
        auto* served = row->add_served();
        ToRef(s.goal, served->mutable_goal());
        served->set_evidence(s.evidence);
        ToQuote(s.quote, served->mutable_quote());
        served->set_score(s.score);
      }
    }
    return absl::OkStatus();
  }());
}

grpc::Status QueryServiceImpl::Show(grpc::ServerContext*, const kg::v1::ShowRequest* request,
                                    kg::v1::ShowResponse* response) {
  return ToGrpcStatus([&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto filter, FromProto(request->filter()));
    KG_ASSIGN_OR_RETURN(auto answer, engine_.Show(request->name(), filter));
    ToProto(answer.node, response->mutable_node());
    for (const auto& q : answer.quotes) ToQuote(q, response->add_quotes());
    for (const auto& e : answer.edges) {
      auto* view = response->add_edges();
      ToProto(e.edge, view->mutable_edge());
      ToRef(e.other, view->mutable_other());
      view->set_direction(e.outgoing ? "out" : "in");
    }
    for (const auto& a : answer.alternatives) ToRef(a, response->add_alternatives());
    return absl::OkStatus();
  }());
}

grpc::Status QueryServiceImpl::Neighbors(grpc::ServerContext*,
                                         const kg::v1::NeighborsRequest* request,
                                         kg::v1::NeighborsResponse* response) {
  return ToGrpcStatus([&]() -> absl::Status {
    NeighborsOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.edge_type = request->edge_type();
    options.node_type = request->node_type();
    options.depth = request->depth();
    options.limit = request->limit();
    KG_ASSIGN_OR_RETURN(auto answer, engine_.Neighbors(request->name(), options));
    ToRef(answer.start, response->mutable_start());
    for (const auto& n : answer.neighbors) {
      auto* out = response->add_neighbors();
      ToRef(n.node, out->mutable_node());
      ToProto(n.via, out->mutable_via());
      out->set_direction(n.outgoing ? "out" : "in");
      out->set_depth(n.depth);
    }
    response->set_truncated(answer.truncated);
    return absl::OkStatus();
  }());
}

grpc::Status QueryServiceImpl::ListReports(grpc::ServerContext*,
                                           const kg::v1::ListReportsRequest*,
                                           kg::v1::ListReportsResponse* response) {
  return ToGrpcStatus([&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto reports, store_->ListReports());
    for (const auto& r : reports) ToProto(r, response->add_reports());
    return absl::OkStatus();
  }());
}

grpc::Status QueryServiceImpl::Export(grpc::ServerContext* context,
                                      const kg::v1::ExportRequest* request,
                                      grpc::ServerWriter<kg::v1::ExportChunk>* writer) {
  return client::ToGrpcStatus(services::StreamExport(store_, *request, context, writer));
}

grpc::Status QueryServiceImpl::Stats(grpc::ServerContext*, const kg::v1::StatsRequest*,
                                     kg::v1::StatsResponse* response) {
  return client::ToGrpcStatus(services::FillStats(store_, response));
}

}  // namespace kg::query
