// AnswerFromOneState (services/query/one_state.h) over the two ways a question reads the
// store: a RocksGraphStore in process (kgd) and RemoteGraphStore over gRPC to
// GraphStoreServiceImpl (kg-queryd -> kg-stored), whose reads come back in the trailing
// metadata. A write between a question's reads makes it ask again.
#include "services/query/one_state.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "storage/rocks_graph_store.h"
#include "tests/services/query/local_or_served_store.h"
#include "tests/storage/sample_graph.h"
#include "tests/storage/scoped_temp_dir.h"
#include "tests/testing/status_matchers.h"

namespace kg::query {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using storage::testing::kReportA;
using storage::testing::kReportB;
using storage::testing::kTask;
using storage::testing::SampleNode;
using storage::testing::SampleReport;

// The store a question reads: the RocksGraphStore itself, or a RemoteGraphStore served
// by GraphStoreServiceImpl over it on a loopback port.
class OneStateTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_THAT(store_.Open(dir_.path(), /*served=*/GetParam()), IsOk());
    rocks_ = store_.rocks();
    reads_ = store_.reads();
  }

  // Writes go straight to RocksDB, as kg-ingestd's would through kg-stored.
  void Put(storage::ReportId report) {
    bool replaced = false;
    ASSERT_THAT(rocks_->PutReport(SampleReport(report), &replaced), IsOk());
  }

  // A question of two reads: how many reports, then report B's task.
  absl::StatusOr<size_t> TwoReads() {
    auto reports = reads_->ListReports();
    if (!reports.ok()) return reports.status();
    between_reads_();
    auto task = reads_->GetNode(SampleNode(kReportB, kTask));
    if (!task.ok()) return task.status();
    return reports->size();
  }

  ::kg::testing::ScopedTempDir dir_;
  testing::LocalOrServedStore store_;
  storage::RocksGraphStore* rocks_ = nullptr;
  storage::GraphStore* reads_ = nullptr;
  std::function<void()> between_reads_ = [] {};
};

TEST_P(OneStateTest, AQuestionWithNoWriteDuringItIsAskedOnce) {
  Put(kReportA);
  Put(kReportB);
  int attempts = 0;
  absl::StatusOr<size_t> answer = AnswerFromOneState([&] {
    ++attempts;
    return TwoReads();
  });
  ASSERT_THAT(answer, IsOk());
  EXPECT_EQ(*answer, 2u);
  EXPECT_EQ(attempts, 1);
}

TEST_P(OneStateTest, AWriteBetweenReadsMakesTheQuestionAskAgain) {
  Put(kReportA);
  Put(kReportB);
  // The first attempt sees two reports, then B is replaced before it reads B's task;
  // the answer must come from the second attempt, all of which saw the new state.
  int attempts = 0;
  between_reads_ = [&] {
    if (attempts == 1) Put(kReportB);
  };
  absl::StatusOr<size_t> answer = AnswerFromOneState([&] {
    ++attempts;
    return TwoReads();
  });
  ASSERT_THAT(answer, IsOk());
  EXPECT_EQ(attempts, 2);
}

TEST_P(OneStateTest, AnErrorFromATornStateIsAskedAgainToo) {
  Put(kReportA);
  Put(kReportB);
  // The first attempt lists B, then B is deleted before it reads B's task: a NOT_FOUND
  // from a torn state. The second attempt's NOT_FOUND is the answer of one state.
  int attempts = 0;
  between_reads_ = [&] {
    if (attempts == 1) ASSERT_THAT(rocks_->DeleteReport(kReportB), IsOk());
  };
  absl::StatusOr<size_t> answer = AnswerFromOneState([&] {
    ++attempts;
    return TwoReads();
  });
  EXPECT_THAT(answer, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(attempts, 2);
}

TEST_P(OneStateTest, AStoreThatNeverSettlesGivesUnavailable) {
  Put(kReportA);
  Put(kReportB);
  int attempts = 0;
  between_reads_ = [&] { Put(kReportB); };
  absl::StatusOr<size_t> answer = AnswerFromOneState([&] {
    ++attempts;
    return TwoReads();
  });
  EXPECT_THAT(answer, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(attempts, kOneStateAttempts);
}

TEST_P(OneStateTest, AnAnswerOutOfTimeIsNotAskedAgain) {
  Put(kReportA);
  int attempts = 0;
  absl::Status answer = AnswerFromOneState([&]() -> absl::Status {
    ++attempts;
    EXPECT_THAT(reads_->ListReports(), IsOk());
    Put(kReportB);
    EXPECT_THAT(reads_->ListReports(), IsOk());
    return absl::DeadlineExceededError("out of time");
  });
  EXPECT_THAT(answer, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(attempts, 1);
}

INSTANTIATE_TEST_SUITE_P(InProcessAndOverGrpc, OneStateTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "RemoteGraphStore" : "RocksGraphStore";
                         });

}  // namespace
}  // namespace kg::query
