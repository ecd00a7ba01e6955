// Ingest handler; see ingest_service.h.
#include "services/ingest/ingest_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/client/grpc_status.h"
#include "clients/client/proto_convert.h"
#include "services/common/log.h"
#include "services/ingest/ingest_pipeline.h"
#include "storage/status_macros.h"

namespace kg::ingest {
namespace {

// A store that cannot be reached is reported as UNAVAILABLE whatever the transport
// said (a deadline, a reset), so callers know they may retry. After a deadline the
// store may still finish the write (it does not abandon a queued write), so only an
// unreachable store means that nothing was stored; retrying is safe either way, as an
// ingest replaces the report with the same identity.
absl::Status StoreWriteError(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnavailable) {
    return absl::UnavailableError(
        absl::StrCat("graph store unreachable, nothing was stored: ", status.message()));
  }
  if (status.code() == absl::StatusCode::kDeadlineExceeded) {
    return absl::UnavailableError(absl::StrCat(
        "graph store did not answer in time; the report may or may not be stored, and "
        "ingesting it again is safe: ",
        status.message()));
  }
  return status;
}

}  // namespace

grpc::Status IngestServiceImpl::Ingest(grpc::ServerContext* context,
                                       const kg::v1::IngestRequest* request,
                                       kg::v1::IngestResponse* response) {
  absl::Status status = [&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(
        auth_, *context, request->dry_run() ? services::Access::kRead : services::Access::kWrite));
    IngestOptions options;
    options.encoding = request->encoding();
    options.region = request->region();
    options.year = request->year();
    options.edition = request->edition();
    KG_ASSIGN_OR_RETURN(auto result, BuildReportGraph(request->content(), options, gazetteer_));
    response->set_encoding(result.encoding);
    for (const auto& w : result.warnings) response->add_warnings(w);

    if (request->dry_run()) {
      client::ToProto(result.graph.info, response->mutable_report());
      response->mutable_report()->set_node_count(result.graph.nodes.size());
      response->mutable_report()->set_edge_count(result.graph.edges.size());
      for (const auto& n : result.graph.nodes) client::ToProto(n, response->add_nodes());
      for (const auto& e : result.graph.edges) client::ToProto(e, response->add_edges());
      return absl::OkStatus();
    }
    bool replaced = false;
    auto stored = store_->PutReport(result.graph, &replaced);
    if (!stored.ok()) return StoreWriteError(stored.status());
    client::ToProto(*stored, response->mutable_report());
    response->set_replaced(replaced);
    return absl::OkStatus();
  }();
  services::LogInfo("ingest", {{"source", request->source_name()},
                               {"bytes", absl::StrCat(request->content().size())},
                               {"dry_run", request->dry_run() ? "true" : "false"},
                               {"status", status.ok() ? "OK" : status.ToString()},
                               {"report", response->report().id()}});
  return client::ToGrpcStatus(status);
}

std::unique_ptr<const places::Gazetteer> LoadGazetteerForDaemon(const std::string& dir) {
  absl::Time start = absl::Now();
  auto gazetteer = places::Gazetteer::Load(dir);
  if (!gazetteer.ok()) {
    services::Log("warning", "no gazetteer: places will not be resolved to divisions",
                  {{"gazetteer", dir}, {"error", std::string(gazetteer.status().message())}});
    return nullptr;
  }
  services::LogInfo("gazetteer loaded",
                    {{"gazetteer", dir},
                     {"divisions", absl::StrCat((*gazetteer)->size())},
                     {"ms", absl::StrCat(absl::ToInt64Milliseconds(absl::Now() - start))}});
  return *std::move(gazetteer);
}

grpc::Status IngestServiceImpl::DeleteReport(grpc::ServerContext* context,
                                             const kg::v1::DeleteReportRequest* request,
                                             kg::v1::DeleteReportResponse*) {
  absl::Status status = [&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(auth_, *context, services::Access::kWrite));
    KG_ASSIGN_OR_RETURN(auto id, client::ParseId(request->report_id(), "report_id"));
    auto deleted = store_->DeleteReport(id);
    return deleted.ok() ? deleted : StoreWriteError(deleted);
  }();
  return client::ToGrpcStatus(status);
}

}  // namespace kg::ingest
