// Tests of the read generations RocksGraphStore's reads note (storage/read_generation.h):
// reads with no write between them name one generation, a write between them shows, and
// under concurrent writes a named generation is the state the read really saw.
#include "storage/read_generation.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "storage/rocks_graph_store.h"
#include "tests/storage/sample_graph.h"
#include "tests/storage/scoped_temp_dir.h"
#include "tests/testing/status_matchers.h"

namespace kg::storage::testing {
namespace {

using ::kg::testing::IsOk;

class ReadGenerationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = RocksGraphStore::Open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(store).value();
  }

  void Put(ReportId report) {
    bool replaced = false;
    ASSERT_THAT(store_->PutReport(SampleReport(report), &replaced), IsOk());
  }

  // One call of each cached-path read.
  void ReadEverything() {
    EXPECT_THAT(store_->ListReports(), IsOk());
    EXPECT_THAT(store_->GetNode(SampleNode(kReportA, kGoal)), IsOk());
    EXPECT_THAT(store_->GetNodes({kShanghai, kPudong}), IsOk());
    bool truncated = false;
    EXPECT_THAT(store_->GetEdges(kPudong, Direction::kOut, "", 10, &truncated), IsOk());
    // One list GetEdges just kept, one read from keys.
    EXPECT_THAT(store_->GetLinks(kPudong, Direction::kOut, "", 10, &truncated), IsOk());
    EXPECT_THAT(store_->GetLinks(kShanghai, Direction::kIn, "", 10, &truncated), IsOk());
    EXPECT_THAT(store_->LookupName("浦东新区", "", {}), IsOk());
    EXPECT_THAT(store_->SearchText("桥头堡", "", 0.5, 10, {}), IsOk());
    EXPECT_THAT(store_->GetText({{kReportA, 0, 4}}), IsOk());
  }

  ::kg::testing::ScopedTempDir dir_;
  std::unique_ptr<RocksGraphStore> store_;
};

TEST_F(ReadGenerationTest, ReadsWithNoWriteBetweenThemSeeOneGeneration) {
  Put(kReportA);
  ReadGenerations seen;
  {
    ScopedReadObserver observer(&seen);
    ReadEverything();  // read from RocksDB and kept
    ReadEverything();  // answered from the cache
  }
  EXPECT_EQ(seen.calls, 18);
  EXPECT_FALSE(seen.uncertain);
  EXPECT_EQ(seen.min, seen.max);
  EXPECT_EQ(seen.min % 2, 0u);
  EXPECT_TRUE(seen.OneState());
}

TEST_F(ReadGenerationTest, AWriteBetweenReadsShows) {
  Put(kReportA);
  ReadGenerations seen;
  {
    ScopedReadObserver observer(&seen);
    ASSERT_THAT(store_->ListReports(), IsOk());
    Put(kReportB);
    ASSERT_THAT(store_->GetNode(SampleNode(kReportB, kTask)), IsOk());
    ASSERT_THAT(store_->DeleteReport(kReportB), IsOk());
    EXPECT_THAT(store_->ListReports(), IsOk());
  }
  EXPECT_EQ(seen.calls, 3);
  EXPECT_FALSE(seen.uncertain);
  EXPECT_EQ(seen.max - seen.min, 4u) << "two writes, one batch each";
  EXPECT_FALSE(seen.OneState());
}

TEST_F(ReadGenerationTest, ReadsOutsideAnObserverAreNotNoted) {
  Put(kReportA);
  ReadGenerations seen;
  ASSERT_THAT(store_->ListReports(), IsOk());
  { ScopedReadObserver observer(&seen); }
  ASSERT_THAT(store_->ListReports(), IsOk());
  EXPECT_EQ(seen.calls, 0);
  EXPECT_TRUE(seen.OneState());
}

// The writer adds and deletes report B in turn, so the state of generation g holds B
// exactly when (g - start) / 2, the writes completed, is odd. Every read that names a generation
// must have seen that state; the others must say they are uncertain.
TEST_F(ReadGenerationTest, UnderConcurrentWritesANamedGenerationIsTheStateRead) {
  constexpr int kWrites = 200;
  ReadGenerations first;
  {
    ScopedReadObserver observer(&first);
    ASSERT_THAT(store_->ListReports(), IsOk());
  }
  ASSERT_TRUE(first.OneState());
  const uint64_t start = first.min;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < kWrites; ++i) {
      if (i % 2 == 0) {
        bool replaced = false;
        EXPECT_THAT(store_->PutReport(SampleReport(kReportB), &replaced), IsOk());
      } else {
        EXPECT_THAT(store_->DeleteReport(kReportB), IsOk());
      }
    }
    done = true;
  });
  int named = 0, uncertain = 0;
  while (!done) {
    ReadGenerations seen;
    absl::StatusOr<std::vector<ReportInfo>> reports;
    {
      ScopedReadObserver observer(&seen);
      reports = store_->ListReports();
    }
    ASSERT_THAT(reports, IsOk());
    ASSERT_EQ(seen.calls, 1);
    if (seen.uncertain) {
      ++uncertain;
      continue;
    }
    ++named;
    ASSERT_EQ(seen.min % 2, 0u) << "a named state is between writes";
    const bool has_b = ((seen.min - start) / 2) % 2 == 1;
    EXPECT_EQ(reports->size(), has_b ? 1u : 0u) << "generation " << seen.min;
  }
  writer.join();
  std::cout << named << " reads named their generation, " << uncertain << " were uncertain\n";
  EXPECT_GT(named, 0);
}

TEST(ReadGenerations, NestedObserversPassTheirReadsOut) {
  ReadGenerations outer, inner;
  {
    ScopedReadObserver outer_observer(&outer);
    NoteRead(4, true);
    {
      ScopedReadObserver inner_observer(&inner);
      NoteRead(6, true);
      NoteRead(0, false);
    }
    NoteRead(4, true);
  }
  EXPECT_EQ(inner.calls, 2);
  EXPECT_EQ(inner.min, 6u);
  EXPECT_TRUE(inner.uncertain);
  EXPECT_EQ(outer.calls, 4);
  EXPECT_EQ(outer.min, 4u);
  EXPECT_EQ(outer.max, 6u);
  EXPECT_TRUE(outer.uncertain);
  NoteRead(8, true);  // no observer: nothing happens
  EXPECT_EQ(outer.calls, 4);
}

TEST(ReadGenerations, TextFormRoundTrips) {
  ReadGenerations one;
  one.calls = 1;
  one.min = one.max = 12;
  EXPECT_EQ(FormatReadGenerations(one), "12");
  ReadGenerations range = one;
  range.max = 16;
  range.uncertain = true;
  EXPECT_EQ(FormatReadGenerations(range), "12-16?");
  ReadGenerations only_uncertain;
  only_uncertain.calls = 1;
  only_uncertain.uncertain = true;
  EXPECT_EQ(FormatReadGenerations(only_uncertain), "?");
  EXPECT_EQ(FormatReadGenerations(ReadGenerations()), "");

  for (const ReadGenerations& r : {one, range, only_uncertain}) {
    const ReadGenerations back = ParseReadGenerations(FormatReadGenerations(r));
    EXPECT_EQ(back.uncertain, r.uncertain);
    EXPECT_EQ(back.calls, 1);
    if (r.min <= r.max) {
      EXPECT_EQ(back.min, r.min);
      EXPECT_EQ(back.max, r.max);
    }
  }
  for (const char* garbage : {"", "x", "5-", "-5", "9-3", "1-2-3", "12 ?x"}) {
    const ReadGenerations parsed = ParseReadGenerations(garbage);
    EXPECT_TRUE(parsed.uncertain) << garbage;
    EXPECT_FALSE(parsed.OneState()) << garbage;
  }
}

}  // namespace
}  // namespace kg::storage::testing
