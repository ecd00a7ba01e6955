// The commands that change the store through IngestService: ingest and delete. They
// go to --ingest-addr (kg-ingestd, or kgd when everything runs in one process).
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"
#include "clients/kgctl/graph_json.h"
#include "kg/v1/ingest.grpc.pb.h"

namespace kg::cli {
namespace {

const char* YesNo(bool value) { return value ? "yes" : "no"; }

class IngestCommand : public Command {
 public:
  explicit IngestCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "ingest", "Extract a work report's graph and store it, replacing an earlier version");
    sub->add_option("FILE", file_,
                    "The report: UTF-8, GB18030/GBK or UTF-16 text or HTML; - reads stdin")
        ->required();
    sub->add_flag("--dry-run", dry_run_,
                  "Extract only and print what would be stored; the store is not touched");
    sub->add_option("--encoding", encoding_,
                    "Source encoding, e.g. GB18030 or UTF-8 (default: detect)");
    sub->add_option("--region", region_,
                    "Region, overriding the text's, e.g. 上海市金山区 (part of the identity)");
    sub->add_option("--year", year_, "Year, overriding the text's (part of the identity)")
        ->check(CLI::Range(1, 9999));
    sub->add_option("--edition", edition_,
                    "Edition name, part of the report's identity (default: none)");
    sub->footer(
        "Examples:\n"
        "  kgctl ingest jinshan-2020.txt\n"
        "  kgctl ingest --encoding GB18030 --region 上海市金山区 --year 2020 report.txt\n"
        "  kgctl ingest --dry-run -o jsonl jinshan-2020.txt > jinshan-2020.jsonl\n"
        "Default timeout 120 s. -o jsonl needs --dry-run and prints the export format.");
  }

  absl::Status Run(CommandContext* ctx) override {
    if (ctx->options().output == "jsonl" && !dry_run_) {
      return UsageError("-o jsonl prints the extracted graph and needs --dry-run");
    }
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, dry_run_);
    if (!format.ok()) return format.status();

    // The server detects the encoding: the bytes travel as they are.
    absl::StatusOr<std::string> content = ReadInputFile(file_);
    if (!content.ok()) return content.status();
    if (content->size() > static_cast<size_t>(kMaxMessageBytes)) {
      return absl::InvalidArgumentError(
          absl::StrCat(file_, " is ", content->size(), " bytes; a report may be at most 64 MiB"));
    }

    kg::v1::IngestRequest request;
    request.set_content(*std::move(content));
    request.set_encoding(encoding_);
    request.set_region(region_);
    request.set_year(year_);
    request.set_edition(edition_);
    request.set_dry_run(dry_run_);
    request.set_source_name(file_ == "-" ? "stdin" : file_);

    auto stub = kg::v1::IngestService::NewStub(ctx->IngestChannel());
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kIngestTimeoutSeconds);
    kg::v1::IngestResponse response;
    const grpc::Status status = stub->Ingest(&context, request, &response);
    if (!status.ok()) {
      const std::string action = absl::StrCat("ingest of ", file_ == "-" ? "stdin" : file_);
      return RpcError(status,
                      {action, ctx->ingest_addr(), ctx->TimeoutSeconds(kIngestTimeoutSeconds), ""});
    }

    switch (*format) {
      case OutputFormat::kJsonl:
        PrintJsonl(response, ctx);
        break;
      case OutputFormat::kJson:
        PrintJson(response, ctx);
        break;
      case OutputFormat::kTable:
        PrintTable(response, ctx);
        break;
    }
    return ctx->FlushOut();
  }

 private:
  // The export contract, nodes first: exactly what `kgctl export` would print for the
  // report once stored. Warnings go to stderr to keep stdout pure JSONL.
  void PrintJsonl(const kg::v1::IngestResponse& response, CommandContext* ctx) {
    for (const auto& node : response.nodes()) ctx->out() << NodeJsonLine(node);
    for (const auto& edge : response.edges()) ctx->out() << EdgeJsonLine(edge);
    for (const auto& warning : response.warnings()) {
      ctx->err() << "kgctl: warning: " << warning << '\n';
    }
  }

  void PrintJson(const kg::v1::IngestResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("report");
    WriteReportJson(response.report(), &json);
    json.Key("dry_run").Bool(dry_run_);
    json.Key("replaced").Bool(response.replaced());
    json.Key("encoding").String(response.encoding());
    json.Key("warnings").BeginArray();
    for (const auto& warning : response.warnings()) json.String(warning);
    json.EndArray();
    if (dry_run_) {
      json.Key("nodes").BeginArray();
      for (const auto& node : response.nodes()) WriteNodeJson(node, &json);
      json.EndArray();
      json.Key("edges").BeginArray();
      for (const auto& edge : response.edges()) WriteEdgeJson(edge, &json);
      json.EndArray();
    }
    json.EndObject();
    ctx->WriteJson(json);
  }

  void PrintTable(const kg::v1::IngestResponse& response, CommandContext* ctx) {
    const kg::v1::ReportInfo& report = response.report();
    // A dry run's counts are those of the graph returned; a stored report's, the store's.
    const uint64_t nodes = dry_run_ ? response.nodes_size() : report.node_count();
    const uint64_t edges = dry_run_ ? response.edges_size() : report.edge_count();
    ctx->out() << (dry_run_ ? "dry run: nothing stored\n" : "stored\n");
    Table table({{""}, {""}});
    table.AddRow({"report", report.id()});
    table.AddRow({"region", report.region()});
    table.AddRow({"year", absl::StrCat(report.year())});
    table.AddRow({"edition", report.edition()});
    table.AddRow({"level", report.level()});
    table.AddRow({"title", report.title()});
    table.AddRow({"nodes", absl::StrCat(nodes)});
    table.AddRow({"edges", absl::StrCat(edges)});
    table.AddRow({"encoding", response.encoding()});
    table.AddRow({"replaced", YesNo(response.replaced())});
    ctx->WriteTable(table);
    for (const auto& warning : response.warnings()) {
      ctx->out() << "warning: " << warning << '\n';
    }
  }

  std::string file_;
  bool dry_run_ = false;
  std::string encoding_;
  std::string region_;
  int year_ = 0;
  std::string edition_;
};

class DeleteCommand : public Command {
 public:
  explicit DeleteCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand("delete", "Delete a stored report and all it owns");
    sub->add_option("REPORT_ID", report_id_, "The report's id, as `kgctl reports` lists it")
        ->required();
    sub->footer(
        "Example:\n"
        "  kgctl delete 3f2a9c0d41b7e865\n"
        "Exits 1 if there is no such report.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    auto stub = kg::v1::IngestService::NewStub(ctx->IngestChannel());
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
    kg::v1::DeleteReportRequest request;
    request.set_report_id(report_id_);
    kg::v1::DeleteReportResponse response;
    const grpc::Status status = stub->DeleteReport(&context, request, &response);
    if (!status.ok()) {
      const std::string not_found = absl::StrCat("no report ", report_id_);
      return RpcError(status, {"delete", ctx->ingest_addr(),
                               ctx->TimeoutSeconds(kDefaultTimeoutSeconds), not_found});
    }

    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject().Key("deleted").Bool(true).Key("report_id").String(report_id_);
      json.EndObject();
      ctx->WriteJson(json);
    } else {
      ctx->out() << "deleted report " << report_id_ << '\n';
    }
    return ctx->FlushOut();
  }

 private:
  std::string report_id_;
};

}  // namespace

std::unique_ptr<Command> AddIngestCommand(CLI::App* app) {
  return std::make_unique<IngestCommand>(app);
}

std::unique_ptr<Command> AddDeleteCommand(CLI::App* app) {
  return std::make_unique<DeleteCommand>(app);
}

}  // namespace kg::cli
