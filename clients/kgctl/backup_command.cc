// `kgctl backup DIR`: GraphStoreService.Backup, an online, point-in-time copy of the
// whole store (a RocksDB checkpoint) written by the store into DIR on ITS machine.
// Restoring is starting kg-stored (or kgd) with --data-dir DIR; see docs/operations.md.
//
// Like `check`, it goes to the store: --addr for kgd, --store for a split kg-stored.
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"
#include "clients/kgctl/store_call.h"

namespace kg::cli {
namespace {

// A checkpoint hard-links SST files on the same file system, but copies them across
// file systems: allow for a large store.
constexpr double kBackupTimeoutSeconds = 600;

class BackupCommand : public Command {
 public:
  explicit BackupCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "backup", "Write an online copy of the store into a directory on the store's machine");
    sub->add_option("dir", dir_,
                    "Absolute path, on the store's machine, of a new or empty directory")
        ->required()
        ->type_name("DIR");
    AddStoreOption(sub, &store_addr_);
    sub->footer(
        "Needs a write token when the store checks tokens. Restore by starting kg-stored\n"
        "with --data-dir DIR. Examples:\n"
        "  kgctl backup /var/backups/kg/2026-11-28\n"
        "  kgctl backup --store kg-stored:50052 /srv/kg-backup");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    absl::StatusOr<StoreStub> store = ConnectStore(ctx, store_addr_);
    if (!store.ok()) return store.status();
    const std::string& addr = store->addr;
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kBackupTimeoutSeconds);
    kg::v1::BackupRequest request;
    request.set_dir(dir_);
    kg::v1::BackupResponse response;
    const grpc::Status status = store->stub->Backup(&context, request, &response);
    if (!status.ok()) {
      return RpcError(status, {absl::StrCat("backup to ", dir_), addr,
                               ctx->TimeoutSeconds(kBackupTimeoutSeconds), ""});
    }
    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject().Key("store").String(addr).Key("dir").String(response.dir()).EndObject();
      ctx->WriteJson(json);
    } else {
      ctx->out() << "backed up " << addr << " to " << response.dir() << "\n";
    }
    return ctx->FlushOut();
  }

 private:
  std::string dir_;
  std::string store_addr_;
};

}  // namespace

std::unique_ptr<Command> AddBackupCommand(CLI::App* app) {
  return std::make_unique<BackupCommand>(app);
}

}  // namespace kg::cli
