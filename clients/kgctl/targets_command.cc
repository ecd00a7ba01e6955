// `kgctl targets`: a report's main targets as a table, with the result the same
// region's next-year report gives for each (QueryService.Targets).
#include <memory>
#include <set>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/filter_flags.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/query_output.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

constexpr int kIndicatorWidth = 30;
constexpr int kQuoteWidth = 40;

// "6.5", "3-3.5", "-3" for a decline; "(none)" for an absent target.
std::string ValueText(const kg::v1::TargetRow& row) {
  if (row.absent()) return "(none)";
  std::string value = row.value();
  if (!row.value_max().empty()) absl::StrAppend(&value, "-", row.value_max());
  if (row.direction() == "down" && !value.empty()) value = absl::StrCat("-", value);
  return value;
}

std::string ResultText(const kg::v1::TargetResult& result) {
  std::string value = result.value();
  if (result.direction() == "down" && !value.empty()) value = absl::StrCat("-", value);
  return absl::StrCat(value, result.unit());
}

class TargetsCommand : public Command {
 public:
  explicit TargetsCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "targets", "A report's main targets, with next year's reported results where stored");
    filter_.AddTo(sub);
    sub->add_flag("--include-task-targets", include_task_targets_,
                  "Also list numbers set inside the plan's tasks");
    page_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl targets --region 金山 --year 2020\n"
        "  kgctl targets --report 698445a1c6c110cc -o json\n"
        "Without a filter every stored report's targets are listed, each row naming its\n"
        "report. `result` and `met` come from the same region's report of the next year.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    kg::v1::TargetsRequest request;
    *request.mutable_filter() = filter_.ToProto();
    request.set_include_task_targets(include_task_targets_);
    request.set_page_size(page_.page_size);
    request.set_page_token(page_.page_token);
    kg::v1::TargetsResponse response;
    if (absl::Status s = CallQuery(ctx, "targets", &kg::v1::QueryService::Stub::Targets, request,
                                   &response);
        !s.ok()) {
      return s;
    }
    if (*format == OutputFormat::kJson) {
      PrintJson(response, ctx);
    } else {
      PrintTable(response, ctx);
    }
    return ctx->FlushOut();
  }

 private:
  void PrintJson(const kg::v1::TargetsResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("reports").BeginArray();
    for (const auto& r : response.reports()) WriteReportJson(r, &json);
    json.EndArray();
    json.Key("targets").BeginArray();
    for (const auto& row : response.rows()) {
      json.BeginObject();
      json.Key("goal");
      WriteEntityRefJson(row.goal(), &json);
      json.Key("indicator").String(row.indicator());
      json.Key("value").String(row.value());
      json.Key("value_max").String(row.value_max());
      json.Key("unit").String(row.unit());
      json.Key("qualifier").String(row.qualifier());
      json.Key("parent").String(row.parent());
      json.Key("absent").Bool(row.absent());
      json.Key("measure").String(row.measure());
      json.Key("direction").String(row.direction());
      json.Key("scope").String(row.scope());
      json.Key("result");
      if (row.has_result()) {
        const auto& r = row.result();
        json.BeginObject();
        json.Key("achievement");
        WriteEntityRefJson(r.achievement(), &json);
        json.Key("value").String(r.value());
        json.Key("unit").String(r.unit());
        json.Key("direction").String(r.direction());
        json.Key("met").String(r.met());
        if (ctx->quote()) {
          json.Key("quote");
          WriteQuoteJson(r.quote(), &json);
        }
        json.EndObject();
      } else {
        json.Null();
      }
      if (ctx->quote()) {
        json.Key("quote");
        if (row.has_quote()) {
          WriteQuoteJson(row.quote(), &json);
        } else {
          json.Null();
        }
      }
      json.EndObject();
    }
    json.EndArray();
    WritePageJson(response.next_page_token(), response.total_size(), &json);
    json.EndObject();
    ctx->WriteJson(json);
  }

  void PrintTable(const kg::v1::TargetsResponse& response, CommandContext* ctx) {
    if (response.rows().empty()) {
      ctx->out() << "no targets found in the selected reports\n";
      return;
    }
    bool any_result = false;
    std::set<std::string> reports;
    for (const auto& row : response.rows()) {
      any_result = any_result || row.has_result();
      reports.insert(row.goal().report_id());
    }
    const bool report_column = reports.size() > 1;
    std::vector<Table::Column> columns;
    if (report_column) columns.push_back({"report"});
    columns.insert(columns.end(), {{"indicator", kIndicatorWidth},
                                   {"value", 0, Table::Align::kRight},
                                   {"unit"},
                                   {"qualifier"},
                                   {"parent", kIndicatorWidth / 2}});
    if (any_result) columns.insert(columns.end(), {{"result", 0, Table::Align::kRight}, {"met"}});
    if (ctx->quote()) columns.push_back({"quote", kQuoteWidth});
    Table table(std::move(columns));
    for (const auto& row : response.rows()) {
      std::vector<std::string> cells;
      if (report_column) cells.push_back(ReportOf(row.goal()));
      cells.insert(cells.end(),
                   {row.indicator(), ValueText(row), row.unit(), row.qualifier(), row.parent()});
      if (any_result) {
        cells.push_back(row.has_result() ? ResultText(row.result()) : "");
        cells.push_back(row.has_result() ? row.result().met() : "");
      }
      if (ctx->quote()) cells.push_back(OneLineText(row.quote().text()));
      table.AddRow(std::move(cells));
    }
    ctx->WriteTable(table);
    PrintNextPage(response.next_page_token(), response.rows_size(), response.total_size(), ctx);
  }

  FilterFlags filter_;
  bool include_task_targets_ = false;
  PageFlags page_;
};

}  // namespace

std::unique_ptr<Command> AddTargetsCommand(CLI::App* app) {
  return std::make_unique<TargetsCommand>(app);
}

}  // namespace kg::cli
