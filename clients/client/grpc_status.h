// The one place that converts between absl::Status and grpc::Status. Abseil's codes
// equal gRPC's, so each direction is a cast plus the message.
#ifndef KG_CLIENTS_CLIENT_GRPC_STATUS_H_
#define KG_CLIENTS_CLIENT_GRPC_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace kg::client {

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

inline absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_GRPC_STATUS_H_
