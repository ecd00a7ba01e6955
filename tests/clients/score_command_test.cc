// Tests of `kgctl score` through RunKgctl: a graph given as a file, the bars and their
// exit code, -o json, input errors, and the stored report fetched from a fake
// QueryService (ListReports and Export) when no graph is given.
#include <stdlib.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/kgctl/app.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReport[] = "0123456789abcdef";

// A report with one plan area and its task, one target, one place and one goal.
constexpr char kGraph[] =
    R"({"kind":"node","id":"00000000000000a0","type":"report","name":"2020年上海市金山区政府工作报告","attrs":{"region":"上海市金山区","year":"2020"},"spans":[{"report":"0123456789abcdef","begin":0,"end":4}]})"
    "\n"
    R"({"kind":"node","id":"00000000000000a1","type":"task","name":"注重高站位,促进区域联动","attrs":{"level":"area","ordinal":"四"},"spans":[{"report":"0123456789abcdef","begin":5,"end":9}]})"
    "\n"
    R"({"kind":"node","id":"00000000000000a2","type":"task","name":"深化产业发展互融","attrs":{"level":"task"},"spans":[{"report":"0123456789abcdef","begin":10,"end":18}]})"
    "\n"
    R"({"kind":"node","id":"00000000000000a3","type":"goal","name":"属地地区生产总值增长6.5%左右","attrs":{"indicator":"属地地区生产总值","kind":"target","qualifier":"左右","unit":"%","value":"6.5"},"spans":[{"report":"0123456789abcdef","begin":20,"end":30}]})"
    "\n"
    R"({"kind":"node","id":"00000000000000a4","type":"place","name":"全区","attrs":{"subtype":"district"},"spans":[{"report":"0123456789abcdef","begin":31,"end":33}]})"
    "\n"
    R"({"kind":"edge","id":"00000000000000e1","type":"part_of","src":"00000000000000a2","dst":"00000000000000a1","attrs":{},"spans":[{"report":"0123456789abcdef","begin":10,"end":18}]})"
    "\n";

constexpr char kGold[] = R"({
  "report": {"region": "上海市金山区", "year": 2020, "title_contains": "金山区"},
  "task_areas": [{"ordinal": "四", "title": "注重高站位,促进区域联动",
                  "tasks": ["深化产业发展互融", "细化公共服务互动"]}],
  "targets": [{"indicator": "属地地区生产总值", "value": 6.5, "unit": "%", "qualifier": "左右"}],
  "places_admin_must": ["枫泾"],
  "not_places": ["全区"]
})";

// Lists one report (上海市金山区 2020) and exports kGraph's records for it.
class FakeQueryService final : public kg::v1::QueryService::Service {
 public:
  grpc::Status ListReports(grpc::ServerContext*, const kg::v1::ListReportsRequest*,
                           kg::v1::ListReportsResponse* response) override {
    kg::v1::ReportInfo* report = response->add_reports();
    report->set_id(kReport);
    report->set_region("上海市金山区");
    report->set_year(2020);
    report->set_title("2020年上海市金山区政府工作报告");
    return grpc::Status::OK;
  }

  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest* request,
                      grpc::ServerWriter<kg::v1::ExportChunk>* writer) override {
    last_export_report_ = request->report_id();
    kg::v1::ExportChunk chunk;
    kg::v1::Node* report = chunk.add_nodes();
    report->set_id("00000000000000a0");
    report->set_type("report");
    report->set_name("2020年上海市金山区政府工作报告");
    (*report->mutable_attrs())["region"] = "上海市金山区";
    (*report->mutable_attrs())["year"] = "2020";
    kg::v1::Span* span = report->add_spans();
    span->set_report_id(kReport);
    span->set_end(4);
    kg::v1::Node* area = chunk.add_nodes();
    area->set_id("00000000000000a1");
    area->set_type("task");
    area->set_name("注重高站位,促进区域联动");
    (*area->mutable_attrs())["level"] = "area";
    (*area->mutable_attrs())["ordinal"] = "四";
    *area->add_spans() = *span;
    writer->Write(chunk);
    return grpc::Status::OK;
  }

  std::string last_export_report_;
};

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

class ScoreCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = new FakeQueryService;
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart().release();
    addr_ = absl::StrCat("127.0.0.1:", port);
  }

  static void TearDownTestSuite() {
    server_->Shutdown();
    delete server_;
    delete service_;
  }

  void SetUp() override { unsetenv("KG_ADDR"); }

  static RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> argv = {"kgctl", "--addr", addr_};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<const char*> pointers;
    for (const auto& arg : argv) pointers.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const int code = RunKgctl(static_cast<int>(pointers.size()), pointers.data(), out, err,
                              /*color=*/false);
    return {code, out.str(), err.str()};
  }

  static std::string Write(const std::string& name, const std::string& content) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/kgctl_score_", name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  static FakeQueryService* service_;
  static grpc::Server* server_;
  static std::string addr_;
};

FakeQueryService* ScoreCommandTest::service_ = nullptr;
grpc::Server* ScoreCommandTest::server_ = nullptr;
std::string ScoreCommandTest::addr_;

TEST_F(ScoreCommandTest, PrintsTheTableForAGraphFile) {
  RunResult r = Run({"score", Write("gold.json", kGold), Write("graph.jsonl", kGraph)});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, HasSubstr("report 0123456789abcdef  上海市金山区 2020"));
  EXPECT_THAT(r.out, HasSubstr("task areas"));
  EXPECT_THAT(r.out, HasSubstr("tasks: missed 四 / 细化公共服务互动"));
  EXPECT_THAT(r.out, HasSubstr("of not_places taken as places: 全区"));

  r = Run({"score", "--no-details", Write("gold.json", kGold), Write("graph.jsonl", kGraph)});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, Not(HasSubstr("missed")));
}

TEST_F(ScoreCommandTest, ExitsOneBelowTheBars) {
  const std::string gold = Write("gold.json", kGold);
  const std::string graph = Write("graph.jsonl", kGraph);
  RunResult r = Run({"score", gold, graph, "--min-recall", "0.9"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("task areas"));  // the table is still printed
  EXPECT_EQ(r.err, "kgctl: below the bar: tasks 50.0% < 90%, places admin 0.0% < 90%\n");

  r = Run({"score", gold, graph, "--min-recall", "0.5"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "kgctl: below the bar: places admin 0.0% < 50%\n");

  r = Run({"score", gold, graph, "--max-false-places", "0"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "kgctl: below the bar: false places 1 > 0\n");

  r = Run({"score", gold, graph, "--max-false-places", "1", "--min-recall", "0"});
  EXPECT_EQ(r.code, 0) << r.err;

  r = Run({"score", gold, graph, "--min-recall", "1.5"});
  EXPECT_EQ(r.code, 2);
}

TEST_F(ScoreCommandTest, JsonOutputCarriesEveryKind) {
  RunResult r = Run({"score", Write("gold.json", kGold), Write("graph.jsonl", kGraph), "-o", "json",
                     "--min-recall", "0.9"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr(R"("report":{"id":"0123456789abcdef","type":"report",)"));
  EXPECT_THAT(r.out, HasSubstr(R"({"kind":"tasks","label":"tasks","must":true,"gold":2,)"
                               R"("found":1,"recall":0.5,"predicted":1,"correct":1,)"
                               R"("precision":1,"missed":["四 / 细化公共服务互动"],"extra":[]})"));
  EXPECT_THAT(r.out, HasSubstr(R"("kind":"terms","label":"glossary terms","must":true,"gold":0,)"
                               R"("found":0,"recall":null)"));
  EXPECT_THAT(r.out, HasSubstr(R"("false_places":{"not_places":1,"hits":["全区"]})"));
  EXPECT_THAT(r.out, HasSubstr(R"("below":["tasks 50.0% < 90%","places admin 0.0% < 90%"]})"));
  EXPECT_EQ(r.out.back(), '\n');

  r = Run({"score", Write("gold.json", kGold), Write("graph.jsonl", kGraph), "-o", "jsonl"});
  EXPECT_EQ(r.code, 2);
}

TEST_F(ScoreCommandTest, InputErrorsNameTheFile) {
  const std::string gold = Write("gold.json", kGold);
  RunResult r = Run({"score", "/nonexistent/gold.json", Write("graph.jsonl", kGraph)});
  EXPECT_EQ(r.code, 6);
  EXPECT_THAT(r.err, HasSubstr("cannot open /nonexistent/gold.json"));

  const std::string bad_graph = Write("bad.jsonl", std::string(kGraph) + "{oops\n");
  r = Run({"score", gold, bad_graph});
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(bad_graph, ": line 7: bad JSON")));

  const std::string bad_gold = Write("bad_gold.json", R"({"report":{"year":2020}})");
  r = Run({"score", bad_gold, Write("graph.jsonl", kGraph)});
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(bad_gold, ": gold annotation: report.region")));

  r = Run({"score"});
  EXPECT_EQ(r.code, 2);
}

TEST_F(ScoreCommandTest, WithoutAGraphScoresTheStoredReport) {
  RunResult r = Run({"score", Write("gold.json", kGold)});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(service_->last_export_report_, kReport);
  EXPECT_THAT(r.out, HasSubstr("report 0123456789abcdef  上海市金山区 2020"));
  EXPECT_THAT(r.out, Not(HasSubstr("task areas: missed")));  // the area was exported
  EXPECT_THAT(r.out, HasSubstr("tasks: missed 四 / 深化产业发展互融"));

  const std::string other =
      Write("other.json", R"({"report":{"region":"保定市","year":2022},"task_areas":[]})");
  r = Run({"score", other});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "kgctl: no stored report of 保定市 2022; ingest it, or give the graph as a file\n");
}

TEST_F(ScoreCommandTest, UnreachableServerExitsFour) {
  std::vector<std::string> argv = {
      "kgctl", "--addr", "127.0.0.1:1", "--timeout", "2", "score", Write("gold.json", kGold)};
  std::vector<const char*> pointers;
  for (const auto& arg : argv) pointers.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(RunKgctl(static_cast<int>(pointers.size()), pointers.data(), out, err, false), 4);
  EXPECT_THAT(err.str(), HasSubstr("cannot reach 127.0.0.1:1"));
}

TEST_F(ScoreCommandTest, HelpDescribesTheCommand) {
  RunResult r = Run({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("score"));
  EXPECT_THAT(r.out, HasSubstr("below --min-recall"));
  r = Run({"score", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("--min-recall"));
  EXPECT_THAT(r.out, HasSubstr("kgctl ingest --dry-run -o jsonl report.txt | kgctl score"));
}

}  // namespace
}  // namespace kg::cli
