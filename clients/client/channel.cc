// Channel construction; see channel.h.
#include "clients/client/channel.h"

#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "clients/client/credential_files.h"
#include "clients/client/request_id.h"
#include "storage/status_macros.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace kg::client {

namespace {

// Adds the bearer token to every call's metadata. (Call credentials would do the same,
// but gRPC refuses to send them over plaintext channels, which loopback setups use.)
class BearerTokenInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit BearerTokenInterceptor(const std::string* header) : header_(header) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", *header_);
    }
    methods->Proceed();
  }

 private:
  const std::string* header_;
};

class BearerTokenInterceptorFactory final
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenInterceptorFactory(const std::string& token)
      : header_("Bearer " + token) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new BearerTokenInterceptor(&header_);
  }

 private:
  std::string header_;
};

std::shared_ptr<grpc::Channel> MakeChannelWith(
    const std::string& address, const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    const std::string& token = "") {
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
  if (!token.empty()) creators.push_back(std::make_unique<BearerTokenInterceptorFactory>(token));
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
    return MakeChannelWith(address, grpc::InsecureChannelCredentials(), security.token);
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
  return MakeChannelWith(address, grpc::SslCredentials(options), security.token);
}

absl::StatusOr<std::string> ReadToken(const std::string& file, const char* env_name) {
  if (!file.empty()) {
    KG_ASSIGN_OR_RETURN(std::string text, ReadCredentialFile(file, "token file"));
    std::string token(absl::StripAsciiWhitespace(text.substr(0, text.find('\n'))));
    if (token.empty()) return absl::InvalidArgumentError("token file " + file + " is empty");
    return token;
  }
  const char* value = std::getenv(env_name);
  return value == nullptr ? "" : std::string(absl::StripAsciiWhitespace(value));
}

}  // namespace kg::client
