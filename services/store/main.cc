// kg-stored: owns the RocksDB database and serves GraphStoreService.
#include <memory>

#include "services/common/daemon_flags.h"
#include "services/common/log.h"
#include "services/common/server_runner.h"
#include "services/common/token_auth.h"
#include "services/store/graph_store_service.h"
#include "services/store/store_metrics.h"
#include "storage/rocks_graph_store.h"

int main(int argc, char** argv) {
  using namespace kg::services;
  BlockStopSignals();
  ServerConfig config;
  config.listen = "127.0.0.1:50052";
  CLI::App app("kg-stored: the kg graph store (GraphStoreService over RocksDB)", "kg-stored");
  AddListenFlags(app, &config);
  AddTlsFlags(app, &config);
  AddAuthFlags(app, &config);
  AddDataDirFlag(app, &config);
  if (auto code = ParseDaemonFlags(app, config, argc, argv)) return *code;

  auto auth = TokenAuthFromFlags(config.tokens_file, config.auth_reads);
  if (!auth.ok()) {
    LogError(std::string(auth.status().message()));
    return kExitBadConfig;
  }
  auto store = kg::storage::RocksGraphStore::Open(config.data_dir);
  if (!store.ok()) {
    LogError("cannot open store", {{"data_dir", config.data_dir},
                                   {"error", std::string(store.status().message())}});
    return kExitFailure;
  }
  kg::store::GraphStoreServiceImpl service(store->get(), auth->get());
  ServerExtras extras;
  extras.collectables.push_back(std::make_shared<kg::store::StoreMetrics>(store->get()));
  auto status = RunServer("kg-stored", config, {{&service, "kg.v1.GraphStoreService"}}, extras);
  if (!status.ok()) LogError(std::string(status.message()));
  return status.ok() ? kExitOk : kExitFailure;
}
