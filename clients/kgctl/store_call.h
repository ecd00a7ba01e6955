// What the commands that talk to the store itself (check, backup) share: their --store
// option and the GraphStoreService stub at the address it names. Questions go to
// kg-queryd and need none of this; kgd serves both on one address, hence the default.
#ifndef KG_CLIENTS_KGCTL_STORE_CALL_H_
#define KG_CLIENTS_KGCTL_STORE_CALL_H_

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "clients/kgctl/command.h"
#include "kg/v1/store.grpc.pb.h"

namespace kg::cli {

// Adds --store (env KG_STORE_ADDR) to `sub`, writing into *store_addr.
void AddStoreOption(CLI::App* sub, std::string* store_addr);

// A stub for the store at `store_addr`, or at --addr when it is empty (kgd).
struct StoreStub {
  std::string addr;
  std::unique_ptr<kg::v1::GraphStoreService::Stub> stub;
};
// A bad address or credentials are a usage error.
absl::StatusOr<StoreStub> ConnectStore(CommandContext* ctx, const std::string& store_addr);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_STORE_CALL_H_
