// QueryServiceImpl: the gRPC face of QueryEngine. Translates requests into engine
// calls and answers into protos; reads that need no domain logic (reports, export,
// stats) pass straight to the GraphStore.
//
// Unary methods are on gRPC's callback API (services/common/unary_reactor.h): the
// handler runs inline on gRPC's thread, with no hand-off to a thread pool. In kgd the
// store is in process, so a handler blocks only for RocksDB reads (microseconds, mostly
// cache hits); in kg-queryd the store is kg-stored, and each store read is a blocking
// gRPC call made from the callback thread (see docs/PERFORMANCE.md, "Query latency").
#ifndef KG_SERVICES_QUERY_QUERY_SERVICE_H_
#define KG_SERVICES_QUERY_QUERY_SERVICE_H_

#include "kg/v1/query.grpc.pb.h"
#include "services/common/arena_allocator.h"
#include "services/common/token_auth.h"
#include "services/query/cypher/cypher_engine.h"
#include "services/query/query_engine.h"
#include "storage/graph_store.h"

namespace kg::query {

// The generated service with every unary method on the callback API; Export and
// Cypher (streams) stay synchronous.
using QueryServiceBase =
    kg::v1::QueryService::WithCallbackMethod_Serves<kg::v1::QueryService::WithCallbackMethod_Show<
        kg::v1::QueryService::WithCallbackMethod_Neighbors<
            kg::v1::QueryService::WithCallbackMethod_ListReports<
                kg::v1::QueryService::WithCallbackMethod_Stats<
                    kg::v1::QueryService::WithCallbackMethod_Mentions<
                        kg::v1::QueryService::WithCallbackMethod_Term<
                            kg::v1::QueryService::WithCallbackMethod_Targets<
                                kg::v1::QueryService::WithCallbackMethod_Path<
                                    kg::v1::QueryService::WithCallbackMethod_Search<
                                        kg::v1::QueryService::Service>>>>>>>>>>;

class QueryServiceImpl final : public QueryServiceBase {
 public:
  // `store` must outlive the service; so must `auth` (null: no authentication), which
  // with --auth-reads decides who may ask.
  explicit QueryServiceImpl(storage::GraphStore* store, const services::TokenAuth* auth = nullptr);

  grpc::ServerUnaryReactor* Serves(grpc::CallbackServerContext*, const kg::v1::ServesRequest*,
                                   kg::v1::ServesResponse*) override;
  grpc::ServerUnaryReactor* Show(grpc::CallbackServerContext*, const kg::v1::ShowRequest*,
                                 kg::v1::ShowResponse*) override;
  grpc::ServerUnaryReactor* Neighbors(grpc::CallbackServerContext*, const kg::v1::NeighborsRequest*,
                                      kg::v1::NeighborsResponse*) override;
  grpc::ServerUnaryReactor* ListReports(grpc::CallbackServerContext*,
                                        const kg::v1::ListReportsRequest*,
                                        kg::v1::ListReportsResponse*) override;
  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest*,
                      grpc::ServerWriter<kg::v1::ExportChunk>*) override;
  grpc::ServerUnaryReactor* Stats(grpc::CallbackServerContext*, const kg::v1::StatsRequest*,
                                  kg::v1::StatsResponse*) override;
  grpc::ServerUnaryReactor* Mentions(grpc::CallbackServerContext*, const kg::v1::MentionsRequest*,
                                     kg::v1::MentionsResponse*) override;
  grpc::ServerUnaryReactor* Term(grpc::CallbackServerContext*, const kg::v1::TermRequest*,
                                 kg::v1::TermResponse*) override;
  grpc::ServerUnaryReactor* Targets(grpc::CallbackServerContext*, const kg::v1::TargetsRequest*,
                                    kg::v1::TargetsResponse*) override;
  grpc::ServerUnaryReactor* Path(grpc::CallbackServerContext*, const kg::v1::PathRequest*,
                                 kg::v1::PathResponse*) override;
  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext*, const kg::v1::SearchRequest*,
                                   kg::v1::SearchResponse*) override;
  // A stream, so synchronous like Export.
  grpc::Status Cypher(grpc::ServerContext*, const kg::v1::CypherRequest*,
                      grpc::ServerWriter<kg::v1::CypherResponse>*) override;

 private:
  template <typename Request, typename Response>
  using Arena = services::ArenaMessageAllocator<Request, Response>;

  storage::GraphStore* store_;
  const services::TokenAuth* auth_;
  QueryEngine engine_;
  cypher::CypherEngine cypher_;
  // Each call's messages in one arena (services/common/arena_allocator.h).
  Arena<kg::v1::ServesRequest, kg::v1::ServesResponse> serves_arena_;
  Arena<kg::v1::ShowRequest, kg::v1::ShowResponse> show_arena_;
  Arena<kg::v1::NeighborsRequest, kg::v1::NeighborsResponse> neighbors_arena_;
  Arena<kg::v1::MentionsRequest, kg::v1::MentionsResponse> mentions_arena_;
  Arena<kg::v1::TermRequest, kg::v1::TermResponse> term_arena_;
  Arena<kg::v1::TargetsRequest, kg::v1::TargetsResponse> targets_arena_;
  Arena<kg::v1::PathRequest, kg::v1::PathResponse> path_arena_;
  Arena<kg::v1::SearchRequest, kg::v1::SearchResponse> search_arena_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_QUERY_SERVICE_H_
