// `kgctl export`: the whole graph, or one report's, or the part around one entity, in the
// export contract (graph_json.h) or as GraphML or DOT (graph_formats.h), read from
// QueryService.Export.
//
// --around NAME --depth N is cut out on the client: Show resolves NAME the way every
// command does (ids, names, aliases, short place names, full text), Export streams the
// graph (one report's with --report), and a breadth-first walk over edges in both
// directions keeps the nodes within N hops (report and section nodes are reached but not
// walked through, as in `kgctl path`) and every edge between two kept nodes. So the
// subgraph is induced (a task's serves edge to a goal is drawn even when both were
// reached another way) and carries full nodes (all attributes, spans, report), which
// Neighbors, returning a spanning tree of entity references, does not give.
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"
#include "clients/kgctl/graph_formats.h"
#include "clients/kgctl/graph_json.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

constexpr int kNameWidth = 40;
constexpr int kMaxDepth = 5;

// Report and section nodes join everything in a report to everything else, so the walk
// reaches them but does not go on through them unless asked (as `kgctl path`).
bool IsStructure(const std::string& type) { return type == "report" || type == "section"; }

// The nodes within `depth` hops of `start_id` (edges followed both ways; through report
// and section nodes only if `through_structure`), at most `max_nodes` of them, nearest
// first; and the edges between them. Keeps the input order. Returns false if `max_nodes`
// cut the walk.
bool KeepAround(const std::string& start_id, int depth, size_t max_nodes, bool through_structure,
                std::vector<kg::v1::Node>* nodes, std::vector<kg::v1::Edge>* edges) {
  std::unordered_map<std::string, bool> structure;
  for (const auto& node : *nodes) structure[node.id()] = IsStructure(node.type());
  std::unordered_map<std::string, std::vector<std::string>> adjacent;
  for (const auto& edge : *edges) {
    adjacent[edge.src()].push_back(edge.dst());
    adjacent[edge.dst()].push_back(edge.src());
  }
  std::unordered_map<std::string, int> hops = {{start_id, 0}};
  std::deque<std::string> queue = {start_id};
  bool cut = false;
  while (!queue.empty() && !cut) {
    const std::string id = queue.front();
    queue.pop_front();
    const int hop = hops[id];
    if (hop >= depth || (hop > 0 && !through_structure && structure[id])) continue;
    for (const std::string& other : adjacent[id]) {
      if (hops.count(other)) continue;
      if (hops.size() >= max_nodes) {
        cut = true;
        break;
      }
      hops[other] = hop + 1;
      queue.push_back(other);
    }
  }
  std::vector<kg::v1::Node> kept_nodes;
  for (auto& node : *nodes) {
    if (hops.count(node.id())) kept_nodes.push_back(std::move(node));
  }
  std::vector<kg::v1::Edge> kept_edges;
  for (auto& edge : *edges) {
    if (hops.count(edge.src()) && hops.count(edge.dst())) kept_edges.push_back(std::move(edge));
  }
  *nodes = std::move(kept_nodes);
  *edges = std::move(kept_edges);
  return !cut;
}

class ExportCommand : public Command {
 public:
  explicit ExportCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "export",
        "Write the graph, one report's, or the part around an entity: JSON lines, "
        "GraphML or DOT");
    // Export's own -o admits the graph formats besides the global ones; given before the
    // command, -o is the global option (table, json, jsonl).
    sub->add_option("-o,--output", output_,
                    "Output format: jsonl (default), graphml, dot, json or table")
        ->check(CLI::IsMember({"table", "json", "jsonl", "graphml", "dot"}))
        ->type_name("FORMAT");
    sub->add_option("--report", report_id_,
                    "Only this report's nodes and edges, with the shared ones it names");
    sub->add_option("--around", around_,
                    "Only the entities within --depth hops of this one (id or name) and the "
                    "edges between them")
        ->type_name("NAME_OR_ID");
    sub->add_option("--depth", depth_, "Hops from --around (default 1)")
        ->check(CLI::Range(1, kMaxDepth))
        ->type_name("N");
    sub->add_option("--max-nodes", max_nodes_,
                    "With --around, stop the walk at this many entities (default 300)")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    sub->add_flag("--through-structure", through_structure_,
                  "With --around, also walk on through report and section nodes (by default "
                  "they are kept as ends: they join everything in a report)");
    sub->add_option("--font", font_,
                    absl::StrCat("DOT font list (default \"", kDefaultDotFont, "\")"))
        ->type_name("FONTS");
    sub->footer(
        "Examples:\n"
        "  kgctl export > graph.jsonl\n"
        "  kgctl export --report 3f2a9c0d41b7e865 | grep '\"kind\":\"edge\"'\n"
        "  kgctl export -o graphml > graph.graphml          # yEd, Gephi, networkx\n"
        "  kgctl export -o dot --around 长三角一体化 --depth 2 | dot -Tpng > g.png\n"
        "Output -o jsonl (the default), one object per line, nodes first:\n"
        "  {\"kind\":\"node\",\"id\":…,\"type\":…,\"name\":…,\"attrs\":{…},\"spans\":[…]}\n"
        "  "
        "{\"kind\":\"edge\",\"id\":…,\"type\":…,\"src\":…,\"dst\":…,\"attrs\":{…},\"spans\":[…]}\n"
        "  spans: {\"report\":…,\"begin\":n,\"end\":n}, code points of the cleaned text.\n"
        "-o graphml: keys type, name, label, report, spans (JSON), attrs (JSON) and one per\n"
        "  attribute. -o dot: names as labels, shape and colour by type, edge types on\n"
        "  edges; Chinese needs a CJK font for Graphviz (Debian: fonts-noto-cjk).\n"
        "--around walks edges both ways, not through report and section nodes (unless\n"
        "  --through-structure); past --max-nodes it stops and says so on stderr.");
  }

  absl::Status Run(CommandContext* ctx) override {
    std::string format = output_;
    if (format.empty()) {
      absl::StatusOr<OutputFormat> global = ctx->Format(OutputFormat::kJsonl, true);
      if (!global.ok()) return global.status();
      format = *global == OutputFormat::kTable  ? "table"
               : *global == OutputFormat::kJson ? "json"
                                                : "jsonl";
    }
    if (around_.empty() && (depth_ != 0 || max_nodes_ != 0 || through_structure_)) {
      return UsageError("--depth, --max-nodes and --through-structure go with --around NAME");
    }
    if (!font_.empty() && format != "dot") return UsageError("--font goes with -o dot");

    auto stub = kg::v1::QueryService::NewStub(ctx->QueryChannel());
    std::string start_id;
    if (!around_.empty()) {
      absl::StatusOr<std::string> id = Resolve(stub.get(), ctx);
      if (!id.ok()) return id.status();
      start_id = *std::move(id);
    }

    kg::v1::ExportRequest request;
    request.set_report_id(report_id_);
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
    std::unique_ptr<grpc::ClientReader<kg::v1::ExportChunk>> reader =
        stub->Export(&context, request);

    // JSONL of the whole graph is written as chunks arrive, so memory stays flat however
    // big the graph; the other outputs need every record before they can print.
    const bool streaming = format == "jsonl" && around_.empty();
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
    if (!around_.empty()) {
      bool found = false;
      for (const auto& node : nodes) found = found || node.id() == start_id;
      if (!found) {
        return absl::NotFoundError(
            absl::StrCat(around_, " (", start_id, ") is not in report ", report_id_));
      }
      const size_t max_nodes = max_nodes_ == 0 ? 300 : max_nodes_;
      if (!KeepAround(start_id, depth_ == 0 ? 1 : depth_, max_nodes, through_structure_, &nodes,
                      &edges)) {
        ctx->err() << "kgctl: export --around " << around_ << ": stopped at " << max_nodes
                   << " entities (--max-nodes); the picture is partial\n";
      }
    }

    if (format == "jsonl") {
      for (const auto& node : nodes) ctx->out() << NodeJsonLine(node);
      for (const auto& edge : edges) ctx->out() << EdgeJsonLine(edge);
    } else if (format == "json") {
      PrintJson(nodes, edges, ctx);
    } else if (format == "table") {
      PrintTable(nodes, edges, ctx);
    } else if (format == "graphml") {
      WarnDropped(WriteGraphml(nodes, edges, ctx->out()), ctx);
    } else if (format == "dot") {
      DotOptions options;
      if (!font_.empty()) options.font = font_;
      options.highlight_id = start_id;
      WarnDropped(WriteDot(nodes, edges, options, ctx->out()), ctx);
    }
    return ctx->FlushOut();
  }

 private:
  // The id of the --around entity, by QueryService.Show; an ambiguous name takes the
  // server's first choice and names the others on stderr.
  absl::StatusOr<std::string> Resolve(kg::v1::QueryService::Stub* stub, CommandContext* ctx) {
    kg::v1::ShowRequest request;
    request.set_name(around_);
    request.mutable_filter()->set_report_id(report_id_);
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
    kg::v1::ShowResponse response;
    const grpc::Status status = stub->Show(&context, request, &response);
    if (!status.ok()) {
      const std::string not_found = absl::StrCat("nothing matched ", around_);
      return RpcError(status, {"show", ctx->query_addr(),
                               ctx->TimeoutSeconds(kDefaultTimeoutSeconds), not_found});
    }
    if (!response.alternatives().empty()) {
      ctx->err() << "kgctl: " << around_ << " is ambiguous; exporting around "
                 << response.node().type() << " " << response.node().name() << " ("
                 << response.node().id() << "); others:";
      for (const auto& ref : response.alternatives()) {
        ctx->err() << ' ' << ref.type() << ' ' << ref.name() << " (" << ref.id() << ')';
      }
      ctx->err() << '\n';
    }
    return response.node().id();
  }

  static void WarnDropped(size_t dropped, CommandContext* ctx) {
    if (dropped == 0) return;
    ctx->err() << "kgctl: left out " << dropped
               << " edge(s) whose other end is not in the export\n";
  }

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

  std::string output_;
  std::string report_id_;
  std::string around_;
  int depth_ = 0;
  size_t max_nodes_ = 0;
  bool through_structure_ = false;
  std::string font_;
};

}  // namespace

std::unique_ptr<Command> AddExportCommand(CLI::App* app) {
  return std::make_unique<ExportCommand>(app);
}

}  // namespace kg::cli
