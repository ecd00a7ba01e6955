// Runs the GraphStore contract suite (tests/storage/graph_store_contract.h) against
// RemoteGraphStore talking over real gRPC, on a free loopback port, to
// GraphStoreServiceImpl over a RocksGraphStore — the path kg-ingestd and kg-queryd use.
// Below it, what the contract cannot see: how the service checks and reads the raw
// request fields that RemoteGraphStore always fills in well.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "clients/client/channel.h"
#include "clients/client/remote_graph_store.h"
#include "grpcpp/client_context.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/store/graph_store_service.h"
#include "storage/ids.h"
#include "storage/read_generation.h"
#include "storage/rocks_graph_store.h"
#include "tests/storage/graph_store_contract.h"

namespace kg::storage::testing {
namespace {

// A RocksGraphStore served by GraphStoreServiceImpl on a free loopback port.
class ServedStore {
 public:
  static absl::StatusOr<std::unique_ptr<ServedStore>> Open(const std::string& dir) {
    auto self = std::unique_ptr<ServedStore>(new ServedStore());
    auto rocks = RocksGraphStore::Open(dir);
    if (!rocks.ok()) return rocks.status();
    self->rocks_ = std::move(*rocks);
    self->service_ = std::make_unique<store::GraphStoreServiceImpl>(self->rocks_.get());
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &self->port_);
    builder.SetMaxReceiveMessageSize(client::kMaxMessageBytes);
    builder.RegisterService(self->service_.get());
    self->server_ = builder.BuildAndStart();
    if (self->server_ == nullptr || self->port_ == 0) return absl::UnavailableError("no port");
    return self;
  }

  ~ServedStore() {
    if (server_) server_->Shutdown();
  }

  std::shared_ptr<grpc::Channel> Channel() const {
    return client::MakeChannel("127.0.0.1:" + std::to_string(port_));
  }

 private:
  ServedStore() = default;
  std::unique_ptr<RocksGraphStore> rocks_;
  std::unique_ptr<store::GraphStoreServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// A RemoteGraphStore that owns the server it talks to. Every call goes over the wire.
class ServedRemoteStore final : public GraphStore {
 public:
  static absl::StatusOr<std::unique_ptr<GraphStore>> Open(const std::string& dir) {
    auto self = std::unique_ptr<ServedRemoteStore>(new ServedRemoteStore());
    auto served = ServedStore::Open(dir);
    if (!served.ok()) return served.status();
    self->served_ = std::move(*served);
    self->remote_ = std::make_unique<client::RemoteGraphStore>(self->served_->Channel());
    return std::unique_ptr<GraphStore>(std::move(self));
  }

  ~ServedRemoteStore() override {
    remote_.reset();
    served_.reset();
  }

  absl::StatusOr<ReportInfo> PutReport(const ReportGraph& g, bool* replaced) override {
    return remote_->PutReport(g, replaced);
  }
  absl::Status DeleteReport(ReportId r) override { return remote_->DeleteReport(r); }
  absl::StatusOr<std::vector<ReportInfo>> ListReports() override {
    return remote_->ListReports();
  }
  absl::StatusOr<Node> GetNode(NodeId id) override { return remote_->GetNode(id); }
  absl::StatusOr<std::vector<Node>> GetNodes(const std::vector<NodeId>& ids) override {
    return remote_->GetNodes(ids);
  }
  absl::StatusOr<std::vector<Edge>> GetEdges(NodeId n, Direction d, std::string_view type,
                                             size_t limit, bool* truncated) override {
    return remote_->GetEdges(n, d, type, limit, truncated);
  }
  absl::StatusOr<std::vector<Link>> GetLinks(NodeId n, Direction d, std::string_view type,
                                             size_t limit, bool* truncated) override {
    return remote_->GetLinks(n, d, type, limit, truncated);
  }
  absl::StatusOr<std::vector<Node>> LookupName(std::string_view name, std::string_view type,
                                               const ReportSet& reports) override {
    return remote_->LookupName(name, type, reports);
  }
  absl::StatusOr<std::vector<SearchHit>> SearchText(std::string_view q, std::string_view type,
                                                    double min_score, size_t limit,
                                                    const ReportSet& reports) override {
    return remote_->SearchText(q, type, min_score, limit, reports);
  }
  absl::StatusOr<std::vector<std::vector<Span>>> GetSpans(const std::vector<NodeId>& ids,
                                                          const ReportSet& reports,
                                                          size_t limit_per_node) override {
    return remote_->GetSpans(ids, reports, limit_per_node);
  }
  absl::StatusOr<std::vector<std::string>> GetText(const std::vector<Span>& spans) override {
    return remote_->GetText(spans);
  }
  absl::Status Export(ReportId r, const std::function<absl::Status(const Node&)>& nodes,
                      const std::function<absl::Status(const Edge&)>& edges) override {
    return remote_->Export(r, nodes, edges);
  }
  absl::StatusOr<StoreStats> Stats() override { return remote_->Stats(); }

 private:
  ServedRemoteStore() = default;
  std::unique_ptr<ServedStore> served_;
  std::unique_ptr<client::RemoteGraphStore> remote_;
};

INSTANTIATE_TEST_SUITE_P(Remote, GraphStoreContractTest,
                         ::testing::Values(GraphStoreContractParam{"Remote",
                                                                   ServedRemoteStore::Open}),
                         GraphStoreContractParamName);

// Raw requests to the service, holding the two sample reports.
class StoreServiceRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto served = ServedStore::Open(dir_.path());
    ASSERT_TRUE(served.ok()) << served.status();
    served_ = std::move(*served);
    client::RemoteGraphStore remote(served_->Channel());
    bool replaced = false;
    ASSERT_TRUE(remote.PutReport(SampleReport(kReportA), &replaced).ok());
    ASSERT_TRUE(remote.PutReport(SampleReport(kReportB, "浦东报告"), &replaced).ok());
    stub_ = kg::v1::GraphStoreService::NewStub(served_->Channel());
  }

  grpc::Status GetSpans(const kg::v1::GetSpansRequest& request,
                        kg::v1::GetSpansResponse* response, grpc::ClientContext* context) {
    return stub_->GetSpans(context, request, response);
  }

  ::kg::testing::ScopedTempDir dir_;
  std::unique_ptr<ServedStore> served_;
  std::unique_ptr<kg::v1::GraphStoreService::Stub> stub_;
};

TEST_F(StoreServiceRequestTest, ReportsMayComeInAnyOrderAndRepeat) {
  kg::v1::LookupNameRequest request;
  request.set_name(kGoalName);
  for (ReportId r : {kReportB, kReportA, kReportA}) request.add_reports(IdToHex(r));
  kg::v1::LookupNameResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->LookupName(&context, request, &response).ok());
  EXPECT_EQ(response.nodes_size(), 2);

  kg::v1::SearchTextRequest search;
  search.set_query("上海");
  for (ReportId r : {kReportB, kReportB}) search.add_reports(IdToHex(r));
  kg::v1::SearchTextResponse hits;
  grpc::ClientContext search_context;
  ASSERT_TRUE(stub_->SearchText(&search_context, search, &hits).ok());
  ASSERT_EQ(hits.hits_size(), 1);
  EXPECT_EQ(hits.hits(0).node().id(), IdToHex(kShanghai));
}

TEST_F(StoreServiceRequestTest, MalformedReportIdsAreRefusedByName) {
  kg::v1::LookupNameRequest lookup;
  lookup.set_name(kGoalName);
  lookup.add_reports("not-hex");
  kg::v1::LookupNameResponse nodes;
  grpc::ClientContext lookup_context;
  grpc::Status status = stub_->LookupName(&lookup_context, lookup, &nodes);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("reports"));

  kg::v1::SearchTextRequest search;
  search.set_query("上海");
  search.add_reports("0000000000000000");  // no report has id 0
  kg::v1::SearchTextResponse hits;
  grpc::ClientContext search_context;
  status = stub_->SearchText(&search_context, search, &hits);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("reports"));
}

TEST_F(StoreServiceRequestTest, LinksOnlyEdgesCarryWhereTheyGoAndNothingElse) {
  const NodeId task = SampleNode(kReportA, kTask);
  kg::v1::GetEdgesRequest request;
  request.set_node_id(IdToHex(task));
  request.set_direction(kg::v1::DIRECTION_OUT);
  kg::v1::GetEdgesResponse whole, links;
  grpc::ClientContext whole_context, links_context;
  ASSERT_TRUE(stub_->GetEdges(&whole_context, request, &whole).ok());
  request.set_links_only(true);
  ASSERT_TRUE(stub_->GetEdges(&links_context, request, &links).ok());
  ASSERT_EQ(links.edges_size(), 4);
  ASSERT_EQ(whole.edges_size(), links.edges_size());
  bool whole_has_more = false;  // the sample's edges have spans, so links_only leaves something out
  for (int i = 0; i < links.edges_size(); ++i) {
    const kg::v1::Edge& l = links.edges(i);
    const kg::v1::Edge& w = whole.edges(i);
    EXPECT_EQ(l.id(), w.id());
    EXPECT_EQ(l.type(), w.type());
    EXPECT_EQ(l.src(), w.src());
    EXPECT_EQ(l.dst(), w.dst());
    EXPECT_TRUE(l.attrs().empty());
    EXPECT_EQ(l.spans_size(), 0);
    EXPECT_EQ(l.report_id(), "");
    whole_has_more = whole_has_more || w.spans_size() > 0 || !w.report_id().empty();
  }
  EXPECT_TRUE(whole_has_more);
}

TEST_F(StoreServiceRequestTest, GetSpansAnswersOneListPerIdWithTheServerDefaultLimit) {
  kg::v1::GetSpansRequest request;
  for (NodeId id : {kShanghai, NodeId{0x1234}, kShanghai}) request.add_ids(IdToHex(id));
  // limit_per_node 0: the server's default, not "no spans".
  kg::v1::GetSpansResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(GetSpans(request, &response, &context).ok());
  ASSERT_EQ(response.lists_size(), 3);
  EXPECT_EQ(response.lists(0).spans_size(), 2);
  EXPECT_EQ(response.lists(1).spans_size(), 0);
  EXPECT_EQ(response.lists(2).spans_size(), 2);
  EXPECT_EQ(response.lists(0).spans(0).report_id(), IdToHex(kReportA));
  // Like every read, it tells the client which state it saw.
  EXPECT_EQ(context.GetServerTrailingMetadata().count(kReadGenerationKey), 1u);

  request.add_reports(IdToHex(kReportB));
  request.set_limit_per_node(1);
  kg::v1::GetSpansResponse scoped;
  grpc::ClientContext scoped_context;
  ASSERT_TRUE(GetSpans(request, &scoped, &scoped_context).ok());
  ASSERT_EQ(scoped.lists_size(), 3);
  ASSERT_EQ(scoped.lists(0).spans_size(), 1);
  EXPECT_EQ(scoped.lists(0).spans(0).report_id(), IdToHex(kReportB));

  // Reports in any order, repeated: the answer is still in (report, begin, end) order
  // and an owned node's spans are found.
  kg::v1::GetSpansRequest unordered;
  for (NodeId id : {kShanghai, SampleNode(kReportA, kGoal)}) unordered.add_ids(IdToHex(id));
  for (ReportId r : {kReportB, kReportA, kReportA}) unordered.add_reports(IdToHex(r));
  kg::v1::GetSpansResponse both;
  grpc::ClientContext unordered_context;
  ASSERT_TRUE(GetSpans(unordered, &both, &unordered_context).ok());
  ASSERT_EQ(both.lists_size(), 2);
  ASSERT_EQ(both.lists(0).spans_size(), 2);
  EXPECT_EQ(both.lists(0).spans(0).report_id(), IdToHex(kReportA));
  EXPECT_EQ(both.lists(0).spans(1).report_id(), IdToHex(kReportB));
  EXPECT_GT(both.lists(1).spans_size(), 0);
}

TEST_F(StoreServiceRequestTest, GetSpansRefusesBadAndTooManyIds) {
  kg::v1::GetSpansRequest bad;
  bad.add_ids(IdToHex(kShanghai));
  bad.add_ids("zz");
  kg::v1::GetSpansResponse response;
  grpc::ClientContext bad_context;
  grpc::Status status = GetSpans(bad, &response, &bad_context);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("ids: \"zz\""));

  kg::v1::GetSpansRequest bad_report;
  bad_report.add_ids(IdToHex(kShanghai));
  bad_report.add_reports("a1");
  grpc::ClientContext bad_report_context;
  status = GetSpans(bad_report, &response, &bad_report_context);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("reports"));

  kg::v1::GetSpansRequest many;
  for (int i = 0; i < 10001; ++i) many.add_ids(IdToHex(kShanghai));
  grpc::ClientContext many_context;
  status = GetSpans(many, &response, &many_context);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("10000"));
}

// In process a limit of 0 asks for no span; RemoteGraphStore must not let the wire's
// "server default" meaning of 0 leak through.
TEST_F(StoreServiceRequestTest, RemoteGetSpansWithLimitZeroGivesEmptyLists) {
  client::RemoteGraphStore remote(served_->Channel());
  KG_ASSERT_OK_AND_ASSIGN(auto lists, remote.GetSpans({kShanghai, kPudong}, {}, 0));
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_TRUE(lists[0].empty());
  EXPECT_TRUE(lists[1].empty());
}

}  // namespace
}  // namespace kg::storage::testing
