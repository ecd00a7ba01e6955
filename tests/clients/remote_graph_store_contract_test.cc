// Runs the GraphStore contract suite (tests/storage/graph_store_contract.h) against
// RemoteGraphStore talking over real gRPC, on a free loopback port, to
// GraphStoreServiceImpl over a RocksGraphStore — the path kg-ingestd and kg-queryd use.
#include <memory>
#include <string>

#include "clients/client/channel.h"
#include "clients/client/remote_graph_store.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/store/graph_store_service.h"
#include "storage/rocks_graph_store.h"
#include "tests/storage/graph_store_contract.h"

namespace kg::storage::testing {
namespace {

// A RemoteGraphStore that owns the server it talks to. Every call goes over the wire.
class ServedRemoteStore final : public GraphStore {
 public:
  static absl::StatusOr<std::unique_ptr<GraphStore>> Open(const std::string& dir) {
    auto self = std::unique_ptr<ServedRemoteStore>(new ServedRemoteStore());
    auto rocks = RocksGraphStore::Open(dir);
    if (!rocks.ok()) return rocks.status();
    self->rocks_ = std::move(*rocks);
    self->service_ = std::make_unique<store::GraphStoreServiceImpl>(self->rocks_.get());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.SetMaxReceiveMessageSize(client::kMaxMessageBytes);
    builder.RegisterService(self->service_.get());
    self->server_ = builder.BuildAndStart();
    if (self->server_ == nullptr || port == 0) return absl::UnavailableError("no port");
    self->remote_ = std::make_unique<client::RemoteGraphStore>(
        client::MakeChannel("127.0.0.1:" + std::to_string(port)));
    return std::unique_ptr<GraphStore>(std::move(self));
  }

  ~ServedRemoteStore() override {
    remote_.reset();
    if (server_) server_->Shutdown();
  }

  absl::StatusOr<ReportInfo> PutReport(const ReportGraph& g, bool* replaced) override {
    return remote_->PutReport(g, replaced);
  }
  absl::Status DeleteReport(ReportId r) override { return remote_->DeleteReport(r); }
  absl::StatusOr<std::vector<ReportInfo>> ListReports() override {
    return remote_->ListReports();
  }
  absl::StatusOr<Node> GetNode(NodeId id) override { return remote_->GetNode(id); }
  absl::StatusOr<std::vector<Node>> GetNodes(const std::vector<NodeId>& ids) override {
    return remote_->GetNodes(ids);
  }
  absl::StatusOr<std::vector<Edge>> GetEdges(NodeId n, Direction d, std::string_view type,
                                             size_t limit, bool* truncated) override {
    return remote_->GetEdges(n, d, type, limit, truncated);
  }
  absl::StatusOr<std::vector<Node>> LookupName(std::string_view name,
                                               std::string_view type) override {
    return remote_->LookupName(name, type);
  }
  absl::StatusOr<std::vector<SearchHit>> SearchText(std::string_view q, std::string_view type,
                                                    double min_score, size_t limit) override {
    return remote_->SearchText(q, type, min_score, limit);
  }
  absl::StatusOr<std::vector<std::string>> GetText(const std::vector<Span>& spans) override {
    return remote_->GetText(spans);
  }
  absl::Status Export(ReportId r, const std::function<absl::Status(const Node&)>& nodes,
                      const std::function<absl::Status(const Edge&)>& edges) override {
    return remote_->Export(r, nodes, edges);
  }
  absl::StatusOr<StoreStats> Stats() override { return remote_->Stats(); }

 private:
  ServedRemoteStore() = default;
  std::unique_ptr<RocksGraphStore> rocks_;
  std::unique_ptr<store::GraphStoreServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<client::RemoteGraphStore> remote_;
};

INSTANTIATE_TEST_SUITE_P(Remote, GraphStoreContractTest,
                         ::testing::Values(GraphStoreContractParam{"Remote",
                                                                   ServedRemoteStore::Open}),
                         GraphStoreContractParamName);

}  // namespace
}  // namespace kg::storage::testing
