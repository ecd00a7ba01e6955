// Python clients: clients/python/query_example.py (Debian's
// python3-grpcio and python3-grpc-tools, stubs generated at run time) against a real
// kgd on a free port holding the first report. The tasks it prints for 长三角一体化 must
// contain every `expect` and no `forbid` of the gold query (tests/data/jinshan-2020.gold.json).
// And clients/python/reflection_example.py, a generic client that knows only gRPC's
// reflection and health protos.
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "clients/score/gold_annotation.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPython[] = "/usr/bin/python3";
const std::string kSourceDir = KG_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool PythonHasGrpc() {
  return RunCommand({kPython, "-c", "import grpc, grpc_tools.protoc"}, 60).exit_code == 0;
}

TEST(PythonExampleTest, ServesAnswersTheGoldQueryOverGrpc) {
  ASSERT_EQ(access(kPython, X_OK), 0) << kPython << " is missing: run scripts/setup.sh";
  ASSERT_TRUE(PythonHasGrpc())
      << "python3-grpcio / python3-grpc-tools are missing: run scripts/setup.sh";

  auto gold =
      score::ParseGoldAnnotation(ReadFile(kSourceDir + "/tests/data/jinshan-2020.gold.json"));
  ASSERT_TRUE(gold.ok()) << gold.status();
  const score::GoldQuery* query = nullptr;
  for (const auto& q : gold->queries) {
    if (q.op == "serves" && q.q == "长三角一体化") query = &q;
  }
  ASSERT_NE(query, nullptr) << "the gold has no serves query for 长三角一体化";

  TempDir dir;
  auto kgd = Daemon::Start(BinaryPath("kgd"), {"--data-dir=" + dir.path() + "/data"}, dir.path());
  ASSERT_TRUE(kgd.ok()) << kgd.status();
  CommandResult ingest = RunCommand({BinaryPath("kgctl"), "--addr=" + kgd->address(), "ingest",
                                     kSourceDir + "/tests/data/jinshan-2020.txt"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  CommandResult example = RunCommand({kPython, kSourceDir + "/clients/python/query_example.py",
                                      "--addr", kgd->address(), query->q});
  ASSERT_EQ(example.exit_code, 0) << example.out << example.err;
  EXPECT_THAT(example.out, HasSubstr("reports: 1\n"));
  EXPECT_THAT(example.out, HasSubstr("上海市金山区 2020"));
  EXPECT_THAT(example.out, HasSubstr("  quote ["));

  std::set<std::string> tasks;
  for (absl::string_view line : absl::StrSplit(example.out, '\n')) {
    if (absl::ConsumePrefix(&line, "task: ")) tasks.insert(std::string(line));
  }
  for (const auto& name : query->expect) {
    EXPECT_EQ(tasks.count(name), 1u) << "missing task " << name << "\n" << example.out;
  }
  for (const auto& name : query->forbid) {
    EXPECT_EQ(tasks.count(name), 0u) << "forbidden task " << name << "\n" << example.out;
  }

  // Errors map to exit codes: nothing matched is 1.
  CommandResult nothing = RunCommand({kPython, kSourceDir + "/clients/python/query_example.py",
                                      "--addr", kgd->address(), "量子引力弦论"});
  EXPECT_EQ(nothing.exit_code, 1) << nothing.out << nothing.err;
  EXPECT_THAT(nothing.err, HasSubstr("NOT_FOUND"));

  EXPECT_EQ(kgd->Stop(SIGTERM), 0) << kgd->Log();
}

// A generic client with only the standard reflection and health protos (grpc-proto):
// it lists each daemon's services through reflection, gets their health, and reads a
// service's methods from the descriptors the server sends.
TEST(PythonReflectionTest, AGenericClientListsServicesThroughReflection) {
  ASSERT_TRUE(PythonHasGrpc())
      << "python3-grpcio / python3-grpc-tools are missing: run scripts/setup.sh";
  const std::string script = kSourceDir + "/clients/python/reflection_example.py";
  TempDir dir;
  auto store = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + dir.path() + "/data"},
                             dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  auto query = Daemon::Start(BinaryPath("kg-queryd"), {"--store=" + store->address()},
                             dir.path());
  ASSERT_TRUE(query.ok()) << query.status();

  CommandResult listed = RunCommand({kPython, script, "--addr", query->address(),
                                     "--describe", "kg.v1.QueryService"});
  ASSERT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("service kg.v1.QueryService SERVING\n"));
  EXPECT_THAT(listed.out, HasSubstr("service grpc.health.v1.Health -\n"));
  EXPECT_THAT(listed.out, HasSubstr("service grpc.reflection.v1alpha.ServerReflection -\n"));
  EXPECT_THAT(listed.out, Not(HasSubstr("GraphStoreService")));
  EXPECT_THAT(listed.out, HasSubstr("method Serves .kg.v1.ServesRequest .kg.v1.ServesResponse\n"));

  CommandResult stored = RunCommand({kPython, script, "--addr", store->address()});
  ASSERT_EQ(stored.exit_code, 0) << stored.out << stored.err;
  EXPECT_THAT(stored.out, HasSubstr("service kg.v1.GraphStoreService SERVING\n"));
  EXPECT_THAT(stored.out, Not(HasSubstr("QueryService")));

  // Health follows the store: with kg-stored gone, kg-queryd says NOT_SERVING (its probe
  // runs every 2 s) while reflection still lists it.
  ASSERT_EQ(store->Stop(SIGTERM), 0);
  CommandResult away;
  for (int i = 0; i < 40; ++i) {
    away = RunCommand({kPython, script, "--addr", query->address()});
    if (absl::StrContains(away.out, "kg.v1.QueryService NOT_SERVING")) break;
    sleep(1);
  }
  EXPECT_THAT(away.out, HasSubstr("service kg.v1.QueryService NOT_SERVING\n")) << away.err;

  CommandResult nobody = RunCommand({kPython, script, "--addr", "127.0.0.1:1"});
  EXPECT_EQ(nobody.exit_code, 4) << nobody.out << nobody.err;
}

}  // namespace
}  // namespace kg::testing
