// QueryServiceImpl: the gRPC face of QueryEngine. Translates requests into engine
// calls and answers into protos; reads that need no domain logic (reports, export,
// stats) pass straight to the GraphStore.
#ifndef KG_SERVICES_QUERY_QUERY_SERVICE_H_
#define KG_SERVICES_QUERY_QUERY_SERVICE_H_

#include "kg/v1/query.grpc.pb.h"
#include "services/query/query_engine.h"
#include "storage/graph_store.h"

namespace kg::query {

class QueryServiceImpl final : public kg::v1::QueryService::Service {
 public:
  // `store` must outlive the service.
  explicit QueryServiceImpl(storage::GraphStore* store) : store_(store), engine_(store) {}

  grpc::Status Serves(grpc::ServerContext*, const kg::v1::ServesRequest*,
                      kg::v1::ServesResponse*) override;
  grpc::Status Show(grpc::ServerContext*, const kg::v1::ShowRequest*,
                    kg::v1::ShowResponse*) override;
  grpc::Status Neighbors(grpc::ServerContext*, const kg::v1::NeighborsRequest*,
                         kg::v1::NeighborsResponse*) override;
  grpc::Status ListReports(grpc::ServerContext*, const kg::v1::ListReportsRequest*,
                           kg::v1::ListReportsResponse*) override;
  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest*,
                      grpc::ServerWriter<kg::v1::ExportChunk>*) override;
  grpc::Status Stats(grpc::ServerContext*, const kg::v1::StatsRequest*,
                     kg::v1::StatsResponse*) override;
  grpc::Status Mentions(grpc::ServerContext*, const kg::v1::MentionsRequest*,
                        kg::v1::MentionsResponse*) override;
  grpc::Status Term(grpc::ServerContext*, const kg::v1::TermRequest*,
                    kg::v1::TermResponse*) override;
  grpc::Status Targets(grpc::ServerContext*, const kg::v1::TargetsRequest*,
                       kg::v1::TargetsResponse*) override;
  grpc::Status Path(grpc::ServerContext*, const kg::v1::PathRequest*,
                    kg::v1::PathResponse*) override;
  grpc::Status Search(grpc::ServerContext*, const kg::v1::SearchRequest*,
                      kg::v1::SearchResponse*) override;

 private:
  storage::GraphStore* store_;
  QueryEngine engine_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_QUERY_SERVICE_H_
