// Health probe; see health_probe.h.
#include "clients/client/health_probe.h"

#include "absl/strings/str_cat.h"
#include "clients/client/grpc_status.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"

namespace kg::client {

absl::Status CheckServing(const std::shared_ptr<grpc::Channel>& channel,
                          const std::string& service, absl::Duration timeout) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  std::string what = service.empty() ? "the server" : "service " + service;
  if (!status.ok()) {
    absl::Status converted = FromGrpcStatus(status);
    return absl::Status(converted.code(),
                        absl::StrCat("health check of ", what, ": ", converted.message()));
  }
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(absl::StrCat(
        what, " is ",
        grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status())));
  }
  return absl::OkStatus();
}

}  // namespace kg::client
