// A RocksGraphStore and the GraphStore a question reads it through: the store itself
// (as kgd reads) or a RemoteGraphStore over GraphStoreServiceImpl on a loopback port (as
// kg-queryd reads kg-stored, read generations coming back in trailing metadata). For
// query tests parameterised on the two.
#ifndef KG_TESTS_SERVICES_QUERY_LOCAL_OR_SERVED_STORE_H_
#define KG_TESTS_SERVICES_QUERY_LOCAL_OR_SERVED_STORE_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "clients/client/channel.h"
#include "clients/client/remote_graph_store.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/store/graph_store_service.h"
#include "storage/rocks_graph_store.h"

namespace kg::query::testing {

class LocalOrServedStore {
 public:
  LocalOrServedStore() = default;
  LocalOrServedStore(const LocalOrServedStore&) = delete;
  LocalOrServedStore& operator=(const LocalOrServedStore&) = delete;
  ~LocalOrServedStore() {
    remote_.reset();
    if (server_ != nullptr) server_->Shutdown();
  }

  // Opens the store in `dir`; `served` puts it behind the gRPC service for reads().
  absl::Status Open(const std::string& dir, bool served) {
    auto rocks = storage::RocksGraphStore::Open(dir);
    if (!rocks.ok()) return rocks.status();
    rocks_ = std::move(*rocks);
    if (!served) return absl::OkStatus();
    service_ = std::make_unique<store::GraphStoreServiceImpl>(rocks_.get());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    if (server_ == nullptr || port == 0) return absl::UnavailableError("no loopback server");
    remote_ = std::make_unique<client::RemoteGraphStore>(
        client::MakeChannel("127.0.0.1:" + std::to_string(port)));
    return absl::OkStatus();
  }

  // The store itself, for writes (as kg-ingestd's would land in kg-stored).
  storage::RocksGraphStore* rocks() const { return rocks_.get(); }
  // What a question reads: the remote client when served, else the store.
  storage::GraphStore* reads() const {
    return remote_ != nullptr ? static_cast<storage::GraphStore*>(remote_.get()) : rocks_.get();
  }

 private:
  std::unique_ptr<storage::RocksGraphStore> rocks_;
  std::unique_ptr<store::GraphStoreServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<client::RemoteGraphStore> remote_;
};

}  // namespace kg::query::testing

#endif  // KG_TESTS_SERVICES_QUERY_LOCAL_OR_SERVED_STORE_H_
