// Tests of kgctl as a whole (RunKgctl): parsing, exit codes and output of each command,
// against fake QueryService and IngestService servers started in process on free ports.
// The real daemons are exercised by tests/integration.
#include "clients/kgctl/app.h"

#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "kg/v1/ingest.grpc.pb.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kReport[] = "0123456789abcdef";

kg::v1::EntityRef Ref(const std::string& id, const std::string& type, const std::string& name) {
  kg::v1::EntityRef ref;
  ref.set_id(id);
  ref.set_type(type);
  ref.set_name(name);
  return ref;
}

kg::v1::Node SampleNode() {
  kg::v1::Node node;
  node.set_id("000000000000000a");
  node.set_type("term");
  node.set_name("田园五镇");
  (*node.mutable_attrs())["definition"] = "是指廊下、吕巷、张堰、漕泾、山阳五镇";
  kg::v1::Span* span = node.add_spans();
  span->set_report_id(kReport);
  span->set_begin(100);
  span->set_end(104);
  node.set_report_id(kReport);
  return node;
}

kg::v1::Edge SampleEdge() {
  kg::v1::Edge edge;
  edge.set_id("00000000000000e1");
  edge.set_type("includes");
  edge.set_src("000000000000000a");
  edge.set_dst("000000000000000b");
  kg::v1::Span* span = edge.add_spans();
  span->set_report_id(kReport);
  span->set_begin(100);
  span->set_end(130);
  return edge;
}

constexpr char kNodeLine[] =
    R"({"kind":"node","id":"000000000000000a","type":"term","name":"田园五镇",)"
    R"("attrs":{"definition":"是指廊下、吕巷、张堰、漕泾、山阳五镇"},)"
    R"("spans":[{"report":"0123456789abcdef","begin":100,"end":104}]})"
    "\n";
constexpr char kEdgeLine[] =
    R"({"kind":"edge","id":"00000000000000e1","type":"includes","src":"000000000000000a",)"
    R"("dst":"000000000000000b","attrs":{},)"
    R"("spans":[{"report":"0123456789abcdef","begin":100,"end":130}]})"
    "\n";

class FakeQueryService final : public kg::v1::QueryService::Service {
 public:
  grpc::Status Serves(grpc::ServerContext*, const kg::v1::ServesRequest* request,
                      kg::v1::ServesResponse* response) override {
    if (request->phrase().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "empty phrase");
    }
    if (request->phrase() == "slow") {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      return grpc::Status::OK;
    }
    if (request->phrase() != "长三角一体化") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND,
                          absl::StrCat("no goal matches ", request->phrase()));
    }
    last_serves_ = *request;
    *response->add_goals() = Ref("g1", "goal", "长三角高质量一体化发展的桥头堡");
    *response->add_goals() = Ref("g2", "goal", "长三角一体化示范区");
    // An area row, its task, then a task whose area has no row of its own and which
    // serves two goals.
    kg::v1::ServesRow* row = response->add_rows();
    *row->mutable_task() = Ref("a1", "task", "主动融入长三角");
    kg::v1::ServedGoal* served = row->add_served();
    *served->mutable_goal() = response->goals(0);
    served->set_evidence("area");
    served->set_score(1);
    served->mutable_quote()->set_text("努力成为长三角高质量一体化发展的桥头堡");
    served->mutable_quote()->mutable_span()->set_report_id(kReport);
    served->mutable_quote()->mutable_span()->set_begin(10);
    served->mutable_quote()->mutable_span()->set_end(29);
    row = response->add_rows();
    *row->mutable_task() = Ref("t1", "task", "深化产业发展互融");
    *row->mutable_area() = Ref("a1", "task", "主动融入长三角");
    served = row->add_served();
    *served->mutable_goal() = response->goals(0);
    served->set_evidence("area");
    served->set_score(1);
    row = response->add_rows();
    *row->mutable_task() = Ref("t9", "task", "推进G60科创走廊建设");
    *row->mutable_area() = Ref("a2", "task", "提升城市能级");
    served = row->add_served();
    *served->mutable_goal() = response->goals(0);
    served->set_evidence("text");
    served->set_score(0.5);
    served->mutable_quote()->set_text("推进G60\n科创走廊");
    served = row->add_served();
    *served->mutable_goal() = response->goals(1);
    served->set_evidence("text");
    served->set_score(0.25);
    served->mutable_quote()->set_text("建设示范区");
    return grpc::Status::OK;
  }

  grpc::Status Show(grpc::ServerContext*, const kg::v1::ShowRequest* request,
                    kg::v1::ShowResponse* response) override {
    if (request->name() != "田园五镇") return grpc::Status(grpc::StatusCode::NOT_FOUND, "");
    *response->mutable_node() = SampleNode();
    kg::v1::Quote* quote = response->add_quotes();
    quote->set_text("田园五镇：是指廊下、吕巷、张堰、漕泾、山阳五镇。");
    *quote->mutable_span() = SampleNode().spans(0);
    kg::v1::EdgeView* view = response->add_edges();
    *view->mutable_edge() = SampleEdge();
    *view->mutable_other() = Ref("000000000000000b", "place", "廊下镇");
    view->set_direction("out");
    return grpc::Status::OK;
  }

  grpc::Status Neighbors(grpc::ServerContext*, const kg::v1::NeighborsRequest* request,
                         kg::v1::NeighborsResponse* response) override {
    last_neighbors_ = *request;
    *response->mutable_start() = Ref("000000000000000a", "term", "田园五镇");
    kg::v1::Neighbor* neighbor = response->add_neighbors();
    *neighbor->mutable_node() = Ref("000000000000000b", "place", "廊下镇");
    *neighbor->mutable_via() = SampleEdge();
    neighbor->set_direction("out");
    neighbor->set_depth(1);
    response->set_truncated(true);
    return grpc::Status::OK;
  }

  grpc::Status ListReports(grpc::ServerContext*, const kg::v1::ListReportsRequest*,
                           kg::v1::ListReportsResponse* response) override {
    kg::v1::ReportInfo* report = response->add_reports();
    report->set_id(kReport);
    report->set_region("上海市金山区");
    report->set_year(2020);
    report->set_level("district");
    report->set_title("2020年上海市金山区政府工作报告");
    report->set_node_count(812);
    report->set_edge_count(1630);
    return grpc::Status::OK;
  }

  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest* request,
                      grpc::ServerWriter<kg::v1::ExportChunk>* writer) override {
    if (!request->report_id().empty() && request->report_id() != kReport) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown report");
    }
    kg::v1::ExportChunk chunk;
    *chunk.add_nodes() = SampleNode();
    writer->Write(chunk);
    chunk.Clear();
    *chunk.add_edges() = SampleEdge();
    writer->Write(chunk);
    return grpc::Status::OK;
  }

  grpc::Status Stats(grpc::ServerContext*, const kg::v1::StatsRequest*,
                     kg::v1::StatsResponse* response) override {
    response->set_reports(1);
    response->set_nodes(812);
    response->set_edges(1630);
    response->set_name_entries(900);
    response->set_postings(12000);
    return grpc::Status::OK;
  }

  kg::v1::ServesRequest last_serves_;
  kg::v1::NeighborsRequest last_neighbors_;
};

class FakeIngestService final : public kg::v1::IngestService::Service {
 public:
  grpc::Status Ingest(grpc::ServerContext*, const kg::v1::IngestRequest* request,
                      kg::v1::IngestResponse* response) override {
    last_ingest_ = *request;
    if (request->content().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "empty input");
    }
    kg::v1::ReportInfo* report = response->mutable_report();
    report->set_id(kReport);
    report->set_region("上海市金山区");
    report->set_year(2020);
    report->set_title("2020年上海市金山区政府工作报告");
    report->set_node_count(812);
    report->set_edge_count(1630);
    response->set_encoding("UTF-8");
    response->add_warnings("glossary term 两区一堡 has no definition");
    if (request->dry_run()) {
      *response->add_nodes() = SampleNode();
      *response->add_edges() = SampleEdge();
    }
    return grpc::Status::OK;
  }

  grpc::Status DeleteReport(grpc::ServerContext*, const kg::v1::DeleteReportRequest* request,
                            kg::v1::DeleteReportResponse*) override {
    if (request->report_id() != kReport) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such report");
    }
    return grpc::Status::OK;
  }

  kg::v1::IngestRequest last_ingest_;
};

// One fake server per service, so that tests see which address a command used.
std::unique_ptr<grpc::Server> StartServer(grpc::Service* service, std::string* addr) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  *addr = absl::StrCat("127.0.0.1:", port);
  return server;
}

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

class KgctlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    query_ = new FakeQueryService;
    ingest_ = new FakeIngestService;
    query_server_ = StartServer(query_, &query_addr_).release();
    ingest_server_ = StartServer(ingest_, &ingest_addr_).release();
  }

  static void TearDownTestSuite() {
    query_server_->Shutdown();
    ingest_server_->Shutdown();
    delete query_server_;
    delete ingest_server_;
    delete query_;
    delete ingest_;
  }

  void SetUp() override {
    unsetenv("KG_ADDR");
    unsetenv("KG_INGEST_ADDR");
  }

  // Runs kgctl with `args` against the fake servers (unless args name an address).
  static RunResult Run(std::vector<std::string> args, bool with_addrs = true) {
    std::vector<std::string> argv = {"kgctl"};
    if (with_addrs) {
      argv.insert(argv.end(), {"--addr", query_addr_, "--ingest-addr", ingest_addr_});
    }
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<const char*> pointers;
    for (const auto& arg : argv) pointers.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const int code = RunKgctl(static_cast<int>(pointers.size()), pointers.data(), out, err,
                              /*color=*/false);
    return {code, out.str(), err.str()};
  }

  static std::string WriteTempFile(const std::string& content) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/kgctl_report.txt");
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  static FakeQueryService* query_;
  static FakeIngestService* ingest_;
  static grpc::Server* query_server_;
  static grpc::Server* ingest_server_;
  static std::string query_addr_;
  static std::string ingest_addr_;
};

FakeQueryService* KgctlTest::query_ = nullptr;
FakeIngestService* KgctlTest::ingest_ = nullptr;
grpc::Server* KgctlTest::query_server_ = nullptr;
grpc::Server* KgctlTest::ingest_server_ = nullptr;
std::string KgctlTest::query_addr_;
std::string KgctlTest::ingest_addr_;

TEST_F(KgctlTest, HelpShowsExamplesAndExitCodes) {
  RunResult result = Run({"--help"}, false);
  EXPECT_EQ(result.code, 0);
  EXPECT_THAT(result.out, HasSubstr("kgctl serves 长三角一体化"));
  EXPECT_THAT(result.out, HasSubstr("Exit codes:"));
  EXPECT_THAT(result.out, HasSubstr("4  server unreachable or timed out"));
  EXPECT_THAT(result.out, HasSubstr("KG_ADDR"));

  result = Run({"serves", "--help"}, false);
  EXPECT_EQ(result.code, 0);
  EXPECT_THAT(result.out, HasSubstr("Examples:\n  kgctl serves 长三角一体化"));
  EXPECT_THAT(result.out, HasSubstr("--include-review"));
}

TEST_F(KgctlTest, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{},
                                             {"frobnicate"},
                                             {"serves"},
                                             {"serves", "x", "--bogus"},
                                             {"-o", "xml", "reports"},
                                             {"neighbors", "x", "--depth", "5"},
                                             {"neighbors", "x", "--edge", "likes"},
                                             {"--timeout", "0", "stats"},
                                             {"serves", "x", "-o", "jsonl"},
                                             {"ingest", "file.txt", "-o", "jsonl"}}) {
    RunResult result = Run(args);
    EXPECT_EQ(result.code, 2) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, StartsWith("kgctl: ")) << absl::StrJoin(args, " ");
    EXPECT_EQ(result.out, "") << absl::StrJoin(args, " ");
  }
}

TEST_F(KgctlTest, ServesPrintsAreasBeforeTasksWithQuotes) {
  RunResult result = Run({"serves", "长三角一体化"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            "task                   goal                     evidence  quote\n"
            "主动融入长三角         长三角高质量一体化发展…  area      "
            "努力成为长三角高质量一体化发展的桥头堡\n"
            "  深化产业发展互融     长三角高质量一体化发展…  area\n"
            "提升城市能级\n"
            "  推进G60科创走廊建设  长三角高质量一体化发展…  text      推进G60 科创走廊\n"
            "                       长三角一体化示范区       text      建设示范区\n");
}

TEST_F(KgctlTest, ServesPassesFiltersAndNoQuoteMayFollowTheCommand) {
  RunResult result = Run({"serves", "长三角一体化", "--region", "金山", "--year", "2020",
                          "--report", kReport, "--include-review", "--no-quote"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(query_->last_serves_.filter().region(), "金山");
  EXPECT_EQ(query_->last_serves_.filter().year(), 2020);
  EXPECT_EQ(query_->last_serves_.filter().report_id(), kReport);
  EXPECT_TRUE(query_->last_serves_.include_review());
  EXPECT_THAT(result.out, StartsWith("task                   goal                     evidence\n"));
  EXPECT_THAT(result.out, Not(HasSubstr("桥头堡\n")));
}

TEST_F(KgctlTest, ServesJsonCarriesFullQuotes) {
  RunResult result = Run({"-o", "json", "serves", "长三角一体化"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(
      result.out,
      StartsWith(R"({"phrase":"长三角一体化","goals":[{"id":"g1","type":"goal",)"
                 R"("name":"长三角高质量一体化发展的桥头堡","attrs":{}},{"id":"g2",)"
                 R"("type":"goal","name":"长三角一体化示范区","attrs":{}}],"rows":[)"
                 R"({"task":{"id":"a1","type":"task","name":"主动融入长三角","attrs":{}},)"
                 R"("area":null,"served":[{"goal":{"id":"g1","type":"goal",)"
                 R"("name":"长三角高质量一体化发展的桥头堡","attrs":{}},)"
                 R"("evidence":"area","score":1,"quote":{"report":"0123456789abcdef",)"
                 R"("begin":10,"end":29,"text":"努力成为长三角高质量一体化发展的桥头堡"}}]},)"));
  EXPECT_THAT(result.out, HasSubstr(R"("text":"推进G60\n科创走廊"}},{"goal":{"id":"g2",)"));
  EXPECT_THAT(result.out, HasSubstr(R"("score":0.25,)"));
  EXPECT_THAT(result.out, HasSubstr(R"("score":1,"quote":null}]})"));  // no quote sent
  EXPECT_EQ(result.out.back(), '\n');
  EXPECT_EQ(result.out.find('\n'), result.out.size() - 1);  // one line
}

TEST_F(KgctlTest, ServesNothingMatchedExitsOne) {
  RunResult result = Run({"serves", "月球基地"});
  EXPECT_EQ(result.code, 1);
  EXPECT_EQ(result.err, "kgctl: nothing matched 月球基地: no goal matches 月球基地\n");
  EXPECT_EQ(result.out, "");
}

TEST_F(KgctlTest, ServesRejectedInputExitsThree) {
  RunResult result = Run({"serves", ""});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.err, "kgctl: serves failed (INVALID_ARGUMENT): empty phrase\n");
}

TEST_F(KgctlTest, UnreachableServerExitsFour) {
  RunResult result =
      Run({"--addr", "127.0.0.1:1", "--timeout", "5", "stats"}, /*with_addrs=*/false);
  EXPECT_EQ(result.code, 4);
  EXPECT_THAT(result.err, StartsWith("kgctl: cannot reach 127.0.0.1:1"));
}

TEST_F(KgctlTest, DeadlineExceededExitsFour) {
  RunResult result = Run({"--timeout", "0.2", "serves", "slow"});
  EXPECT_EQ(result.code, 4);
  EXPECT_THAT(result.err, StartsWith("kgctl: no answer from " + query_addr_ + " within 0.2s"));
}

TEST_F(KgctlTest, AddressComesFromTheEnvironment) {
  setenv("KG_ADDR", query_addr_.c_str(), 1);
  RunResult result = Run({"stats", "-o", "json"}, /*with_addrs=*/false);
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            R"({"reports":1,"nodes":812,"edges":1630,"name_entries":900,"postings":12000})"
            "\n");
}

TEST_F(KgctlTest, ExportWritesTheContractLines) {
  RunResult result = Run({"export"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, std::string(kNodeLine) + kEdgeLine);

  result = Run({"export", "--report", "ffffffffffffffff"});
  EXPECT_EQ(result.code, 1);
  EXPECT_EQ(result.err, "kgctl: no report ffffffffffffffff: unknown report\n");
}

TEST_F(KgctlTest, ExportJsonIsOneDocument) {
  RunResult result = Run({"export", "-o", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  std::string node(kNodeLine);
  std::string edge(kEdgeLine);
  node.pop_back();
  edge.pop_back();
  EXPECT_EQ(result.out, absl::StrCat(R"({"nodes":[)", node, R"(],"edges":[)", edge, "]}\n"));
}

TEST_F(KgctlTest, IngestDryRunJsonlMatchesExportAndUsesTheIngestAddress) {
  const std::string path = WriteTempFile("金山区政府工作报告\n");
  RunResult result = Run({"ingest", path, "--dry-run", "-o", "jsonl", "--encoding", "UTF-8",
                          "--region", "上海市金山区", "--year", "2020", "--edition", "草案"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, std::string(kNodeLine) + kEdgeLine);
  EXPECT_EQ(result.err, "kgctl: warning: glossary term 两区一堡 has no definition\n");
  const kg::v1::IngestRequest& request = ingest_->last_ingest_;
  EXPECT_EQ(request.content(), "金山区政府工作报告\n");
  EXPECT_TRUE(request.dry_run());
  EXPECT_EQ(request.encoding(), "UTF-8");
  EXPECT_EQ(request.region(), "上海市金山区");
  EXPECT_EQ(request.year(), 2020);
  EXPECT_EQ(request.edition(), "草案");
  EXPECT_EQ(request.source_name(), path);
}

TEST_F(KgctlTest, IngestPrintsTheStoredReport) {
  const std::string path = WriteTempFile("报告");
  RunResult result = Run({"ingest", path});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            "stored\n"
            "report    0123456789abcdef\n"
            "region    上海市金山区\n"
            "year      2020\n"
            "edition\n"
            "level\n"
            "title     2020年上海市金山区政府工作报告\n"
            "nodes     812\n"
            "edges     1630\n"
            "encoding  UTF-8\n"
            "replaced  no\n"
            "warning: glossary term 两区一堡 has no definition\n");
  EXPECT_FALSE(ingest_->last_ingest_.dry_run());
}

TEST_F(KgctlTest, IngestErrors) {
  RunResult result = Run({"ingest", "/nonexistent/report.txt"});
  EXPECT_EQ(result.code, 6);
  EXPECT_EQ(result.err, "kgctl: cannot open /nonexistent/report.txt: No such file or directory\n");

  result = Run({"ingest", ::testing::TempDir()});
  EXPECT_EQ(result.code, 6);
  EXPECT_THAT(result.err, HasSubstr("Is a directory"));

  result = Run({"ingest", WriteTempFile("")});
  EXPECT_EQ(result.code, 3);
  EXPECT_THAT(result.err, HasSubstr("(INVALID_ARGUMENT): empty input"));

  // Ingest must not go to the query address: that server has no IngestService.
  result = Run({"--addr", query_addr_, "ingest", WriteTempFile("x")}, false);
  EXPECT_EQ(result.code, 5);
  EXPECT_THAT(result.err, HasSubstr("(UNIMPLEMENTED)"));
}

TEST_F(KgctlTest, ShowPrintsFieldsSourcesAndEdges) {
  RunResult result = Run({"show", "田园五镇"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            "id          000000000000000a\n"
            "type        term\n"
            "name        田园五镇\n"
            "report      0123456789abcdef\n"
            "definition  是指廊下、吕巷、张堰、漕泾、山阳五镇\n"
            "\n"
            "source:\n"
            "  田园五镇：是指廊下、吕巷、张堰、漕泾、山阳五镇。\n"
            "\n"
            "edges:\n"
            "dir  edge      type   name    id                attrs\n"
            "out  includes  place  廊下镇  000000000000000b\n");

  result = Run({"show", "田园五镇", "-o", "json", "--no-quote"});
  ASSERT_EQ(result.code, 0) << result.err;
  std::string node(kNodeLine);
  std::string edge(kEdgeLine);
  node.pop_back();
  edge.pop_back();
  EXPECT_EQ(result.out,
            absl::StrCat(R"({"node":)", node, R"(,"edges":[{"direction":"out","edge":)", edge,
                         R"(,"other":{"id":"000000000000000b","type":"place",)"
                         R"("name":"廊下镇","attrs":{}}}],"alternatives":[]})"
                         "\n"));

  result = Run({"show", "无此物"});
  EXPECT_EQ(result.code, 1);
  EXPECT_EQ(result.err, "kgctl: nothing matched 无此物\n");
}

TEST_F(KgctlTest, NeighborsPassesFlagsAndSaysWhenCut) {
  RunResult result = Run({"neighbors", "田园五镇", "--edge", "includes", "--type", "place",
                          "--depth", "2", "--limit", "1"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(query_->last_neighbors_.edge_type(), "includes");
  EXPECT_EQ(query_->last_neighbors_.node_type(), "place");
  EXPECT_EQ(query_->last_neighbors_.depth(), 2u);
  EXPECT_EQ(query_->last_neighbors_.limit(), 1u);
  EXPECT_EQ(result.out,
            "term 田园五镇 (000000000000000a)\n"
            "depth  dir  edge      type   name    id\n"
            "    1  out  includes  place  廊下镇  000000000000000b\n"
            "(cut at 1 neighbors; raise --limit for more)\n");

  result = Run({"neighbors", "田园五镇", "-o", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(query_->last_neighbors_.depth(), 1u);
  EXPECT_THAT(result.out,
              StartsWith(R"({"start":{"id":"000000000000000a","type":"term","name":"田园五镇",)"
                         R"("attrs":{}},"neighbors":[{"node":{"id":"000000000000000b",)"
                         R"("type":"place","name":"廊下镇","attrs":{}},"depth":1,)"
                         R"("direction":"out","via":{"kind":"edge",)"));
  EXPECT_THAT(result.out, HasSubstr(R"(,"truncated":true})"));
}

TEST_F(KgctlTest, ReportsAndStatsTables) {
  RunResult result = Run({"reports"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            "id                region        year  edition  level     title"
            "                           nodes  edges\n"
            "0123456789abcdef  上海市金山区  2020           district  "
            "2020年上海市金山区政府工作报告    812   1630\n");

  result = Run({"reports", "-o", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith(R"({"reports":[{"id":"0123456789abcdef","type":"report",)"
                                     R"("name":"2020年上海市金山区政府工作报告",)"));

  result = Run({"stats"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            "reports           1\n"
            "nodes           812\n"
            "edges          1630\n"
            "name entries    900\n"
            "postings      12000\n");
}

TEST_F(KgctlTest, DeleteGoesToTheIngestAddress) {
  RunResult result = Run({"delete", kReport});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "deleted report 0123456789abcdef\n");

  result = Run({"delete", kReport, "-o", "json"});
  EXPECT_EQ(result.out, R"({"deleted":true,"report_id":"0123456789abcdef"})"
                        "\n");

  result = Run({"delete", "ffffffffffffffff"});
  EXPECT_EQ(result.code, 1);
  EXPECT_EQ(result.err, "kgctl: no report ffffffffffffffff: no such report\n");
}

}  // namespace
}  // namespace kg::cli
