// Access-log interceptor; see access_log.h.
#include "services/common/access_log.h"

#include <chrono>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "clients/client/request_id.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/interceptor.h"
#include "services/common/log.h"

namespace kg::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

class AccessLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  AccessLogInterceptor(const std::string* daemon, grpc::experimental::ServerRpcInfo* info)
      : daemon_(daemon), info_(info), start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      auto it = metadata->find(client::kRequestIdKey);
      // Ids are echoed into logs: keep what a client sends short and printable.
      if (it != metadata->end() && it->second.size() > 0 && it->second.size() <= 64) {
        request_id_.assign(it->second.data(), it->second.size());
      } else {
        request_id_ = client::NewRequestId();
        // Callback handlers read the id from the call's metadata (unary_reactor.h
        // RequestIdOf), so the metadata holds the id in use; request_id_ lives as long
        // as the call and is not changed again, so the reference stays valid.
        metadata->erase(client::kRequestIdKey);
        metadata->emplace(client::kRequestIdKey, request_id_);
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) ||
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      // The handler runs next on this thread (sync API): calls it makes carry the id.
      // (Callback handlers may run elsewhere; they set the id themselves.)
      SetThreadRequestId(request_id_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(client::kRequestIdKey, request_id_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      WriteLine(methods->GetSendStatus());
      SetThreadRequestId("");
    }
    methods->Proceed();
  }

 private:
  static void SetThreadRequestId(const std::string& id) {
    if (client::CurrentRequestId() != id) client::SetCurrentRequestId(id);
  }

  void WriteLine(const grpc::Status& status) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          start_)
                    .count();
    LogFields fields = {
        {"daemon", *daemon_},
        {"method", info_->method()},
        {"code", absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()))},
        {"ms", absl::StrFormat("%.3f", ms)},
        {"request_id", request_id_}};
    if (info_->server_context() != nullptr) {
      fields.emplace_back("peer", info_->server_context()->peer());
    }
    if (!status.error_message().empty()) fields.emplace_back("error", status.error_message());
    Log(status.ok() ? "info" : "warn", "rpc", fields);
  }

  const std::string* daemon_;
  grpc::experimental::ServerRpcInfo* info_;
  std::chrono::steady_clock::time_point start_;
  std::string request_id_;
};

class AccessLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit AccessLogInterceptorFactory(std::string daemon) : daemon_(std::move(daemon)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new AccessLogInterceptor(&daemon_, info);
  }

 private:
  std::string daemon_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessLogInterceptorFactory(std::string daemon) {
  return std::make_unique<AccessLogInterceptorFactory>(std::move(daemon));
}

}  // namespace kg::services
