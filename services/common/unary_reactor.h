// Unary handlers on gRPC's callback API. A callback handler runs on one of gRPC's own
// threads, with no hand-off to a thread pool (about half the server CPU of a synchronous
// call); kg's unary reads are microseconds of in-process work, so the handler does the
// work inline and finishes the call before returning:
//
//   grpc::ServerUnaryReactor* Impl::GetNodes(grpc::CallbackServerContext* context,
//                                            const Request* request, Response* response) {
//     return services::FinishUnary(context, [&]() -> absl::Status { ... });
//   }
//
// The cost: while the body runs it holds a callback thread, so a body that blocks long
// (a call to another daemon, a slow disk) delays the calls queued behind it; such work
// belongs on the synchronous API or on a thread of its own.
#ifndef KG_SERVICES_COMMON_UNARY_REACTOR_H_
#define KG_SERVICES_COMMON_UNARY_REACTOR_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "clients/client/grpc_status.h"
#include "clients/client/request_id.h"
#include "grpcpp/server_context.h"
#include "services/common/token_auth.h"
#include "grpcpp/support/server_callback.h"

namespace kg::services {

// The call's request id: its x-request-id metadata (which the access-log interceptor
// fills in when the client sent none), or "" if there is none.
std::string RequestIdOf(const grpc::ServerContextBase& context);

// Runs `body` (returning absl::Status) with the call's request id as this thread's
// current one (clients/client/request_id.h), so calls it makes to other kg daemons carry
// it; then finishes the call with body's status and returns the reactor gRPC expects.
template <typename Body>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, Body&& body) {
  absl::Status status;
  {
    client::ScopedRequestId request_id(RequestIdOf(*context));
    status = std::forward<Body>(body)();
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(client::ToGrpcStatus(status));
  return reactor;
}

// The same, for a read that `auth` (may be null: no authentication) must allow first
// (token_auth.h): the body runs only when it does.
template <typename Body>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      const TokenAuth* auth, Body&& body) {
  return FinishUnary(context, [&]() -> absl::Status {
    if (absl::Status allowed = Authorize(auth, *context, Access::kRead); !allowed.ok()) {
      return allowed;
    }
    return std::forward<Body>(body)();
  });
}

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_UNARY_REACTOR_H_
