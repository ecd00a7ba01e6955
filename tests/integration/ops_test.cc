// Operations behaviour of the daemons as processes: access-log lines and request ids
// that follow a call from the client through kg-queryd into kg-stored.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <signal.h>

#include <array>
#include <chrono>
#include <iostream>
#include <fstream>
#include <regex>
#include <thread>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "clients/client/channel.h"
#include "clients/client/health_probe.h"
#include "clients/client/request_id.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "kg/v1/query.grpc.pb.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

using ::testing::HasSubstr;

// The log lines holding every one of `parts`.
std::vector<std::string> LinesWith(const std::string& log, const std::vector<std::string>& parts) {
  std::vector<std::string> found;
  for (absl::string_view line : absl::StrSplit(log, '\n')) {
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != absl::string_view::npos;
    if (all) found.emplace_back(line);
  }
  return found;
}

// The metrics address a daemon logged.
std::string MetricsAddress(const std::string& log) {
  std::smatch match;
  static const std::regex kLine(R"re("msg":"metrics".*"address":"([0-9.]+:[0-9]+)")re");
  return std::regex_search(log, match, kLine) ? match[1].str() : "";
}

class OpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Daemon::Start(BinaryPath("kg-stored"),
                               {"--data-dir=" + dir_.path() + "/data",
                                "--metrics-listen=127.0.0.1:0"},
                               dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::make_unique<Daemon>(std::move(*store));
    auto query = Daemon::Start(BinaryPath("kg-queryd"), {"--store=" + store_->address()},
                               dir_.path());
    ASSERT_TRUE(query.ok()) << query.status();
    query_ = std::make_unique<Daemon>(std::move(*query));
    stub_ = kg::v1::QueryService::NewStub(client::MakeChannel(query_->address()));
  }

  TempDir dir_;
  std::unique_ptr<Daemon> store_;
  std::unique_ptr<Daemon> query_;
  std::unique_ptr<kg::v1::QueryService::Stub> stub_;
};

TEST_F(OpsTest, RequestIdFollowsTheCallIntoTheStoreAndIsEchoed) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  context.AddMetadata(client::kRequestIdKey, "ops-test-0001");
  kg::v1::ListReportsRequest request;
  kg::v1::ListReportsResponse response;
  grpc::Status status = stub_->ListReports(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto echoed = context.GetServerInitialMetadata().find(client::kRequestIdKey);
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()), "ops-test-0001");

  // Both daemons write their access line when the call ends; the store's comes first.
  auto query_lines = LinesWith(query_->Log(), {"\"msg\":\"rpc\"", "ops-test-0001"});
  ASSERT_EQ(query_lines.size(), 1u) << query_->Log();
  EXPECT_THAT(query_lines[0], HasSubstr("\"method\":\"/kg.v1.QueryService/ListReports\""));
  EXPECT_THAT(query_lines[0], HasSubstr("\"code\":\"OK\""));
  EXPECT_THAT(query_lines[0], HasSubstr("\"peer\":\"ipv4:127.0.0.1:"));
  EXPECT_THAT(query_lines[0], HasSubstr("\"daemon\":\"kg-queryd\""));

  auto store_lines = LinesWith(store_->Log(), {"\"msg\":\"rpc\"", "ops-test-0001"});
  ASSERT_EQ(store_lines.size(), 1u) << store_->Log();
  EXPECT_THAT(store_lines[0], HasSubstr("\"method\":\"/kg.v1.GraphStoreService/ListReports\""));
}

TEST_F(OpsTest, AnIdTheServerMakesAlsoFollowsTheCallIntoTheStore) {
  // A plain channel sends no x-request-id: kg-queryd makes one, and its callback-API
  // handler must pass that same id on to kg-stored.
  auto stub = kg::v1::QueryService::NewStub(
      grpc::CreateChannel(query_->address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  kg::v1::ListReportsResponse response;
  grpc::Status status = stub->ListReports(&context, kg::v1::ListReportsRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto echoed = context.GetServerInitialMetadata().find(client::kRequestIdKey);
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  std::string id(echoed->second.data(), echoed->second.size());
  EXPECT_EQ(id.size(), 16u);

  auto query_lines = LinesWith(query_->Log(), {"\"msg\":\"rpc\"", id});
  EXPECT_EQ(query_lines.size(), 1u) << query_->Log();
  auto store_lines = LinesWith(store_->Log(), {"\"msg\":\"rpc\"", id});
  ASSERT_EQ(store_lines.size(), 1u) << store_->Log();
  EXPECT_THAT(store_lines[0], HasSubstr("\"method\":\"/kg.v1.GraphStoreService/ListReports\""));
}

TEST_F(OpsTest, FailedCallsAreLoggedWithTheirCodeAndAFreshIdWhenNoneWasSent) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  kg::v1::ShowRequest request;
  request.set_name("没有这个名字的实体");
  kg::v1::ShowResponse response;
  grpc::Status status = stub_->Show(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  auto echoed = context.GetServerInitialMetadata().find(client::kRequestIdKey);
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  std::string id(echoed->second.data(), echoed->second.size());
  EXPECT_EQ(id.size(), 16u);  // the channel's interceptor made one

  auto lines = LinesWith(query_->Log(), {"\"msg\":\"rpc\"", id, "/kg.v1.QueryService/Show"});
  ASSERT_EQ(lines.size(), 1u) << query_->Log();
  EXPECT_THAT(lines[0], HasSubstr("\"code\":\"NOT_FOUND\""));
  EXPECT_THAT(lines[0], HasSubstr("\"level\":\"warn\""));
}

TEST_F(OpsTest, MetricsCountCallsByMethodAndCodeOnTheirOwnAddress) {
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    kg::v1::ListReportsRequest request;
    kg::v1::ListReportsResponse response;
    ASSERT_TRUE(stub_->ListReports(&context, request, &response).ok());
  }
  std::string address = MetricsAddress(store_->Log());
  ASSERT_FALSE(address.empty()) << store_->Log();
  std::string page = HttpGetMetrics(address);
  EXPECT_THAT(page, HasSubstr("200 OK"));
  EXPECT_THAT(page, HasSubstr("kg_rpc_requests_total{code=\"OK\","
                              "method=\"/kg.v1.GraphStoreService/ListReports\"} 3"));
  EXPECT_THAT(page, HasSubstr("kg_rpc_duration_seconds_count{"
                              "method=\"/kg.v1.GraphStoreService/ListReports\"} 3"));
  EXPECT_THAT(page, HasSubstr("kg_rpc_request_bytes_count{"
                              "method=\"/kg.v1.GraphStoreService/ListReports\"} 3"));
  // kg-queryd was started without --metrics-listen: no endpoint, no log line.
  EXPECT_EQ(MetricsAddress(query_->Log()), "");
}

// The value of the first sample line starting with `series` (name and labels), or -1.
double SampleValue(const std::string& page, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(page, '\n')) {
    if (absl::StartsWith(line, series + " ")) {
      return std::stod(std::string(line.substr(series.size() + 1)));
    }
  }
  return -1;
}

// The store's own figures: what it holds, its size and the block cache, read from RocksDB
// at scrape time; ingest counts and sizes as IngestService series of the same daemon.
TEST(OpsStoreMetricsTest, StoreFiguresFollowWhatIsStoredAndRead) {
  TempDir dir;
  auto kgd = Daemon::Start(BinaryPath("kgd"),
                           {"--data-dir=" + dir.path() + "/data", "--metrics-listen=127.0.0.1:0"},
                           dir.path());
  ASSERT_TRUE(kgd.ok()) << kgd.status();
  std::string address = MetricsAddress(kgd->Log());
  ASSERT_FALSE(address.empty()) << kgd->Log();
  std::string empty = HttpGetMetrics(address);
  EXPECT_EQ(SampleValue(empty, "kg_store_records{kind=\"reports\"}"), 0) << empty;
  EXPECT_EQ(SampleValue(empty, "kg_store_records{kind=\"nodes\"}"), 0);

  const std::string report = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
  CommandResult ingested =
      RunCommand({BinaryPath("kgctl"), "--addr=" + kgd->address(), "ingest", report});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  CommandResult asked = RunCommand(
      {BinaryPath("kgctl"), "--addr=" + kgd->address(), "serves", "长三角一体化"});
  ASSERT_EQ(asked.exit_code, 0) << asked.err;

  std::string page = HttpGetMetrics(address);
  EXPECT_EQ(SampleValue(page, "kg_store_records{kind=\"reports\"}"), 1) << page;
  EXPECT_GT(SampleValue(page, "kg_store_records{kind=\"nodes\"}"), 100);
  EXPECT_GT(SampleValue(page, "kg_store_records{kind=\"edges\"}"), 100);
  // The batch is in the WAL and memtables until a flush; either way it has a size.
  EXPECT_GT(SampleValue(page, "kg_store_size_bytes{part=\"wal\"}") +
                SampleValue(page, "kg_store_size_bytes{part=\"sst\"}"),
            10000);
  EXPECT_GT(SampleValue(page, "kg_store_size_bytes{part=\"memtable\"}"), 0);
  EXPECT_GT(SampleValue(page, "kg_store_estimated_keys{column=\"nodes\"}"), 100);
  EXPECT_EQ(SampleValue(page, "kg_rpc_requests_total{code=\"OK\","
                              "method=\"/kg.v1.IngestService/Ingest\"}"),
            1);
  EXPECT_EQ(SampleValue(page, "kg_rpc_request_bytes_count{method=\"/kg.v1.IngestService/Ingest\"}"),
            1);
  EXPECT_GT(SampleValue(page, "kg_rpc_request_bytes_sum{method=\"/kg.v1.IngestService/Ingest\"}"),
            30000);

  // After a restart the report is in SST files and reads go through the block cache:
  // the first questions miss it, asking them again hits it (different questions, so the
  // store's own read cache does not answer them before RocksDB is asked).
  ASSERT_EQ(kgd->Stop(SIGTERM), 0);
  auto again = Daemon::Start(BinaryPath("kgd"),
                             {"--data-dir=" + dir.path() + "/data", "--metrics-listen=127.0.0.1:0"},
                             dir.path());
  ASSERT_TRUE(again.ok()) << again.status();
  address = MetricsAddress(again->Log());
  for (const char* phrase : {"长三角一体化", "乡村振兴", "枫泾", "乐高"}) {
    CommandResult read = RunCommand(
        {BinaryPath("kgctl"), "--addr=" + again->address(), "search", phrase});
    ASSERT_EQ(read.exit_code, 0) << read.err;
  }
  std::string reread = HttpGetMetrics(address);
  EXPECT_EQ(SampleValue(reread, "kg_store_records{kind=\"reports\"}"), 1) << reread;
  EXPECT_GT(SampleValue(reread, "kg_store_size_bytes{part=\"sst\"}"), 10000);
  const double hits = SampleValue(reread, "kg_store_block_cache_hits_total");
  const double misses = SampleValue(reread, "kg_store_block_cache_misses_total");
  EXPECT_GT(misses, 0);
  EXPECT_GT(hits, 0);
  EXPECT_DOUBLE_EQ(SampleValue(reread, "kg_store_block_cache_hit_ratio"), hits / (hits + misses));
}

// What a kgd on `address` holds: reports, nodes and edges (QueryService.Stats).
std::array<uint64_t, 3> StoredCounts(const std::string& address) {
  auto stub = kg::v1::QueryService::NewStub(client::MakeChannel(address));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  kg::v1::StatsResponse stats;
  grpc::Status status = stub->Stats(&context, kg::v1::StatsRequest(), &stats);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return {stats.reports(), stats.nodes(), stats.edges()};
}

// SIGTERM while an ingest may be in flight, at several moments: the daemon exits 0 and,
// restarted on the same data, holds the report whole (the counts of an undisturbed
// ingest) or not at all; an ingest kgctl saw acknowledged is always there.
TEST(OpsStopTest, SigtermDuringIngestStoresTheReportWholeOrNotAtAll) {
  const std::string report = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
  TempDir reference_dir;
  auto reference = Daemon::Start(BinaryPath("kgd"), {"--data-dir=" + reference_dir.path() + "/d"},
                                 reference_dir.path());
  ASSERT_TRUE(reference.ok()) << reference.status();
  // How long kgctl takes from launch to an acknowledged ingest on this machine now: the
  // signals below fall at fractions of it, so some land while the call is in flight
  // however loaded the machine is.
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(RunCommand({BinaryPath("kgctl"), "--addr=" + reference->address(), "ingest", report})
                .exit_code,
            0);
  const auto ingest_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  const std::array<uint64_t, 3> whole = StoredCounts(reference->address());
  ASSERT_EQ(whole[0], 1u);
  const std::array<uint64_t, 3> nothing = {0, 0, 0};

  int stored = 0, refused = 0;
  for (double fraction : {0.3, 0.6, 0.8, 0.9, 1.0}) {
    const int delay_ms = static_cast<int>(fraction * ingest_ms);
    SCOPED_TRACE("SIGTERM " + std::to_string(delay_ms) + " ms after the ingest started");
    TempDir dir;
    auto kgd = Daemon::Start(BinaryPath("kgd"), {"--data-dir=" + dir.path() + "/d"}, dir.path());
    ASSERT_TRUE(kgd.ok()) << kgd.status();
    CommandResult ingest;
    std::thread client([&] {
      ingest = RunCommand({BinaryPath("kgctl"), "--addr=" + kgd->address(), "ingest", report});
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    EXPECT_EQ(kgd->Stop(SIGTERM), 0) << kgd->Log();
    client.join();

    auto again = Daemon::Start(BinaryPath("kgd"), {"--data-dir=" + dir.path() + "/d"}, dir.path());
    ASSERT_TRUE(again.ok()) << again.status();
    const std::array<uint64_t, 3> counts = StoredCounts(again->address());
    EXPECT_TRUE(counts == whole || counts == nothing)
        << "reports " << counts[0] << ", nodes " << counts[1] << ", edges " << counts[2];
    if (ingest.exit_code == 0) EXPECT_EQ(counts, whole) << "an acknowledged ingest was lost";
    (counts == whole ? stored : refused)++;
  }
  std::cout << "SIGTERM during ingest (a clean ingest took " << ingest_ms
            << " ms): stored whole " << stored << ", not stored " << refused << ", never partly\n";
}

// Polls `service`'s health on `address` until its answer is OK (want_ok) or not, for at
// most 15 s; returns the last answer.
absl::Status WaitForHealth(const std::string& address, const std::string& service,
                           bool want_ok) {
  auto channel = client::MakeChannel(address);
  absl::Status last;
  for (int i = 0; i < 150; ++i) {
    last = client::CheckServing(channel, service, absl::Seconds(1));
    if (last.ok() == want_ok) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

TEST_F(OpsTest, QueryHealthFollowsTheStore) {
  EXPECT_TRUE(WaitForHealth(query_->address(), "kg.v1.QueryService", true).ok());
  EXPECT_TRUE(WaitForHealth(query_->address(), "", true).ok());
  int store_port = store_->port();
  store_->Stop(SIGKILL);

  absl::Status down = WaitForHealth(query_->address(), "kg.v1.QueryService", false);
  EXPECT_EQ(down.code(), absl::StatusCode::kUnavailable) << down;
  EXPECT_THAT(std::string(down.message()), HasSubstr("NOT_SERVING"));
  EXPECT_THAT(query_->Log(), HasSubstr("\"msg\":\"not ready\""));

  auto store = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + dir_.path() + "/data"},
                             dir_.path(), store_port);
  ASSERT_TRUE(store.ok()) << store.status();
  store_ = std::make_unique<Daemon>(std::move(*store));
  EXPECT_TRUE(WaitForHealth(query_->address(), "kg.v1.QueryService", true).ok());
}

TEST_F(OpsTest, KgctlHealthExitsWithTheStatusForProbes) {
  CommandResult serving = RunCommand({BinaryPath("kgctl"), "--addr=" + store_->address(),
                                      "health", "--service", "kg.v1.GraphStoreService"});
  EXPECT_EQ(serving.exit_code, 0) << serving.err;
  EXPECT_THAT(serving.out, HasSubstr("kg.v1.GraphStoreService: SERVING"));

  CommandResult unknown = RunCommand({BinaryPath("kgctl"), "--addr=" + store_->address(),
                                      "health", "--service", "kg.v1.QueryService"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.out, HasSubstr("UNKNOWN_SERVICE"));

  CommandResult json = RunCommand(
      {BinaryPath("kgctl"), "--addr=" + query_->address(), "-o", "json", "health"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"status\":\"SERVING\""));

  // The query daemon follows the store down: NOT_SERVING, exit 4.
  store_->Stop(SIGKILL);
  ASSERT_FALSE(WaitForHealth(query_->address(), "kg.v1.QueryService", false).ok());
  CommandResult down = RunCommand({BinaryPath("kgctl"), "--addr=" + query_->address(),
                                   "health", "--service", "kg.v1.QueryService"});
  EXPECT_EQ(down.exit_code, 4);
  EXPECT_THAT(down.out, HasSubstr("NOT_SERVING"));
  CommandResult gone = RunCommand({BinaryPath("kgctl"), "--addr=" + store_->address(), "health"});
  EXPECT_EQ(gone.exit_code, 4);
  EXPECT_THAT(gone.out, HasSubstr("UNREACHABLE"));
}

TEST_F(OpsTest, MessagesOverTheSizeLimitAreResourceExhausted) {
  // A channel without kg's client-side limit, so the server's limit is what refuses.
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(-1);
  auto channel =
      grpc::CreateCustomChannel(query_->address(), grpc::InsecureChannelCredentials(), args);
  auto stub = kg::v1::QueryService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  kg::v1::ShowRequest request;
  request.set_name(std::string(client::kMaxMessageBytes + 1024, 'x'));
  kg::v1::ShowResponse response;
  grpc::Status status = stub->Show(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  // The daemon is still there.
  EXPECT_TRUE(WaitForHealth(query_->address(), "", true).ok());
}

TEST_F(OpsTest, UnknownServiceNamesAreNotFound) {
  absl::Status status =
      client::CheckServing(client::MakeChannel(store_->address()), "kg.v1.NoSuchService",
                           absl::Seconds(5));
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
}

// kg-stored requiring client certificates, kg-queryd serving TLS and reaching the store
// with its client certificate: certificates from scripts/make-certs.sh.
TEST(OpsTlsTest, MutualTlsBetweenServicesAndTlsToTheClient) {
  TempDir dir;
  std::string certs = dir.path() + "/certs";
  CommandResult made = RunCommand(
      {"/bin/bash", std::string(KG_SOURCE_DIR) + "/scripts/make-certs.sh", certs, "kg-stored"});
  ASSERT_EQ(made.exit_code, 0) << made.err;

  auto store = Daemon::Start(BinaryPath("kg-stored"),
                             {"--data-dir=" + dir.path() + "/data",
                              "--tls-cert=" + certs + "/server.pem",
                              "--tls-key=" + certs + "/server.key",
                              "--tls-client-ca=" + certs + "/ca.pem"},
                             dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  auto query = Daemon::Start(BinaryPath("kg-queryd"),
                             {"--store=" + store->address(), "--store-ca=" + certs + "/ca.pem",
                              "--store-cert=" + certs + "/client.pem",
                              "--store-key=" + certs + "/client.key",
                              "--tls-cert=" + certs + "/server.pem",
                              "--tls-key=" + certs + "/server.key"},
                             dir.path());
  ASSERT_TRUE(query.ok()) << query.status();

  auto secure = client::MakeChannel(query->address(), {certs + "/ca.pem", "", ""});
  ASSERT_TRUE(secure.ok()) << secure.status();
  // The query daemon reaches the store over mutual TLS: it is ready, and answers.
  EXPECT_TRUE(client::CheckServing(*secure, "kg.v1.QueryService", absl::Seconds(10)).ok())
      << query->Log();
  auto stub = kg::v1::QueryService::NewStub(*secure);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  kg::v1::ListReportsResponse response;
  grpc::Status status = stub->ListReports(&context, kg::v1::ListReportsRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();

  // Plaintext to a TLS port fails; so does TLS without a client certificate to the store.
  absl::Status plain =
      client::CheckServing(client::MakeChannel(query->address()), "", absl::Seconds(3));
  EXPECT_FALSE(plain.ok());
  auto no_cert = client::MakeChannel(store->address(), {certs + "/ca.pem", "", ""});
  ASSERT_TRUE(no_cert.ok());
  EXPECT_FALSE(client::CheckServing(*no_cert, "", absl::Seconds(3)).ok());
  auto with_cert = client::MakeChannel(
      store->address(), {certs + "/ca.pem", certs + "/client.pem", certs + "/client.key"});
  ASSERT_TRUE(with_cert.ok());
  EXPECT_TRUE(client::CheckServing(*with_cert, "", absl::Seconds(10)).ok());

  // kgctl over TLS: --ca verifies the daemon; without it the call fails as unreachable.
  CommandResult tls = RunCommand({BinaryPath("kgctl"), "--addr=" + query->address(),
                                  "--ca=" + certs + "/ca.pem", "reports"});
  EXPECT_EQ(tls.exit_code, 0) << tls.err;
  EXPECT_THAT(tls.out, HasSubstr("no reports stored"));
  CommandResult plaintext =
      RunCommand({BinaryPath("kgctl"), "--addr=" + query->address(), "--timeout=3", "reports"});
  EXPECT_EQ(plaintext.exit_code, 4);
  CommandResult bad_ca = RunCommand({BinaryPath("kgctl"), "--addr=" + query->address(),
                                     "--ca=" + certs + "/missing.pem", "reports"});
  EXPECT_EQ(bad_ca.exit_code, 2);
  EXPECT_THAT(bad_ca.err, HasSubstr("missing.pem"));
}

// kg-ingestd with a tokens file: ingest and delete need a write token, a dry run (a
// read) does not; kgctl sends the token from --token-file.
TEST(OpsAuthTest, IngestNeedsAWriteToken) {
  TempDir dir;
  std::string tokens = dir.path() + "/tokens";
  std::ofstream(tokens) << "write w-0123456789abcdef\nread r-0123456789abcdef\n";
  std::ofstream(dir.path() + "/write.token") << "w-0123456789abcdef\n";
  std::ofstream(dir.path() + "/read.token") << "r-0123456789abcdef\n";
  auto store = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + dir.path() + "/data"},
                             dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  auto ingest = Daemon::Start(BinaryPath("kg-ingestd"),
                              {"--store=" + store->address(), "--tokens-file=" + tokens},
                              dir.path());
  ASSERT_TRUE(ingest.ok()) << ingest.status();
  const std::string report = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
  auto kgctl = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {BinaryPath("kgctl"), "--addr=" + ingest->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  };

  CommandResult none = kgctl({"ingest", report});
  EXPECT_EQ(none.exit_code, 7) << none.err;
  EXPECT_THAT(none.err, HasSubstr("needs a token"));
  CommandResult read = kgctl({"--token-file=" + dir.path() + "/read.token", "ingest", report});
  EXPECT_EQ(read.exit_code, 7) << read.err;
  EXPECT_THAT(read.err, HasSubstr("may read but not write"));
  CommandResult dry = kgctl({"ingest", "--dry-run", report});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  CommandResult write =
      kgctl({"--token-file=" + dir.path() + "/write.token", "ingest", report});
  EXPECT_EQ(write.exit_code, 0) << write.err;
  // The refused calls stored nothing: the allowed ingest was the first of the report.
  EXPECT_THAT(write.out, HasSubstr("replaced  no"));
  EXPECT_THAT(ingest->Log(), HasSubstr("\"code\":\"UNAUTHENTICATED\""));
  EXPECT_THAT(ingest->Log(), HasSubstr("\"code\":\"PERMISSION_DENIED\""));
  CommandResult missing = kgctl({"--token-file=" + dir.path() + "/nope", "reports"});
  EXPECT_EQ(missing.exit_code, 2);
}

// Every daemon checking tokens, reads included: kg-ingestd and kg-queryd reach kg-stored
// with its token; a kg-queryd without one is refused by the store; readers without a
// token are refused by kg-queryd.
TEST(OpsAuthTest, StoreAndQueryCheckTokensWithAuthReads) {
  TempDir dir;
  std::string tokens = dir.path() + "/tokens";
  std::ofstream(tokens) << "write w-0123456789abcdef\nread r-0123456789abcdef\n";
  std::ofstream(dir.path() + "/write.token") << "w-0123456789abcdef\n";
  std::ofstream(dir.path() + "/read.token") << "r-0123456789abcdef\n";
  const std::string auth_flags[] = {"--tokens-file=" + tokens, "--auth-reads"};
  auto store = Daemon::Start(BinaryPath("kg-stored"),
                             {"--data-dir=" + dir.path() + "/data", auth_flags[0], auth_flags[1]},
                             dir.path());
  ASSERT_TRUE(store.ok()) << store.status();
  auto ingest = Daemon::Start(BinaryPath("kg-ingestd"),
                              {"--store=" + store->address(), auth_flags[0], auth_flags[1],
                               "--store-token-file=" + dir.path() + "/write.token"},
                              dir.path());
  ASSERT_TRUE(ingest.ok()) << ingest.status();
  auto query = Daemon::Start(BinaryPath("kg-queryd"),
                             {"--store=" + store->address(), auth_flags[0], auth_flags[1],
                              "--store-token-file=" + dir.path() + "/read.token"},
                             dir.path());
  ASSERT_TRUE(query.ok()) << query.status();
  auto tokenless_query = Daemon::Start(BinaryPath("kg-queryd"), {"--store=" + store->address()},
                                       dir.path());
  ASSERT_TRUE(tokenless_query.ok()) << tokenless_query.status();

  const std::string report = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
  const std::string write = "--token-file=" + dir.path() + "/write.token";
  const std::string read = "--token-file=" + dir.path() + "/read.token";
  CommandResult ingested =
      RunCommand({BinaryPath("kgctl"), "--addr=" + ingest->address(), write, "ingest", report});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;

  CommandResult asked = RunCommand({BinaryPath("kgctl"), "--addr=" + query->address(), read,
                                    "serves", "长三角一体化", "--no-quote"});
  EXPECT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_THAT(asked.out, HasSubstr("深化产业发展互融"));
  CommandResult anonymous = RunCommand(
      {BinaryPath("kgctl"), "--addr=" + query->address(), "serves", "长三角一体化"});
  EXPECT_EQ(anonymous.exit_code, 7) << anonymous.err;
  CommandResult exported = RunCommand({BinaryPath("kgctl"), "--addr=" + query->address(),
                                       "export"});
  EXPECT_EQ(exported.exit_code, 7) << exported.err;
  // The store refuses a query daemon that has no token, with a message saying why.
  CommandResult refused = RunCommand({BinaryPath("kgctl"),
                                      "--addr=" + tokenless_query->address(), "reports"});
  EXPECT_EQ(refused.exit_code, 7) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("needs a token"));
  // A read token cannot delete through the store.
  CommandResult reports = RunCommand(
      {BinaryPath("kgctl"), "--addr=" + query->address(), read, "-o", "json", "reports"});
  ASSERT_EQ(reports.exit_code, 0) << reports.err;
  CommandResult deleted = RunCommand({BinaryPath("kgctl"), "--addr=" + ingest->address(), read,
                                      "delete", "698445a1c6c110cc"});
  EXPECT_EQ(deleted.exit_code, 7) << deleted.err;
}

TEST(OpsConfigTest, TlsSettingsThatCannotWorkRefuseToStart) {
  TempDir dir;
  CommandResult half = RunCommand({BinaryPath("kg-stored"), "--data-dir=" + dir.path(),
                                   "--listen=127.0.0.1:0", "--tls-cert=/nonexistent.pem"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_THAT(half.err, HasSubstr("--tls-cert and --tls-key go together"));
  CommandResult missing = RunCommand({BinaryPath("kg-stored"), "--data-dir=" + dir.path(),
                                      "--listen=127.0.0.1:0", "--tls-cert=/nonexistent.pem",
                                      "--tls-key=/nonexistent.key"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("--tls-cert: cannot read /nonexistent.pem"));
}

TEST(OpsConfigTest, ABadMetricsAddressRefusesToStart) {
  TempDir dir;
  CommandResult result = RunCommand({BinaryPath("kg-stored"), "--data-dir=" + dir.path(),
                                     "--listen=127.0.0.1:0", "--metrics-listen=nonsense"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("--metrics-listen must be HOST:PORT"));
}

}  // namespace
}  // namespace kg::testing
