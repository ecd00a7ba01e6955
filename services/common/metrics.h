// Prometheus metrics of a daemon, served as text at http://ADDRESS/metrics on an address
// of its own (--metrics-listen / KG_METRICS_LISTEN; off when unset), via prometheus-cpp.
//
// Every daemon exports, through a server interceptor, kg_rpc_requests_total{method,code},
// kg_rpc_duration_seconds{method} and kg_rpc_request_bytes{method} (so ingest counts and
// sizes are the IngestService/Ingest series). Daemons add their own collectables (the store's
// sizes and cache figures) with Register.
//
// Thread-safe: prometheus-cpp's metrics and registry are.
#ifndef KG_SERVICES_COMMON_METRICS_H_
#define KG_SERVICES_COMMON_METRICS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/support/server_interceptor.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace kg::services {

class Metrics {
 public:
  // Starts the HTTP endpoint on `listen` (HOST:PORT; port 0 picks one).
  // UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Metrics>> Start(const std::string& listen);

  // HOST:PORT actually bound.
  const std::string& address() const { return address_; }
  // The registry that daemons add metric families to.
  prometheus::Registry& registry() { return *registry_; }
  // Adds a collectable scraped with the registry; the caller keeps it alive.
  void Register(const std::weak_ptr<prometheus::Collectable>& collectable);

  // The interceptor that counts and times every RPC the server handles.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
  MakeInterceptorFactory();

 private:
  Metrics() = default;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::string address_;
};

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_METRICS_H_
