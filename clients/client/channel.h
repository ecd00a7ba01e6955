// Channels between kg processes: one place sets message-size limits and keepalive, so
// every client of every service behaves the same.
#ifndef KG_CLIENTS_CLIENT_CHANNEL_H_
#define KG_CLIENTS_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"

namespace kg::client {

// Largest message any kg service sends or accepts: a report's text plus its graph.
inline constexpr int kMaxMessageBytes = 64 * 1024 * 1024;

// An insecure channel to `address` (HOST:PORT) with kg's limits and keepalive; every
// call carries the thread's request id (request_id.h).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address);

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_CHANNEL_H_
