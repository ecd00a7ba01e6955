// `kgctl search TEXT`: full-text hits over names, with the matched part marked 【】 in
// the name and in the sentence around it (QueryService.Search).
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

constexpr int kNameWidth = 36;
constexpr int kContextWidth = 60;

class SearchCommand : public Command {
 public:
  explicit SearchCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "search", "Full-text search over names, with the matches highlighted in context");
    sub->add_option("TEXT", text_, "Words to find, e.g. 乐高 (traditional characters fold)")
        ->required();
    sub->add_option("--type", node_type_, "Only entities of this type")
        ->check(CLI::IsMember({"report", "section", "task", "achievement", "goal", "indicator",
                               "term", "place", "organization"}));
    sub->add_option("--min-score", min_score_,
                    "Share (0..1] of the text's character pairs a name must hold (default 0.5)")
        ->check(CLI::Range(0.0, 1.0));
    filter_.AddTo(sub);
    page_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl search 乐高\n"
        "  kgctl search 一网通办 --type task -o json\n"
        "Table output marks matches with 【】; -o json gives code point offsets. Exits 1\n"
        "if nothing matches.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    kg::v1::SearchRequest request;
    request.set_text(text_);
    *request.mutable_filter() = filter_.ToProto();
    request.set_node_type(node_type_);
    request.set_min_score(min_score_);
    request.set_page_size(page_.page_size);
    request.set_page_token(page_.page_token);
    kg::v1::SearchResponse response;
    if (absl::Status s = CallQuery(ctx, "search", &kg::v1::QueryService::Stub::Search, request,
                                   &response);
        !s.ok()) {
      return s;
    }
    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject();
      json.Key("text").String(text_);
      json.Key("results").BeginArray();
      for (const auto& r : response.results()) {
        json.BeginObject();
        json.Key("entity");
        WriteEntityRefJson(r.entity(), &json);
        json.Key("score").Double(r.score());
        json.Key("name");
        WriteSnippetJson(r.name(), &json);
        json.Key("context");
        if (r.has_context()) {
          WriteSnippetJson(r.context(), &json);
        } else {
          json.Null();
        }
        json.EndObject();
      }
      json.EndArray();
      WritePageJson(response.next_page_token(), response.total_size(), &json);
      json.EndObject();
      ctx->WriteJson(json);
    } else if (!response.results().empty()) {
      std::vector<Table::Column> columns = {{"type"}, {"name", kNameWidth}, {"report"}};
      if (ctx->quote()) columns.push_back({"context", kContextWidth});
      Table table(std::move(columns));
      for (const auto& r : response.results()) {
        // A shared entity (a place) belongs to no report: name the one quoted.
        std::string report =
            r.entity().report_id().empty() ? r.context().report() : ReportOf(r.entity());
        std::vector<std::string> cells = {r.entity().type(), MarkHighlights(r.name()), report};
        if (ctx->quote()) cells.push_back(OneLineText(MarkHighlights(r.context())));
        table.AddRow(std::move(cells));
      }
      ctx->WriteTable(table);
      PrintNextPage(response.next_page_token(), response.results_size(), response.total_size(),
                    ctx);
    }
    if (response.total_size() == 0) {
      ctx->FlushOut().IgnoreError();
      return absl::NotFoundError(absl::StrCat("nothing matched ", text_));
    }
    return ctx->FlushOut();
  }

 private:
  std::string text_;
  std::string node_type_;
  double min_score_ = 0;
  FilterFlags filter_;
  PageFlags page_;
};

}  // namespace

std::unique_ptr<Command> AddSearchCommand(CLI::App* app) {
  return std::make_unique<SearchCommand>(app);
}

}  // namespace kg::cli
