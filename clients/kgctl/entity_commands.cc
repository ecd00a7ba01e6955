// The commands about one entity: `kgctl show` (the entity with its attributes, source
// sentences and edges) and `kgctl neighbors` (what lies one to three hops away).
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/filter_flags.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/query_output.h"
#include "google/protobuf/map.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

// Names wider than this are cut in lists of other entities.
constexpr int kNameWidth = 40;

// Types the API documents (graph.proto); checking them here turns a typo into a usage
// error rather than an empty answer.
const std::vector<std::string> kNodeTypes = {"report",    "section", "task",  "achievement", "goal",
                                             "indicator", "term",    "place", "organization"};
const std::vector<std::string> kEdgeTypes = {"part_of", "serves",   "mentions",  "measures",
                                             "reports", "includes", "located_in"};

// Attributes sorted by key: protobuf maps iterate in no fixed order.
std::vector<std::pair<std::string, std::string>> SortedAttrs(
    const google::protobuf::Map<std::string, std::string>& attrs) {
  std::vector<std::pair<std::string, std::string>> sorted(attrs.begin(), attrs.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

// "key=value, key=value", sorted by key.
std::string AttrsText(const google::protobuf::Map<std::string, std::string>& attrs) {
  return absl::StrJoin(SortedAttrs(attrs), ", ", absl::PairFormatter("="));
}

// Makes quoted text a single line for plain-text output.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

class ShowCommand : public Command {
 public:
  explicit ShowCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "show", "One entity: its attributes, the sentences it comes from and its edges");
    sub->add_option("NAME_OR_ID", name_, "A name as the report writes it, or a 16-hex-digit id")
        ->required();
    filter_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl show 田园五镇\n"
        "  kgctl show 枫泾镇 -o json\n"
        "Exits 1 if nothing has that name or id. --no-quote hides the source sentences.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    kg::v1::ShowRequest request;
    request.set_name(name_);
    *request.mutable_filter() = filter_.ToProto();
    kg::v1::ShowResponse response;
    if (absl::Status s = CallQuery(ctx, "show", &kg::v1::QueryService::Stub::Show, request,
                                   &response, name_);
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
  void PrintJson(const kg::v1::ShowResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("node");
    WriteNodeJson(response.node(), &json);
    if (ctx->quote()) {
      json.Key("quotes").BeginArray();
      for (const auto& quote : response.quotes()) WriteQuoteJson(quote, &json);
      json.EndArray();
    }
    json.Key("edges").BeginArray();
    for (const auto& view : response.edges()) {
      json.BeginObject();
      json.Key("direction").String(view.direction());
      json.Key("edge");
      WriteEdgeJson(view.edge(), &json);
      json.Key("other");
      WriteEntityRefJson(view.other(), &json);
      json.EndObject();
    }
    json.EndArray();
    json.Key("alternatives").BeginArray();
    for (const auto& ref : response.alternatives()) WriteEntityRefJson(ref, &json);
    json.EndArray();
    json.EndObject();
    ctx->WriteJson(json);
  }

  void PrintTable(const kg::v1::ShowResponse& response, CommandContext* ctx) {
    const kg::v1::Node& node = response.node();
    Table fields({{""}, {""}});
    fields.AddRow({"id", node.id()});
    fields.AddRow({"type", node.type()});
    fields.AddRow({"name", node.name()});
    if (!node.report_id().empty()) fields.AddRow({"report", node.report_id()});
    for (const auto& [key, value] : SortedAttrs(node.attrs())) fields.AddRow({key, value});
    ctx->WriteTable(fields);

    if (ctx->quote() && !response.quotes().empty()) {
      ctx->out() << "\nsource:\n";
      for (const auto& quote : response.quotes()) {
        ctx->out() << "  " << OneLine(quote.text()) << '\n';
      }
    }
    if (!response.edges().empty()) {
      ctx->out() << "\nedges:\n";
      Table edges({{"dir"}, {"edge"}, {"type"}, {"name", kNameWidth}, {"id"}, {"attrs"}});
      for (const auto& view : response.edges()) {
        edges.AddRow({view.direction(), view.edge().type(), view.other().type(),
                      view.other().name(), view.other().id(), AttrsText(view.edge().attrs())});
      }
      ctx->WriteTable(edges);
    }
    if (!response.alternatives().empty()) {
      ctx->out() << "\nalso named " << name_ << ":\n";
      Table others({{"type"}, {"name", kNameWidth}, {"id"}});
      for (const auto& ref : response.alternatives()) {
        others.AddRow({ref.type(), ref.name(), ref.id()});
      }
      ctx->WriteTable(others);
    }
  }

  std::string name_;
  FilterFlags filter_;
};

class NeighborsCommand : public Command {
 public:
  explicit NeighborsCommand(CLI::App* app) {
    CLI::App* sub =
        app->add_subcommand("neighbors", "The entities one or more hops from an entity");
    sub->add_option("NAME_OR_ID", name_, "A name as the report writes it, or a 16-hex-digit id")
        ->required();
    sub->add_option("--edge", edge_type_, "Only through edges of this type")
        ->check(CLI::IsMember(kEdgeTypes));
    sub->add_option("--type", node_type_, "Only neighbours of this node type")
        ->check(CLI::IsMember(kNodeTypes));
    sub->add_option("--depth", depth_, "Hops from the entity, 1 to 3")
        ->check(CLI::Range(1, 3))
        ->default_val(1);
    sub->add_option("--limit", limit_, "At most this many neighbours (default: 200)")
        ->check(CLI::Range(1, 1000000));
    filter_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl neighbors 枫泾镇\n"
        "  kgctl neighbors 田园五镇 --edge includes --type place\n"
        "  kgctl neighbors 长三角一体化 --depth 2 --limit 50 -o json\n"
        "Exits 1 if nothing has that name or id.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    kg::v1::NeighborsRequest request;
    request.set_name(name_);
    *request.mutable_filter() = filter_.ToProto();
    request.set_edge_type(edge_type_);
    request.set_node_type(node_type_);
    request.set_depth(depth_);
    request.set_limit(limit_);
    kg::v1::NeighborsResponse response;
    if (absl::Status s = CallQuery(ctx, "neighbors", &kg::v1::QueryService::Stub::Neighbors,
                                   request, &response, name_);
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
  void PrintJson(const kg::v1::NeighborsResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("start");
    WriteEntityRefJson(response.start(), &json);
    json.Key("neighbors").BeginArray();
    for (const auto& neighbor : response.neighbors()) {
      json.BeginObject();
      json.Key("node");
      WriteEntityRefJson(neighbor.node(), &json);
      json.Key("depth").Uint(neighbor.depth());
      json.Key("direction").String(neighbor.direction());
      json.Key("via");
      WriteEdgeJson(neighbor.via(), &json);
      json.EndObject();
    }
    json.EndArray();
    json.Key("truncated").Bool(response.truncated());
    json.EndObject();
    ctx->WriteJson(json);
  }

  void PrintTable(const kg::v1::NeighborsResponse& response, CommandContext* ctx) {
    const kg::v1::EntityRef& start = response.start();
    ctx->out() << start.type() << ' ' << start.name() << " (" << start.id() << ")\n";
    if (response.neighbors().empty()) {
      ctx->out() << "no neighbors\n";
      return;
    }
    Table table({{"depth", 0, Table::Align::kRight},
                 {"dir"},
                 {"edge"},
                 {"type"},
                 {"name", kNameWidth},
                 {"id"}});
    for (const auto& neighbor : response.neighbors()) {
      table.AddRow({absl::StrCat(neighbor.depth()), neighbor.direction(), neighbor.via().type(),
                    neighbor.node().type(), neighbor.node().name(), neighbor.node().id()});
    }
    ctx->WriteTable(table);
    if (response.truncated()) {
      ctx->out() << "(cut at " << response.neighbors_size()
                 << " neighbors; raise --limit for more)\n";
    }
  }

  std::string name_;
  std::string edge_type_;
  std::string node_type_;
  uint32_t depth_ = 1;
  uint32_t limit_ = 0;
  FilterFlags filter_;
};

}  // namespace

std::unique_ptr<Command> AddShowCommand(CLI::App* app) {
  return std::make_unique<ShowCommand>(app);
}

std::unique_ptr<Command> AddNeighborsCommand(CLI::App* app) {
  return std::make_unique<NeighborsCommand>(app);
}

}  // namespace kg::cli
