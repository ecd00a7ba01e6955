// GraphStoreServiceImpl: the gRPC face of a GraphStore (kg-stored, and kgd's embedded
// store). It only translates between kg.v1 protos and storage calls.
//
// The reads are on gRPC's callback API (services/common/unary_reactor.h): each is
// microseconds of RocksDB reads, done inline on gRPC's thread. The writes (a whole
// report in one synced batch) and the Export stream stay on the synchronous API, whose
// thread pool they may occupy for longer. The reads' messages live in a per-call arena
// (services/common/arena_allocator.h).
#ifndef KG_SERVICES_STORE_GRAPH_STORE_SERVICE_H_
#define KG_SERVICES_STORE_GRAPH_STORE_SERVICE_H_

#include "kg/v1/store.grpc.pb.h"
#include "services/common/arena_allocator.h"
#include "services/common/token_auth.h"
#include "storage/graph_store.h"

namespace kg::store {

// The generated service with the reads on the callback API.
using GraphStoreServiceBase = kg::v1::GraphStoreService::WithCallbackMethod_ListReports<
    kg::v1::GraphStoreService::WithCallbackMethod_GetNodes<
        kg::v1::GraphStoreService::WithCallbackMethod_GetEdges<
            kg::v1::GraphStoreService::WithCallbackMethod_LookupName<
                kg::v1::GraphStoreService::WithCallbackMethod_SearchText<
                    kg::v1::GraphStoreService::WithCallbackMethod_GetSpans<
                        kg::v1::GraphStoreService::WithCallbackMethod_GetText<
                            kg::v1::GraphStoreService::WithCallbackMethod_Stats<
                                kg::v1::GraphStoreService::Service>>>>>>>>;

class GraphStoreServiceImpl final : public GraphStoreServiceBase {
 public:
  // `store` must outlive the service; so must `auth` (null: no authentication), which
  // decides who may write (PutReport, DeleteReport, Backup) and, with --auth-reads, read.
  explicit GraphStoreServiceImpl(storage::GraphStore* store,
                                 const services::TokenAuth* auth = nullptr);

  // Synchronous.
  grpc::Status PutReport(grpc::ServerContext*, const kg::v1::PutReportRequest*,
                         kg::v1::PutReportResponse*) override;
  grpc::Status DeleteReport(grpc::ServerContext*, const kg::v1::DeleteReportRequest*,
                            kg::v1::DeleteReportResponse*) override;
  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest*,
                      grpc::ServerWriter<kg::v1::ExportChunk>*) override;
  // Check scans the whole store and Backup copies it: seconds, not microseconds.
  grpc::Status Check(grpc::ServerContext*, const kg::v1::CheckRequest*,
                     kg::v1::CheckResponse*) override;
  grpc::Status Backup(grpc::ServerContext*, const kg::v1::BackupRequest*,
                      kg::v1::BackupResponse*) override;

  // Callback API.
  grpc::ServerUnaryReactor* ListReports(grpc::CallbackServerContext*,
                                        const kg::v1::ListReportsRequest*,
                                        kg::v1::ListReportsResponse*) override;
  grpc::ServerUnaryReactor* GetNodes(grpc::CallbackServerContext*, const kg::v1::GetNodesRequest*,
                                     kg::v1::GetNodesResponse*) override;
  grpc::ServerUnaryReactor* GetEdges(grpc::CallbackServerContext*, const kg::v1::GetEdgesRequest*,
                                     kg::v1::GetEdgesResponse*) override;
  grpc::ServerUnaryReactor* LookupName(grpc::CallbackServerContext*,
                                       const kg::v1::LookupNameRequest*,
                                       kg::v1::LookupNameResponse*) override;
  grpc::ServerUnaryReactor* SearchText(grpc::CallbackServerContext*,
                                       const kg::v1::SearchTextRequest*,
                                       kg::v1::SearchTextResponse*) override;
  grpc::ServerUnaryReactor* GetSpans(grpc::CallbackServerContext*, const kg::v1::GetSpansRequest*,
                                     kg::v1::GetSpansResponse*) override;
  grpc::ServerUnaryReactor* GetText(grpc::CallbackServerContext*, const kg::v1::GetTextRequest*,
                                    kg::v1::GetTextResponse*) override;
  grpc::ServerUnaryReactor* Stats(grpc::CallbackServerContext*, const kg::v1::StatsRequest*,
                                  kg::v1::StatsResponse*) override;

 private:
  template <typename Request, typename Response>
  using Arena = services::ArenaMessageAllocator<Request, Response>;

  storage::GraphStore* store_;
  const services::TokenAuth* auth_;
  Arena<kg::v1::ListReportsRequest, kg::v1::ListReportsResponse> list_reports_arena_;
  Arena<kg::v1::GetNodesRequest, kg::v1::GetNodesResponse> get_nodes_arena_;
  Arena<kg::v1::GetEdgesRequest, kg::v1::GetEdgesResponse> get_edges_arena_;
  Arena<kg::v1::LookupNameRequest, kg::v1::LookupNameResponse> lookup_name_arena_;
  Arena<kg::v1::SearchTextRequest, kg::v1::SearchTextResponse> search_text_arena_;
  Arena<kg::v1::GetSpansRequest, kg::v1::GetSpansResponse> get_spans_arena_;
  Arena<kg::v1::GetTextRequest, kg::v1::GetTextResponse> get_text_arena_;
};

}  // namespace kg::store

#endif  // KG_SERVICES_STORE_GRAPH_STORE_SERVICE_H_
