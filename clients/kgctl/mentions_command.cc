// `kgctl mentions NAME` (what names a term, place or organization) and `kgctl term
// NAME` (a term's definition, what it includes and where it is used):
// QueryService.Mentions and QueryService.Term.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/filter_flags.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/query_output.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

constexpr int kNameWidth = 32;
constexpr int kQuoteWidth = 56;

// The mentions as a table: report (when several), type, name, area, quote.
void PrintMentionsTable(const google::protobuf::RepeatedPtrField<kg::v1::Mention>& mentions,
                        CommandContext* ctx) {
  std::set<std::string> reports;
  for (const auto& m : mentions) reports.insert(m.by().report_id());
  const bool report_column = reports.size() > 1;
  std::vector<Table::Column> columns;
  if (report_column) columns.push_back({"report"});
  columns.insert(columns.end(), {{"type"}, {"name", kNameWidth}, {"area", kNameWidth}});
  if (ctx->quote()) columns.push_back({"quote", kQuoteWidth});
  Table table(std::move(columns));
  for (const auto& m : mentions) {
    std::vector<std::string> row;
    if (report_column) row.push_back(ReportOf(m.by()));
    row.insert(row.end(), {m.by().type(), m.by().name(), m.area().name()});
    if (ctx->quote()) row.push_back(OneLineText(m.quote().text()));
    table.AddRow(std::move(row));
  }
  ctx->WriteTable(table);
}

void WriteMentionJson(const kg::v1::Mention& m, CommandContext* ctx, JsonWriter* json) {
  json->BeginObject();
  json->Key("by");
  WriteEntityRefJson(m.by(), json);
  json->Key("area");
  WriteEntityRefJson(m.area(), json);
  json->Key("mentioned");
  WriteEntityRefJson(m.mentioned(), json);
  if (ctx->quote()) {
    json->Key("quote");
    if (m.has_quote()) {
      WriteQuoteJson(m.quote(), json);
    } else {
      json->Null();
    }
  }
  json->EndObject();
}

class MentionsCommand : public Command {
 public:
  explicit MentionsCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "mentions", "Tasks, review items and goals that name a term, place or organization");
    sub->add_option("NAME", name_, "The term, place or organization (枫泾 finds 枫泾镇)")
        ->required();
    sub->add_option("--type", types_, "Only mentions by this type (repeatable)")
        ->check(CLI::IsMember({"task", "achievement", "goal", "term"}));
    filter_.AddTo(sub);
    page_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl mentions 枫泾\n"
        "  kgctl mentions 一网通办 --type task --year 2020 -o json\n"
        "Exits 1 if nothing has that name.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    kg::v1::MentionsRequest request;
    request.set_name(name_);
    *request.mutable_filter() = filter_.ToProto();
    for (const auto& t : types_) request.add_types(t);
    request.set_page_size(page_.page_size);
    request.set_page_token(page_.page_token);
    kg::v1::MentionsResponse response;
    if (absl::Status s = CallQuery(ctx, "mentions", &kg::v1::QueryService::Stub::Mentions, request,
                                   &response);
        !s.ok()) {
      return s;
    }
    if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject();
      json.Key("resolution");
      WriteResolutionJson(response.resolution(), &json);
      json.Key("mentions").BeginArray();
      for (const auto& m : response.mentions()) WriteMentionJson(m, ctx, &json);
      json.EndArray();
      WritePageJson(response.next_page_token(), response.total_size(), &json);
      json.EndObject();
      ctx->WriteJson(json);
    } else {
      PrintResolution(response.resolution(), ctx);
      if (response.mentions().empty()) {
        ctx->out() << "nothing mentions " << response.resolution().entities(0).name() << '\n';
      } else {
        PrintMentionsTable(response.mentions(), ctx);
        PrintNextPage(response.next_page_token(), response.mentions_size(), response.total_size(),
                      ctx);
      }
    }
    return ctx->FlushOut();
  }

 private:
  std::string name_;
  std::vector<std::string> types_;
  FilterFlags filter_;
  PageFlags page_;
};

class TermCommand : public Command {
 public:
  explicit TermCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "term", "A term: its definition, what it includes, and where it is used");
    sub->add_option("TERM", name_, "The term, e.g. 田园五镇 or 一网通办")->required();
    filter_.AddTo(sub);
    page_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl term 田园五镇\n"
        "  kgctl term 一网通办 -o json\n"
        "Pages apply to the list of uses. Exits 1 if no term has that name.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    kg::v1::TermRequest request;
    request.set_name(name_);
    *request.mutable_filter() = filter_.ToProto();
    request.set_page_size(page_.page_size);
    request.set_page_token(page_.page_token);
    kg::v1::TermResponse response;
    if (absl::Status s = CallQuery(ctx, "term", &kg::v1::QueryService::Stub::Term, request,
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
  void PrintJson(const kg::v1::TermResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("resolution");
    WriteResolutionJson(response.resolution(), &json);
    json.Key("definitions").BeginArray();
    for (const auto& d : response.definitions()) {
      json.BeginObject();
      json.Key("term");
      WriteEntityRefJson(d.term(), &json);
      json.Key("definition").String(d.definition());
      json.Key("aliases").BeginArray();
      for (const auto& a : d.aliases()) json.String(a);
      json.EndArray();
      json.Key("includes").BeginArray();
      for (const auto& i : d.includes()) WriteEntityRefJson(i, &json);
      json.EndArray();
      if (ctx->quote()) {
        json.Key("quote");
        if (d.has_quote()) {
          WriteQuoteJson(d.quote(), &json);
        } else {
          json.Null();
        }
      }
      json.EndObject();
    }
    json.EndArray();
    json.Key("used_in").BeginArray();
    for (const auto& m : response.used_in()) WriteMentionJson(m, ctx, &json);
    json.EndArray();
    WritePageJson(response.next_page_token(), response.total_size(), &json);
    json.EndObject();
    ctx->WriteJson(json);
  }

  void PrintTable(const kg::v1::TermResponse& response, CommandContext* ctx) {
    PrintResolution(response.resolution(), ctx);
    const bool several = response.definitions_size() > 1;
    for (const auto& d : response.definitions()) {
      Table fields({{""}, {""}});
      fields.AddRow({"term", d.term().name()});
      if (several || !d.term().report().empty()) fields.AddRow({"report", ReportOf(d.term())});
      if (!d.definition().empty()) fields.AddRow({"definition", d.definition()});
      if (!d.aliases().empty()) fields.AddRow({"aliases", absl::StrJoin(d.aliases(), ", ")});
      std::vector<std::string> includes;
      for (const auto& i : d.includes()) includes.push_back(i.name());
      if (!includes.empty()) fields.AddRow({"includes", absl::StrJoin(includes, ", ")});
      if (ctx->quote() && d.has_quote()) fields.AddRow({"source", OneLineText(d.quote().text())});
      ctx->WriteTable(fields);
      ctx->out() << '\n';
    }
    if (response.used_in().empty()) {
      ctx->out() << "used in: nothing\n";
      return;
    }
    ctx->out() << "used in:\n";
    PrintMentionsTable(response.used_in(), ctx);
    PrintNextPage(response.next_page_token(), response.used_in_size(), response.total_size(), ctx);
  }

  std::string name_;
  FilterFlags filter_;
  PageFlags page_;
};

}  // namespace

std::unique_ptr<Command> AddMentionsCommand(CLI::App* app) {
  return std::make_unique<MentionsCommand>(app);
}

std::unique_ptr<Command> AddTermCommand(CLI::App* app) {
  return std::make_unique<TermCommand>(app);
}

}  // namespace kg::cli
