// `kgctl path A B`: the shortest paths between two entities, with the edges walked
// (QueryService.Path).
#include <memory>
#include <string>
#include <vector>

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

class PathCommand : public Command {
 public:
  explicit PathCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand("path", "The shortest paths between two entities");
    sub->add_option("FROM", from_, "A name or id")->required();
    sub->add_option("TO", to_, "A name or id")->required();
    sub->add_option("--depth", depth_, "Longest path in edges, 1 to 6 (default 4)")
        ->check(CLI::Range(1, 6));
    sub->add_option("--count", count_, "At most this many paths, 1 to 20 (default 3)")
        ->check(CLI::Range(1, 20));
    sub->add_option("--edge", edge_types_, "Only through edges of this type (repeatable)")
        ->check(CLI::IsMember(
            {"part_of", "serves", "mentions", "measures", "reports", "includes", "located_in"}));
    sub->add_flag("--through-structure", through_structure_,
                  "Also walk through report and section nodes");
    filter_.AddTo(sub);
    sub->footer(
        "Examples:\n"
        "  kgctl path 乐高乐园 长三角一体化\n"
        "  kgctl path 田园五镇 枫泾 --depth 6 --count 5 -o json\n"
        "'->' walks an edge from its source, '<-' against it. Exits 1 if either end is\n"
        "unknown or no path is at most --depth long.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();
    kg::v1::PathRequest request;
    request.set_from(from_);
    request.set_to(to_);
    *request.mutable_filter() = filter_.ToProto();
    request.set_max_depth(depth_);
    request.set_max_paths(count_);
    for (const auto& t : edge_types_) request.add_edge_types(t);
    request.set_through_structure(through_structure_);
    kg::v1::PathResponse response;
    if (absl::Status s = CallQuery(ctx, "path", &kg::v1::QueryService::Stub::Path, request,
                                   &response);
        !s.ok()) {
      return s;
    }
    if (*format == OutputFormat::kJson) {
      PrintJson(response, ctx);
    } else {
      PrintResolution(response.from(), ctx);
      PrintResolution(response.to(), ctx);
      for (int i = 0; i < response.paths_size(); ++i) {
        const auto& path = response.paths(i);
        ctx->out() << "path " << (i + 1) << " (" << path.steps_size() << " edges):\n  "
                   << NameAndType(path.start()) << '\n';
        for (const auto& step : path.steps()) {
          const bool out = step.direction() == "out";
          ctx->out() << "  " << (out ? "-" : "<-") << step.edge().type() << (out ? "->" : "-")
                     << ' ' << NameAndType(step.node()) << '\n';
        }
      }
    }
    ctx->FlushOut().IgnoreError();
    if (response.paths().empty()) {
      return absl::NotFoundError(absl::StrCat(
          "no path of at most ", depth_ == 0 ? 4 : depth_, " edges joins ",
          response.from().entities(0).name(), " and ", response.to().entities(0).name(),
          response.truncated() ? " within the search's budget" : "", "; try a larger --depth"));
    }
    return ctx->FlushOut();
  }

 private:
  void PrintJson(const kg::v1::PathResponse& response, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("from");
    WriteResolutionJson(response.from(), &json);
    json.Key("to");
    WriteResolutionJson(response.to(), &json);
    json.Key("paths").BeginArray();
    for (const auto& path : response.paths()) {
      json.BeginObject();
      json.Key("start");
      WriteEntityRefJson(path.start(), &json);
      json.Key("steps").BeginArray();
      for (const auto& step : path.steps()) {
        json.BeginObject();
        json.Key("direction").String(step.direction());
        json.Key("edge");
        WriteEdgeJson(step.edge(), &json);
        json.Key("node");
        WriteEntityRefJson(step.node(), &json);
        json.EndObject();
      }
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    json.Key("truncated").Bool(response.truncated());
    json.EndObject();
    ctx->WriteJson(json);
  }

  std::string from_, to_;
  uint32_t depth_ = 0;
  uint32_t count_ = 0;
  std::vector<std::string> edge_types_;
  bool through_structure_ = false;
  FilterFlags filter_;
};

}  // namespace

std::unique_ptr<Command> AddPathCommand(CLI::App* app) {
  return std::make_unique<PathCommand>(app);
}

}  // namespace kg::cli
