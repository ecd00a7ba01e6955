// Asks a kg daemon's standard health service (grpc.health.v1) whether a service is
// serving: kgctl health uses it as a container probe, and kg-queryd and kg-ingestd use
// it to know whether kg-stored answers.
#ifndef KG_CLIENTS_CLIENT_HEALTH_PROBE_H_
#define KG_CLIENTS_CLIENT_HEALTH_PROBE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace kg::client {

// OK when `service` ("" for the whole server) is SERVING. UNAVAILABLE when it reports
// NOT_SERVING (or cannot be reached), NOT_FOUND when the server does not know the
// service, DEADLINE_EXCEEDED after `timeout`.
absl::Status CheckServing(const std::shared_ptr<grpc::Channel>& channel,
                          const std::string& service, absl::Duration timeout);

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_HEALTH_PROBE_H_
