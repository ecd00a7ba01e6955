// Request ids in metadata; see request_id.h.
#include "clients/client/request_id.h"

#include <cstdio>
#include <random>
#include <utility>

#include "grpcpp/support/interceptor.h"

namespace kg::client {
namespace {

thread_local std::string current_request_id;

// Adds the thread's id (or a fresh one) to the call's initial metadata, unless the
// caller already put one there.
class RequestIdInterceptor final : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      auto* metadata = methods->GetSendInitialMetadata();
      if (metadata->find(kRequestIdKey) == metadata->end()) {
        const std::string& id = CurrentRequestId();
        metadata->emplace(kRequestIdKey, id.empty() ? NewRequestId() : id);
      }
    }
    methods->Proceed();
  }
};

class RequestIdInterceptorFactory final
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new RequestIdInterceptor();
  }
};

}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  char buffer[17];
  std::snprintf(buffer, sizeof(buffer), "%016llx",
                static_cast<unsigned long long>(engine()));
  return buffer;
}

const std::string& CurrentRequestId() { return current_request_id; }

void SetCurrentRequestId(std::string id) { current_request_id = std::move(id); }

ScopedRequestId::ScopedRequestId(std::string id)
    : previous_(std::exchange(current_request_id, std::move(id))) {}

ScopedRequestId::~ScopedRequestId() { current_request_id = std::move(previous_); }

std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
MakeRequestIdInterceptorFactory() {
  return std::make_unique<RequestIdInterceptorFactory>();
}

}  // namespace kg::client
