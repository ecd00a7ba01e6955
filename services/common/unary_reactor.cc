// Callback-API unary helpers; see unary_reactor.h.
#include "services/common/unary_reactor.h"

namespace kg::services {

std::string RequestIdOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(client::kRequestIdKey);
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace kg::services
