// `kgctl score GOLD.json [GRAPH.jsonl|-]`: the extraction measurement. Scores a report's
// graph (a file or stdin in the export contract, or else the stored report with the
// annotation's region and year, fetched with QueryService.ListReports and Export)
// against its hand annotation, with clients/score. Prints the table or -o json; with
// --min-recall or --max-false-places it exits 1 when the score is below that bar.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"
#include "clients/score/export_graph.h"
#include "clients/score/gold_annotation.h"
#include "clients/score/gold_scorer.h"
#include "clients/score/graph_queries.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

template <typename Proto>
void CopyRecord(const Proto& from, std::map<std::string, std::string>* attrs,
                std::vector<score::ExportSpan>* spans) {
  for (const auto& [key, value] : from.attrs()) (*attrs)[key] = value;
  for (const auto& s : from.spans()) spans->push_back({s.report_id(), s.begin(), s.end()});
}

void WriteStrings(const std::vector<std::string>& strings, JsonWriter* json) {
  json->BeginArray();
  for (const std::string& s : strings) json->String(s);
  json->EndArray();
}

class ScoreCommand : public Command {
 public:
  explicit ScoreCommand(CLI::App* app) {
    CLI::App* sub = app->add_subcommand(
        "score", "Score a report's extracted graph against its hand annotation (gold file)");
    sub->add_option("GOLD", gold_file_, "The annotation, e.g. tests/data/jinshan-2020.gold.json")
        ->required();
    sub->add_option("GRAPH", graph_file_,
                    "The graph as export JSON lines (kgctl export, kgctl ingest --dry-run -o "
                    "jsonl); - reads stdin. Default: the stored report with the annotation's "
                    "region and year");
    sub->add_option("--min-recall", min_recall_,
                    "Exit 1 if a must kind (structure, targets, glossary, admin and region "
                    "places) recalls less than this share, e.g. 0.9")
        ->check(CLI::Range(0.0, 1.0))
        ->type_name("SHARE");
    sub->add_option("--max-false-places", max_false_places_,
                    "Exit 1 if more of the annotation's not_places are taken as places")
        ->check(CLI::NonNegativeNumber)
        ->type_name("N");
    sub->add_flag("--details,!--no-details", details_,
                  "List what each kind missed and had extra, and each question (default: on)");
    sub->footer(
        "Examples:\n"
        "  kgctl score tests/data/jinshan-2020.gold.json\n"
        "  kgctl ingest --dry-run -o jsonl report.txt | kgctl score report.gold.json -\n"
        "  kgctl score report.gold.json graph.jsonl --min-recall 0.9 --max-false-places 2\n"
        "Recall: share of the annotated items found; precision: share of the graph's items\n"
        "the annotation lists. A target is right when its value, unit and qualifier are.\n"
        "Exits 1 when below --min-recall or --max-false-places (the table is printed).");
  }

  absl::Status Run(CommandContext* ctx) override {
    absl::StatusOr<OutputFormat> format = ctx->Format(OutputFormat::kTable, false);
    if (!format.ok()) return format.status();

    absl::StatusOr<std::string> gold_text = ReadInputFile(gold_file_);
    if (!gold_text.ok()) return gold_text.status();
    absl::StatusOr<score::GoldAnnotation> gold = score::ParseGoldAnnotation(*gold_text);
    if (!gold.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(gold_file_, ": ", gold.status().message()));
    }

    absl::StatusOr<score::ExportGraph> graph =
        graph_file_.empty() ? FetchGraph(*gold, ctx) : ReadGraph();
    if (!graph.ok()) return graph.status();

    absl::StatusOr<score::GoldScore> score = score::ScoreAgainstGold(*graph, *gold);
    if (!score.ok()) return score.status();

    std::vector<std::string> below;
    if (min_recall_ >= 0) below = score::MustKindsBelow(*score, min_recall_);
    if (max_false_places_ >= 0 &&
        static_cast<int>(score->false_places.size()) > max_false_places_) {
      below.push_back(
          absl::StrCat("false places ", score->false_places.size(), " > ", max_false_places_));
    }

    if (*format == OutputFormat::kJson) {
      PrintJson(*score, below, ctx);
    } else {
      ctx->out() << score::FormatScoreTable(*score, details_);
    }
    if (absl::Status flushed = ctx->FlushOut(); !flushed.ok()) return flushed;
    if (!below.empty()) {
      return BelowBarError(absl::StrCat("below the bar: ", absl::StrJoin(below, ", ")));
    }
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<score::ExportGraph> ReadGraph() const {
    absl::StatusOr<std::string> text = ReadInputFile(graph_file_);
    if (!text.ok()) return text.status();
    absl::StatusOr<score::ExportGraph> graph = score::ParseExportJsonl(*text);
    if (!graph.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(graph_file_ == "-" ? "stdin" : graph_file_, ": ", graph.status().message()));
    }
    return graph;
  }

  // The stored report with the annotation's region and year (the one without an
  // edition when there are several), exported whole.
  static absl::StatusOr<score::ExportGraph> FetchGraph(const score::GoldAnnotation& gold,
                                                       CommandContext* ctx) {
    auto stub = kg::v1::QueryService::NewStub(ctx->QueryChannel());
    const double timeout = ctx->TimeoutSeconds(kDefaultTimeoutSeconds);
    std::string report_id;
    {
      grpc::ClientContext context;
      ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
      kg::v1::ListReportsResponse response;
      const grpc::Status status =
          stub->ListReports(&context, kg::v1::ListReportsRequest(), &response);
      if (!status.ok()) return RpcError(status, {"reports", ctx->query_addr(), timeout, ""});
      for (const auto& report : response.reports()) {
        if (!score::SameText(report.region(), gold.region) || report.year() != gold.year) continue;
        if (report_id.empty() || report.edition().empty()) report_id = report.id();
      }
    }
    if (report_id.empty()) {
      return absl::NotFoundError(absl::StrCat("no stored report of ", gold.region, " ", gold.year,
                                              "; ingest it, or give the graph as a file"));
    }
    kg::v1::ExportRequest request;
    request.set_report_id(report_id);
    grpc::ClientContext context;
    ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
    std::unique_ptr<grpc::ClientReader<kg::v1::ExportChunk>> reader =
        stub->Export(&context, request);
    score::ExportGraph graph;
    kg::v1::ExportChunk chunk;
    while (reader->Read(&chunk)) {
      for (const auto& n : chunk.nodes()) {
        score::ExportNode node{n.id(), n.type(), n.name(), {}, {}};
        CopyRecord(n, &node.attrs, &node.spans);
        graph.nodes.push_back(std::move(node));
      }
      for (const auto& e : chunk.edges()) {
        score::ExportEdge edge{e.id(), e.type(), e.src(), e.dst(), {}, {}};
        CopyRecord(e, &edge.attrs, &edge.spans);
        graph.edges.push_back(std::move(edge));
      }
    }
    const grpc::Status status = reader->Finish();
    if (!status.ok()) {
      const std::string not_found = absl::StrCat("no report ", report_id);
      return RpcError(status, {"export", ctx->query_addr(), timeout, not_found});
    }
    return graph;
  }

  // {"report":{…},"notes":[…],"kinds":[…],"false_places":{…},"queries":[…],"below":[…]}
  static void PrintJson(const score::GoldScore& score, const std::vector<std::string>& below,
                        CommandContext* ctx) {
    JsonWriter json;
    json.BeginObject();
    json.Key("report").BeginObject();
    json.Key("id").String(score.report_id);
    json.Key("type").String("report");
    json.Key("name").String(score.title);
    json.Key("region").String(score.region);
    json.Key("year").Int(score.year);
    json.EndObject();
    json.Key("notes");
    WriteStrings(score.notes, &json);
    json.Key("kinds").BeginArray();
    for (const score::KindScore& k : score.kinds) {
      json.BeginObject();
      json.Key("kind").String(k.key);
      json.Key("label").String(k.label);
      json.Key("must").Bool(k.must);
      json.Key("gold").Int(k.gold);
      json.Key("found").Int(k.recalled);
      json.Key("recall");
      if (k.gold > 0) {
        json.Double(k.recall());
      } else {
        json.Null();
      }
      json.Key("predicted").Int(k.predicted);
      json.Key("correct").Int(k.correct);
      json.Key("precision");
      if (k.has_precision && k.predicted > 0) {
        json.Double(k.precision());
      } else {
        json.Null();
      }
      json.Key("missed");
      WriteStrings(k.missed, &json);
      json.Key("extra");
      WriteStrings(k.extra, &json);
      json.EndObject();
    }
    json.EndArray();
    json.Key("false_places").BeginObject();
    json.Key("not_places").Int(score.not_places);
    json.Key("hits");
    WriteStrings(score.false_places, &json);
    json.EndObject();
    json.Key("queries").BeginArray();
    for (const score::QueryScore& q : score.queries) {
      json.BeginObject();
      json.Key("id").String(q.id);
      json.Key("op").String(q.op);
      json.Key("q").String(q.q);
      json.Key("evaluated").Bool(q.evaluated);
      json.Key("ok").Bool(q.ok());
      json.Key("expected").Int(q.expected);
      json.Key("found").Int(q.found);
      json.Key("missing");
      WriteStrings(q.missing, &json);
      json.Key("forbidden");
      WriteStrings(q.forbidden, &json);
      json.EndObject();
    }
    json.EndArray();
    json.Key("below");
    WriteStrings(below, &json);
    json.EndObject();
    ctx->WriteJson(json);
  }

  std::string gold_file_;
  std::string graph_file_;
  double min_recall_ = -1;     // -1: no bar
  int max_false_places_ = -1;  // -1: no bar
  bool details_ = true;
};

}  // namespace

std::unique_ptr<Command> AddScoreCommand(CLI::App* app) {
  return std::make_unique<ScoreCommand>(app);
}

}  // namespace kg::cli
