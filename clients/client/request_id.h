// Request ids: one id follows a user's request through every kg process it reaches, so
// the access-log lines of kgctl's call, kg-queryd's handling and kg-stored's reads can be
// joined. The id travels in the `x-request-id` metadata entry.
//
// The id of the call a thread is serving (or the command a tool is running) is kept per
// thread: a server sets it while its handler runs, and the channel interceptor below
// copies it into every call that thread makes. Threads without one send a fresh id.
#ifndef KG_CLIENTS_CLIENT_REQUEST_ID_H_
#define KG_CLIENTS_CLIENT_REQUEST_ID_H_

#include <memory>
#include <string>

#include "grpcpp/support/client_interceptor.h"

namespace kg::client {

// The metadata key (lower case, as gRPC requires).
inline constexpr char kRequestIdKey[] = "x-request-id";

// A new random id: 16 hex digits.
std::string NewRequestId();

// The id set for this thread, or "" if none.
const std::string& CurrentRequestId();

// Sets this thread's id ("" clears it). Servers call it around a handler.
void SetCurrentRequestId(std::string id);

// Sets this thread's id for the lifetime of the scope, then restores the previous one.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

// The interceptor factory channels use to attach the request id to each call.
std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
MakeRequestIdInterceptorFactory();

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_REQUEST_ID_H_
