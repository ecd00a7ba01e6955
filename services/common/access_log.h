// Access logging: one JSON line per RPC a daemon serves (method, status code, duration,
// peer, request id), written by a server interceptor so no handler has to remember it.
// The interceptor also makes the call's request id (x-request-id, or a new one) the
// handler thread's current id, so calls the handler makes to other kg services carry it
// (clients/client/request_id.h), and echoes it in the response's initial metadata. A new
// id is also written into the call's received metadata, where callback-API handlers,
// which may run on another thread, find it (unary_reactor.h).
#ifndef KG_SERVICES_COMMON_ACCESS_LOG_H_
#define KG_SERVICES_COMMON_ACCESS_LOG_H_

#include <memory>
#include <string>

#include "grpcpp/support/server_interceptor.h"

namespace kg::services {

// `daemon` names the process in each line.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessLogInterceptorFactory(std::string daemon);

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_ACCESS_LOG_H_
