// Daemon metrics; see metrics.h.
#include "services/common/metrics.h"

#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/interceptor.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"

namespace kg::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Upper bounds in seconds: from a cache hit on loopback (~100 µs) to a large ingest.
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    10};

// Upper bounds in bytes of request messages: a query (~100 B) to a report (32 MiB).
const prometheus::Histogram::BucketBoundaries kSizeBuckets = {
    256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864};

// The families, and a cache of their per-method members: Family::Add looks up labels
// under a lock each call; the cache keeps that off the hot path once a method was seen.
class RpcMetrics {
 public:
  explicit RpcMetrics(prometheus::Registry& registry)
      : requests_(prometheus::BuildCounter()
                      .Name("kg_rpc_requests_total")
                      .Help("RPCs handled, by full method name and gRPC status code")
                      .Register(registry)),
        durations_(prometheus::BuildHistogram()
                       .Name("kg_rpc_duration_seconds")
                       .Help("Time from the call's arrival to its status, by method")
                       .Register(registry)),
        sizes_(prometheus::BuildHistogram()
                   .Name("kg_rpc_request_bytes")
                   .Help("Serialized size of each request message received, by method "
                         "(ingest sizes: method /kg.v1.IngestService/Ingest)")
                   .Register(registry)) {}

  void RecordRequestSize(const std::string& method, size_t bytes) {
    prometheus::Histogram* histogram;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = request_sizes_.find(method);
      if (it == request_sizes_.end()) {
        it = request_sizes_.emplace(method, &sizes_.Add({{"method", method}}, kSizeBuckets)).first;
      }
      histogram = it->second;
    }
    histogram->Observe(static_cast<double>(bytes));
  }

  void Record(const std::string& method, grpc::StatusCode code, double seconds) {
    std::string code_name(
        absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
    prometheus::Counter* counter;
    prometheus::Histogram* histogram;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto key = std::make_pair(method, code_name);
      auto it = counters_.find(key);
      if (it == counters_.end()) {
        it = counters_.emplace(key, &requests_.Add({{"method", method}, {"code", code_name}}))
                 .first;
      }
      counter = it->second;
      auto h = histograms_.find(method);
      if (h == histograms_.end()) {
        h = histograms_.emplace(method, &durations_.Add({{"method", method}}, kLatencyBuckets))
                .first;
      }
      histogram = h->second;
    }
    counter->Increment();
    histogram->Observe(seconds);
  }

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
  prometheus::Family<prometheus::Histogram>& sizes_;
  std::mutex mutex_;
  std::map<std::string, prometheus::Histogram*> request_sizes_;
  std::map<std::pair<std::string, std::string>, prometheus::Counter*> counters_;
  std::map<std::string, prometheus::Histogram*> histograms_;
};

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(RpcMetrics* metrics, grpc::experimental::ServerRpcInfo* info)
      : metrics_(metrics), info_(info), start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      // kg's own services receive protobuf messages (single inheritance, so the
      // type-erased pointer is the Message's); others, such as gRPC's health service,
      // may receive raw byte buffers, so only kg.v1 methods are measured.
      const void* message = methods->GetRecvMessage();
      if (message != nullptr && absl::StartsWith(info_->method(), "/kg.v1.")) {
        metrics_->RecordRequestSize(
            info_->method(),
            static_cast<const google::protobuf::Message*>(message)->ByteSizeLong());
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      metrics_->Record(info_->method(), methods->GetSendStatus().error_code(), seconds);
    }
    methods->Proceed();
  }

 private:
  RpcMetrics* metrics_;
  grpc::experimental::ServerRpcInfo* info_;
  std::chrono::steady_clock::time_point start_;
};

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(prometheus::Registry& registry) : metrics_(registry) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new MetricsInterceptor(&metrics_, info);
  }

 private:
  RpcMetrics metrics_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Metrics>> Metrics::Start(const std::string& listen) {
  std::unique_ptr<Metrics> metrics(new Metrics());
  metrics->registry_ = std::make_shared<prometheus::Registry>();
  try {
    // civetweb takes HOST:PORT for IPv4; it throws when it cannot bind. The exception
    // stays inside this function: our APIs return statuses.
    metrics->exposer_ = std::make_unique<prometheus::Exposer>(listen, 1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", listen, ": ", e.what()));
  }
  std::vector<int> ports = metrics->exposer_->GetListeningPorts();
  if (ports.empty()) return absl::UnavailableError("cannot serve metrics on " + listen);
  metrics->address_ = absl::StrCat(listen.substr(0, listen.rfind(':')), ":", ports[0]);
  metrics->exposer_->RegisterCollectable(metrics->registry_);
  return metrics;
}

void Metrics::Register(const std::weak_ptr<prometheus::Collectable>& collectable) {
  exposer_->RegisterCollectable(collectable);
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
Metrics::MakeInterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(*registry_);
}

}  // namespace kg::services
