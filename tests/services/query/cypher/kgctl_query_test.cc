// `kgctl query` end to end: kgctl's command against the real QueryServiceImpl (its
// Cypher stream) over a RocksGraphStore holding the sample report
// (tests/storage/sample_graph.h), started in process.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/kgctl/app.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/query/query_service.h"
#include "storage/rocks_graph_store.h"
#include "tests/storage/sample_graph.h"
#include "tests/testing/status_matchers.h"

namespace kg::cli {
namespace {

using ::kg::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

class KgctlQueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::path(::testing::TempDir()) /
                                     ("kgctl-query-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    auto store = storage::RocksGraphStore::Open((*dir_ / "db").string());
    ASSERT_THAT(store, IsOk());
    store_ = store->release();
    bool replaced = false;
    ASSERT_THAT(store_->PutReport(storage::testing::SampleReport(storage::testing::kReportA),
                                  &replaced),
                IsOk());
    service_ = new query::QueryServiceImpl(store_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart().release();
    addr_ = new std::string(absl::StrCat("127.0.0.1:", port));
  }
  static void TearDownTestSuite() {
    server_->Shutdown();
    delete server_;
    delete service_;
    delete store_;
    delete addr_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"kgctl", "--addr", *addr_});
    std::vector<const char*> pointers;
    for (const auto& a : args) pointers.push_back(a.c_str());
    std::ostringstream out, err;
    int code = RunKgctl(static_cast<int>(pointers.size()), pointers.data(), out, err, false);
    return {code, out.str(), err.str()};
  }

  static std::filesystem::path* dir_;
  static storage::RocksGraphStore* store_;
  static query::QueryServiceImpl* service_;
  static grpc::Server* server_;
  static std::string* addr_;
};

std::filesystem::path* KgctlQueryTest::dir_ = nullptr;
storage::RocksGraphStore* KgctlQueryTest::store_ = nullptr;
query::QueryServiceImpl* KgctlQueryTest::service_ = nullptr;
grpc::Server* KgctlQueryTest::server_ = nullptr;
std::string* KgctlQueryTest::addr_ = nullptr;

constexpr char kServes[] =
    "MATCH (t:task)-[s:serves]->(g:goal) WHERE search(g, '長三角一體化') "
    "RETURN t.name AS task, g, s.evidence AS evidence";

TEST_F(KgctlQueryTest, TablePrintsColumnsAndRows) {
  RunResult r = Run({"query", kServes});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("task"));
  EXPECT_THAT(r.out, HasSubstr("evidence"));
  EXPECT_THAT(r.out, HasSubstr(storage::testing::kTaskName));
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat(storage::testing::kGoalName, " (goal)")));
  EXPECT_THAT(r.out, HasSubstr("(1 row)"));
}

TEST_F(KgctlQueryTest, JsonAndJsonlCarryTypedValues) {
  RunResult json = Run({"query", kServes, "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr(R"("columns":["task","g","evidence"])"));
  EXPECT_THAT(json.out, HasSubstr(R"("type":"goal")"));
  EXPECT_THAT(json.out, HasSubstr(R"("report":"上海市金山区 2020")"));

  RunResult jsonl = Run({"query", "MATCH (p:place) RETURN p.name AS name, 1 AS one ORDER BY name",
                         "-o", "jsonl"});
  ASSERT_EQ(jsonl.code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out, "{\"name\":\"上海市\",\"one\":1}\n{\"name\":\"浦东新区\",\"one\":1}\n");

  RunResult path = Run({"query",
                        "MATCH p = (a:place)-[:located_in]->(b:place) RETURN p, length(p) AS n",
                        "-o", "json"});
  ASSERT_EQ(path.code, 0) << path.err;
  EXPECT_THAT(path.out, HasSubstr(R"("nodes":[)"));
  EXPECT_THAT(path.out, HasSubstr(R"("type":"located_in")"));
  RunResult path_table = Run({"query", "MATCH p = (a:place)-[:located_in]->(b) RETURN p"});
  EXPECT_THAT(path_table.out, HasSubstr("浦东新区 -[:located_in]-> 上海市"));
}

TEST_F(KgctlQueryTest, ParametersFileAndExplain) {
  RunResult param = Run({"query", "MATCH (p:place {name: $name}) RETURN p.name", "--param",
                         "name=浦东新区"});
  ASSERT_EQ(param.code, 0) << param.err;
  EXPECT_THAT(param.out, HasSubstr("浦东新区"));
  EXPECT_THAT(param.out, Not(HasSubstr("上海市")));

  const std::string file = (*dir_ / "q.cypher").string();
  std::ofstream(file) << "MATCH (t:task)\n-[:mentions]->(p:place)\nRETURN count(*) AS n\n";
  RunResult from_file = Run({"query", "-f", file});
  ASSERT_EQ(from_file.code, 0) << from_file.err;
  EXPECT_THAT(from_file.out, HasSubstr("2"));

  RunResult explain = Run({"query", "EXPLAIN MATCH (p:place {name: $name}) RETURN p"});
  ASSERT_EQ(explain.code, 0) << explain.err;
  EXPECT_THAT(explain.out, HasSubstr("1. start (p:place) from the name index"));
}

TEST_F(KgctlQueryTest, ErrorsArePositionedAndExitCodesFollowTheStatus) {
  RunResult typo = Run({"query", "MATCH (t:tsak) RETURN t"});
  EXPECT_EQ(typo.code, 3);
  EXPECT_THAT(typo.err, HasSubstr("line 1, column 10: unknown node type 'tsak'; did you mean task?"));
  RunResult write = Run({"query", "CREATE (n:task)"});
  EXPECT_EQ(write.code, 3);
  EXPECT_THAT(write.err, HasSubstr("read-only"));
  RunResult missing = Run({"query", "MATCH (p:place {name: $name}) RETURN p"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_THAT(missing.err, HasSubstr("parameter $name has no value"));
  RunResult limit = Run({"query", "MATCH (a)-[*1..3]-(b) RETURN a", "--max-expansions", "3"});
  EXPECT_EQ(limit.code, 5);
  EXPECT_THAT(limit.err, HasSubstr("max_expansions"));
  RunResult rows = Run({"query", "MATCH (a) RETURN a", "--max-rows", "2"});
  EXPECT_EQ(rows.code, 5);
  EXPECT_THAT(rows.err, HasSubstr("max_rows"));
  EXPECT_EQ(Run({"query", "MATCH (a) RETURN a", "--param", "noequals"}).code, 2);
  EXPECT_EQ(Run({"query"}).code, 2);
}

}  // namespace
}  // namespace kg::cli
