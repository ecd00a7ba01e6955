// Backup and restore through the API, as an operator does it: `kgctl backup DIR` asks
// the running kg-stored for a checkpoint while it serves; a second kg-stored started on
// DIR (the restore) passes `kgctl check` and answers exactly as the original did.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "clients/client/channel.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "kg/v1/query.grpc.pb.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

using ::testing::HasSubstr;

const std::string kReport = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
const std::string kSecondReport =
    std::string(KG_SOURCE_DIR) + "/tests/data/dev/2022-baoding-city.txt";
const std::string kThirdReport =
    std::string(KG_SOURCE_DIR) + "/tests/data/dev/2021-national-clauses.txt";
const std::string kPhrase = "长三角一体化";

kg::v1::ServesResponse Serves(const Daemon& query) {
  auto stub = kg::v1::QueryService::NewStub(client::MakeChannel(query.address()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  kg::v1::ServesRequest request;
  request.set_phrase(kPhrase);
  kg::v1::ServesResponse response;
  grpc::Status status = stub->Serves(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tokens_ = dir_.path() + "/tokens";
    std::ofstream(tokens_) << "write w-0123456789abcdef\nread r-0123456789abcdef\n";
    std::ofstream(dir_.path() + "/write.token") << "w-0123456789abcdef\n";
    std::ofstream(dir_.path() + "/read.token") << "r-0123456789abcdef\n";
    auto daemons = StartSplitDaemons(
        dir_.path(), {"--data-dir=" + dir_.path() + "/data", "--tokens-file=" + tokens_},
        {"--store-token-file=" + dir_.path() + "/write.token"});
    ASSERT_TRUE(daemons.ok()) << daemons.status();
    store_ = std::make_unique<Daemon>(std::move(daemons->store));
    ingest_ = std::make_unique<Daemon>(std::move(daemons->ingest));
    query_ = std::make_unique<Daemon>(std::move(daemons->query));
  }

  // kgctl against the store (--store) and the query daemon (--addr).
  CommandResult Kgctl(const std::string& store_addr, std::vector<std::string> args,
                      const std::string& token = "write") {
    std::vector<std::string> argv = {BinaryPath("kgctl"), "--addr=" + query_->address(),
                                     "--ingest-addr=" + ingest_->address(),
                                     "--token-file=" + dir_.path() + "/" + token + ".token"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--store=" + store_addr);
    return RunCommand(argv);
  }

  TempDir dir_;
  std::string tokens_;
  std::unique_ptr<Daemon> store_, ingest_, query_;
};

TEST_F(BackupTest, RestoredBackupPassesCheckAndAnswersTheSame) {
  ASSERT_EQ(RunCommand({BinaryPath("kgctl"), "--addr=" + ingest_->address(),
                        "--token-file=" + dir_.path() + "/write.token", "ingest", kReport})
                .exit_code,
            0);
  ASSERT_EQ(RunCommand({BinaryPath("kgctl"), "--addr=" + ingest_->address(),
                        "--token-file=" + dir_.path() + "/write.token", "ingest", kSecondReport})
                .exit_code,
            0);
  const kg::v1::ServesResponse original = Serves(*query_);
  ASSERT_GT(original.rows_size(), 0);
  CommandResult stats_before =
      RunCommand({BinaryPath("kgctl"), "--addr=" + query_->address(), "stats", "-o", "json"});
  ASSERT_EQ(stats_before.exit_code, 0) << stats_before.err;

  CommandResult check = Kgctl(store_->address(), {"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("consistent: checked 2 reports"));

  const std::string backup = dir_.path() + "/backups/first";
  CommandResult backed = Kgctl(store_->address(), {"backup", backup});
  ASSERT_EQ(backed.exit_code, 0) << backed.err;
  EXPECT_THAT(backed.out, HasSubstr(backup));
  // A later write lands in the original store only.
  CommandResult later = RunCommand({BinaryPath("kgctl"), "--addr=" + ingest_->address(),
                                    "--token-file=" + dir_.path() + "/write.token", "ingest",
                                    kThirdReport});
  ASSERT_EQ(later.exit_code, 0) << later.err;

  // The restore: a second store on the backup, with its own query daemon.
  auto restored = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + backup}, dir_.path());
  ASSERT_TRUE(restored.ok()) << restored.status();
  auto restored_query = Daemon::Start(BinaryPath("kg-queryd"),
                                      {"--store=" + restored->address()}, dir_.path());
  ASSERT_TRUE(restored_query.ok()) << restored_query.status();

  CommandResult restored_check = Kgctl(restored->address(), {"check", "-o", "json"});
  EXPECT_EQ(restored_check.exit_code, 0) << restored_check.out << restored_check.err;
  EXPECT_THAT(restored_check.out, HasSubstr("\"consistent\":true"));
  const kg::v1::ServesResponse answer = Serves(*restored_query);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, answer))
      << original.ShortDebugString() << "\n---\n" << answer.ShortDebugString();
  CommandResult stats_after = RunCommand(
      {BinaryPath("kgctl"), "--addr=" + restored_query->address(), "stats", "-o", "json"});
  EXPECT_EQ(stats_after.out, stats_before.out);
}

TEST_F(BackupTest, RefusesBadDirectoriesAndCallersWithoutAWriteToken) {
  const std::string target = dir_.path() + "/backups/denied";
  CommandResult read_only = Kgctl(store_->address(), {"backup", target}, "read");
  EXPECT_EQ(read_only.exit_code, 7) << read_only.err;
  EXPECT_FALSE(std::filesystem::exists(target));

  CommandResult relative = Kgctl(store_->address(), {"backup", "relative/dir"});
  EXPECT_EQ(relative.exit_code, 3) << relative.err;
  EXPECT_THAT(relative.err, HasSubstr("absolute"));

  std::filesystem::create_directories(dir_.path() + "/full");
  std::ofstream(dir_.path() + "/full/something") << "x";
  CommandResult full = Kgctl(store_->address(), {"backup", dir_.path() + "/full"});
  EXPECT_EQ(full.exit_code, 3) << full.err;
  EXPECT_THAT(full.err, HasSubstr("not empty"));

  CommandResult inside = Kgctl(store_->address(), {"backup", dir_.path() + "/data/backup"});
  EXPECT_EQ(inside.exit_code, 3) << inside.err;
  EXPECT_THAT(inside.err, HasSubstr("inside the store"));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/data/backup"));

  // The store still serves and is consistent.
  CommandResult check = Kgctl(store_->address(), {"check"}, "read");
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

}  // namespace
}  // namespace kg::testing
