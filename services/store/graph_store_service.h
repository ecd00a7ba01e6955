// GraphStoreServiceImpl: the gRPC face of a GraphStore (kg-stored, and kgd's embedded
// store). It only translates between kg.v1 protos and storage calls.
#ifndef KG_SERVICES_STORE_GRAPH_STORE_SERVICE_H_
#define KG_SERVICES_STORE_GRAPH_STORE_SERVICE_H_

#include "kg/v1/store.grpc.pb.h"
#include "storage/graph_store.h"

namespace kg::store {

class GraphStoreServiceImpl final : public kg::v1::GraphStoreService::Service {
 public:
  // `store` must outlive the service.
  explicit GraphStoreServiceImpl(storage::GraphStore* store) : store_(store) {}

  grpc::Status PutReport(grpc::ServerContext*, const kg::v1::PutReportRequest*,
                         kg::v1::PutReportResponse*) override;
  grpc::Status DeleteReport(grpc::ServerContext*, const kg::v1::DeleteReportRequest*,
                            kg::v1::DeleteReportResponse*) override;
  grpc::Status ListReports(grpc::ServerContext*, const kg::v1::ListReportsRequest*,
                           kg::v1::ListReportsResponse*) override;
  grpc::Status GetNodes(grpc::ServerContext*, const kg::v1::GetNodesRequest*,
                        kg::v1::GetNodesResponse*) override;
  grpc::Status GetEdges(grpc::ServerContext*, const kg::v1::GetEdgesRequest*,
                        kg::v1::GetEdgesResponse*) override;
  grpc::Status LookupName(grpc::ServerContext*, const kg::v1::LookupNameRequest*,
                          kg::v1::LookupNameResponse*) override;
  grpc::Status SearchText(grpc::ServerContext*, const kg::v1::SearchTextRequest*,
                          kg::v1::SearchTextResponse*) override;
  grpc::Status GetText(grpc::ServerContext*, const kg::v1::GetTextRequest*,
                       kg::v1::GetTextResponse*) override;
  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest*,
                      grpc::ServerWriter<kg::v1::ExportChunk>*) override;
  grpc::Status Stats(grpc::ServerContext*, const kg::v1::StatsRequest*,
                     kg::v1::StatsResponse*) override;

 private:
  storage::GraphStore* store_;
};

}  // namespace kg::store

#endif  // KG_SERVICES_STORE_GRAPH_STORE_SERVICE_H_
