// `kgctl export`: the whole graph, or one report's, in the export contract
// (graph_json.h), streamed from QueryService.Export.
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"
#include "clients/kgctl/graph_json.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

constexpr int kNameWidth = 40;

class ExportCommand : public Command {
 public:
  explicit ExportCommand(CLI::App* app) {
    CLI::App* sub =
        app->add_subcommand("export", "Write the whole graph, or one report's, as JSON lines");
    sub->add_option("--report", report_id_,
                    "Only this report's nodes and edges, with the shared ones it names");
    sub->footer(
        "Examples:\n"
        "  kgctl export > graph.jsonl\n"
        "  kgctl export --report 3f2a9c0d41b7e865 | grep '\"kind\":\"edge\"'\n"
        "Output (default -o jsonl), one object per line, nodes first:\n"
        "  {\"kind\":\"node\",\"id\":…,\"type\":…,\"name\":…,\"attrs\":{…},\"spans\":[…]}\n"
        "  "
        "{\"kind\":\"edge\",\"id\":…,\"type\":…,\"src\":…,\"dst\":…,\"attrs\":{…},\"spans\":[…]}\n"
        "  spans: {\"report\":…,\"begin\":n,\"end\":n}, code points of the cleaned text.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kJsonl, true);
    if (!format.ok()) return format.status();

    kg::v1::ExportRequest request;
    request.set_report_id(report_id_);
    auto stub = kg::v1::QueryService::NewStub(ctx->QueryChannel());
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
    std::unique_ptr<grpc::ClientReader<kg::v1::ExportChunk>> reader =
        stub->Export(&context, request);

    // JSONL is written as chunks arrive, so memory stays flat however big the graph;
    // the other formats need every record before they can print.
    const bool streaming = *format == OutputFormat::kJsonl;
    std::vector<kg::v1::Node> nodes;
    std::vector<kg::v1::Edge> edges;
    kg::v1::ExportChunk chunk;
    bool write_failed = false;
    while (reader->Read(&chunk)) {
      if (streaming) {
        for (const auto& node : chunk.nodes()) ctx->out() << NodeJsonLine(node);
        for (const auto& edge : chunk.edges()) ctx->out() << EdgeJsonLine(edge);
        if (!ctx->out()) {
          write_failed = true;
          context.TryCancel();
          break;
        }
      } else {
        for (auto& node : *chunk.mutable_nodes()) nodes.push_back(std::move(node));
        for (auto& edge : *chunk.mutable_edges()) edges.push_back(std::move(edge));
      }
    }
    const grpc::Status status = reader->Finish();
    if (write_failed) return LocalIoError("cannot write the output");
    if (!status.ok()) {
      const std::string not_found = absl::StrCat("no report ", report_id_);
      return RpcError(status,
                      {"export", ctx->query_addr(), ctx->TimeoutSeconds(kDefaultTimeoutSeconds),
                       report_id_.empty() ? "" : absl::string_view(not_found)});
    }
    if (*format == OutputFormat::kJson) {
      PrintJson(nodes, edges, ctx);
    } else if (*format == OutputFormat::kTable) {
      PrintTable(nodes, edges, ctx);
    }
    return ctx->FlushOut();
  }

 private:
  // {"nodes":[…],"edges":[…]} with the contract's node and edge objects.
  static void PrintJson(const std::vector<kg::v1::Node>& nodes,
                        const std::vector<kg::v1::Edge>& edges, CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("nodes").BeginArray();
    for (const auto& node : nodes) WriteNodeJson(node, &json);
    json.EndArray();
    json.Key("edges").BeginArray();
    for (const auto& edge : edges) WriteEdgeJson(edge, &json);
    json.EndArray();
    json.EndObject();
    ctx->WriteJson(json);
  }

  static void PrintTable(const std::vector<kg::v1::Node>& nodes,
                         const std::vector<kg::v1::Edge>& edges, CommandContext* ctx) {
    ctx->out() << "nodes: " << nodes.size() << '\n';
    Table node_table({{"id"}, {"type"}, {"name", kNameWidth}, {"report"}});
    for (const auto& node : nodes) {
      node_table.AddRow({node.id(), node.type(), node.name(), node.report_id()});
    }
    if (!node_table.empty()) ctx->WriteTable(node_table);
    ctx->out() << "\nedges: " << edges.size() << '\n';
    Table edge_table({{"id"}, {"type"}, {"src"}, {"dst"}});
    for (const auto& edge : edges) {
      edge_table.AddRow({edge.id(), edge.type(), edge.src(), edge.dst()});
    }
    if (!edge_table.empty()) ctx->WriteTable(edge_table);
  }

  std::string report_id_;
};

}  // namespace

std::unique_ptr<Command> AddExportCommand(CLI::App* app) {
  return std::make_unique<ExportCommand>(app);
}

}  // namespace kg::cli
