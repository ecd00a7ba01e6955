// Tests of what RocksGraphStore adds to the GraphStore contract (which
// rocks_graph_store_contract_test.cc runs): persistence, the on-disk format check,
// snapshot reads, and that its counters and index entries match the records exactly.
#include "storage/rocks_graph_store.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/key_codec.h"
#include "tests/storage/sample_graph.h"
#include "tests/storage/scoped_temp_dir.h"
#include "tests/testing/status_matchers.h"

namespace kg::storage::testing {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class RocksGraphStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<RocksGraphStore> OpenOrDie(const std::string& dir) {
    absl::StatusOr<std::unique_ptr<RocksGraphStore>> store = RocksGraphStore::Open(dir);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  static void Put(RocksGraphStore& store, const ReportGraph& graph) {
    bool replaced = false;
    EXPECT_THAT(store.PutReport(graph, &replaced), IsOk());
  }

  // The counters Stats() reads must equal a recount of the keys.
  static void ExpectCountersMatchRecords(RocksGraphStore& store) {
    absl::StatusOr<StoreStats> counted = store.CountRecords();
    absl::StatusOr<StoreStats> stats = store.Stats();
    ASSERT_THAT(counted, IsOk());
    ASSERT_THAT(stats, IsOk());
    EXPECT_EQ(stats->reports, counted->reports);
    EXPECT_EQ(stats->nodes, counted->nodes);
    EXPECT_EQ(stats->edges, counted->edges);
    EXPECT_EQ(stats->name_entries, counted->name_entries);
    EXPECT_EQ(stats->postings, counted->postings);
  }

  ::kg::testing::ScopedTempDir dir_;
};

TEST_F(RocksGraphStoreTest, ReopenKeepsData) {
  const std::string path = dir_.Sub("data/store");  // missing: Open creates it
  {
    std::unique_ptr<RocksGraphStore> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    Put(*store, SampleReport(kReportA));
    KG_ASSERT_OK(store->Close());
    KG_ASSERT_OK(store->Close());  // idempotent
  }
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  KG_ASSERT_OK_AND_ASSIGN(Node goal, store->GetNode(SampleNode(kReportA, kGoal)));
  EXPECT_EQ(goal.name, kGoalName);
  KG_ASSERT_OK_AND_ASSIGN(auto reports, store->ListReports());
  EXPECT_THAT(reports, ElementsAre(Field(&ReportInfo::id, kReportA)));
  KG_ASSERT_OK_AND_ASSIGN(auto hits, store->SearchText("长三角一体化", "goal", 0.0, 10, {}));
  EXPECT_THAT(hits, SizeIs(1));
  KG_ASSERT_OK_AND_ASSIGN(StoreStats stats, store->Stats());
  EXPECT_EQ(stats.nodes, kOwnedNodes + kSharedNodes);
  ExpectCountersMatchRecords(*store);
}

TEST_F(RocksGraphStoreTest, CallsAfterCloseFail) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  KG_ASSERT_OK(store->Close());
  EXPECT_THAT(store->GetNode(1), StatusIs(absl::StatusCode::kFailedPrecondition));
  bool replaced = false;
  EXPECT_THAT(store->PutReport(SampleReport(kReportA), &replaced),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(RocksGraphStoreTest, RefusesStoreOfAnotherFormatVersion) {
  OpenOrDie(dir_.path()).reset();
  {
    // Rewrite the version key behind the store's back.
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_.path(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names)
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(
        rocksdb::DB::Open(rocksdb::DBOptions(), dir_.path(), descriptors, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    const auto meta = std::find(names.begin(), names.end(), kMetaColumn) - names.begin();
    ASSERT_LT(static_cast<size_t>(meta), names.size());
    EXPECT_TRUE(
        db->Put(rocksdb::WriteOptions(), handles[meta], std::string(kFormatVersionKey), "999")
            .ok());
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
    }
    EXPECT_TRUE(db->Close().ok());
  }
  EXPECT_THAT(RocksGraphStore::Open(dir_.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("format version 999")));
}

TEST_F(RocksGraphStoreTest, RefusesAFormatOneStoreWithAHowTo) {
  {
    // Format 1's families: all of today's but `shares`.
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
    for (const char* name : {kNodesColumn, kOutEdgesColumn, kInEdgesColumn, kNamesColumn,
                             kPostingsColumn, kMetaColumn}) {
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), descriptors, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    EXPECT_TRUE(db->Put(rocksdb::WriteOptions(), handles.back(), std::string(kFormatVersionKey), "1")
                    .ok());
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
    }
    EXPECT_TRUE(db->Close().ok());
  }
  EXPECT_THAT(RocksGraphStore::Open(dir_.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("format version 1"), HasSubstr("ingest the reports again"))));
}

TEST_F(RocksGraphStoreTest, RefusesDirectoryThatIsNotAStore) {
  std::ofstream(dir_.Sub("notes.txt")) << "not a database";
  EXPECT_THAT(RocksGraphStore::Open(dir_.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a kg store")));

  const std::string plain = dir_.Sub("plain_rocksdb");
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, plain, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    EXPECT_TRUE(db->Close().ok());
  }
  EXPECT_THAT(RocksGraphStore::Open(plain),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a kg store")));
}

TEST_F(RocksGraphStoreTest, CountersMatchRecordsAfterEveryWrite) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  ExpectCountersMatchRecords(*store);
  Put(*store, SampleReport(kReportA));
  ExpectCountersMatchRecords(*store);
  Put(*store, SampleReport(kReportB, "浦东报告"));
  ExpectCountersMatchRecords(*store);
  ReportGraph renamed = SampleReport(kReportA, "金山新报");
  renamed.nodes[2].name = "城市更新";
  Put(*store, renamed);
  ExpectCountersMatchRecords(*store);
  KG_ASSERT_OK(store->DeleteReport(kReportB));
  ExpectCountersMatchRecords(*store);
  KG_ASSERT_OK(store->DeleteReport(kReportA));
  ExpectCountersMatchRecords(*store);
}

TEST_F(RocksGraphStoreTest, DeleteRemovesNameAndPostingEntries) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  Put(*store, SampleReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(StoreStats counted, store->CountRecords());
  EXPECT_EQ(counted.name_entries, kOwnedNodes + kSharedNodes);
  EXPECT_EQ(counted.postings, kOwnedPostings + kSharedPostings);
  KG_ASSERT_OK(store->DeleteReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(counted, store->CountRecords());
  EXPECT_EQ(counted.reports, 0u);
  EXPECT_EQ(counted.nodes, 0u);
  EXPECT_EQ(counted.edges, 0u);
  EXPECT_EQ(counted.name_entries, 0u);
  EXPECT_EQ(counted.postings, 0u);
}

TEST_F(RocksGraphStoreTest, CachedReadsFollowEveryWrite) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  Put(*store, SampleReport(kReportA, "金山报告"));
  const NodeId report_node = SampleNode(kReportA, kReport);
  // Twice each: the second answer comes from the cache.
  for (int i = 0; i < 2; ++i) {
    KG_ASSERT_OK_AND_ASSIGN(Node node, store->GetNode(report_node));
    EXPECT_EQ(node.name, "金山报告");
    KG_ASSERT_OK_AND_ASSIGN(std::vector<Node> named, store->LookupName("金山报告", "", {}));
    EXPECT_THAT(named, SizeIs(1));
    KG_ASSERT_OK_AND_ASSIGN(std::vector<std::string> texts, store->GetText({Span{kReportA, 2, 5}}));
    EXPECT_THAT(texts, ElementsAre("长三角"));
    KG_ASSERT_OK_AND_ASSIGN(std::vector<ReportInfo> reports, store->ListReports());
    EXPECT_THAT(reports, SizeIs(1));
    bool truncated = true;
    KG_ASSERT_OK_AND_ASSIGN(std::vector<Edge> edges,
                            store->GetEdges(report_node, Direction::kIn, "", 100, &truncated));
    ASSERT_THAT(edges, SizeIs(1));
    EXPECT_FALSE(truncated);
    const Edge in_edge = edges[0];
    KG_ASSERT_OK_AND_ASSIGN(edges, store->GetEdges(report_node, Direction::kIn, "", 0, &truncated));
    EXPECT_THAT(edges, IsEmpty());
    EXPECT_TRUE(truncated);
    // Links from the list GetEdges kept, cut by the limit as GetEdges cuts it.
    KG_ASSERT_OK_AND_ASSIGN(std::vector<Link> links,
                            store->GetLinks(report_node, Direction::kIn, "", 100, &truncated));
    ASSERT_THAT(links, SizeIs(1));
    EXPECT_EQ(links[0].id, in_edge.id);
    EXPECT_EQ(links[0].src, in_edge.src);
    EXPECT_EQ(links[0].type, in_edge.type);
    EXPECT_FALSE(truncated);
    KG_ASSERT_OK_AND_ASSIGN(links, store->GetLinks(report_node, Direction::kIn, "", 0, &truncated));
    EXPECT_THAT(links, IsEmpty());
    EXPECT_TRUE(truncated);
  }
  // A replace renames the report node; no read may answer from before it.
  Put(*store, SampleReport(kReportA, "新报告"));
  KG_ASSERT_OK_AND_ASSIGN(Node node, store->GetNode(report_node));
  EXPECT_EQ(node.name, "新报告");
  KG_ASSERT_OK_AND_ASSIGN(std::vector<Node> named, store->LookupName("金山报告", "", {}));
  EXPECT_THAT(named, IsEmpty());
  KG_ASSERT_OK(store->DeleteReport(kReportA));
  EXPECT_THAT(store->GetNode(report_node), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store->GetText({Span{kReportA, 2, 5}}), StatusIs(absl::StatusCode::kNotFound));
  KG_ASSERT_OK_AND_ASSIGN(std::vector<ReportInfo> reports, store->ListReports());
  EXPECT_THAT(reports, IsEmpty());
  bool truncated = false;
  KG_ASSERT_OK_AND_ASSIGN(std::vector<Edge> edges,
                          store->GetEdges(report_node, Direction::kIn, "", 100, &truncated));
  EXPECT_THAT(edges, IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(std::vector<Link> links,
                          store->GetLinks(report_node, Direction::kIn, "", 100, &truncated));
  EXPECT_THAT(links, IsEmpty());
}

TEST_F(RocksGraphStoreTest, ReadsDuringWritesSeeOneState) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  Put(*store, SampleReport(kReportA, "甲报告"));
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) Put(*store, SampleReport(kReportA, i % 2 ? "甲报告" : "乙报告"));
    stop = true;
  });
  int reads = 0;
  while (!stop) {
    // The name index and the nodes it leads to must come from the same state.
    for (const char* name : {"甲报告", "乙报告"}) {
      absl::StatusOr<std::vector<Node>> nodes = store->LookupName(name, "", {});
      ASSERT_THAT(nodes, IsOk());
      for (const Node& node : *nodes) EXPECT_EQ(node.name, name);
      ++reads;
    }
  }
  writer.join();
  EXPECT_GT(reads, 0);
}

TEST_F(RocksGraphStoreTest, ExportReadsOneSnapshotWhileWritesLand) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  Put(*store, SampleReport(kReportA));
  for (ReportId scope : {ReportId{0}, kReportA}) {
    uint64_t nodes = 0;
    uint64_t edges = 0;
    absl::Status status = store->Export(
        scope,
        [&](const Node&) {
          // Delete the report under the running export; it must not notice.
          if (++nodes == 1) return store->DeleteReport(kReportA);
          return absl::OkStatus();
        },
        [&](const Edge&) {
          ++edges;
          return absl::OkStatus();
        });
    EXPECT_THAT(status, IsOk());
    EXPECT_EQ(nodes, kOwnedNodes + kSharedNodes) << scope;
    EXPECT_EQ(edges, kOwnedEdges + kSharedEdges) << scope;
    EXPECT_THAT(store->GetNode(SampleNode(kReportA, kGoal)), StatusIs(absl::StatusCode::kNotFound));
    Put(*store, SampleReport(kReportA));
  }
}

TEST_F(RocksGraphStoreTest, RemovingANodeRemovesOtherReportsEdgesToIt) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  Put(*store, SampleReport(kReportA));
  ReportGraph b = SampleReport(kReportB, "浦东报告");
  const NodeId task_b = SampleNode(kReportB, kTask);
  b.edges.push_back(
      MakeEdge(SampleEdge(kReportB, 9), "serves", task_b, SampleNode(kReportA, kGoal), kReportB));
  Put(*store, b);
  KG_ASSERT_OK(store->DeleteReport(kReportA));

  bool truncated = false;
  KG_ASSERT_OK_AND_ASSIGN(auto serves,
                          store->GetEdges(task_b, Direction::kOut, "serves", 10, &truncated));
  EXPECT_THAT(serves, ElementsAre(Field(&Edge::dst, SampleNode(kReportB, kGoal))));
  uint64_t exported_edges = 0;
  KG_ASSERT_OK(store->Export(
      kReportB, [](const Node&) { return absl::OkStatus(); },
      [&](const Edge&) {
        ++exported_edges;
        return absl::OkStatus();
      }));
  EXPECT_EQ(exported_edges, kOwnedEdges + kSharedEdges);
  ExpectCountersMatchRecords(*store);
  KG_ASSERT_OK(store->DeleteReport(kReportB));  // the manifest's missing edge is skipped
  ExpectCountersMatchRecords(*store);
  KG_ASSERT_OK_AND_ASSIGN(StoreStats stats, store->Stats());
  EXPECT_EQ(stats.edges, 0u);
}

TEST_F(RocksGraphStoreTest, OwnershipConflictsAreRejected) {
  std::unique_ptr<RocksGraphStore> store = OpenOrDie(dir_.path());
  ASSERT_NE(store, nullptr);
  Put(*store, SampleReport(kReportA));
  bool replaced = false;
  // B claims A's goal as its own.
  ReportGraph b = SampleReport(kReportB, "浦东报告");
  b.nodes[2].id = SampleNode(kReportA, kGoal);
  b.edges[2].dst = b.nodes[2].id;
  EXPECT_THAT(store->PutReport(b, &replaced), StatusIs(absl::StatusCode::kInvalidArgument));
  // B names A's goal as a shared node.
  b = SampleReport(kReportB, "浦东报告");
  b.nodes.push_back(MakeNode(SampleNode(kReportA, kGoal), "goal", kGoalName, 0));
  EXPECT_THAT(store->PutReport(b, &replaced), StatusIs(absl::StatusCode::kInvalidArgument));
  KG_ASSERT_OK_AND_ASSIGN(auto reports, store->ListReports());
  EXPECT_THAT(reports, SizeIs(1));
  ExpectCountersMatchRecords(*store);
}

}  // namespace
}  // namespace kg::storage::testing
