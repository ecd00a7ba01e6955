// `kgctl health [--service NAME]`: asks a daemon's grpc.health.v1 service whether it (or
// one of its services) is SERVING, and exits 0 only if so — a container probe.
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "clients/client/health_probe.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"

namespace kg::cli {
namespace {

// Probes are frequent and must answer fast; a slow daemon counts as unhealthy.
constexpr double kHealthTimeoutSeconds = 3;

class HealthCommand : public Command {
 public:
  explicit HealthCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "health", "Whether the daemon at --addr (or one of its services) is serving");
    sub->add_option("--service", service_,
                    "A service name, e.g. kg.v1.QueryService (default: the whole server)")
        ->type_name("NAME");
    sub->footer(
        "Exits 0 when SERVING, 4 when NOT_SERVING or unreachable, 1 for a service the\n"
        "daemon does not have. Examples:\n"
        "  kgctl health\n"
        "  kgctl --addr 127.0.0.1:50052 health --service kg.v1.GraphStoreService\n"
        "  HEALTHCHECK CMD [\"kgctl\", \"health\"]   (in a Containerfile)");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    const std::string what = service_.empty() ? "server" : service_;
    absl::Status status =
        client::CheckServing(ctx->QueryChannel(), service_,
                             absl::Seconds(ctx->TimeoutSeconds(kHealthTimeoutSeconds)));
    std::string state = status.ok() ? "SERVING"
                        : status.code() == absl::StatusCode::kNotFound ? "UNKNOWN_SERVICE"
                        : absl::StrContains(status.message(), "NOT_SERVING") ? "NOT_SERVING"
                                                                            : "UNREACHABLE";
    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject().Key("address").String(ctx->query_addr());
      json.Key("service").String(service_).Key("status").String(state).EndObject();
      ctx->WriteJson(json);
    } else {
      ctx->out() << ctx->query_addr() << " " << what << ": " << state << "\n";
    }
    if (status.ok()) return absl::OkStatus();
    if (status.code() == absl::StatusCode::kDeadlineExceeded) {
      return absl::UnavailableError(status.message());  // exit 4, as for unreachable
    }
    return status;
  }

 private:
  std::string service_;
};

}  // namespace

std::unique_ptr<Command> AddHealthCommand(CLI::App* app) {
  return std::make_unique<HealthCommand>(app);
}

}  // namespace kg::cli
