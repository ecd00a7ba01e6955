// kg-queryd: serves QueryService, reading through kg-stored's GraphStoreService.
#include "clients/client/channel.h"
#include "clients/client/remote_graph_store.h"
#include "services/common/daemon_flags.h"
#include "services/common/log.h"
#include "services/common/server_runner.h"
#include "services/common/token_auth.h"
#include "services/query/query_service.h"

int main(int argc, char** argv) {
  using namespace kg::services;
  BlockStopSignals();
  ServerConfig config;
  config.listen = "127.0.0.1:50051";
  CLI::App app("kg-queryd: answers relationship questions over kg-stored", "kg-queryd");
  AddListenFlags(app, &config);
  AddTlsFlags(app, &config);
  AddAuthFlags(app, &config);
  AddStoreFlag(app, &config);
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
  kg::query::QueryServiceImpl service(&store, auth->get());
  ServerExtras extras;
  extras.readiness = StoreReadiness(*store_channel);  // NOT_SERVING while the store is away
  auto status = RunServer("kg-queryd", config, {{&service, "kg.v1.QueryService"}}, extras);
  if (!status.ok()) LogError(std::string(status.message()));
  return status.ok() ? kExitOk : kExitFailure;
}
