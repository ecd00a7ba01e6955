// Shared export stream and stats; see store_streaming.h.
#include "services/common/store_streaming.h"

#include "clients/client/proto_convert.h"
#include "storage/status_macros.h"

namespace kg::services {
namespace {

// Records per streamed message: large enough to amortise framing, small enough to keep
// each message far below the size limit.
constexpr int kExportChunkRecords = 500;

}  // namespace

absl::Status StreamExport(storage::GraphStore* store, const kg::v1::ExportRequest& request,
                          grpc::ServerContext* context,
                          grpc::ServerWriter<kg::v1::ExportChunk>* writer) {
  KG_ASSIGN_OR_RETURN(auto report,
                      client::ParseId(request.report_id(), "report_id", /*allow_empty=*/true));
  kg::v1::ExportChunk chunk;
  int records = 0;
  auto flush = [&]() -> absl::Status {
    if (records == 0) return absl::OkStatus();
    if (context->IsCancelled() || !writer->Write(chunk)) {
      return absl::CancelledError("export stream closed by the client");
    }
    chunk.Clear();
    records = 0;
    return absl::OkStatus();
  };
  KG_RETURN_IF_ERROR(store->Export(
      report,
      [&](const storage::Node& n) {
        client::ToProto(n, chunk.add_nodes());
        return ++records >= kExportChunkRecords ? flush() : absl::OkStatus();
      },
      [&](const storage::Edge& e) {
        client::ToProto(e, chunk.add_edges());
        return ++records >= kExportChunkRecords ? flush() : absl::OkStatus();
      }));
  return flush();
}

absl::Status FillStats(storage::GraphStore* store, kg::v1::StatsResponse* response) {
  KG_ASSIGN_OR_RETURN(auto stats, store->Stats());
  response->set_reports(stats.reports);
  response->set_nodes(stats.nodes);
  response->set_edges(stats.edges);
  response->set_name_entries(stats.name_entries);
  response->set_postings(stats.postings);
  return absl::OkStatus();
}

}  // namespace kg::services
