// ReportCatalogCache (services/query/report_catalog.h): the stored reports are listed
// once per store state, in process and over gRPC (where kg-stored's Stats reply names
// the state in its trailing metadata), and a question answered from one state
// (one_state.h) never mixes a cached catalog with reads of a newer state.
#include "services/query/report_catalog.h"

#include <functional>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/query/one_state.h"
#include "services/query/report_scope.h"
#include "storage/read_generation.h"
#include "storage/rocks_graph_store.h"
#include "tests/services/query/local_or_served_store.h"
#include "tests/storage/sample_graph.h"
#include "tests/storage/scoped_temp_dir.h"
#include "tests/testing/status_matchers.h"

namespace kg::query {
namespace {

using ::kg::testing::IsOk;
using storage::testing::kReportA;
using storage::testing::kReportB;
using storage::testing::kTask;
using storage::testing::SampleNode;
using storage::testing::SampleReport;

constexpr storage::ReportId kReportC = 0x00000000000000c3;

// The store read: the RocksGraphStore itself, or a RemoteGraphStore served by
// GraphStoreServiceImpl over it on a loopback port (as one_state_test.cc).
class ReportCatalogTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_THAT(store_.Open(dir_.path(), /*served=*/GetParam()), IsOk());
    rocks_ = store_.rocks();
    reads_ = store_.reads();
  }

  // Writes go straight to RocksDB, as kg-ingestd's would through kg-stored. Report C
  // is of another year, so that its label differs.
  void Put(storage::ReportId report) {
    storage::ReportGraph graph = SampleReport(report);
    if (report == kReportC) graph.info.year = 2022;
    bool replaced = false;
    ASSERT_THAT(rocks_->PutReport(graph, &replaced), IsOk());
  }

  ::kg::testing::ScopedTempDir dir_;
  testing::LocalOrServedStore store_;
  storage::RocksGraphStore* rocks_ = nullptr;
  storage::GraphStore* reads_ = nullptr;
  ReportCatalogCache cache_;
};

TEST_P(ReportCatalogTest, StatsNamesTheStateItRead) {
  Put(kReportA);
  storage::ReadGenerations seen;
  {
    storage::ScopedReadObserver observer(&seen);
    ASSERT_THAT(reads_->Stats(), IsOk());
  }
  EXPECT_EQ(seen.calls, 1);
  EXPECT_TRUE(seen.OneState());
  EXPECT_FALSE(seen.uncertain);
  EXPECT_EQ(seen.min, seen.max);
}

TEST_P(ReportCatalogTest, AnUnchangedStoreGivesTheSameCatalog) {
  Put(kReportA);
  Put(kReportB);
  auto first = cache_.Get(reads_);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ((*first)->all().size(), 2u);
  auto second = cache_.Get(reads_);
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(first->get(), second->get());

  // The cached catalog's probe is one of the question's reads.
  storage::ReadGenerations seen;
  {
    storage::ScopedReadObserver observer(&seen);
    ASSERT_THAT(cache_.Get(reads_), IsOk());
  }
  EXPECT_EQ(seen.calls, 1);
  EXPECT_TRUE(seen.OneState());
}

TEST_P(ReportCatalogTest, AWriteGivesANewCatalog) {
  Put(kReportA);
  Put(kReportB);
  auto before = cache_.Get(reads_);
  ASSERT_THAT(before, IsOk());
  Put(kReportC);
  auto after = cache_.Get(reads_);
  ASSERT_THAT(after, IsOk());
  EXPECT_NE(before->get(), after->get());
  EXPECT_EQ((*before)->all().size(), 2u);
  ASSERT_EQ((*after)->all().size(), 3u);
  ASSERT_NE((*after)->Find(kReportC), nullptr);
  EXPECT_EQ((*after)->labels().at(kReportC), "上海市金山区 2022");
  // Sorted by region, then year: C (2022) comes last.
  EXPECT_EQ((*after)->sorted().back().id, kReportC);
  // And the new catalog is the one cached now.
  auto again = cache_.Get(reads_);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(after->get(), again->get());
}

TEST_P(ReportCatalogTest, AQuestionSeesAReportWrittenDuringIt) {
  Put(kReportA);
  Put(kReportB);
  ASSERT_THAT(cache_.Get(reads_), IsOk());  // cached: A and B
  // The first attempt takes the cached catalog, then C is written before its next
  // read: it must be asked again, and its second attempt must see C.
  int attempts = 0;
  auto answer = AnswerFromOneState([&]() -> absl::StatusOr<ReportLabels> {
    ++attempts;
    auto scope = ReportScope::Load(reads_, {}, &cache_);
    if (!scope.ok()) return scope.status();
    if (attempts == 1) Put(kReportC);
    auto task = reads_->GetNode(SampleNode(kReportB, kTask));
    if (!task.ok()) return task.status();
    EXPECT_TRUE(scope->Contains(kReportB));
    return scope->labels();
  });
  ASSERT_THAT(answer, IsOk());
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(answer->size(), 3u);
  EXPECT_EQ(answer->count(kReportC), 1u);
}

TEST_P(ReportCatalogTest, ScopesFromTheCacheFilterAsBefore) {
  Put(kReportA);
  Put(kReportB);
  Put(kReportC);
  auto all = ReportScope::Load(reads_, {}, &cache_);
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->selected().size(), 3u);
  EXPECT_TRUE(all->store_reports().empty());
  EXPECT_TRUE(all->Contains(kReportC));
  EXPECT_FALSE(all->Contains(0xdead));
  EXPECT_TRUE(all->Contains(0));

  ReportFilter by_id;
  by_id.report = kReportC;
  auto one = ReportScope::Load(reads_, by_id, &cache_);
  ASSERT_THAT(one, IsOk());
  ASSERT_EQ(one->selected().size(), 1u);
  EXPECT_EQ(one->selected().front().id, kReportC);
  EXPECT_EQ(one->store_reports(), storage::ReportSet{kReportC});
  EXPECT_FALSE(one->Contains(kReportA));
  EXPECT_EQ(one->all().size(), 3u);
  EXPECT_EQ(one->labels().size(), 3u);

  ReportFilter by_year;
  by_year.year = 2020;
  auto two = ReportScope::Load(reads_, by_year, &cache_);
  ASSERT_THAT(two, IsOk());
  EXPECT_EQ(two->selected().size(), 2u);
  EXPECT_EQ(two->store_reports(), (storage::ReportSet{kReportA, kReportB}));
  EXPECT_FALSE(two->Contains(kReportC));

  ReportFilter unknown;
  unknown.report = 0xdead;
  auto none = ReportScope::Load(reads_, unknown, &cache_);
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->SelectsNone());
}

INSTANTIATE_TEST_SUITE_P(InProcessAndOverGrpc, ReportCatalogTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "RemoteGraphStore" : "RocksGraphStore";
                         });

}  // namespace
}  // namespace kg::query
