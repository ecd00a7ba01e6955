// gRPC server lifecycle; see server_runner.h.
#include "services/common/server_runner.h"

#include <signal.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "clients/client/channel.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/common/access_log.h"
#include "services/common/log.h"
#include "services/common/metrics.h"
#include "storage/status_macros.h"

namespace kg::services {
namespace {

sigset_t StopSignalSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

absl::Status WritePortFile(const std::string& path, int port) {
  // Write then rename, so a reader never sees a half-written file.
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out) return absl::InternalError("cannot write port file " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::InternalError("cannot rename port file to " + path);
  }
  return absl::OkStatus();
}

}  // namespace

void BlockStopSignals() {
  sigset_t set = StopSignalSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

absl::Status RunServer(const std::string& daemon_name, const ServerConfig& config,
                       const std::vector<HostedService>& services, const ServerExtras& extras) {
  // Declared before the server, so it outlives the interceptors that feed it.
  std::unique_ptr<Metrics> metrics;
  if (!config.metrics_listen.empty()) {
    KG_ASSIGN_OR_RETURN(metrics, Metrics::Start(config.metrics_listen));
    for (const auto& collectable : extras.collectables) metrics->Register(collectable);
    LogInfo("metrics", {{"daemon", daemon_name},
                        {"address", metrics->address()},
                        {"path", "/metrics"}});
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(client::kMaxMessageBytes);
  builder.SetMaxSendMessageSize(client::kMaxMessageBytes);
  for (const auto& hosted : services) builder.RegisterService(hosted.service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(MakeAccessLogInterceptorFactory(daemon_name));
  if (metrics != nullptr) creators.push_back(metrics->MakeInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }

  auto* health = server->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const auto& hosted : services) health->SetServingStatus(hosted.health_name, true);

  std::string host = config.listen.substr(0, config.listen.rfind(':'));
  LogInfo("serving", {{"daemon", daemon_name}, {"address", absl::StrCat(host, ":", port)}});
  if (!config.port_file.empty()) {
    if (auto s = WritePortFile(config.port_file, port); !s.ok()) {
      server->Shutdown();
      return s;
    }
  }

  std::thread stopper([&] {
    sigset_t set = StopSignalSet();
    int signal_number = 0;
    sigwait(&set, &signal_number);
    LogInfo("stopping", {{"daemon", daemon_name}, {"signal", strsignal(signal_number)}});
    health->SetServingStatus(false);
    server->Shutdown(std::chrono::system_clock::now() +
                     std::chrono::seconds(config.grace_seconds));
  });
  server->Wait();
  stopper.join();
  LogInfo("stopped", {{"daemon", daemon_name}});
  return absl::OkStatus();
}

}  // namespace kg::services
