// Tests of `kgctl export` through RunKgctl against a fake QueryService (Show and Export):
// the output formats (export's own -o admits graphml and dot), --around/--depth cutting
// the induced subgraph out on the client, --max-nodes, and usage errors.
#include <stdlib.h>

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

// report a0 <-part_of- area a1 <-part_of- task a2; a1, a2 -serves-> goal a3;
// a2 -mentions-> place a4 -located_in-> place a5; task a7 -part_of-> report a0.
class FakeQueryService final : public kg::v1::QueryService::Service {
 public:
  grpc::Status Show(grpc::ServerContext*, const kg::v1::ShowRequest* request,
                    kg::v1::ShowResponse* response) override {
    if (request->name() == "长三角一体化" || request->name() == "a3") {
      response->mutable_node()->set_id("a3");
      response->mutable_node()->set_type("goal");
      response->mutable_node()->set_name("长三角高质量一体化发展");
      return grpc::Status::OK;
    }
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "no entity named " + request->name());
  }

  grpc::Status Export(grpc::ServerContext*, const kg::v1::ExportRequest*,
                      grpc::ServerWriter<kg::v1::ExportChunk>* writer) override {
    kg::v1::ExportChunk chunk;
    AddNode("a0", "report", "2020年上海市金山区政府工作报告", &chunk);
    AddNode("a1", "task", "注重高站位,促进区域联动", &chunk);
    AddNode("a2", "task", "深化产业发展互融", &chunk);
    writer->Write(chunk);
    chunk.Clear();  // a second chunk, as the server sends big graphs
    AddNode("a3", "goal", "长三角高质量一体化发展", &chunk);
    AddNode("a4", "place", "枫泾镇", &chunk);
    AddNode("a5", "place", "金山区", &chunk);
    AddNode("a7", "task", "另一项任务", &chunk);
    AddEdge("e1", "part_of", "a1", "a0", &chunk);
    AddEdge("e2", "part_of", "a2", "a1", &chunk);
    AddEdge("e3", "serves", "a1", "a3", &chunk);
    AddEdge("e4", "serves", "a2", "a3", &chunk);
    AddEdge("e5", "mentions", "a2", "a4", &chunk);
    AddEdge("e6", "located_in", "a4", "a5", &chunk);
    AddEdge("e7", "part_of", "a7", "a0", &chunk);
    writer->Write(chunk);
    return grpc::Status::OK;
  }

 private:
  static void AddNode(const std::string& id, const std::string& type, const std::string& name,
                      kg::v1::ExportChunk* chunk) {
    kg::v1::Node* node = chunk->add_nodes();
    node->set_id(id);
    node->set_type(type);
    node->set_name(name);
  }
  static void AddEdge(const std::string& id, const std::string& type, const std::string& src,
                      const std::string& dst, kg::v1::ExportChunk* chunk) {
    kg::v1::Edge* edge = chunk->add_edges();
    edge->set_id(id);
    edge->set_type(type);
    edge->set_src(src);
    edge->set_dst(dst);
  }
};

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

class ExportCommandTest : public ::testing::Test {
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

  static FakeQueryService* service_;
  static grpc::Server* server_;
  static std::string addr_;
};

FakeQueryService* ExportCommandTest::service_ = nullptr;
grpc::Server* ExportCommandTest::server_ = nullptr;
std::string ExportCommandTest::addr_;

TEST_F(ExportCommandTest, WholeGraphInEachFormat) {
  RunResult r = Run({"export"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"({"kind":"node","id":"a5","type":"place","name":"金山区")"));
  EXPECT_THAT(r.out, HasSubstr(R"({"kind":"edge","id":"e6","type":"located_in")"));

  r = Run({"export", "-o", "graphml"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("<graphml"));
  EXPECT_THAT(r.out, HasSubstr("<node id=\"a5\">"));
  EXPECT_THAT(r.out, HasSubstr("<edge id=\"e6\" source=\"a4\" target=\"a5\">"));

  r = Run({"export", "--output", "dot"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("digraph kg {"));
  EXPECT_THAT(r.out, HasSubstr("\"a4\" -> \"a5\" [label=\"located_in\""));

  // The global -o before the command still chooses json, table and jsonl.
  r = Run({"-o", "json", "export"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"({"nodes":[{"kind":"node","id":"a0")"));
}

TEST_F(ExportCommandTest, AroundKeepsTheInducedSubgraphWithinDepth) {
  RunResult r = Run({"export", "-o", "dot", "--around", "长三角一体化"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* id : {"\"a1\" [", "\"a2\" [", "\"a3\" ["}) EXPECT_THAT(r.out, HasSubstr(id));
  // The entity asked about has a double outline.
  EXPECT_THAT(r.out, HasSubstr("fillcolor=\"#fce5cd\", peripheries=2"));
  for (const char* id : {"\"a0\" [", "\"a4\" [", "\"a5\" ["}) {
    EXPECT_THAT(r.out, Not(HasSubstr(id)));
  }
  // Every edge between kept nodes, not only the ones the walk went through.
  EXPECT_THAT(r.out, HasSubstr("\"a2\" -> \"a1\" [label=\"part_of\""));
  EXPECT_THAT(r.out, HasSubstr("\"a1\" -> \"a3\" [label=\"serves\""));
  EXPECT_THAT(r.out, HasSubstr("\"a2\" -> \"a3\" [label=\"serves\""));
  EXPECT_THAT(r.out, Not(HasSubstr("mentions")));

  r = Run({"export", "-o", "jsonl", "--around", "长三角一体化", "--depth", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* id : {"a0", "a1", "a2", "a3", "a4"}) {
    EXPECT_THAT(r.out, HasSubstr(absl::StrCat("\"kind\":\"node\",\"id\":\"", id, "\"")));
  }
  EXPECT_THAT(r.out, Not(HasSubstr("\"id\":\"a5\"")));
  EXPECT_THAT(r.out, HasSubstr("\"id\":\"e5\""));
  EXPECT_THAT(r.out, Not(HasSubstr("\"id\":\"e6\"")));
  EXPECT_EQ(r.err, "");
}

TEST_F(ExportCommandTest, AroundReachesReportNodesButWalksThroughThemOnlyWhenAsked) {
  RunResult r = Run({"export", "-o", "jsonl", "--around", "a3", "--depth", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"id\":\"a0\""));
  EXPECT_THAT(r.out, HasSubstr("\"id\":\"a5\""));
  EXPECT_THAT(r.out, Not(HasSubstr("\"id\":\"a7\"")));

  r = Run({"export", "-o", "jsonl", "--around", "a3", "--depth", "3", "--through-structure"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"id\":\"a7\""));
  EXPECT_THAT(r.out, HasSubstr("\"id\":\"e7\""));
}

TEST_F(ExportCommandTest, MaxNodesStopsTheWalkAndSaysSo) {
  RunResult r =
      Run({"export", "-o", "graphml", "--around", "a3", "--depth", "3", "--max-nodes", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("stopped at 2 entities"));
  EXPECT_THAT(r.out, HasSubstr("<node id=\"a3\">"));
  EXPECT_THAT(r.out, HasSubstr("<node id=\"a1\">"));
  EXPECT_THAT(r.out, Not(HasSubstr("<node id=\"a2\">")));
}

TEST_F(ExportCommandTest, Errors) {
  RunResult r = Run({"export", "--around", "不存在"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("nothing matched 不存在"));

  EXPECT_EQ(Run({"export", "-o", "svg"}).code, 2);
  EXPECT_EQ(Run({"export", "--depth", "2"}).code, 2);
  EXPECT_EQ(Run({"export", "--through-structure"}).code, 2);
  EXPECT_EQ(Run({"export", "--around", "a3", "--depth", "9"}).code, 2);
  EXPECT_EQ(Run({"export", "--font", "Noto Sans CJK SC"}).code, 2);
  r = Run({"export", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("--around 长三角一体化 --depth 2 | dot -Tpng"));
}

}  // namespace
}  // namespace kg::cli
