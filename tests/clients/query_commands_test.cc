// kgctl's question commands (mentions, term, targets, path, search, and serves' paging
// and report column) against a fake QueryService started in process: what they send,
// what they print, and how they exit.
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/kgctl/app.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "kg/v1/query.grpc.pb.h"

namespace kg::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

kg::v1::EntityRef Ref(const std::string& id, const std::string& type, const std::string& name,
                      const std::string& report = "") {
  kg::v1::EntityRef ref;
  ref.set_id(id);
  ref.set_type(type);
  ref.set_name(name);
  if (!report.empty()) {
    ref.set_report_id(report == "上海市金山区 2020" ? "698445a1c6c110cc" : "a84ca11220adf57c");
    ref.set_report(report);
  }
  return ref;
}

void Resolve(const std::string& query, const kg::v1::EntityRef& best, const std::string& match,
             kg::v1::Resolution* out) {
  out->set_query(query);
  *out->add_entities() = best;
  out->set_match(match);
  auto* c = out->add_candidates();
  *c->mutable_entity() = best;
  c->set_match(match);
  c->set_score(1);
}

class FakeQuestions final : public kg::v1::QueryService::Service {
 public:
  grpc::Status Mentions(grpc::ServerContext*, const kg::v1::MentionsRequest* request,
                        kg::v1::MentionsResponse* response) override {
    last_mentions = *request;
    if (request->name() == "无名") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND,
                          "no term, place or organization named 无名; did you mean 无锡 (place)?");
    }
    Resolve(request->name(), Ref("p1", "place", "枫泾镇"), "short_name",
            response->mutable_resolution());
    auto* m = response->add_mentions();
    *m->mutable_by() = Ref("t1", "task", "深化产业发展互融", "上海市金山区 2020");
    *m->mutable_area() = Ref("a1", "task", "注重高站位,促进区域联动发展", "上海市金山区 2020");
    *m->mutable_mentioned() = response->resolution().entities(0);
    m->mutable_quote()->set_text("加强枫泾与新浜、嘉善的合作。");
    m->mutable_quote()->mutable_span()->set_report_id("698445a1c6c110cc");
    response->set_next_page_token("p1");
    response->set_total_size(3);
    return grpc::Status::OK;
  }

  grpc::Status Term(grpc::ServerContext*, const kg::v1::TermRequest* request,
                    kg::v1::TermResponse* response) override {
    Resolve(request->name(), Ref("x1", "term", "田园五镇", "上海市金山区 2020"), "name",
            response->mutable_resolution());
    auto* d = response->add_definitions();
    *d->mutable_term() = response->resolution().entities(0);
    d->set_definition("是指金山区张堰镇、廊下镇、吕巷镇和平湖市新仓镇、广陈镇。");
    for (const char* town : {"张堰镇", "廊下镇", "吕巷镇", "新仓镇", "广陈镇"}) {
      *d->add_includes() = Ref(town, "place", town);
    }
    auto* m = response->add_used_in();
    *m->mutable_by() = Ref("t1", "task", "深化产业发展互融", "上海市金山区 2020");
    response->set_total_size(1);
    return grpc::Status::OK;
  }

  grpc::Status Targets(grpc::ServerContext*, const kg::v1::TargetsRequest* request,
                       kg::v1::TargetsResponse* response) override {
    last_targets = *request;
    auto* row = response->add_rows();
    *row->mutable_goal() = Ref("g1", "goal", "地区生产总值增长6.5%左右", "上海市金山区 2020");
    row->set_indicator("地区生产总值");
    row->set_value("6.5");
    row->set_unit("%");
    row->set_qualifier("左右");
    auto* result = row->mutable_result();
    result->set_value("7.1");
    result->set_unit("%");
    result->set_met("yes");
    row = response->add_rows();
    *row->mutable_goal() = Ref("g2", "goal", "单位增加值综合能耗进一步下降", "上海市金山区 2020");
    row->set_indicator("单位增加值综合能耗");
    row->set_direction("down");
    response->set_total_size(2);
    return grpc::Status::OK;
  }

  grpc::Status Path(grpc::ServerContext*, const kg::v1::PathRequest* request,
                    kg::v1::PathResponse* response) override {
    last_path = *request;
    Resolve(request->from(), Ref("p9", "place", "上海乐高乐园度假区"), "fulltext",
            response->mutable_from());
    Resolve(request->to(), Ref("g9", "goal", "长三角区域一体化发展规划纲要"), "fulltext",
            response->mutable_to());
    response->mutable_to()->set_ambiguous(true);
    auto* c = response->mutable_to()->add_candidates();
    *c->mutable_entity() = Ref("g8", "goal", "长三角高质量一体化发展的桥头堡");
    if (request->from() == "孤岛") return grpc::Status::OK;  // no path
    auto* path = response->add_paths();
    *path->mutable_start() = response->from().entities(0);
    auto* step = path->add_steps();
    step->mutable_edge()->set_type("mentions");
    step->set_direction("in");
    *step->mutable_node() = Ref("t1", "task", "深化产业发展互融");
    step = path->add_steps();
    step->mutable_edge()->set_type("serves");
    step->set_direction("out");
    *step->mutable_node() = response->to().entities(0);
    return grpc::Status::OK;
  }

  grpc::Status Search(grpc::ServerContext*, const kg::v1::SearchRequest* request,
                      kg::v1::SearchResponse* response) override {
    if (request->page_token() == "bad") {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "page_token 'bad' is not one this server issued");
    }
    if (request->text() != "乐高") return grpc::Status::OK;
    auto* r = response->add_results();
    *r->mutable_entity() = Ref("p9", "place", "上海乐高乐园度假区");
    r->set_score(1);
    r->mutable_name()->set_text("上海乐高乐园度假区");
    auto* h = r->mutable_name()->add_highlights();
    h->set_begin(2);
    h->set_end(4);
    r->mutable_context()->set_text("上海乐高乐园度假区项目签署核心条款协议。");
    h = r->mutable_context()->add_highlights();
    h->set_begin(2);
    h->set_end(4);
    r->mutable_context()->set_report("上海市金山区 2020");
    response->set_total_size(1);
    return grpc::Status::OK;
  }

  grpc::Status Serves(grpc::ServerContext*, const kg::v1::ServesRequest* request,
                      kg::v1::ServesResponse* response) override {
    last_serves = *request;
    *response->add_goals() = Ref("g1", "goal", "乡村振兴战略", "上海市金山区 2020");
    for (const char* report : {"上海市金山区 2020", "保定市 2022"}) {
      auto* row = response->add_rows();
      *row->mutable_task() = Ref(absl::StrCat("t", report), "task", "发展现代农业", report);
      auto* served = row->add_served();
      *served->mutable_goal() = Ref("g1", "goal", "乡村振兴战略", report);
      served->set_evidence("area");
    }
    response->set_next_page_token("p2");
    response->set_total_size(5);
    return grpc::Status::OK;
  }

  kg::v1::MentionsRequest last_mentions;
  kg::v1::TargetsRequest last_targets;
  kg::v1::PathRequest last_path;
  kg::v1::ServesRequest last_serves;
};

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

class QueryCommandsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = new FakeQuestions;
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart().release();
    addr_ = new std::string(absl::StrCat("127.0.0.1:", port));
  }
  static void TearDownTestSuite() {
    server_->Shutdown();
    delete server_;
    delete service_;
    delete addr_;
  }

  static RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> argv = {"kgctl", "--addr", *addr_};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<const char*> pointers;
    for (const auto& arg : argv) pointers.push_back(arg.c_str());
    std::ostringstream out, err;
    int code = RunKgctl(static_cast<int>(pointers.size()), pointers.data(), out, err, false);
    return {code, out.str(), err.str()};
  }

  static FakeQuestions* service_;
  static grpc::Server* server_;
  static std::string* addr_;
};

FakeQuestions* QueryCommandsTest::service_ = nullptr;
grpc::Server* QueryCommandsTest::server_ = nullptr;
std::string* QueryCommandsTest::addr_ = nullptr;

TEST_F(QueryCommandsTest, MentionsSaysHowTheNameResolvedAndPages) {
  RunResult r = Run({"mentions", "枫泾", "--type", "task", "--year", "2020", "--page-size", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("枫泾 -> 枫泾镇 (place) (by short_name)"));
  EXPECT_THAT(r.out, HasSubstr("深化产业发展互融"));
  EXPECT_THAT(r.out, HasSubstr("加强枫泾与新浜"));
  EXPECT_THAT(r.out, HasSubstr("(1 of 3 shown; next page: --page-token p1)"));
  EXPECT_EQ(service_->last_mentions.types_size(), 1);
  EXPECT_EQ(service_->last_mentions.filter().year(), 2020);
  EXPECT_EQ(service_->last_mentions.page_size(), 1);

  RunResult json = Run({"mentions", "枫泾", "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr(R"("resolution":{"query":"枫泾","match":"short_name")"));
  EXPECT_THAT(json.out,
              HasSubstr(R"("report_id":"698445a1c6c110cc","report":"上海市金山区 2020")"));
  EXPECT_THAT(json.out, HasSubstr(R"("next_page_token":"p1","total_size":3)"));

  RunResult quiet = Run({"mentions", "枫泾", "--no-quote"});
  EXPECT_THAT(quiet.out, Not(HasSubstr("加强枫泾与新浜")));
}

TEST_F(QueryCommandsTest, NotFoundCarriesTheServersSuggestion) {
  RunResult r = Run({"mentions", "无名"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("did you mean 无锡 (place)?"));
}

TEST_F(QueryCommandsTest, TermPrintsDefinitionIncludesAndUses) {
  RunResult r = Run({"term", "田园五镇"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("张堰镇, 廊下镇, 吕巷镇, 新仓镇, 广陈镇"));
  EXPECT_THAT(r.out, HasSubstr("used in:"));
  EXPECT_THAT(r.out, HasSubstr("深化产业发展互融"));
  RunResult json = Run({"term", "田园五镇", "-o", "json"});
  EXPECT_THAT(json.out, HasSubstr(R"("includes":[{"id":"张堰镇")"));
}

TEST_F(QueryCommandsTest, TargetsTableShowsResultsAndDeclines) {
  RunResult r = Run({"targets", "--region", "金山", "--include-task-targets", "--no-quote"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("地区生产总值"));
  EXPECT_THAT(r.out, HasSubstr("7.1%"));
  EXPECT_THAT(r.out, HasSubstr("yes"));
  EXPECT_THAT(r.out, Not(HasSubstr(" - ")));  // a decline without a number shows no "-"
  EXPECT_TRUE(service_->last_targets.include_task_targets());
  EXPECT_EQ(service_->last_targets.filter().region(), "金山");
  RunResult json = Run({"targets", "-o", "json"});
  EXPECT_THAT(json.out, HasSubstr(R"("met":"yes")"));
}

TEST_F(QueryCommandsTest, PathPrintsStepsAndAmbiguityAndExitsOneWithoutAPath) {
  RunResult r = Run({"path", "乐高乐园", "长三角一体化", "--depth", "5", "--count", "2", "--edge",
                     "mentions", "--edge", "serves"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("长三角一体化 is ambiguous"));
  EXPECT_THAT(r.out, HasSubstr("长三角高质量一体化发展的桥头堡"));
  EXPECT_THAT(r.out, HasSubstr("path 1 (2 edges):"));
  EXPECT_THAT(r.out, HasSubstr("<-mentions- 深化产业发展互融 (task)"));
  EXPECT_THAT(r.out, HasSubstr("-serves-> 长三角区域一体化发展规划纲要 (goal)"));
  EXPECT_EQ(service_->last_path.max_depth(), 5u);
  EXPECT_EQ(service_->last_path.max_paths(), 2u);
  EXPECT_EQ(service_->last_path.edge_types_size(), 2);

  RunResult none = Run({"path", "孤岛", "长三角一体化"});
  EXPECT_EQ(none.code, 1);
  EXPECT_THAT(none.err, HasSubstr("no path of at most 4 edges"));
  EXPECT_EQ(Run({"path", "a", "b", "--depth", "7"}).code, 2);
}

TEST_F(QueryCommandsTest, SearchMarksMatches) {
  RunResult r = Run({"search", "乐高"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("上海【乐高】乐园度假区"));
  EXPECT_THAT(r.out, HasSubstr("上海市金山区 2020"));
  RunResult json = Run({"search", "乐高", "-o", "json"});
  EXPECT_THAT(json.out, HasSubstr(R"("highlights":[{"begin":2,"end":4}])"));
  EXPECT_EQ(Run({"search", "不存在"}).code, 1);
  EXPECT_EQ(Run({"search", "乐高", "--page-token", "bad"}).code, 3);
}

TEST_F(QueryCommandsTest, ServesAcrossReportsNamesEachReportAndPages) {
  RunResult r = Run({"serves", "乡村振兴", "--page-size", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("report"));
  EXPECT_THAT(r.out, HasSubstr("上海市金山区 2020"));
  EXPECT_THAT(r.out, HasSubstr("保定市 2022"));
  EXPECT_THAT(r.out, HasSubstr("--page-token p2"));
  EXPECT_EQ(service_->last_serves.page_size(), 2);
}

}  // namespace
}  // namespace kg::cli
