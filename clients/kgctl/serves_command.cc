// `kgctl serves PHRASE`: which tasks serve the goals a phrase matches, why, and the
// sentence of the report that says so (QueryService.Serves).
#include <memory>
#include <set>
#include <string>

#include "CLI/CLI.hpp"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/filter_flags.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/query_output.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

// Column widths of the table: task names are short lead phrases but areas open with a
// sentence of purpose; the quote is cut hardest since -o json carries it whole.
constexpr int kTaskWidth = 32;
constexpr int kGoalWidth = 24;
constexpr int kQuoteWidth = 48;
// Tasks inside an area are indented under it.
constexpr char kTaskIndent[] = "  ";

class ServesCommand : public Command {
 public:
  explicit ServesCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "serves", "Tasks that serve the goals a phrase matches, with the sentence saying so");
    sub->add_option("PHRASE", phrase_, "The goal to ask about, matched by full text")->required();
    filter_.AddTo(sub);
    sub->add_flag("--include-review", include_review_,
                  "Also list review items (past achievements) that serve the goal");
    sub->add_option("--min-score", min_score_,
                    "Minimum full-text score (0..1] of a goal (default: the server's)")
        ->check(CLI::Range(0.0, 1.0));
    page_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl serves 长三角一体化\n"
        "  kgctl serves 乡村振兴 --include-review --no-quote\n"
        "  kgctl serves 桥头堡 --region 金山 --year 2020 -o json\n"
        "Areas come before their tasks; tasks are indented under their area, one line per\n"
        "goal served; rows from several reports name their report. Exits 1 if no goal\n"
        "matches. --no-quote hides the quote column.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    kg::v1::ServesRequest request;
    request.set_phrase(phrase_);
    *request.mutable_filter() = filter_.ToProto();
    request.set_include_review(include_review_);
    request.set_min_score(min_score_);
    request.set_page_size(page_.page_size);
    request.set_page_token(page_.page_token);

    kg::v1::ServesResponse response;
    if (absl::Status s = CallQuery(ctx, "serves", &kg::v1::QueryService::Stub::Serves, request,
                                   &response, phrase_);
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
  void PrintJson(const kg::v1::ServesResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("phrase").String(phrase_);
    json.Key("goals").BeginArray();
    for (const auto& goal : response.goals()) WriteEntityRefJson(goal, &json);
    json.EndArray();
    json.Key("rows").BeginArray();
    for (const auto& row : response.rows()) {
      json.BeginObject();
      json.Key("task");
      WriteEntityRefJson(row.task(), &json);
      json.Key("area");
      WriteEntityRefJson(row.area(), &json);
      json.Key("served").BeginArray();
      for (const auto& served : row.served()) {
        json.BeginObject();
        json.Key("goal");
        WriteEntityRefJson(served.goal(), &json);
        json.Key("evidence").String(served.evidence());
        json.Key("score").Double(served.score());
        if (ctx->quote()) {
          json.Key("quote");
          if (served.has_quote()) {
            WriteQuoteJson(served.quote(), &json);
          } else {
            json.Null();
          }
        }
        json.EndObject();
      }
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    WritePageJson(response.next_page_token(), response.total_size(), &json);
    json.EndObject();
    ctx->WriteJson(json);
  }

  void PrintTable(const kg::v1::ServesResponse& response, CommandContext* ctx) {
    if (response.rows().empty()) {
      ctx->out() << "goals matching " << phrase_ << ", served by no task:\n";
      for (const auto& goal : response.goals()) ctx->out() << "  " << goal.name() << '\n';
      return;
    }
    std::set<std::string> reports;
    for (const auto& row : response.rows()) reports.insert(row.task().report_id());
    const bool report_column = reports.size() > 1;
    std::vector<Table::Column> columns;
    if (report_column) columns.push_back({"report"});
    columns.insert(columns.end(), {{"task", kTaskWidth}, {"goal", kGoalWidth}, {"evidence"}});
    if (ctx->quote()) columns.push_back({"quote", kQuoteWidth});
    Table table(std::move(columns));
    // The area most recently shown; a task whose area is not the one above it gets a
    // heading row for its area, so an indented task never appears without its area.
    std::string shown_area;
    std::string shown_report;
    for (const auto& row : response.rows()) {
      // The report's name on the first row of each report.
      auto cells = [&](std::vector<std::string> rest) {
        if (!report_column) return rest;
        std::string report;
        if (row.task().report_id() != shown_report) {
          shown_report = row.task().report_id();
          report = ReportOf(row.task());
        }
        rest.insert(rest.begin(), std::move(report));
        return rest;
      };
      const bool is_area = row.area().id().empty();
      if (is_area) {
        shown_area = row.task().id();
      } else if (row.area().id() != shown_area) {
        shown_area = row.area().id();
        table.AddRow(cells({row.area().name()}));
      }
      // One line per goal served; the task's name only on the first.
      std::string task = is_area ? row.task().name() : kTaskIndent + row.task().name();
      for (const auto& served : row.served()) {
        table.AddRow(cells(
            {std::move(task), served.goal().name(), served.evidence(), served.quote().text()}));
        task.clear();
      }
      if (row.served().empty()) table.AddRow(cells({std::move(task)}));
    }
    ctx->WriteTable(table);
    PrintNextPage(response.next_page_token(), response.rows_size(), response.total_size(), ctx);
  }

  std::string phrase_;
  FilterFlags filter_;
  bool include_review_ = false;
  double min_score_ = 0;
  PageFlags page_;
};

}  // namespace

std::unique_ptr<Command> AddServesCommand(CLI::App* app) {
  return std::make_unique<ServesCommand>(app);
}

}  // namespace kg::cli
