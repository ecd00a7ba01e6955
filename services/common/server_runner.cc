// gRPC server lifecycle; see server_runner.h.
#include "services/common/server_runner.h"

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "clients/client/channel.h"
#include "clients/client/credential_files.h"
#include "clients/client/health_probe.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/common/access_log.h"
#include "services/common/log.h"
#include "services/common/metrics.h"
#include "services/common/request_parse_interceptor.h"
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

// Plaintext, TLS, or TLS that requires client certificates, as the config says.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerConfig& config) {
  if (config.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  KG_ASSIGN_OR_RETURN(pair.cert_chain, client::ReadCredentialFile(config.tls_cert_file,
                                                                  "--tls-cert"));
  KG_ASSIGN_OR_RETURN(pair.private_key, client::ReadCredentialFile(config.tls_key_file,
                                                                   "--tls-key"));
  bool mutual = !config.tls_client_ca_file.empty();
  grpc::SslServerCredentialsOptions options(
      mutual ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
             : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  if (mutual) {
    KG_ASSIGN_OR_RETURN(options.pem_root_certs,
                        client::ReadCredentialFile(config.tls_client_ca_file, "--tls-client-ca"));
  }
  options.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(options);
}

// Keeps the health service's statuses in step with the daemon's readiness until Stop.
// Thread-safe.
class HealthUpdater {
 public:
  HealthUpdater(std::string daemon, grpc::HealthCheckServiceInterface* health,
                const std::vector<HostedService>& services, const ServerExtras& extras)
      : daemon_(std::move(daemon)), health_(health), extras_(extras) {
    for (const auto& hosted : services) names_.push_back(hosted.health_name);
  }

  // Asks the readiness probe once and sets the statuses; then again every period on a
  // thread of its own, if there is a probe.
  void Start() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      Set(false);  // gRPC's health service starts out SERVING
    }
    Update();
    if (extras_.readiness) thread_ = std::thread([this] { Loop(); });
  }

  // NOT_SERVING from now on; joins the probe thread.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      Set(false);
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, extras_.readiness_period, [this] { return stopping_; })) {
      lock.unlock();
      Update();
      lock.lock();
    }
  }

  void Update() {
    absl::Status ready = extras_.readiness ? extras_.readiness() : absl::OkStatus();
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (!known_ || ready.ok() != serving_) {
      if (ready.ok()) {
        LogInfo("ready", {{"daemon", daemon_}});
      } else {
        LogError("not ready", {{"daemon", daemon_}, {"error", std::string(ready.message())}});
      }
    }
    known_ = true;
    Set(ready.ok());
  }

  // Needs mutex_.
  void Set(bool serving) {
    serving_ = serving;
    health_->SetServingStatus(serving);
    for (const auto& name : names_) health_->SetServingStatus(name, serving);
  }

  const std::string daemon_;
  grpc::HealthCheckServiceInterface* const health_;
  const ServerExtras& extras_;
  std::vector<std::string> names_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool known_ = false;
  bool serving_ = false;
  std::thread thread_;
};

}  // namespace

std::function<absl::Status()> StoreReadiness(std::shared_ptr<grpc::Channel> store_channel) {
  return [channel = std::move(store_channel)] {
    return client::CheckServing(channel, "kg.v1.GraphStoreService", absl::Seconds(1));
  };
}

void BlockStopSignals() {
  sigset_t set = StopSignalSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

absl::Status RunServer(const std::string& daemon_name, const ServerConfig& config,
                       const std::vector<HostedService>& services, const ServerExtras& extras) {
  // Debian's Abseil checks every absl::Mutex acquisition for lock-order cycles (a graph
  // update per lock, a measurable share of a query's CPU); the daemons' locks are few and
  // flat, and the tests run with the check on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
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
  KG_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                      ServerCredentialsFor(config));
  builder.AddListeningPort(config.listen, credentials, &port);
  builder.SetMaxReceiveMessageSize(client::kMaxMessageBytes);
  builder.SetMaxSendMessageSize(client::kMaxMessageBytes);
  for (const auto& hosted : services) builder.RegisterService(hosted.service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  // First, so the access log records the status it corrects.
  creators.push_back(MakeRequestParseInterceptorFactory());
  creators.push_back(MakeAccessLogInterceptorFactory(daemon_name));
  if (metrics != nullptr) creators.push_back(metrics->MakeInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }

  HealthUpdater health(daemon_name, server->GetHealthCheckService(), services, extras);
  health.Start();

  std::string host = config.listen.substr(0, config.listen.rfind(':'));
  LogInfo("serving", {{"daemon", daemon_name}, {"address", absl::StrCat(host, ":", port)}});
  if (!config.port_file.empty()) {
    if (auto s = WritePortFile(config.port_file, port); !s.ok()) {
      health.Stop();
      server->Shutdown();
      return s;
    }
  }

  std::thread stopper([&] {
    sigset_t set = StopSignalSet();
    int signal_number = 0;
    sigwait(&set, &signal_number);
    LogInfo("stopping", {{"daemon", daemon_name}, {"signal", strsignal(signal_number)}});
    health.Stop();
    server->Shutdown(std::chrono::system_clock::now() +
                     std::chrono::seconds(config.grace_seconds));
  });
  server->Wait();
  stopper.join();
  LogInfo("stopped", {{"daemon", daemon_name}});
  return absl::OkStatus();
}

}  // namespace kg::services
