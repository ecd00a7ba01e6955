// Gives a request that cannot be parsed (a proto3 string field that is not valid UTF-8,
// a truncated message) INVALID_ARGUMENT with a message. Left alone, gRPC answers such
// a request with UNIMPLEMENTED and no message (callback handlers) or INTERNAL (sync
// handlers), which reads as a server fault and not as the client's bad input.
#ifndef KG_SERVICES_COMMON_REQUEST_PARSE_INTERCEPTOR_H_
#define KG_SERVICES_COMMON_REQUEST_PARSE_INTERCEPTOR_H_

#include <memory>

#include "grpcpp/support/server_interceptor.h"

namespace kg::services {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeRequestParseInterceptorFactory();

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_REQUEST_PARSE_INTERCEPTOR_H_
