// `kgctl check`: GraphStoreService.Check, the consistency checker of the store
// (storage/consistency_checker.h). Exits 0 when the store is consistent and 8
// (ExitCode::kInconsistent) when it is not, after printing what is broken.
//
// Check is a GraphStoreService call, so it goes to the store: kgd serves that service on
// its one port (the default, --addr), and with split daemons --store names kg-stored.
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

// The checker reads every record: minutes on a very large store.
constexpr double kCheckTimeoutSeconds = 600;

class CheckCommand : public Command {
 public:
  explicit CheckCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "check", "Verify the store's invariants (edges, indexes, manifests, counts)");
    AddStoreOption(sub, &store_addr_);
    sub->add_option("--max-problems", max_problems_, "List at most this many problems")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000))
        ->type_name("N");
    sub->footer(
        "Exits 0 when the store is consistent, 8 when it is not (the problems are\n"
        "printed). Examples:\n"
        "  kgctl check                              (kgd)\n"
        "  kgctl check --store kg-stored:50052 -o json");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    absl::StatusOr<StoreStub> store = ConnectStore(ctx, store_addr_);
    if (!store.ok()) return store.status();
    const std::string& addr = store->addr;
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kCheckTimeoutSeconds);
    kg::v1::CheckRequest request;
    request.set_max_problems(static_cast<uint32_t>(max_problems_));
    kg::v1::CheckResponse response;
    const grpc::Status status = store->stub->Check(&context, request, &response);
    if (!status.ok()) {
      return RpcError(status, {"check", addr, ctx->TimeoutSeconds(kCheckTimeoutSeconds), ""});
    }

    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject().Key("consistent").Bool(response.consistent());
      json.Key("reports").Uint(response.reports());
      json.Key("nodes").Uint(response.nodes());
      json.Key("edges").Uint(response.edges());
      json.Key("name_entries").Uint(response.name_entries());
      json.Key("postings").Uint(response.postings());
      json.Key("problem_count").Uint(response.problem_count());
      json.Key("problems").BeginArray();
      for (const auto& problem : response.problems()) {
        json.BeginObject().Key("kind").String(problem.kind());
        json.Key("detail").String(problem.detail()).EndObject();
      }
      json.EndArray().EndObject();
      ctx->WriteJson(json);
    } else {
      ctx->out() << (response.consistent() ? "consistent" : "INCONSISTENT") << ": checked "
                 << response.reports() << " reports, " << response.nodes() << " nodes, "
                 << response.edges() << " edges, " << response.name_entries()
                 << " name entries, " << response.postings() << " postings\n";
      if (!response.consistent()) {
        Table table({{"problem"}, {"detail"}});
        for (const auto& problem : response.problems()) {
          table.AddRow({problem.kind(), problem.detail()});
        }
        ctx->WriteTable(table);
        if (response.problem_count() > static_cast<uint64_t>(response.problems_size())) {
          ctx->out() << "... and " << response.problem_count() - response.problems_size()
                     << " more\n";
        }
      }
    }
    if (absl::Status flushed = ctx->FlushOut(); !flushed.ok()) return flushed;
    if (response.consistent()) return absl::OkStatus();
    return InconsistentError(
        absl::StrCat("the store at ", addr, " is inconsistent: ", response.problem_count(),
                     " problem", response.problem_count() == 1 ? "" : "s"));
  }

 private:
  std::string store_addr_;
  int max_problems_ = 100;
};

}  // namespace

std::unique_ptr<Command> AddCheckCommand(CLI::App* app) {
  return std::make_unique<CheckCommand>(app);
}

}  // namespace kg::cli
