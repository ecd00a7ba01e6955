// Runs a daemon's gRPC server: limits, health, reflection, and a graceful stop on
// SIGTERM/SIGINT (health goes NOT_SERVING, new calls are refused, in-flight calls get
// the grace period, then the caller closes its database).
#ifndef KG_SERVICES_COMMON_SERVER_RUNNER_H_
#define KG_SERVICES_COMMON_SERVER_RUNNER_H_

#include <string>
#include <vector>

#include <chrono>
#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "prometheus/collectable.h"
#include "grpcpp/channel.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "services/common/server_config.h"

namespace kg::services {

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts later.
// Call first thing in main, before RocksDB or gRPC start threads, so the signals
// reach only RunServer's waiter.
void BlockStopSignals();

// A service to host, and the name health checks know it by (its full proto name).
struct HostedService {
  grpc::Service* service;
  std::string health_name;
};

// What a daemon adds to the common server.
struct ServerExtras {
  // Metrics of the daemon's own, scraped with the RPC metrics when --metrics-listen is set.
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables;
  // Whether the daemon can do its work now (kg-queryd and kg-ingestd: kg-stored answers).
  // Asked at start and every `readiness_period`; while it fails, health says NOT_SERVING
  // for every service (calls are still accepted, and fail with the store's error). Empty:
  // always ready.
  std::function<absl::Status()> readiness;
  std::chrono::milliseconds readiness_period{2000};
};

// A readiness probe for daemons that work through kg-stored: OK while the store's
// health service says GraphStoreService is SERVING (asked with a 1 s deadline).
std::function<absl::Status()> StoreReadiness(std::shared_ptr<grpc::Channel> store_channel);

// Serves until SIGTERM or SIGINT, then stops gracefully and returns OK. Health reports
// NOT_SERVING until the server is up and ready, and again from the stop signal on. Returns
// UNAVAILABLE if the address (or the metrics address) cannot be bound.
absl::Status RunServer(const std::string& daemon_name, const ServerConfig& config,
                       const std::vector<HostedService>& services,
                       const ServerExtras& extras = {});

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_SERVER_RUNNER_H_
