// Channels between kg processes: one place sets message-size limits and keepalive, so
// every client of every service behaves the same.
#ifndef KG_CLIENTS_CLIENT_CHANNEL_H_
#define KG_CLIENTS_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace kg::client {

// Largest message any kg service sends or accepts: a report's text plus its graph.
inline constexpr int kMaxMessageBytes = 64 * 1024 * 1024;

// How a channel proves who the server is, and who the client is.
struct ChannelSecurity {
  // PEM file of the CA(s) that sign the server's certificate; empty: plaintext.
  std::string ca_file;
  // PEM certificate and key of this client, for servers that require mutual TLS; both
  // or neither.
  std::string cert_file;
  std::string key_file;
  // Bearer token sent with every call (`authorization: Bearer TOKEN`); empty: none. The
  // caller reads it from a file or the environment, never from a flag's value.
  std::string token;
  bool tls() const { return !ca_file.empty(); }
};

// The token in `file` (first line, trimmed) if `file` is set, else the value of the
// environment variable `env_name`, else "". INVALID_ARGUMENT for an unreadable or empty
// file.
absl::StatusOr<std::string> ReadToken(const std::string& file, const char* env_name);

// A channel to `address` with kg's limits and keepalive, using TLS when `security` says
// so. INVALID_ARGUMENT when a credential file cannot be read or only half a client
// certificate is given.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(const std::string& address,
                                                           const ChannelSecurity& security);

// An insecure channel to `address` (HOST:PORT) with kg's limits and keepalive; every
// call carries the thread's request id (request_id.h).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address);

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_CHANNEL_H_
