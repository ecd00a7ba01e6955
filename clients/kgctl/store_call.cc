// The --store option and store stub of `kgctl check` and `kgctl backup`; see store_call.h.
#include "clients/kgctl/store_call.h"

#include <utility>

#include "clients/kgctl/exit_codes.h"

namespace kg::cli {

void AddStoreOption(CLI::App* sub, std::string* store_addr) {
  sub->add_option("--store", *store_addr,
                  "kg-stored (or kgd) address (default: --addr, which is right for kgd)")
      ->envname("KG_STORE_ADDR")
      ->type_name("HOST:PORT");
}

absl::StatusOr<StoreStub> ConnectStore(CommandContext* ctx, const std::string& store_addr) {
  StoreStub store;
  store.addr = store_addr.empty() ? ctx->query_addr() : store_addr;
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      client::MakeChannel(store.addr, ctx->options().security);
  if (!channel.ok()) return UsageError(channel.status().message());
  store.stub = kg::v1::GraphStoreService::NewStub(*channel);
  return store;
}

}  // namespace kg::cli
