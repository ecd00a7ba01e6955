// Channel construction; see channel.h.
#include "clients/client/channel.h"

#include <utility>
#include <vector>

#include "clients/client/credential_files.h"
#include "clients/client/request_id.h"
#include "storage/status_macros.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace kg::client {

namespace {

std::shared_ptr<grpc::Channel> MakeChannelWith(
    const std::string& address, const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  // Keepalive finds a dead peer (a killed kg-stored) without waiting for TCP timeouts.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  // Reconnect quickly after a store restart instead of gRPC's default 20 s backoff cap.
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> creators;
  creators.push_back(MakeRequestIdInterceptorFactory());
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      address, credentials, args, std::move(creators));
}

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address) {
  return MakeChannelWith(address, grpc::InsecureChannelCredentials());
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(const std::string& address,
                                                           const ChannelSecurity& security) {
  if (!security.tls()) {
    if (!security.cert_file.empty() || !security.key_file.empty()) {
      return absl::InvalidArgumentError(
          "a client certificate needs the CA file that verifies the server as well");
    }
    return MakeChannel(address);
  }
  if (security.cert_file.empty() != security.key_file.empty()) {
    return absl::InvalidArgumentError("a client certificate needs both its cert and key files");
  }
  grpc::SslCredentialsOptions options;
  KG_ASSIGN_OR_RETURN(options.pem_root_certs, ReadCredentialFile(security.ca_file, "CA file"));
  if (!security.cert_file.empty()) {
    KG_ASSIGN_OR_RETURN(options.pem_cert_chain,
                        ReadCredentialFile(security.cert_file, "client certificate"));
    KG_ASSIGN_OR_RETURN(options.pem_private_key,
                        ReadCredentialFile(security.key_file, "client key"));
  }
  return MakeChannelWith(address, grpc::SslCredentials(options));
}

}  // namespace kg::client
