// The commands about the store as a whole: `kgctl reports` (the ingested reports) and
// `kgctl stats` (counts of records).
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/query_output.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

constexpr int kTitleWidth = 40;

class ReportsCommand : public Command {
 public:
  explicit ReportsCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand("reports", "List the stored reports");
    sub->footer(
        "Examples:\n"
        "  kgctl reports\n"
        "  kgctl reports -o json\n"
        "The id column is what --report and `kgctl delete` take.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    kg::v1::ListReportsResponse response;
    if (absl::Status s = CallQuery(ctx, "reports", &kg::v1::QueryService::Stub::ListReports,
                                   kg::v1::ListReportsRequest(), &response);
        !s.ok()) {
      return s;
    }

    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject().Key("reports").BeginArray();
      for (const auto& report : response.reports()) WriteReportJson(report, &json);
      json.EndArray().EndObject();
      ctx->WriteJson(json);
    } else if (response.reports().empty()) {
      ctx->out() << "no reports stored\n";
    } else {
      Table table({{"id"},
                   {"region"},
                   {"year"},
                   {"edition"},
                   {"level"},
                   {"title", kTitleWidth},
                   {"nodes", 0, Table::Align::kRight},
                   {"edges", 0, Table::Align::kRight}});
      for (const auto& report : response.reports()) {
        table.AddRow({report.id(), report.region(), absl::StrCat(report.year()), report.edition(),
                      report.level(), report.title(), absl::StrCat(report.node_count()),
                      absl::StrCat(report.edge_count())});
      }
      ctx->WriteTable(table);
    }
    return ctx->FlushOut();
  }
};

class StatsCommand : public Command {
 public:
  explicit StatsCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand("stats", "Count the stored records by kind");
    sub->footer(
        "Example:\n"
        "  kgctl stats -o json");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    kg::v1::StatsResponse response;
    if (absl::Status s = CallQuery(ctx, "stats", &kg::v1::QueryService::Stub::Stats,
                                   kg::v1::StatsRequest(), &response);
        !s.ok()) {
      return s;
    }

    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject();
      json.Key("reports").Uint(response.reports());
      json.Key("nodes").Uint(response.nodes());
      json.Key("edges").Uint(response.edges());
      json.Key("name_entries").Uint(response.name_entries());
      json.Key("postings").Uint(response.postings());
      json.EndObject();
      ctx->WriteJson(json);
    } else {
      Table table({{""}, {"", 0, Table::Align::kRight}});
      table.AddRow({"reports", absl::StrCat(response.reports())});
      table.AddRow({"nodes", absl::StrCat(response.nodes())});
      table.AddRow({"edges", absl::StrCat(response.edges())});
      table.AddRow({"name entries", absl::StrCat(response.name_entries())});
      table.AddRow({"postings", absl::StrCat(response.postings())});
      ctx->WriteTable(table);
    }
    return ctx->FlushOut();
  }
};

}  // namespace

std::unique_ptr<Command> AddReportsCommand(CLI::App* app) {
  return std::make_unique<ReportsCommand>(app);
}

std::unique_ptr<Command> AddStatsCommand(CLI::App* app) {
  return std::make_unique<StatsCommand>(app);
}

}  // namespace kg::cli
