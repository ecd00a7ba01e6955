// The one place that converts between absl::Status and grpc::Status. Abseil's codes
// equal gRPC's, so each direction is a cast plus the message.
#ifndef KG_CLIENTS_CLIENT_GRPC_STATUS_H_
#define KG_CLIENTS_CLIENT_GRPC_STATUS_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace kg::client {

// Longest status message sent. Messages may quote what the client sent (a name, a page
// token); they travel in a trailer that clients cap at a few KiB, so a long quote
// would turn a clear error into the client's own RESOURCE_EXHAUSTED.
inline constexpr size_t kMaxStatusMessageBytes = 1024;

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string message(status.message());
  if (message.size() > kMaxStatusMessageBytes) {
    size_t cut = kMaxStatusMessageBytes;
    // Back up to the start of a UTF-8 character.
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message = message.substr(0, cut) + "… (" + std::to_string(message.size()) + " bytes in all)";
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::move(message));
}

inline absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_GRPC_STATUS_H_
