// kg-ingestd: serves IngestService, writing through kg-stored's GraphStoreService.
#include "clients/client/channel.h"
#include "clients/client/remote_graph_store.h"
#include "services/common/daemon_flags.h"
#include "services/common/log.h"
#include "services/common/server_runner.h"
#include "services/common/token_auth.h"
#include "services/ingest/ingest_service.h"

int main(int argc, char** argv) {
  using namespace kg::services;
  BlockStopSignals();
  ServerConfig config;
  config.listen = "127.0.0.1:50053";
  CLI::App app("kg-ingestd: cleans and extracts reports, stores them via kg-stored",
               "kg-ingestd");
  AddListenFlags(app, &config);
  AddTlsFlags(app, &config);
  AddAuthFlags(app, &config);
  AddStoreFlag(app, &config);
  AddGazetteerFlag(app, &config);
  if (auto code = ParseDaemonFlags(app, config, argc, argv)) return *code;

  auto auth = TokenAuthFromFlags(config.tokens_file, config.auth_reads);
  if (!auth.ok()) {
    LogError(std::string(auth.status().message()));
    return kExitBadConfig;
  }
  if (auto s = LoadStoreToken(&config); !s.ok()) {
    LogError(std::string(s.message()));
    return kExitBadConfig;
  }
  auto store_channel = kg::client::MakeChannel(config.store, config.store_security);
  if (!store_channel.ok()) {
    LogError(std::string(store_channel.status().message()));
    return kExitBadConfig;
  }
  kg::client::RemoteGraphStore store(*store_channel);
  auto gazetteer = kg::ingest::LoadGazetteerForDaemon(config.gazetteer_dir);
  kg::ingest::IngestServiceImpl service(&store, gazetteer.get(), auth->get());
  ServerExtras extras;
  extras.readiness = StoreReadiness(*store_channel);  // NOT_SERVING while the store is away
  auto status = RunServer("kg-ingestd", config, {{&service, "kg.v1.IngestService"}}, extras);
  if (!status.ok()) LogError(std::string(status.message()));
  return status.ok() ? kExitOk : kExitFailure;
}
