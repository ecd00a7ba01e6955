// Tests of the consistency checker (storage/consistency_checker.h) through
// RocksGraphStore::CheckConsistency: stores written by the store pass; stores
// corrupted behind its back, by raw RocksDB writes of the kinds a torn write or a bug
// would leave, are reported with the broken records named. Also RocksGraphStore::Backup.
#include "storage/consistency_checker.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/fulltext.h"
#include "storage/ids.h"
#include "storage/key_codec.h"
#include "storage/records.pb.h"
#include "storage/rocks_graph_store.h"
#include "tests/storage/sample_graph.h"
#include "tests/storage/scoped_temp_dir.h"
#include "tests/testing/status_matchers.h"

namespace kg::storage::testing {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::ScopedTempDir;
using ::kg::testing::StatusIs;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Raw access to a closed store's RocksDB, for corrupting it.
class RawDb {
 public:
  explicit RawDb(const std::string& dir) {
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names) {
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, descriptors, &handles, &raw).ok());
    db_.reset(raw);
    for (size_t i = 0; i < names.size(); ++i) handles_[names[i]] = handles[i];
  }
  ~RawDb() {
    for (auto& [name, handle] : handles_) db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
  }

  void Put(const std::string& column, const std::string& key, const std::string& value) {
    EXPECT_TRUE(db_->Put(rocksdb::WriteOptions(), handles_.at(column), key, value).ok());
  }
  void Delete(const std::string& column, const std::string& key) {
    EXPECT_TRUE(db_->Delete(rocksdb::WriteOptions(), handles_.at(column), key).ok());
  }
  std::string Get(const std::string& column, const std::string& key) {
    std::string value;
    EXPECT_TRUE(db_->Get(rocksdb::ReadOptions(), handles_.at(column), key, &value).ok()) << key;
    return value;
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> handles_;
};

// The key of sample edge `n` of `report` (graph order as in sample_graph.h).
EdgeKey SampleEdgeKey(ReportId report, size_t n) {
  const ReportGraph graph = SampleReport(report);  // the edge must outlive this line
  const Edge& edge = graph.edges.at(n - 1);
  return EdgeKey{edge.src, *EdgeTypeCode(edge.type), edge.dst, edge.id};
}

class ConsistencyCheckerTest : public ::testing::Test {
 protected:
  // Writes two sample reports sharing places, then closes the store.
  void WriteSampleStore() {
    auto store = RocksGraphStore::Open(dir_.path());
    ASSERT_THAT(store.status(), IsOk());
    KG_ASSERT_OK((*store)->PutReport(SampleReport(kReportA), nullptr).status());
    KG_ASSERT_OK((*store)->PutReport(SampleReport(kReportB, "浦东报告"), nullptr).status());
  }

  // Applies `corrupt` to the closed store's raw RocksDB, reopens and checks it.
  ConsistencyReport CorruptAndCheck(const std::function<void(RawDb&)>& corrupt) {
    WriteSampleStore();
    {
      RawDb raw(dir_.path());
      corrupt(raw);
    }
    auto store = RocksGraphStore::Open(dir_.path());
    EXPECT_THAT(store.status(), IsOk());
    if (!store.ok()) return {};
    absl::StatusOr<ConsistencyReport> report = (*store)->CheckConsistency(kDefaultMaxProblems);
    EXPECT_THAT(report.status(), IsOk());
    return report.ok() ? *report : ConsistencyReport();
  }

  static std::vector<std::string> Kinds(const ConsistencyReport& report) {
    std::vector<std::string> kinds;
    for (const ConsistencyProblem& problem : report.problems) kinds.push_back(problem.kind);
    return kinds;
  }

  ScopedTempDir dir_;
};

TEST_F(ConsistencyCheckerTest, StoreWrittenByTheStorePasses) {
  auto store = RocksGraphStore::Open(dir_.path());
  ASSERT_THAT(store.status(), IsOk());
  KG_ASSERT_OK_AND_ASSIGN(ConsistencyReport empty, (*store)->CheckConsistency(10));
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.nodes, 0u);

  KG_ASSERT_OK((*store)->PutReport(SampleReport(kReportA), nullptr).status());
  KG_ASSERT_OK((*store)->PutReport(SampleReport(kReportB, "浦东报告"), nullptr).status());
  // A replacement with a renamed node: the old name's entries must be gone.
  ReportGraph renamed = SampleReport(kReportA, "松江报告");
  KG_ASSERT_OK((*store)->PutReport(renamed, nullptr).status());
  KG_ASSERT_OK_AND_ASSIGN(ConsistencyReport report, (*store)->CheckConsistency(10));
  EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems[0].detail);
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.reports, 2u);
  EXPECT_EQ(report.nodes, 2 * kOwnedNodes + kSharedNodes);
  EXPECT_EQ(report.edges, 2 * kOwnedEdges + kSharedEdges);
  EXPECT_EQ(report.name_entries, 2 * kOwnedNodes + kSharedNodes);
  EXPECT_EQ(report.postings, 2 * kOwnedPostings + kSharedPostings);

  KG_ASSERT_OK((*store)->DeleteReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(report, (*store)->CheckConsistency(10));
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.reports, 1u);
}

TEST_F(ConsistencyCheckerTest, ReportsDeletedInEdge) {
  const EdgeKey serves = SampleEdgeKey(kReportA, 3);
  ConsistencyReport report =
      CorruptAndCheck([&](RawDb& raw) { raw.Delete(kInEdgesColumn, EncodeInEdgeKey(serves)); });
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem_count, 1u);
  ASSERT_THAT(report.problems, SizeIs(1));
  EXPECT_EQ(report.problems[0].kind, "in_edge_missing");
  EXPECT_THAT(report.problems[0].detail, HasSubstr(IdToHex(serves.id)));
  EXPECT_THAT(report.problems[0].detail, HasSubstr("serves"));
}

TEST_F(ConsistencyCheckerTest, ReportsDanglingEdge) {
  // A complete edge (both copies, a valid record) whose dst was never stored.
  const NodeId missing = 0x7777000000000001;
  Edge edge = MakeEdge(SampleEdge(kReportA, 9), "serves", SampleNode(kReportA, kTask), missing,
                       kReportA);
  const EdgeKey key{edge.src, *EdgeTypeCode(edge.type), edge.dst, edge.id};
  ConsistencyReport report = CorruptAndCheck([&](RawDb& raw) {
    EdgeRecord record;
    record.set_id(edge.id);
    record.set_type(edge.type);
    record.set_src(edge.src);
    record.set_dst(edge.dst);
    record.set_report(kReportA);
    raw.Put(kOutEdgesColumn, EncodeOutEdgeKey(key), record.SerializeAsString());
    raw.Put(kInEdgesColumn, EncodeInEdgeKey(key), record.SerializeAsString());
  });
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(Kinds(report), Contains("dangling_edge"));
  // Not in report A's manifest, and the counters did not count it either.
  EXPECT_THAT(Kinds(report), Contains("unlisted_record"));
  EXPECT_THAT(Kinds(report), Contains("counter_mismatch"));
  bool named = false;
  for (const ConsistencyProblem& problem : report.problems) {
    if (problem.kind == "dangling_edge") {
      named = true;
      EXPECT_THAT(problem.detail, HasSubstr("dst " + std::string("node ") + IdToHex(missing)));
    }
  }
  EXPECT_TRUE(named);
}

TEST_F(ConsistencyCheckerTest, ReportsDroppedNameIndexEntry) {
  const NodeId goal = SampleNode(kReportA, kGoal);
  ConsistencyReport report = CorruptAndCheck([&](RawDb& raw) {
    raw.Delete(kNamesColumn, EncodeNameKey(FoldText(kGoalName), kReportA, goal));
  });
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(Kinds(report), Contains("name_entry_missing"));
  EXPECT_THAT(Kinds(report), Contains("counter_mismatch"));
  EXPECT_THAT(report.problems[0].detail, HasSubstr(IdToHex(goal)));
  EXPECT_THAT(report.problems[0].detail, HasSubstr(kGoalName));
}

TEST_F(ConsistencyCheckerTest, ReportsIndexEntriesOfMissingNodes) {
  ConsistencyReport report = CorruptAndCheck([&](RawDb& raw) {
    raw.Put(kNamesColumn, EncodeNameKey("幽灵", 0, 0x7777000000000002), "");
    raw.Put(kPostingsColumn, EncodePostingKey("幽灵", 0, 0x7777000000000002), "");
  });
  EXPECT_THAT(Kinds(report), Contains("name_entry_dangling"));
  EXPECT_THAT(Kinds(report), Contains("posting_dangling"));
}

TEST_F(ConsistencyCheckerTest, ReportsHalfDeletedReport) {
  // What a delete torn in two would leave: the manifest and text gone, the records not.
  ConsistencyReport report = CorruptAndCheck([&](RawDb& raw) {
    raw.Delete(kMetaColumn, EncodeManifestKey(kReportB));
    raw.Delete(kMetaColumn, EncodeTextKey(kReportB));
  });
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(Kinds(report), Contains("orphan_record"));
  EXPECT_THAT(Kinds(report), Contains("counter_mismatch"));
}

TEST_F(ConsistencyCheckerTest, ReportsMissingTextAndManifestRecords) {
  const NodeId task = SampleNode(kReportA, kTask);
  ConsistencyReport report = CorruptAndCheck([&](RawDb& raw) {
    raw.Delete(kMetaColumn, EncodeTextKey(kReportA));
    raw.Delete(kNodesColumn, EncodeNodeKey(task));
  });
  EXPECT_THAT(Kinds(report), Contains("text_missing"));
  EXPECT_THAT(Kinds(report), Contains("manifest_mismatch"));
  // The task's edges now dangle, and its index entries point at nothing.
  EXPECT_THAT(Kinds(report), Contains("dangling_edge"));
  EXPECT_THAT(Kinds(report), Contains("name_entry_dangling"));
}

TEST_F(ConsistencyCheckerTest, ReportsSharesEntriesMissingOrOfUnknownReports) {
  const ReportId unknown = 0x00000000000000c3;
  ConsistencyReport report = CorruptAndCheck([&](RawDb& raw) {
    // B's graph names Shanghai, but its entry is gone; an unknown report claims Pudong.
    raw.Delete(kSharesColumn, EncodeShareKey({ShareKind::kNode, kShanghai, kReportB}));
    raw.Put(kSharesColumn, EncodeShareKey({ShareKind::kNode, kPudong, unknown}), "");
  });
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(Kinds(report), Contains("manifest_mismatch"));
  EXPECT_THAT(Kinds(report), Contains("orphan_record"));
}

TEST_F(ConsistencyCheckerTest, ReportsMissingReportInfo) {
  ConsistencyReport report = CorruptAndCheck(
      [&](RawDb& raw) { raw.Delete(kMetaColumn, EncodeInfoKey(kReportA)); });
  EXPECT_THAT(Kinds(report), Contains("info_missing"));
}

TEST_F(ConsistencyCheckerTest, ListsAtMostMaxProblemsButCountsAll) {
  WriteSampleStore();
  {
    RawDb raw(dir_.path());
    for (int i = 1; i <= 5; ++i) {
      raw.Put(kNamesColumn, EncodeNameKey("幽灵", 0, 0x7777000000000000 + i), "");
    }
  }
  auto store = RocksGraphStore::Open(dir_.path());
  ASSERT_THAT(store.status(), IsOk());
  KG_ASSERT_OK_AND_ASSIGN(ConsistencyReport report, (*store)->CheckConsistency(2));
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problems, SizeIs(2));
  EXPECT_EQ(report.problem_count, 6u);  // five entries and the name-entry counter
}

TEST_F(ConsistencyCheckerTest, BackupIsAConsistentCopy) {
  auto store = RocksGraphStore::Open(dir_.path());
  ASSERT_THAT(store.status(), IsOk());
  KG_ASSERT_OK((*store)->PutReport(SampleReport(kReportA), nullptr).status());
  ScopedTempDir backups;
  const std::string target = backups.Sub("nested/copy");
  KG_ASSERT_OK((*store)->Backup(target));
  // Writes after the backup are not in it.
  KG_ASSERT_OK((*store)->PutReport(SampleReport(kReportB, "浦东报告"), nullptr).status());

  auto copy = RocksGraphStore::Open(target);
  ASSERT_THAT(copy.status(), IsOk());
  KG_ASSERT_OK_AND_ASSIGN(ConsistencyReport report, (*copy)->CheckConsistency(10));
  EXPECT_TRUE(report.ok);
  KG_ASSERT_OK_AND_ASSIGN(auto reports, (*copy)->ListReports());
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].id, kReportA);
  KG_ASSERT_OK_AND_ASSIGN(Node goal, (*copy)->GetNode(SampleNode(kReportA, kGoal)));
  EXPECT_EQ(goal.name, kGoalName);
}

TEST_F(ConsistencyCheckerTest, BackupRefusesBadTargets) {
  auto store = RocksGraphStore::Open(dir_.path());
  ASSERT_THAT(store.status(), IsOk());
  ScopedTempDir backups;
  EXPECT_THAT((*store)->Backup(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT((*store)->Backup("relative/dir"), StatusIs(absl::StatusCode::kInvalidArgument));
  std::ofstream(backups.Sub("file")) << "x";
  EXPECT_THAT((*store)->Backup(backups.Sub("file")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT((*store)->Backup(backups.path()), StatusIs(absl::StatusCode::kFailedPrecondition));
  // An existing empty directory is fine.
  std::filesystem::create_directories(backups.Sub("empty"));
  EXPECT_THAT((*store)->Backup(backups.Sub("empty")), IsOk());
}

}  // namespace
}  // namespace kg::storage::testing
