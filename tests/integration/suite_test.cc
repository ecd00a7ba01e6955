// End-to-end tests: the real daemons (kg-stored, kg-ingestd, kg-queryd, kgd) as
// separate processes on free ports, driven over gRPC and through kgctl.
#include <signal.h>

#include <fstream>
#include <set>
#include <string>

#include "absl/strings/str_split.h"
#include "clients/client/channel.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "kg/v1/ingest.grpc.pb.h"
#include "kg/v1/query.grpc.pb.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

const std::string kReport = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
const std::string kPhrase = "长三角一体化";
// From the gold annotation of the first report (tests/data/jinshan-2020.gold.json).
const std::string kArea = "注重高站位,驰而不息促进区域联动发展";
const std::vector<std::string> kAreaTasks = {"深化产业发展互融", "细化公共服务互动",
                                             "强化交通设施互通"};

std::string WriteFile(const TempDir& dir, const std::string& name, const std::string& bytes) {
  std::string path = dir.path() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The three daemons as separate processes, sharing one store.
class SplitDaemonsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = dir_.path() + "/data";
    StartStore(0);
    auto front = StartFrontDaemons(store_->address(), dir_.path());
    ASSERT_TRUE(front.ok()) << front.status();
    ingest_ = std::make_unique<Daemon>(std::move(front->ingest));
    query_ = std::make_unique<Daemon>(std::move(front->query));
    query_stub_ = kg::v1::QueryService::NewStub(client::MakeChannel(query_->address()));
    ingest_stub_ = kg::v1::IngestService::NewStub(client::MakeChannel(ingest_->address()));
  }

  void StartStore(int port) {
    auto store = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + data_dir_},
                               dir_.path(), port);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::make_unique<Daemon>(std::move(*store));
  }

  CommandResult Kgctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {BinaryPath("kgctl"), "--addr=" + query_->address(),
                                     "--ingest-addr=" + ingest_->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  grpc::Status Serves(const std::string& phrase, kg::v1::ServesResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    kg::v1::ServesRequest request;
    request.set_phrase(phrase);
    return query_stub_->Serves(&context, request, response);
  }

  kg::v1::StatsResponse Stats() {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    kg::v1::StatsResponse response;
    EXPECT_TRUE(query_stub_->Stats(&context, kg::v1::StatsRequest(), &response).ok());
    return response;
  }

  grpc::Status Ingest(const std::string& bytes, kg::v1::IngestResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    kg::v1::IngestRequest request;
    request.set_content(bytes);
    return ingest_stub_->Ingest(&context, request, response);
  }

  TempDir dir_;
  std::string data_dir_;
  std::unique_ptr<Daemon> store_, ingest_, query_;
  std::unique_ptr<kg::v1::QueryService::Stub> query_stub_;
  std::unique_ptr<kg::v1::IngestService::Stub> ingest_stub_;
};

// The area and exactly its three tasks, each with a goal and the sentence stating it.
void ExpectFourthAreaOnly(const kg::v1::ServesResponse& response) {
  std::vector<std::string> names;
  for (const auto& row : response.rows()) {
    names.push_back(row.task().name());
    if (row.has_area()) EXPECT_EQ(row.area().name(), kArea) << row.task().name();
    ASSERT_GT(row.served_size(), 0) << row.task().name();
    for (const auto& served : row.served()) {
      EXPECT_THAT(served.goal().name(), HasSubstr("长三角")) << row.task().name();
      EXPECT_THAT(served.quote().text(), HasSubstr(served.goal().name()));
      EXPECT_FALSE(served.evidence().empty());
    }
  }
  EXPECT_THAT(names, UnorderedElementsAre(kArea, kAreaTasks[0], kAreaTasks[1], kAreaTasks[2]));
}

TEST_F(SplitDaemonsTest, ServesAnswerSurvivesStoreKillAndReingest) {
  CommandResult ingest = Kgctl({"ingest", kReport});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  kg::v1::ServesResponse first;
  ASSERT_TRUE(Serves(kPhrase, &first).ok());
  ExpectFourthAreaOnly(first);

  CommandResult json = Kgctl({"serves", kPhrase, "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  for (const auto& name : kAreaTasks) EXPECT_THAT(json.out, HasSubstr(name));
  EXPECT_THAT(json.out, HasSubstr(kArea));
  EXPECT_THAT(json.out, AllOf(HasSubstr("\"id\""), HasSubstr("\"type\""), HasSubstr("\"name\"")));

  uint64_t nodes_before = Stats().nodes();
  ASSERT_GT(nodes_before, 0u);

  // kill -9 the store and restart it on the same port and data.
  int port = store_->port();
  EXPECT_EQ(store_->Stop(SIGKILL), 128 + SIGKILL);
  StartStore(port);

  kg::v1::ServesResponse second;
  grpc::Status again = Serves(kPhrase, &second);
  ASSERT_TRUE(again.ok()) << again.error_message();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(first, second))
      << first.DebugString() << "\n---\n" << second.DebugString();

  // Ingesting the same report again replaces it: the node count does not change.
  kg::v1::IngestResponse reingest;
  ASSERT_TRUE(Ingest(ReadFile(kReport), &reingest).ok());
  EXPECT_TRUE(reingest.replaced());
  EXPECT_EQ(Stats().nodes(), nodes_before);
  EXPECT_EQ(Stats().reports(), 1u);
}

TEST_F(SplitDaemonsTest, DryRunPrintsExportContractAndStoresNothing) {
  CommandResult dry = Kgctl({"ingest", kReport, "--dry-run", "-o", "jsonl"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  int nodes = 0, edges = 0;
  for (absl::string_view line : absl::StrSplit(dry.out, '\n', absl::SkipEmpty())) {
    if (line.rfind("{\"kind\":\"node\",\"id\":", 0) == 0) {
      ++nodes;
      EXPECT_THAT(std::string(line), AllOf(HasSubstr("\"type\":"), HasSubstr("\"name\":"),
                                           HasSubstr("\"attrs\":{"), HasSubstr("\"spans\":[")));
    } else if (line.rfind("{\"kind\":\"edge\",\"id\":", 0) == 0) {
      ++edges;
      EXPECT_THAT(std::string(line), AllOf(HasSubstr("\"type\":"), HasSubstr("\"src\":"),
                                           HasSubstr("\"dst\":"), HasSubstr("\"spans\":[")));
    } else {
      ADD_FAILURE() << "not an export line: " << line;
    }
  }
  EXPECT_GT(nodes, 50);
  EXPECT_GT(edges, 50);
  EXPECT_EQ(Stats().reports(), 0u);
  EXPECT_EQ(Stats().nodes(), 0u);

  // The export of the stored report has the same shape and the same number of lines.
  ASSERT_EQ(Kgctl({"ingest", kReport}).exit_code, 0);
  CommandResult exported = Kgctl({"export", "-o", "jsonl"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::vector<std::string> dry_lines = absl::StrSplit(dry.out, '\n', absl::SkipEmpty());
  std::vector<std::string> export_lines = absl::StrSplit(exported.out, '\n', absl::SkipEmpty());
  EXPECT_EQ(std::set<std::string>(dry_lines.begin(), dry_lines.end()).size(),
            std::set<std::string>(export_lines.begin(), export_lines.end()).size());
}

TEST_F(SplitDaemonsTest, IngestWithStoreDownIsUnavailableAndStoresNothing) {
  int port = store_->port();
  store_->Stop(SIGKILL);
  CommandResult ingest = Kgctl({"ingest", kReport});
  EXPECT_EQ(ingest.exit_code, 4) << ingest.err;
  EXPECT_THAT(ingest.err, HasSubstr("unreachable"));

  StartStore(port);
  EXPECT_EQ(Stats().reports(), 0u);
  EXPECT_EQ(Stats().nodes(), 0u);
}

TEST_F(SplitDaemonsTest, BadInputIsRejectedClearlyAndNothingIsStored) {
  struct Case {
    std::string name, bytes, message;
  };
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  std::string chatter;
  for (int i = 0; i < 50; ++i) chatter += "今天天气很好,我们去公园散步,看到很多人在跳舞。\n";
  const Case cases[] = {
      {"empty", "", "empty"},
      {"binary", garbage, ""},
      {"not-a-report", chatter, "report"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    kg::v1::IngestResponse response;
    grpc::Status status = Ingest(c.bytes, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.message));
    CommandResult cli = Kgctl({"ingest", WriteFile(dir_, c.name, c.bytes)});
    EXPECT_EQ(cli.exit_code, 3) << cli.err;
  }
  EXPECT_EQ(Stats().reports(), 0u);
  EXPECT_EQ(Stats().nodes(), 0u);

  ASSERT_EQ(Kgctl({"ingest", kReport}).exit_code, 0);
  CommandResult unknown = Kgctl({"serves", "量子引力弦论"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("nothing matched"));
  CommandResult unknown_show = Kgctl({"show", "量子引力弦论"});
  EXPECT_EQ(unknown_show.exit_code, 1);
}

TEST(KgdTest, AllInOneServesAndStopsCleanlyOnSigterm) {
  TempDir dir;
  auto kgd = Daemon::Start(BinaryPath("kgd"), {"--data-dir=" + dir.path() + "/data"},
                           dir.path());
  ASSERT_TRUE(kgd.ok()) << kgd.status();
  auto kgctl = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {BinaryPath("kgctl"), "--addr=" + kgd->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  };
  ASSERT_EQ(kgctl({"ingest", kReport}).exit_code, 0);
  CommandResult serves = kgctl({"serves", kPhrase});
  ASSERT_EQ(serves.exit_code, 0) << serves.err;
  for (const auto& name : kAreaTasks) EXPECT_THAT(serves.out, HasSubstr(name));
  EXPECT_THAT(serves.out, Not(HasSubstr("准确把握经济形势")));

  CommandResult show = kgctl({"show", kAreaTasks[0]});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr(kAreaTasks[0]));
  CommandResult neighbors = kgctl({"neighbors", kArea});
  EXPECT_EQ(neighbors.exit_code, 0) << neighbors.err;
  EXPECT_THAT(neighbors.out, HasSubstr(kAreaTasks[1]));
  CommandResult reports = kgctl({"reports", "-o", "json"});
  EXPECT_THAT(reports.out, HasSubstr("上海市金山区"));

  EXPECT_EQ(kgd->Stop(SIGTERM), 0) << kgd->Log();
}

}  // namespace
}  // namespace kg::testing
