// The GraphStore contract (storage/graph_store.h) as a parameterised GoogleTest suite,
// so that every implementation runs the same tests. Each test gets a fresh store in its
// own temporary directory. To run it against an implementation, include this header in
// exactly one test file and instantiate the suite with a factory:
//
//   absl::StatusOr<std::unique_ptr<GraphStore>> OpenRocksStore(const std::string& dir) {
//     return RocksGraphStore::Open(dir);
//   }
//   INSTANTIATE_TEST_SUITE_P(Rocks, GraphStoreContractTest,
//                            ::testing::Values(GraphStoreContractParam{"Rocks", OpenRocksStore}),
//                            GraphStoreContractParamName);
//
// The factory is called once per test, with a new directory; a remote implementation
// can start its server there and return a client that owns it.
//
// Depends only on graph_store.h, the status matchers and the test helpers beside it.
#ifndef KG_TESTS_STORAGE_GRAPH_STORE_CONTRACT_H_
#define KG_TESTS_STORAGE_GRAPH_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/graph_store.h"
#include "storage/ids.h"
#include "tests/storage/sample_graph.h"
#include "tests/storage/scoped_temp_dir.h"
#include "tests/testing/status_matchers.h"

namespace kg::storage::testing {

// Opens a new, empty store keeping its files in `dir`, an existing empty directory that
// outlives the store and is removed after the test.
using GraphStoreFactory =
    std::function<absl::StatusOr<std::unique_ptr<GraphStore>>(const std::string& dir)>;

struct GraphStoreContractParam {
  std::string name;  // suffix of the test names, e.g. "Rocks"
  GraphStoreFactory open;
};

inline void PrintTo(const GraphStoreContractParam& param, std::ostream* os) { *os << param.name; }

inline std::string GraphStoreContractParamName(
    const ::testing::TestParamInfo<GraphStoreContractParam>& info) {
  return info.param.name;
}

class GraphStoreContractTest : public ::testing::TestWithParam<GraphStoreContractParam> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<GraphStore>> store = GetParam().open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(store).value();
  }

  // Puts `graph`, asserting success; returns the stored info.
  ReportInfo Put(const ReportGraph& graph, bool* replaced = nullptr) {
    bool ignored = false;
    absl::StatusOr<ReportInfo> info = store_->PutReport(graph, replaced ? replaced : &ignored);
    EXPECT_TRUE(info.ok()) << info.status();
    return info.ok() ? *info : ReportInfo();
  }

  StoreStats StatsOrDie() {
    absl::StatusOr<StoreStats> stats = store_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? *stats : StoreStats();
  }

  std::vector<Edge> EdgesOf(NodeId node, Direction direction, std::string_view type = "") {
    bool truncated = true;
    absl::StatusOr<std::vector<Edge>> edges =
        store_->GetEdges(node, direction, type, 1000, &truncated);
    EXPECT_TRUE(edges.ok()) << edges.status();
    EXPECT_FALSE(truncated);
    return edges.ok() ? *edges : std::vector<Edge>();
  }

  // GetSpans of one node.
  std::vector<Span> SpansOf(NodeId node, const ReportSet& reports = {}, size_t limit = 100) {
    absl::StatusOr<std::vector<std::vector<Span>>> lists = store_->GetSpans({node}, reports, limit);
    EXPECT_TRUE(lists.ok()) << lists.status();
    return lists.ok() && lists->size() == 1 ? lists->front() : std::vector<Span>();
  }

  // The edge with this id as the whole-store Export yields it (with its spans).
  Edge ExportedEdge(EdgeId id) {
    Edge found;
    EXPECT_TRUE(store_
                    ->Export(
                        0, [](const Node&) { return absl::OkStatus(); },
                        [&](const Edge& edge) {
                          if (edge.id == id) found = edge;
                          return absl::OkStatus();
                        })
                    .ok());
    return found;
  }

  // Ids of the nodes and edges Export yields for `report`.
  struct Exported {
    std::vector<NodeId> nodes;
    std::vector<EdgeId> edges;
  };
  Exported ExportIds(ReportId report) {
    Exported out;
    absl::Status status = store_->Export(
        report,
        [&](const Node& node) {
          out.nodes.push_back(node.id);
          return absl::OkStatus();
        },
        [&](const Edge& edge) {
          out.edges.push_back(edge.id);
          return absl::OkStatus();
        });
    EXPECT_TRUE(status.ok()) << status;
    return out;
  }

  ::kg::testing::ScopedTempDir dir_;  // declared first: outlives the store
  std::unique_ptr<GraphStore> store_;
};

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

inline auto NodeIdIs(NodeId id) { return Field(&Node::id, id); }
inline auto EdgeIdIs(EdgeId id) { return Field(&Edge::id, id); }
inline auto HitIs(NodeId id, double score) {
  return ::testing::AllOf(Field(&SearchHit::node, NodeIdIs(id)),
                          Field(&SearchHit::score, DoubleEq(score)));
}

// ---- Writing and reading back. ----

TEST_P(GraphStoreContractTest, PutReportStoresGraphAndFillsCounts) {
  bool replaced = true;
  KG_ASSERT_OK_AND_ASSIGN(ReportInfo info, store_->PutReport(SampleReport(kReportA), &replaced));
  EXPECT_FALSE(replaced);
  EXPECT_EQ(info.id, kReportA);
  EXPECT_EQ(info.node_count, kOwnedNodes + kSharedNodes);
  EXPECT_EQ(info.edge_count, kOwnedEdges + kSharedEdges);
  EXPECT_EQ(info.text_length, kSampleTextLength);
  EXPECT_EQ(info.region, "上海市金山区");
  EXPECT_EQ(info.source_sha256, "0123abcd");

  KG_ASSERT_OK_AND_ASSIGN(Node goal, store_->GetNode(SampleNode(kReportA, kGoal)));
  EXPECT_EQ(goal.type, "goal");
  EXPECT_EQ(goal.name, kGoalName);
  EXPECT_EQ(goal.report, kReportA);
  EXPECT_THAT(goal.spans, ElementsAre(Span{kReportA, 2, 17}));
  KG_ASSERT_OK_AND_ASSIGN(Node place, store_->GetNode(kShanghai));
  EXPECT_EQ(place.report, 0u);
  EXPECT_THAT(place.spans, IsEmpty());  // a shared node's spans are read apart
  EXPECT_THAT(SpansOf(kShanghai), ElementsAre(Span{kReportA, 20, 22}));
  EXPECT_THAT(SpansOf(SampleNode(kReportA, kGoal)), ElementsAre(Span{kReportA, 2, 17}));
}

TEST_P(GraphStoreContractTest, AttributesRoundTrip) {
  ReportGraph graph = SampleReport(kReportA);
  graph.nodes[2].attrs = {{"deadline", "2025"}, {"unit", "亿元"}};
  graph.edges[2].attrs = {{"weight", "0.5"}};
  Put(graph);
  KG_ASSERT_OK_AND_ASSIGN(Node goal, store_->GetNode(SampleNode(kReportA, kGoal)));
  EXPECT_EQ(goal.attrs, (Attrs{{"deadline", "2025"}, {"unit", "亿元"}}));
  std::vector<Edge> serves = EdgesOf(SampleNode(kReportA, kTask), Direction::kOut, "serves");
  ASSERT_THAT(serves, SizeIs(1));
  EXPECT_EQ(serves[0].attrs, (Attrs{{"weight", "0.5"}}));
}

TEST_P(GraphStoreContractTest, GetNodeOfUnknownIdIsNotFound) {
  Put(SampleReport(kReportA));
  EXPECT_THAT(store_->GetNode(0x1234), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(GraphStoreContractTest, GetNodesKeepsOrderAndSkipsUnknownIds) {
  Put(SampleReport(kReportA));
  const NodeId goal = SampleNode(kReportA, kGoal);
  const NodeId task = SampleNode(kReportA, kTask);
  KG_ASSERT_OK_AND_ASSIGN(auto nodes, store_->GetNodes({task, 0x1234, kShanghai, goal}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(task), NodeIdIs(kShanghai), NodeIdIs(goal)));
}

TEST_P(GraphStoreContractTest, ListReportsIsOrderedById) {
  KG_EXPECT_OK(store_->ListReports());
  Put(SampleReport(kReportB, "浦东报告"));
  Put(SampleReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(auto reports, store_->ListReports());
  EXPECT_THAT(reports,
              ElementsAre(Field(&ReportInfo::id, kReportA), Field(&ReportInfo::id, kReportB)));
  EXPECT_EQ(reports[1].title, "浦东报告");
  EXPECT_EQ(reports[1].node_count, kOwnedNodes + kSharedNodes);
}

TEST_P(GraphStoreContractTest, GetEdgesFollowsDirectionAndType) {
  Put(SampleReport(kReportA));
  const NodeId task = SampleNode(kReportA, kTask);
  EXPECT_THAT(
      EdgesOf(task, Direction::kOut),
      UnorderedElementsAre(EdgeIdIs(SampleEdge(kReportA, 2)), EdgeIdIs(SampleEdge(kReportA, 3)),
                           EdgeIdIs(SampleEdge(kReportA, 4)), EdgeIdIs(SampleEdge(kReportA, 5))));
  EXPECT_THAT(
      EdgesOf(task, Direction::kOut, "mentions"),
      UnorderedElementsAre(EdgeIdIs(SampleEdge(kReportA, 4)), EdgeIdIs(SampleEdge(kReportA, 5))));
  EXPECT_THAT(EdgesOf(task, Direction::kIn), IsEmpty());
  std::vector<Edge> into_shanghai = EdgesOf(kShanghai, Direction::kIn);
  EXPECT_THAT(into_shanghai,
              UnorderedElementsAre(EdgeIdIs(SampleEdge(kReportA, 4)), EdgeIdIs(kPudongInShanghai)));
  for (const Edge& edge : into_shanghai) EXPECT_EQ(edge.dst, kShanghai);
  EXPECT_THAT(EdgesOf(kShanghai, Direction::kIn, "located_in"),
              ElementsAre(::testing::AllOf(EdgeIdIs(kPudongInShanghai), Field(&Edge::src, kPudong),
                                           Field(&Edge::report, 0u))));
  EXPECT_THAT(EdgesOf(kShanghai, Direction::kOut), IsEmpty());
}

TEST_P(GraphStoreContractTest, GetEdgesLimitSetsTruncated) {
  Put(SampleReport(kReportA));
  const NodeId task = SampleNode(kReportA, kTask);
  bool truncated = false;
  KG_ASSERT_OK_AND_ASSIGN(auto edges, store_->GetEdges(task, Direction::kOut, "", 3, &truncated));
  EXPECT_THAT(edges, SizeIs(3));
  EXPECT_TRUE(truncated);
  KG_ASSERT_OK_AND_ASSIGN(edges, store_->GetEdges(task, Direction::kOut, "", 4, &truncated));
  EXPECT_THAT(edges, SizeIs(4));
  EXPECT_FALSE(truncated);
}

TEST_P(GraphStoreContractTest, GetEdgesRejectsUnknownType) {
  Put(SampleReport(kReportA));
  bool truncated = false;
  EXPECT_THAT(store_->GetEdges(kShanghai, Direction::kIn, "likes", 10, &truncated),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(GraphStoreContractTest, GetLinksAreTheEdgesKeys) {
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB));
  const NodeId task = SampleNode(kReportA, kTask);
  for (const auto& [node, type] : std::vector<std::pair<NodeId, std::string_view>>{
           {task, ""}, {task, "mentions"}, {kShanghai, ""}, {kShanghai, "located_in"},
           {kPudong, ""}, {SampleNode(kReportB, kTask), "serves"}}) {
    for (auto direction : {Direction::kOut, Direction::kIn}) {
      SCOPED_TRACE(::testing::Message() << IdToHex(node) << " " << type << " "
                                        << (direction == Direction::kOut ? "out" : "in"));
      std::vector<Link> expected;
      for (const Edge& e : EdgesOf(node, direction, type)) {
        // Link.type must view static storage, not `e` (gone after this loop): ASan
        // caught the first version of this test comparing a view of a freed string.
        expected.push_back({e.id, KnownEdgeType(e.type).value_or(""), e.src, e.dst});
      }
      bool truncated = true;
      KG_ASSERT_OK_AND_ASSIGN(auto links,
                              store_->GetLinks(node, direction, type, 1000, &truncated));
      EXPECT_FALSE(truncated);
      EXPECT_EQ(links, expected);  // the same edges in the same order
    }
  }
  // Something to compare: the task has four out-edges, two of them mentions.
  KG_ASSERT_OK_AND_ASSIGN(auto links, store_->GetLinks(task, Direction::kOut, "mentions", 1000,
                                                       nullptr));
  EXPECT_THAT(links, SizeIs(2));
  for (const Link& l : links) EXPECT_EQ(l.type, "mentions");
}

TEST_P(GraphStoreContractTest, GetLinksLimitSetsTruncatedAndUnknownTypeIsRejected) {
  Put(SampleReport(kReportA));
  const NodeId task = SampleNode(kReportA, kTask);
  bool truncated = false;
  KG_ASSERT_OK_AND_ASSIGN(auto links, store_->GetLinks(task, Direction::kOut, "", 3, &truncated));
  EXPECT_THAT(links, SizeIs(3));
  EXPECT_TRUE(truncated);
  KG_ASSERT_OK_AND_ASSIGN(links, store_->GetLinks(task, Direction::kOut, "", 4, &truncated));
  EXPECT_THAT(links, SizeIs(4));
  EXPECT_FALSE(truncated);
  KG_ASSERT_OK_AND_ASSIGN(links, store_->GetLinks(kShanghai, Direction::kOut, "", 10, &truncated));
  EXPECT_THAT(links, IsEmpty());
  EXPECT_THAT(store_->GetLinks(kShanghai, Direction::kIn, "likes", 10, &truncated),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// ---- Replace and delete. ----

TEST_P(GraphStoreContractTest, ReplacingWithSameGraphKeepsCounts) {
  Put(SampleReport(kReportA));
  const StoreStats first = StatsOrDie();
  bool replaced = false;
  Put(SampleReport(kReportA), &replaced);
  EXPECT_TRUE(replaced);
  const StoreStats second = StatsOrDie();
  EXPECT_EQ(second.reports, 1u);
  EXPECT_EQ(second.nodes, first.nodes);
  EXPECT_EQ(second.edges, first.edges);
  EXPECT_EQ(second.name_entries, first.name_entries);
  EXPECT_EQ(second.postings, first.postings);
  EXPECT_THAT(SpansOf(kShanghai), ElementsAre(Span{kReportA, 20, 22}));  // not duplicated
  EXPECT_THAT(EdgesOf(kShanghai, Direction::kIn), SizeIs(2));
  KG_ASSERT_OK_AND_ASSIGN(auto named, store_->LookupName(kGoalName, "", {}));
  EXPECT_THAT(named, SizeIs(1));
}

TEST_P(GraphStoreContractTest, ReplaceRemovesWhatTheNewVersionDropped) {
  Put(SampleReport(kReportA));
  // Version 2: the task (and every edge of it) is gone, the goal renamed, a term added.
  ReportGraph v2 = SampleReport(kReportA);
  const NodeId task = SampleNode(kReportA, kTask);
  const NodeId goal = SampleNode(kReportA, kGoal);
  const NodeId term = SampleNode(kReportA, static_cast<SampleNodeKind>(9));
  v2.nodes.erase(v2.nodes.begin() + 3);
  v2.nodes[2].name = "城市更新";
  v2.nodes.push_back(MakeNode(term, "term", "桥头堡", kReportA));
  v2.edges.erase(v2.edges.begin() + 1, v2.edges.begin() + 5);
  bool replaced = false;
  KG_ASSERT_OK_AND_ASSIGN(ReportInfo info, store_->PutReport(v2, &replaced));
  EXPECT_TRUE(replaced);
  EXPECT_EQ(info.node_count, 6u);
  EXPECT_EQ(info.edge_count, 2u);

  EXPECT_THAT(store_->GetNode(task), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(EdgesOf(goal, Direction::kIn), IsEmpty());
  EXPECT_THAT(EdgesOf(kShanghai, Direction::kIn), ElementsAre(EdgeIdIs(kPudongInShanghai)));
  EXPECT_THAT(EdgesOf(SampleNode(kReportA, kSection), Direction::kIn), IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(auto old_name, store_->LookupName(kGoalName, "", {}));
  EXPECT_THAT(old_name, IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(auto new_name, store_->LookupName("城市更新", "", {}));
  EXPECT_THAT(new_name, ElementsAre(NodeIdIs(goal)));
  KG_ASSERT_OK_AND_ASSIGN(auto hits, store_->SearchText("桥头堡", "", 0.0, 10, {}));
  EXPECT_THAT(hits, ElementsAre(HitIs(term, 1.0)));

  const StoreStats stats = StatsOrDie();
  EXPECT_EQ(stats.reports, 1u);
  EXPECT_EQ(stats.nodes, 6u);
  EXPECT_EQ(stats.edges, 2u);
  EXPECT_EQ(stats.name_entries, 6u);
  // 金山报告 3, 重点工作 3, 城市更新 3, 桥头堡 2, places 5.
  EXPECT_EQ(stats.postings, 16u);
  const Exported exported = ExportIds(0);
  EXPECT_THAT(exported.nodes, SizeIs(6));
  EXPECT_THAT(exported.edges, SizeIs(2));
}

TEST_P(GraphStoreContractTest, DeleteRemovesEverythingTheReportWrote) {
  Put(SampleReport(kReportA));
  KG_ASSERT_OK(store_->DeleteReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(auto reports, store_->ListReports());
  EXPECT_THAT(reports, IsEmpty());
  for (const Node& node : SampleReport(kReportA).nodes) {
    EXPECT_THAT(store_->GetNode(node.id), StatusIs(absl::StatusCode::kNotFound)) << node.name;
    EXPECT_THAT(EdgesOf(node.id, Direction::kOut), IsEmpty());
    EXPECT_THAT(EdgesOf(node.id, Direction::kIn), IsEmpty());
    KG_ASSERT_OK_AND_ASSIGN(auto named, store_->LookupName(node.name, "", {}));
    EXPECT_THAT(named, IsEmpty()) << node.name;
    KG_ASSERT_OK_AND_ASSIGN(auto hits, store_->SearchText(node.name, "", 0.0, 10, {}));
    EXPECT_THAT(hits, IsEmpty()) << node.name;
  }
  EXPECT_THAT(store_->GetText({Span{kReportA, 0, 2}}), StatusIs(absl::StatusCode::kNotFound));
  const StoreStats stats = StatsOrDie();
  EXPECT_EQ(stats.reports, 0u);
  EXPECT_EQ(stats.nodes, 0u);
  EXPECT_EQ(stats.edges, 0u);
  EXPECT_EQ(stats.name_entries, 0u);
  EXPECT_EQ(stats.postings, 0u);
  EXPECT_THAT(store_->DeleteReport(kReportA), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(GraphStoreContractTest, DeleteOfUnknownReportIsNotFound) {
  Put(SampleReport(kReportA));
  EXPECT_THAT(store_->DeleteReport(kReportB), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(StatsOrDie().reports, 1u);
}

TEST_P(GraphStoreContractTest, SharedNodesLiveUntilTheLastReportNamingThemIsDeleted) {
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB, "浦东报告"));
  EXPECT_THAT(SpansOf(kShanghai), ElementsAre(Span{kReportA, 20, 22}, Span{kReportB, 20, 22}));
  EXPECT_THAT(EdgesOf(kShanghai, Direction::kIn), SizeIs(3));  // 2 mentions + located_in
  StoreStats stats = StatsOrDie();
  EXPECT_EQ(stats.nodes, 2 * kOwnedNodes + kSharedNodes);
  EXPECT_EQ(stats.edges, 2 * kOwnedEdges + kSharedEdges);

  EXPECT_THAT(ExportedEdge(kPudongInShanghai).spans,
              ElementsAre(Span{kReportA, 22, 26}, Span{kReportB, 22, 26}));

  KG_ASSERT_OK(store_->DeleteReport(kReportA));
  EXPECT_THAT(SpansOf(kShanghai), ElementsAre(Span{kReportB, 20, 22}));
  std::vector<Edge> located = EdgesOf(kPudong, Direction::kOut, "located_in");
  ASSERT_THAT(located, SizeIs(1));
  EXPECT_THAT(located[0].spans, IsEmpty());  // edge reads leave shared spans out
  EXPECT_THAT(ExportedEdge(kPudongInShanghai).spans, ElementsAre(Span{kReportB, 22, 26}));
  KG_ASSERT_OK_AND_ASSIGN(auto named, store_->LookupName("上海市", "place", {}));
  EXPECT_THAT(named, ElementsAre(NodeIdIs(kShanghai)));

  KG_ASSERT_OK(store_->DeleteReport(kReportB));
  EXPECT_THAT(store_->GetNode(kShanghai), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->GetNode(kPudong), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(EdgesOf(kPudong, Direction::kOut), IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(named, store_->LookupName("上海市", "", {}));
  EXPECT_THAT(named, IsEmpty());
  stats = StatsOrDie();
  EXPECT_EQ(stats.nodes, 0u);
  EXPECT_EQ(stats.edges, 0u);
  EXPECT_EQ(stats.postings, 0u);
}

TEST_P(GraphStoreContractTest, EdgeMayEndAtANodeAnotherReportStored) {
  Put(SampleReport(kReportA));
  ReportGraph b = SampleReport(kReportB, "浦东报告");
  const EdgeId cross = SampleEdge(kReportB, 9);
  b.edges.push_back(MakeEdge(cross, "serves", SampleNode(kReportB, kTask),
                             SampleNode(kReportA, kGoal), kReportB));
  Put(b);
  EXPECT_THAT(EdgesOf(SampleNode(kReportA, kGoal), Direction::kIn),
              UnorderedElementsAre(EdgeIdIs(SampleEdge(kReportA, 3)), EdgeIdIs(cross)));
}

// ---- Validation. ----

TEST_P(GraphStoreContractTest, InvalidGraphsAreRejectedAndNothingIsWritten) {
  const std::vector<std::pair<std::string, std::function<void(ReportGraph&)>>> cases = {
      {"zero report id", [](ReportGraph& g) { g.info.id = 0; }},
      {"zero node id", [](ReportGraph& g) { g.nodes[1].id = 0; }},
      {"zero edge id", [](ReportGraph& g) { g.edges[0].id = 0; }},
      {"unknown node type", [](ReportGraph& g) { g.nodes[1].type = "person"; }},
      {"unknown edge type", [](ReportGraph& g) { g.edges[0].type = "likes"; }},
      {"dangling edge", [](ReportGraph& g) { g.edges[0].dst = 0x999; }},
      {"node of another report", [](ReportGraph& g) { g.nodes[2].report = kReportB; }},
      {"edge of another report", [](ReportGraph& g) { g.edges[2].report = kReportB; }},
  };
  for (const auto& [name, mutate] : cases) {
    ReportGraph graph = SampleReport(kReportA);
    mutate(graph);
    bool replaced = false;
    EXPECT_THAT(store_->PutReport(graph, &replaced), StatusIs(absl::StatusCode::kInvalidArgument))
        << name;
  }
  KG_ASSERT_OK_AND_ASSIGN(auto reports, store_->ListReports());
  EXPECT_THAT(reports, IsEmpty());
  EXPECT_THAT(store_->GetNode(SampleNode(kReportA, kReport)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->GetNode(kShanghai), StatusIs(absl::StatusCode::kNotFound));
  const StoreStats stats = StatsOrDie();
  EXPECT_EQ(stats.nodes + stats.edges + stats.name_entries + stats.postings, 0u);
}

TEST_P(GraphStoreContractTest, RejectedReplacementKeepsThePreviousVersion) {
  Put(SampleReport(kReportA));
  const StoreStats before = StatsOrDie();
  ReportGraph bad = SampleReport(kReportA);
  bad.nodes.erase(bad.nodes.begin() + 3);  // the task, which edges still use
  bad.nodes[2].name = "城市更新";
  bool replaced = false;
  EXPECT_THAT(store_->PutReport(bad, &replaced), StatusIs(absl::StatusCode::kInvalidArgument));
  KG_ASSERT_OK_AND_ASSIGN(Node goal, store_->GetNode(SampleNode(kReportA, kGoal)));
  EXPECT_EQ(goal.name, kGoalName);
  KG_EXPECT_OK(store_->GetNode(SampleNode(kReportA, kTask)));
  const StoreStats after = StatsOrDie();
  EXPECT_EQ(after.nodes, before.nodes);
  EXPECT_EQ(after.edges, before.edges);
  EXPECT_EQ(after.postings, before.postings);
}

// ---- Name lookup and full-text search. ----

TEST_P(GraphStoreContractTest, LookupNameFoldsTraditionalFullWidthAndSpacing) {
  ReportGraph graph = SampleReport(kReportA);
  const NodeId gdp = 0x5000000000000003;
  graph.nodes.push_back(MakeNode(gdp, "indicator", "GDP增速", 0));
  Put(graph);
  KG_ASSERT_OK_AND_ASSIGN(auto nodes, store_->LookupName("長三角高質量一體化發展的橋頭堡", "", {}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(SampleNode(kReportA, kGoal))));
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName(" 金山　報告 ", "report", {}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(SampleNode(kReportA, kReport))));
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("ｇｄｐ增速", "indicator", {}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(gdp)));
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("GDP增速", "goal", {}));  // type filter
  EXPECT_THAT(nodes, IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海", "", {}));  // exact, not prefix
  EXPECT_THAT(nodes, IsEmpty());
}

TEST_P(GraphStoreContractTest, LookupNameFindsEveryNodeWithTheName) {
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB, "浦东报告"));
  KG_ASSERT_OK_AND_ASSIGN(auto nodes, store_->LookupName(kTaskName, "task", {}));
  EXPECT_THAT(nodes, UnorderedElementsAre(NodeIdIs(SampleNode(kReportA, kTask)),
                                          NodeIdIs(SampleNode(kReportB, kTask))));
}

TEST_P(GraphStoreContractTest, SearchTextScoresTheShareOfQueryBigramsFound) {
  Put(SampleReport(kReportA));
  // 长三角一体化 has 5 bigrams; the goal's name contains 长三 三角 一体 体化.
  KG_ASSERT_OK_AND_ASSIGN(auto hits, store_->SearchText("长三角一体化", "", 0.5, 10, {}));
  EXPECT_THAT(hits, ElementsAre(HitIs(SampleNode(kReportA, kGoal), 0.8)));
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("長三角一體化", "goal", 0.8, 10, {}));
  EXPECT_THAT(hits, ElementsAre(HitIs(SampleNode(kReportA, kGoal), 0.8)));
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("长三角一体化", "", 0.81, 10, {}));
  EXPECT_THAT(hits, IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("长三角一体化", "task", 0.0, 10, {}));
  EXPECT_THAT(hits, IsEmpty());
}

TEST_P(GraphStoreContractTest, SearchTextRanksByScoreThenShorterNameThenId) {
  Put(SampleReport(kReportB, "浦东报告"));
  Put(SampleReport(kReportA));
  const NodeId task_a = SampleNode(kReportA, kTask);
  const NodeId task_b = SampleNode(kReportB, kTask);
  const NodeId goal_a = SampleNode(kReportA, kGoal);
  const NodeId goal_b = SampleNode(kReportB, kGoal);
  // 桥头 头堡 are in both names: equal scores, the task's name is shorter.
  KG_ASSERT_OK_AND_ASSIGN(auto hits, store_->SearchText("桥头堡", "", 0.0, 10, {}));
  EXPECT_THAT(hits, ElementsAre(HitIs(task_a, 1.0), HitIs(task_b, 1.0), HitIs(goal_a, 1.0),
                                HitIs(goal_b, 1.0)));
  // 桥头 头堡 堡建 建设: all in the task's name, half in the goal's.
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("桥头堡建设", "", 0.0, 3, {}));
  EXPECT_THAT(hits, ElementsAre(HitIs(task_a, 1.0), HitIs(task_b, 1.0), HitIs(goal_a, 0.5)));
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("桥头堡建设", "", 0.6, 10, {}));
  EXPECT_THAT(hits, ElementsAre(HitIs(task_a, 1.0), HitIs(task_b, 1.0)));
}

TEST_P(GraphStoreContractTest, SearchTextRejectsQueriesWithoutSearchableCharacters) {
  Put(SampleReport(kReportA));
  EXPECT_THAT(store_->SearchText("", "", 0.0, 10, {}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->SearchText(" 、，。 ", "", 0.0, 10, {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(GraphStoreContractTest, LookUpsKeepToTheReportsAsked) {
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB, "浦东报告"));
  const NodeId goal_a = SampleNode(kReportA, kGoal);
  const NodeId goal_b = SampleNode(kReportB, kGoal);
  KG_ASSERT_OK_AND_ASSIGN(auto nodes, store_->LookupName(kGoalName, "", {}));
  EXPECT_THAT(nodes, UnorderedElementsAre(NodeIdIs(goal_a), NodeIdIs(goal_b)));
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName(kGoalName, "", {kReportB}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(goal_b)));
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName(kGoalName, "goal", {kReportA, kReportB}));
  EXPECT_THAT(nodes, UnorderedElementsAre(NodeIdIs(goal_a), NodeIdIs(goal_b)));
  // A shared node is in a report's scope when that report names it.
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海市", "place", {kReportA}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(kShanghai)));
  const ReportId unknown = 0x00000000000000c3;
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海市", "place", {unknown}));
  EXPECT_THAT(nodes, IsEmpty());

  KG_ASSERT_OK_AND_ASSIGN(auto hits, store_->SearchText("长三角一体化", "goal", 0.5, 10, {kReportA}));
  ASSERT_THAT(hits, SizeIs(1));
  EXPECT_EQ(hits[0].node.id, goal_a);
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("长三角一体化", "goal", 0.5, 10, {}));
  EXPECT_THAT(hits, SizeIs(2));
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("上海", "", 0.5, 10, {kReportB}));
  ASSERT_THAT(hits, SizeIs(1));
  EXPECT_EQ(hits[0].node.id, kShanghai);
  KG_ASSERT_OK_AND_ASSIGN(hits, store_->SearchText("上海", "", 0.5, 10, {unknown}));
  EXPECT_THAT(hits, IsEmpty());
  // A large scope (a year's reports, say) finds a shared node the same way.
  ReportSet many;
  for (ReportId id = 0x1000; many.size() < 40; ++id) many.push_back(id);
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海市", "place", many));
  EXPECT_THAT(nodes, IsEmpty());
  many.push_back(0x2000);
  many.insert(many.begin(), kReportB);  // ascending: kReportB < 0x1000
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海市", "place", many));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(kShanghai)));

  // After A is gone, its scope finds nothing, B's still finds the shared node.
  KG_ASSERT_OK(store_->DeleteReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海市", "", {kReportA}));
  EXPECT_THAT(nodes, IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(nodes, store_->LookupName("上海市", "", {kReportB}));
  EXPECT_THAT(nodes, ElementsAre(NodeIdIs(kShanghai)));
}

TEST_P(GraphStoreContractTest, GetSpansReadsEachReportsSpansWithinTheLimit) {
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB, "浦东报告"));
  EXPECT_THAT(SpansOf(kShanghai, {kReportB}), ElementsAre(Span{kReportB, 20, 22}));
  EXPECT_THAT(SpansOf(kShanghai, {}, 1), ElementsAre(Span{kReportA, 20, 22}));
  EXPECT_THAT(SpansOf(SampleNode(kReportA, kGoal), {kReportB}), IsEmpty());
  KG_ASSERT_OK_AND_ASSIGN(auto lists, store_->GetSpans({0x1234, kPudong}, {}, 10));
  ASSERT_THAT(lists, SizeIs(2));
  EXPECT_THAT(lists[0], IsEmpty());  // unknown node
  EXPECT_THAT(lists[1], ElementsAre(Span{kReportA, 22, 26}, Span{kReportB, 22, 26}));
}

// ---- Text. ----

TEST_P(GraphStoreContractTest, GetTextReturnsTheTextOfEachSpan) {
  Put(SampleReport(kReportA));
  KG_ASSERT_OK_AND_ASSIGN(
      auto texts, store_->GetText({Span{kReportA, 2, 17}, Span{kReportA, 20, 22},
                                   Span{kReportA, 26, 26}, Span{kReportA, 0, kSampleTextLength}}));
  EXPECT_THAT(texts, ElementsAre(kGoalName, "上海", "", kSampleText));
}

TEST_P(GraphStoreContractTest, GetTextRejectsUnknownReportsAndSpansPastTheEnd) {
  Put(SampleReport(kReportA));
  EXPECT_THAT(store_->GetText({Span{kReportA, 20, kSampleTextLength + 1}}),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(store_->GetText({Span{kReportA, 0, 1}, Span{kReportB, 0, 1}}),
              StatusIs(absl::StatusCode::kNotFound));
}

// ---- Export. ----

TEST_P(GraphStoreContractTest, ExportYieldsTheWholeStoreOrOneReport) {
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB, "浦东报告"));
  std::vector<NodeId> all_nodes = {kShanghai, kPudong};
  std::vector<EdgeId> all_edges = {kPudongInShanghai};
  std::vector<NodeId> a_nodes = {kShanghai, kPudong};
  std::vector<EdgeId> a_edges = {kPudongInShanghai};
  for (ReportId report : {kReportA, kReportB}) {
    for (SampleNodeKind kind : {kReport, kSection, kGoal, kTask}) {
      all_nodes.push_back(SampleNode(report, kind));
      if (report == kReportA) a_nodes.push_back(SampleNode(report, kind));
    }
    for (uint64_t n = 1; n <= kOwnedEdges; ++n) {
      all_edges.push_back(SampleEdge(report, n));
      if (report == kReportA) a_edges.push_back(SampleEdge(report, n));
    }
  }
  Exported all = ExportIds(0);
  EXPECT_THAT(all.nodes, UnorderedElementsAreArray(all_nodes));
  EXPECT_THAT(all.edges, UnorderedElementsAreArray(all_edges));
  Exported a = ExportIds(kReportA);
  EXPECT_THAT(a.nodes, UnorderedElementsAreArray(a_nodes));
  EXPECT_THAT(a.edges, UnorderedElementsAreArray(a_edges));
}

TEST_P(GraphStoreContractTest, ExportStopsAtTheFirstSinkError) {
  Put(SampleReport(kReportA));
  int nodes = 0;
  int edges = 0;
  absl::Status status = store_->Export(
      0,
      [&](const Node&) { return ++nodes == 2 ? absl::CancelledError("enough") : absl::OkStatus(); },
      [&](const Edge&) {
        ++edges;
        return absl::OkStatus();
      });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(nodes, 2);
  EXPECT_EQ(edges, 0);
  status = store_->Export(
      kReportA, [](const Node&) { return absl::OkStatus(); },
      [&](const Edge&) { return absl::AbortedError("edge"); });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted));
}

// ---- Stats and concurrency. ----

TEST_P(GraphStoreContractTest, StatsCountRecordsAndIndexEntries) {
  StoreStats stats = StatsOrDie();
  EXPECT_EQ(stats.reports + stats.nodes + stats.edges + stats.name_entries + stats.postings, 0u);
  Put(SampleReport(kReportA));
  Put(SampleReport(kReportB, "浦东报告"));
  stats = StatsOrDie();
  EXPECT_EQ(stats.reports, 2u);
  EXPECT_EQ(stats.nodes, 2 * kOwnedNodes + kSharedNodes);
  EXPECT_EQ(stats.edges, 2 * kOwnedEdges + kSharedEdges);
  EXPECT_EQ(stats.name_entries, stats.nodes);
  EXPECT_EQ(stats.postings, 2 * kOwnedPostings + kSharedPostings);
}

// Readers racing a writer that flips a report between two versions must always see
// one whole version: every call reads one snapshot.
TEST_P(GraphStoreContractTest, ConcurrentReadsSeeWholeVersions) {
  auto version = [](const std::string& v) {
    ReportGraph graph = SampleReport(kReportA);
    if (v == "2") {  // drop the task and its edges
      graph.nodes.erase(graph.nodes.begin() + 3);
      graph.edges.erase(graph.edges.begin() + 1, graph.edges.begin() + 5);
    }
    for (Node& node : graph.nodes) node.attrs["version"] = v;
    return graph;
  };
  const ReportGraph v1 = version("1");
  const ReportGraph v2 = version("2");
  Put(v1);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) {
      bool replaced = false;
      EXPECT_THAT(store_->PutReport(i % 2 == 0 ? v2 : v1, &replaced), IsOk());
    }
    done = true;
  });
  auto reader = [&] {
    int reads = 0;
    while (!done || reads == 0) {
      std::set<std::string> versions;
      size_t nodes = 0;
      size_t edges = 0;
      absl::Status status = store_->Export(
          kReportA,
          [&](const Node& node) {
            ++nodes;
            versions.insert(node.attrs.count("version") ? node.attrs.at("version") : "?");
            return absl::OkStatus();
          },
          [&](const Edge&) {
            ++edges;
            return absl::OkStatus();
          });
      ASSERT_THAT(status, IsOk());
      ASSERT_EQ(versions.size(), 1u);
      const ReportGraph& seen = *versions.begin() == "1" ? v1 : v2;
      ASSERT_EQ(nodes, seen.nodes.size());
      ASSERT_EQ(edges, seen.edges.size());
      ++reads;
    }
  };
  std::thread reader1(reader);
  std::thread reader2(reader);
  writer.join();
  reader1.join();
  reader2.join();
}

}  // namespace kg::storage::testing

#endif  // KG_TESTS_STORAGE_GRAPH_STORE_CONTRACT_H_
