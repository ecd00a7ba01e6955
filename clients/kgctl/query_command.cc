// `kgctl query 'MATCH …'`: a graph pattern query in kg's openCypher subset
// (docs/cypher.md), streamed from QueryService.Cypher and printed as a table, as one
// JSON document (-o json) or one JSON object per row (-o jsonl).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/query_output.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

constexpr int kCellWidth = 48;

// NAME=VALUE: VALUE is an integer, a decimal, true, false or null when it reads as one,
// else a string; quotes ('…' or "…") keep it a string.
absl::StatusOr<std::pair<std::string, kg::v1::CypherValue>> ParseParam(const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return UsageError(
        absl::StrCat("--param takes NAME=VALUE, e.g. --param phrase=长三角; got '", text, "'"));
  }
  std::string name = text.substr(0, eq);
  if (name[0] == '$') name = name.substr(1);
  std::string value = text.substr(eq + 1);
  kg::v1::CypherValue out;
  int64_t i = 0;
  double d = 0;
  if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
      value.back() == value.front()) {
    out.set_string_value(value.substr(1, value.size() - 2));
  } else if (absl::SimpleAtoi(value, &i)) {
    out.set_int_value(i);
  } else if (value.find_first_of(".eE") != std::string::npos && absl::SimpleAtod(value, &d)) {
    out.set_float_value(d);
  } else if (value == "true" || value == "false") {
    out.set_bool_value(value == "true");
  } else if (value == "null") {
    out.set_null_value(true);
  } else {
    out.set_string_value(value);
  }
  return std::make_pair(name, out);
}

std::string PathText(const kg::v1::CypherPath& path) {
  if (path.nodes().empty()) return "";
  std::string out = path.nodes(0).name();
  for (int k = 0; k < path.edges_size() && k + 1 < path.nodes_size(); ++k) {
    const auto& e = path.edges(k);
    bool forward = e.src() == path.nodes(k).id();
    absl::StrAppend(&out, forward ? " -[:" : " <-[:", e.type(), forward ? "]-> " : "]- ",
                    path.nodes(k + 1).name());
  }
  return out;
}

std::string CellText(const kg::v1::CypherValue& v) {
  switch (v.value_case()) {
    case kg::v1::CypherValue::kBoolValue: return v.bool_value() ? "true" : "false";
    case kg::v1::CypherValue::kIntValue: return absl::StrCat(v.int_value());
    case kg::v1::CypherValue::kFloatValue: return absl::StrCat(v.float_value());
    case kg::v1::CypherValue::kStringValue: return v.string_value();
    case kg::v1::CypherValue::kNode: return NameAndType(v.node());
    case kg::v1::CypherValue::kEdge: return absl::StrCat(":", v.edge().type());
    case kg::v1::CypherValue::kPath: return PathText(v.path());
    case kg::v1::CypherValue::kList: {
      std::vector<std::string> items;
      for (const auto& item : v.list().values()) items.push_back(CellText(item));
      return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
    }
    default: return "";  // null
  }
}

void WriteValueJson(const kg::v1::CypherValue& v, JsonWriter* json) {
  switch (v.value_case()) {
    case kg::v1::CypherValue::kBoolValue: json->Bool(v.bool_value()); break;
    case kg::v1::CypherValue::kIntValue: json->Int(v.int_value()); break;
    case kg::v1::CypherValue::kFloatValue: json->Double(v.float_value()); break;
    case kg::v1::CypherValue::kStringValue: json->String(v.string_value()); break;
    case kg::v1::CypherValue::kNode: WriteEntityRefJson(v.node(), json); break;
    case kg::v1::CypherValue::kEdge: WriteEdgeJson(v.edge(), json); break;
    case kg::v1::CypherValue::kPath:
      json->BeginObject();
      json->Key("nodes").BeginArray();
      for (const auto& n : v.path().nodes()) WriteEntityRefJson(n, json);
      json->EndArray();
      json->Key("edges").BeginArray();
      for (const auto& e : v.path().edges()) WriteEdgeJson(e, json);
      json->EndArray();
      json->EndObject();
      break;
    case kg::v1::CypherValue::kList:
      json->BeginArray();
      for (const auto& item : v.list().values()) WriteValueJson(item, json);
      json->EndArray();
      break;
    default: json->Null(); break;
  }
}

class QueryCommand : public Command {
 public:
  explicit QueryCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "query", "A graph pattern query in kg's openCypher subset (MATCH … WHERE … RETURN …)");
    sub->add_option("QUERY", query_, "The query; - reads it from stdin (see docs/cypher.md)");
    sub->add_option("-f,--file", file_, "Read the query from this file (- for stdin)");
    sub->add_option("--param", params_,
                    "A $parameter as NAME=VALUE (numbers, true, false and null read as such; "
                    "quote to keep a string); repeatable");
    sub->add_option("--max-rows", max_rows_, "At most this many rows (server default 10000)");
    sub->add_option("--max-expansions", max_expansions_,
                    "At most this many nodes and edges read (server default 100000)");
    sub->footer(
        "Examples:\n"
        "  kgctl query \"MATCH (t:task)-[:serves]->(g:goal) WHERE search(g, '长三角一体化') "
        "RETURN DISTINCT t.name\"\n"
        "  kgctl query 'MATCH (p:place {name: $town})<-[:mentions]-(t:task) RETURN t' "
        "--param town=枫泾镇\n"
        "  kgctl query -f question.cypher -o jsonl\n"
        "  kgctl query 'EXPLAIN MATCH (g:goal) WHERE g.value > 5 RETURN g'\n"
        "Read-only. Errors give the line and column; a query that reads too much stops with\n"
        "the limit it passed (exit 5); a malformed query exits 3.");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, true);
    if (!format.ok()) return format.status();
    if (!query_.empty() && !file_.empty()) {
      return UsageError("give the query as an argument or with -f, not both");
    }
    std::string text = query_;
    if (!file_.empty() || query_ == "-") {
      absl::StatusOr<std::string> read = ReadInputFile(file_.empty() ? "-" : file_);
      if (!read.ok()) return read.status();
      text = *std::move(read);
    }
    if (text.empty()) {
      return UsageError("no query: give it as an argument, with -f FILE, or - for stdin");
    }
    kg::v1::CypherRequest request;
    request.set_query(text);
    for (const auto& p : params_) {
      auto parsed = ParseParam(p);
      if (!parsed.ok()) return parsed.status();
      (*request.mutable_parameters())[parsed->first] = parsed->second;
    }
    request.set_max_rows(max_rows_);
    request.set_max_expansions(max_expansions_);

    auto stub = kg::v1::QueryService::NewStub(ctx->QueryChannel());
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
    std::unique_ptr<grpc::ClientReader<kg::v1::CypherResponse>> reader =
        stub->Cypher(&context, request);
    std::vector<std::string> columns;
    std::vector<kg::v1::CypherRow> rows;
    bool explain = false;
    kg::v1::CypherResponse response;
    bool write_failed = false;
    bool first = true;
    while (reader->Read(&response)) {
      if (first) {
        columns.assign(response.columns().begin(), response.columns().end());
        explain = response.explain();
        first = false;
      }
      if (*format == OutputFormat::kJsonl && !explain) {
        // Rows are written as they arrive, so memory stays flat.
        for (const auto& row : response.rows()) {
          JsonWriter json;
          json.BeginObject();
          for (int k = 0; k < row.values_size() && k < static_cast<int>(columns.size()); ++k) {
            json.Key(columns[k]);
            WriteValueJson(row.values(k), &json);
          }
          json.EndObject();
          ctx->out() << json.str() << "\n";
        }
        if (!ctx->out()) {
          write_failed = true;
          context.TryCancel();
          break;
        }
      } else {
        for (auto& row : *response.mutable_rows()) rows.push_back(std::move(row));
      }
    }
    const grpc::Status status = reader->Finish();
    if (write_failed) return LocalIoError("cannot write the output");
    if (!status.ok()) return QueryRpcError(status, "query", ctx);

    if (explain) {
      for (const auto& row : rows) ctx->out() << CellText(row.values(0)) << "\n";
    } else if (*format == OutputFormat::kJson) {
      JsonWriter json;
      json.BeginObject();
      json.Key("columns").BeginArray();
      for (const auto& c : columns) json.String(c);
      json.EndArray();
      json.Key("rows").BeginArray();
      for (const auto& row : rows) {
        json.BeginArray();
        for (const auto& v : row.values()) WriteValueJson(v, &json);
        json.EndArray();
      }
      json.EndArray();
      json.EndObject();
      ctx->WriteJson(json);
    } else if (*format == OutputFormat::kTable) {
      std::vector<Table::Column> table_columns;
      for (const auto& c : columns) table_columns.push_back({c, kCellWidth});
      Table table(std::move(table_columns));
      for (const auto& row : rows) {
        std::vector<std::string> cells;
        for (const auto& v : row.values()) cells.push_back(CellText(v));
        table.AddRow(std::move(cells));
      }
      ctx->WriteTable(table);
      ctx->out() << "(" << rows.size() << (rows.size() == 1 ? " row" : " rows") << ")\n";
    }
    return ctx->FlushOut();
  }

 private:
  std::string query_;
  std::string file_;
  std::vector<std::string> params_;
  uint32_t max_rows_ = 0;
  uint32_t max_expansions_ = 0;
};

}  // namespace

std::unique_ptr<Command> AddQueryCommand(CLI::App* app) {
  return std::make_unique<QueryCommand>(app);
}

}  // namespace kg::cli
