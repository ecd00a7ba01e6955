// Crash safety of the split daemons, as processes: kg-stored is killed with SIGKILL at
// random moments while reports are ingested and deleted through kg-ingestd, and
// restarted on the same data directory each time. After every restart the store must
// pass its consistency checker; at the end every acknowledged write must be there
// whole, every acknowledged delete must be gone, nothing may be partly present, and a
// query must answer as before. A second test checks that queries running during
// ingest see a report whole or not at all.
//
// The random moments come from a seeded RNG; the seed is printed, and KG_CRASH_SEED
// repeats a run.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/client/channel.h"
#include "clients/client/remote_graph_store.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "kg/v1/ingest.grpc.pb.h"
#include "kg/v1/query.grpc.pb.h"
#include "storage/ids.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

const std::string kReport = std::string(KG_SOURCE_DIR) + "/tests/data/jinshan-2020.txt";
const std::string kPhrase = "长三角一体化";
// Versions of the one report, told apart by their edition (part of the report id).
constexpr int kVariants = 4;
constexpr int kMinKills = 20;
// The ingest/delete loop ends after kMinKills kills; this
// caps it on a loaded one, where too few kills then fail the test.
constexpr auto kLoopBudget = std::chrono::seconds(150);
// Time between a restart and the next kill, drawn uniformly.
constexpr int kMinKillGapMs = 40;
constexpr int kMaxKillGapMs = 500;
// How long the visibility test's writer and readers run.
constexpr auto kVisibilityRun = std::chrono::seconds(5);
// While the store restarts calls fail at once; no need to spin.
constexpr auto kPauseAfterFailure = std::chrono::milliseconds(20);

std::string Edition(int variant) { return absl::StrCat("crash-", variant); }

uint32_t Seed() {
  if (const char* fixed = std::getenv("KG_CRASH_SEED"); fixed != nullptr && *fixed != '\0') {
    return static_cast<uint32_t>(std::strtoul(fixed, nullptr, 10));
  }
  return std::random_device()();
}

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

// A report as a clean ingest stores it.
struct Whole {
  std::string id;
  uint64_t nodes = 0;
  uint64_t edges = 0;
};

class DaemonsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = dir_.path() + "/data";
    StartStore(0);
    auto front = StartFrontDaemons(store_->address(), dir_.path());
    ASSERT_TRUE(front.ok()) << front.status();
    ingest_ = std::make_unique<Daemon>(std::move(front->ingest));
    query_ = std::make_unique<Daemon>(std::move(front->query));
    ingest_stub_ = kg::v1::IngestService::NewStub(client::MakeChannel(ingest_->address()));
    query_stub_ = kg::v1::QueryService::NewStub(client::MakeChannel(query_->address()));
    report_bytes_ = ReadFile(kReport);
    ASSERT_FALSE(report_bytes_.empty()) << kReport;
  }

  void StartStore(int port) {
    auto store = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + data_dir_}, dir_.path(),
                               port);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::make_unique<Daemon>(std::move(*store));
  }

  grpc::Status Ingest(int variant, bool dry_run, kg::v1::IngestResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(Deadline(60));
    kg::v1::IngestRequest request;
    request.set_content(report_bytes_);
    request.set_edition(Edition(variant));
    request.set_dry_run(dry_run);
    return ingest_stub_->Ingest(&context, request, response);
  }

  // Ingest, retried while kg-ingestd has not yet reconnected to a restarted store.
  grpc::Status IngestOnceStoreIsBack(int variant) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      kg::v1::IngestResponse response;
      grpc::Status status = Ingest(variant, false, &response);
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE ||
          std::chrono::steady_clock::now() > give_up) {
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  grpc::Status Delete(const std::string& report_id) {
    grpc::ClientContext context;
    context.set_deadline(Deadline(60));
    kg::v1::DeleteReportRequest request;
    request.set_report_id(report_id);
    kg::v1::DeleteReportResponse response;
    return ingest_stub_->DeleteReport(&context, request, &response);
  }

  grpc::Status Serves(kg::v1::ServesResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(Deadline(30));
    kg::v1::ServesRequest request;
    request.set_phrase(kPhrase);
    return query_stub_->Serves(&context, request, response);
  }

  // What a clean ingest of each variant stores, from a dry run.
  std::vector<Whole> DryRunAll() {
    std::vector<Whole> wholes;
    for (int v = 0; v < kVariants; ++v) {
      kg::v1::IngestResponse response;
      grpc::Status status = Ingest(v, /*dry_run=*/true, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      wholes.push_back({response.report().id(), static_cast<uint64_t>(response.nodes_size()),
                        static_cast<uint64_t>(response.edges_size())});
      EXPECT_GT(wholes.back().nodes, 10u);
    }
    return wholes;
  }

  // A client of the store on a fresh channel (the old one may be backing off after a
  // kill).
  std::unique_ptr<client::RemoteGraphStore> StoreClient(const std::string& address) {
    return std::make_unique<client::RemoteGraphStore>(client::MakeChannel(address));
  }

  // The consistency check, retried while a just restarted store does not yet accept
  // connections.
  absl::StatusOr<storage::ConsistencyReport> CheckStore(const std::string& address) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      absl::StatusOr<storage::ConsistencyReport> report =
          StoreClient(address)->CheckConsistency(20);
      if (report.status().code() != absl::StatusCode::kUnavailable ||
          std::chrono::steady_clock::now() > give_up) {
        return report;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  // The store's records of one report, counted by a per-report export (one snapshot).
  static absl::Status CountExport(client::RemoteGraphStore& store, storage::ReportId report,
                                  uint64_t* nodes, uint64_t* edges) {
    *nodes = *edges = 0;
    return store.Export(
        report,
        [&](const storage::Node&) {
          ++*nodes;
          return absl::OkStatus();
        },
        [&](const storage::Edge&) {
          ++*edges;
          return absl::OkStatus();
        });
  }

  TempDir dir_;
  std::string data_dir_;
  std::string report_bytes_;
  std::unique_ptr<Daemon> store_, ingest_, query_;
  std::unique_ptr<kg::v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<kg::v1::QueryService::Stub> query_stub_;
};

// What the client knows of one report: the states it may be in. An acknowledged write
// makes it certain; a failed one (the store died during it) may or may not have landed.
struct Knowledge {
  bool maybe_present = false;
  bool maybe_absent = true;
};

TEST_F(DaemonsTest, KilledStoreLosesNoAcknowledgedWriteAndKeepsNothingPartial) {
  const uint32_t seed = Seed();
  std::cout << "crash test seed: " << seed << " (KG_CRASH_SEED=" << seed << " repeats it)\n";
  const std::vector<Whole> wholes = DryRunAll();
  ASSERT_EQ(wholes.size(), static_cast<size_t>(kVariants));

  // Every variant stored cleanly, and the answer to a question over them, for the end.
  std::vector<Knowledge> known(kVariants);
  for (int v = 0; v < kVariants; ++v) {
    kg::v1::IngestResponse response;
    ASSERT_TRUE(Ingest(v, false, &response).ok());
    known[v] = {true, false};
  }
  kg::v1::ServesResponse answer_before;
  ASSERT_TRUE(Serves(&answer_before).ok());
  ASSERT_GT(answer_before.rows_size(), 0);
  const std::string store_address = store_->address();

  // The killer: SIGKILL, restart on the same port and data, check, repeat.
  std::atomic<bool> stop{false};
  std::atomic<int> kills{0};
  std::thread killer([&] {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> gap(kMinKillGapMs, kMaxKillGapMs);
    while (!stop) {
      const auto wake = std::chrono::steady_clock::now() + std::chrono::milliseconds(gap(rng));
      while (!stop && std::chrono::steady_clock::now() < wake) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (stop) break;
      const int port = store_->port();
      EXPECT_EQ(store_->Stop(SIGKILL), 128 + SIGKILL);
      auto restarted = Daemon::Start(BinaryPath("kg-stored"), {"--data-dir=" + data_dir_},
                                     dir_.path(), port);
      if (!restarted.ok()) {
        ADD_FAILURE() << "restart " << kills + 1 << ": " << restarted.status();
        break;
      }
      store_ = std::make_unique<Daemon>(std::move(*restarted));
      ++kills;
      auto check = CheckStore(store_address);
      if (!check.ok()) {
        ADD_FAILURE() << "check after restart " << kills << ": " << check.status();
      } else if (!check->ok) {
        ADD_FAILURE() << "inconsistent after restart " << kills << ": "
                      << check->problems.at(0).kind << " " << check->problems.at(0).detail;
      }
    }
  });

  // The client: random ingests and deletes, each outcome recorded in order.
  std::mt19937 rng(seed + 1);
  std::uniform_int_distribution<int> pick_variant(0, kVariants - 1);
  std::bernoulli_distribution pick_ingest(0.6);
  int acked_ingests = 0, acked_deletes = 0, failed = 0, lost = 0;
  const auto loop_end = std::chrono::steady_clock::now() + kLoopBudget;
  while (kills < kMinKills && std::chrono::steady_clock::now() < loop_end) {
    const int v = pick_variant(rng);
    Knowledge& k = known[v];
    if (pick_ingest(rng)) {
      kg::v1::IngestResponse response;
      grpc::Status status = Ingest(v, false, &response);
      if (status.ok()) {
        ++acked_ingests;
        // A replace must find the earlier version iff one can be there.
        if (response.replaced() ? !k.maybe_present : !k.maybe_absent) {
          ++lost;
          ADD_FAILURE() << "variant " << v << ": replaced=" << response.replaced()
                        << " contradicts the acknowledged history";
        }
        k = {true, false};
      } else {
        ++failed;
        k.maybe_present = true;
        std::this_thread::sleep_for(kPauseAfterFailure);
      }
    } else {
      grpc::Status status = Delete(wholes[v].id);
      if (status.ok() || status.error_code() == grpc::StatusCode::NOT_FOUND) {
        ++acked_deletes;
        if (status.ok() ? !k.maybe_present : !k.maybe_absent) {
          ++lost;
          ADD_FAILURE() << "variant " << v << ": delete answered " << status.error_code()
                        << ", which contradicts the acknowledged history";
        }
        k = {false, true};
      } else {
        ++failed;
        k.maybe_absent = true;
        std::this_thread::sleep_for(kPauseAfterFailure);
      }
    }
  }
  stop = true;
  killer.join();
  std::cout << "crash test: " << kills << " kills, " << acked_ingests << " acknowledged ingests, "
            << acked_deletes << " acknowledged deletes, " << failed << " failed calls\n";
  EXPECT_GE(kills, kMinKills);
  EXPECT_GT(acked_ingests, 0);
  EXPECT_GT(acked_deletes, 0);
  EXPECT_EQ(lost, 0);

  // The end state: consistent, each report where its history allows, and whole.
  auto store = StoreClient(store_address);
  auto check = CheckStore(store_address);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_TRUE(check->ok) << (check->problems.empty() ? "" : check->problems[0].detail);
  auto listed = store->ListReports();
  ASSERT_TRUE(listed.ok()) << listed.status();
  std::map<std::string, storage::ReportInfo> present;
  for (const auto& info : *listed) present[storage::IdToHex(info.id)] = info;
  EXPECT_LE(present.size(), static_cast<size_t>(kVariants));
  for (int v = 0; v < kVariants; ++v) {
    SCOPED_TRACE(absl::StrCat("variant ", v));
    auto found = present.find(wholes[v].id);
    if (found == present.end()) {
      EXPECT_TRUE(known[v].maybe_absent) << "an acknowledged ingest was lost";
      continue;
    }
    EXPECT_TRUE(known[v].maybe_present) << "an acknowledged delete was undone";
    EXPECT_EQ(found->second.node_count, wholes[v].nodes);
    EXPECT_EQ(found->second.edge_count, wholes[v].edges);
    uint64_t nodes = 0, edges = 0;
    ASSERT_TRUE(CountExport(*store, found->second.id, &nodes, &edges).ok());
    EXPECT_EQ(nodes, wholes[v].nodes);
    EXPECT_EQ(edges, wholes[v].edges);
  }

  // With every variant stored again, the question answers exactly as before.
  for (int v = 0; v < kVariants; ++v) {
    grpc::Status status = IngestOnceStoreIsBack(v);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  kg::v1::ServesResponse answer_after;
  grpc::Status serves = Serves(&answer_after);
  ASSERT_TRUE(serves.ok()) << serves.error_message();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(answer_before, answer_after))
      << answer_before.ShortDebugString() << "\n---\n" << answer_after.ShortDebugString();
  check = CheckStore(store_address);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_TRUE(check->ok);
}

// While the report is deleted and re-ingested, the store's own reads (Stats, one
// counter record; a per-report Export, one snapshot) and a kg-queryd question (Serves,
// several store calls, answered from one state: services/query/one_state.h) see it
// whole or not at all.
TEST_F(DaemonsTest, QueriesDuringIngestSeeAReportWholeOrNotAtAll) {
  const std::vector<Whole> wholes = DryRunAll();
  const Whole& whole = wholes[0];
  kg::v1::IngestResponse first;
  ASSERT_TRUE(Ingest(0, false, &first).ok());
  const auto report_id = storage::HexToId(whole.id);
  ASSERT_TRUE(report_id.has_value());
  kg::v1::ServesResponse full_answer;
  grpc::Status full = Serves(&full_answer);
  ASSERT_TRUE(full.ok()) << full.error_message();
  ASSERT_GT(full_answer.rows_size(), 0);

  // The writer deletes and re-ingests the report; readers count what they see.
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&] {
    while (!stop) {
      EXPECT_TRUE(Delete(whole.id).ok());
      kg::v1::IngestResponse response;
      EXPECT_TRUE(Ingest(0, false, &response).ok());
      writes += 2;
    }
  });
  const std::string store_address = store_->address();
  std::atomic<int> reads{0}, seen_whole{0}, seen_none{0};
  std::atomic<int> serves_whole{0}, serves_none{0}, serves_unsettled{0};
  auto reader = [&](int which) {
    auto store = StoreClient(store_address);
    while (!stop) {
      if (which == 2) {
        // A question: exactly the full answer, or no goal (NOT_FOUND) while the report
        // is absent. UNAVAILABLE (the store changed during every attempt) is retryable.
        kg::v1::ServesResponse answer;
        grpc::Status status = Serves(&answer);
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
          ++serves_unsettled;
        } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
          ++serves_none;
        } else {
          ASSERT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
          std::string differences;
          bool same = false;
          {  // the reporter completes `differences` when the differencer goes
            google::protobuf::util::MessageDifferencer differencer;
            differencer.ReportDifferencesToString(&differences);
            same = differencer.Compare(full_answer, answer);
          }
          EXPECT_TRUE(same || (answer.rows_size() == 0 && answer.goals_size() == 0))
              << "torn answer, differing from the full one in:\n"
              << differences.substr(0, 2000);
          (same ? serves_whole : serves_none)++;
        }
      } else if (which == 0) {
        // Counters: both at the whole report's values or both zero.
        grpc::ClientContext context;
        context.set_deadline(Deadline(30));
        kg::v1::StatsResponse stats;
        grpc::Status status = query_stub_->Stats(&context, kg::v1::StatsRequest(), &stats);
        ASSERT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
        const bool none = stats.reports() == 0 && stats.nodes() == 0 && stats.edges() == 0;
        const bool full =
            stats.reports() == 1 && stats.nodes() == whole.nodes && stats.edges() == whole.edges;
        EXPECT_TRUE(none || full) << stats.ShortDebugString();
        (full ? seen_whole : seen_none)++;
      } else {
        // A per-report export: all the report's records or none of them.
        uint64_t nodes = 0, edges = 0;
        absl::Status status = CountExport(*store, *report_id, &nodes, &edges);
        if (status.code() == absl::StatusCode::kNotFound) {
          EXPECT_EQ(nodes, 0u);
          ++seen_none;
        } else {
          ASSERT_TRUE(status.ok()) << status;
          EXPECT_EQ(nodes, whole.nodes);
          EXPECT_EQ(edges, whole.edges);
          ++seen_whole;
        }
      }
      ++reads;
    }
  };
  std::thread stats_reader(reader, 0), export_reader(reader, 1), serves_reader(reader, 2);
  std::this_thread::sleep_for(kVisibilityRun * TimeScale());
  stop = true;
  writer.join();
  stats_reader.join();
  export_reader.join();
  serves_reader.join();
  std::cout << "visibility test: " << writes << " writes, " << reads << " reads ("
            << seen_whole << " whole, " << seen_none << " none); serves: " << serves_whole
            << " whole, " << serves_none << " none, " << serves_unsettled << " unavailable\n";
  EXPECT_GT(writes, 4);
  EXPECT_GT(seen_whole, 0);
  EXPECT_GT(seen_none, 0);
  EXPECT_GT(serves_whole, 0);
  EXPECT_GT(serves_none, 0);
}

}  // namespace
}  // namespace kg::testing
