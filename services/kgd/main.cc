// kgd: IngestService, QueryService and GraphStoreService in one process over one
// embedded RocksDB store — the default for a laptop, a test or a single container.
#include <memory>

#include "services/common/daemon_flags.h"
#include "services/common/log.h"
#include "services/common/server_runner.h"
#include "services/common/token_auth.h"
#include "services/ingest/ingest_service.h"
#include "services/query/query_service.h"
#include "services/store/graph_store_service.h"
#include "services/store/store_metrics.h"
#include "storage/rocks_graph_store.h"

int main(int argc, char** argv) {
  using namespace kg::services;
  BlockStopSignals();
  ServerConfig config;
  CLI::App app("kgd: all kg services in one process over an embedded store", "kgd");
  AddListenFlags(app, &config);
  AddTlsFlags(app, &config);
  AddAuthFlags(app, &config);
  AddDataDirFlag(app, &config);
  AddGazetteerFlag(app, &config);
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
  kg::store::GraphStoreServiceImpl store_service(store->get(), auth->get());
  auto gazetteer = kg::ingest::LoadGazetteerForDaemon(config.gazetteer_dir);
  kg::ingest::IngestServiceImpl ingest_service(store->get(), gazetteer.get(), auth->get());
  kg::query::QueryServiceImpl query_service(store->get(), auth->get());
  ServerExtras extras;
  extras.collectables.push_back(std::make_shared<kg::store::StoreMetrics>(store->get()));
  auto status = RunServer("kgd", config,
                          {{&store_service, "kg.v1.GraphStoreService"},
                           {&ingest_service, "kg.v1.IngestService"},
                           {&query_service, "kg.v1.QueryService"}},
                          extras);
  if (!status.ok()) LogError(std::string(status.message()));
  return status.ok() ? kExitOk : kExitFailure;
}
