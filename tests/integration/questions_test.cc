// The questions end to end: kg-stored, kg-ingestd and kg-queryd as separate processes
// (so the engine reads through RemoteGraphStore), the first report and the development
// reports ingested through kgctl, and the gold
// questions of tests/data/jinshan-2020.gold.json asked over gRPC (QueryService) and
// through kgctl.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "clients/client/channel.h"
#include "clients/score/gold_annotation.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "kg/v1/query.grpc.pb.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kData = std::string(KG_SOURCE_DIR) + "/tests/data/";

template <typename Request>
void Deadline(grpc::ClientContext* context, const Request&) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
}

// The daemons and the reports, shared by every test of the suite (ingest is the slow
// part, and the questions only read).
class QuestionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto daemons = StartSplitDaemons(dir_->path(), {"--data-dir=" + dir_->path() + "/data"});
    ASSERT_TRUE(daemons.ok()) << daemons.status();
    store_ = new Daemon(std::move(daemons->store));
    ingest_ = new Daemon(std::move(daemons->ingest));
    query_ = new Daemon(std::move(daemons->query));
    for (const char* file : {"jinshan-2020.txt", "dev/2019-hailar-district.gbk.txt",
                             "dev/2021-national-clauses.txt", "dev/2022-baoding-city.txt"}) {
      CommandResult ingested = Kgctl({"ingest", kData + file, "-o", "json"});
      ASSERT_EQ(ingested.exit_code, 0) << file << ": " << ingested.err;
      if (std::string(file) == "jinshan-2020.txt") {
        // {"report":{"id":"…",…
        size_t at = ingested.out.find("\"id\":\"");
        ASSERT_NE(at, std::string::npos) << ingested.out;
        *jinshan_ = ingested.out.substr(at + 6, 16);
      }
    }
    auto gold = score::ParseGoldAnnotation(ReadFile(kData + "jinshan-2020.gold.json"));
    ASSERT_TRUE(gold.ok()) << gold.status();
    gold_ = new score::GoldAnnotation(std::move(*gold));
  }

  static void TearDownTestSuite() {
    delete query_;
    delete ingest_;
    delete store_;
    delete dir_;
    delete gold_;
  }

  static CommandResult Kgctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {BinaryPath("kgctl"), "--addr=" + query_->address(),
                                     "--ingest-addr=" + ingest_->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  std::unique_ptr<kg::v1::QueryService::Stub> Stub() {
    return kg::v1::QueryService::NewStub(client::MakeChannel(query_->address()));
  }

  kg::v1::ReportFilter Jinshan() {
    kg::v1::ReportFilter f;
    f.set_report_id(*jinshan_);
    return f;
  }

  static TempDir* dir_;
  static Daemon *store_, *ingest_, *query_;
  static std::string* jinshan_;
  static score::GoldAnnotation* gold_;
};

TempDir* QuestionsTest::dir_ = nullptr;
Daemon* QuestionsTest::store_ = nullptr;
Daemon* QuestionsTest::ingest_ = nullptr;
Daemon* QuestionsTest::query_ = nullptr;
std::string* QuestionsTest::jinshan_ = new std::string;
score::GoldAnnotation* QuestionsTest::gold_ = nullptr;

// Every gold question of the first report, over gRPC, filtered to that report.
TEST_F(QuestionsTest, GoldQuestionsOverGrpc) {
  ASSERT_FALSE(gold_->queries.empty());
  auto stub = Stub();
  for (const auto& q : gold_->queries) {
    SCOPED_TRACE(q.id + " " + q.q);
    std::vector<std::string> names;  // tasks (and other mentioners) the answer lists
    std::string text;                // everything else the answer says
    grpc::ClientContext context;
    Deadline(&context, q);
    grpc::Status status;
    if (q.op == "serves") {
      kg::v1::ServesRequest request;
      request.set_phrase(q.q);
      *request.mutable_filter() = Jinshan();
      kg::v1::ServesResponse response;
      status = stub->Serves(&context, request, &response);
      for (const auto& row : response.rows()) names.push_back(row.task().name());
    } else if (q.op == "place") {
      kg::v1::MentionsRequest request;
      request.set_name(q.q);
      *request.mutable_filter() = Jinshan();
      request.set_page_size(1000);
      kg::v1::MentionsResponse response;
      status = stub->Mentions(&context, request, &response);
      for (const auto& m : response.mentions()) names.push_back(m.by().name());
    } else if (q.op == "term") {
      kg::v1::TermRequest request;
      request.set_name(q.q);
      *request.mutable_filter() = Jinshan();
      request.set_page_size(1000);
      kg::v1::TermResponse response;
      status = stub->Term(&context, request, &response);
      for (const auto& m : response.used_in()) names.push_back(m.by().name());
      for (const auto& d : response.definitions()) {
        text += d.definition();
        for (const auto& i : d.includes()) text += " " + i.name();
      }
    } else {
      ADD_FAILURE() << "unknown gold op " << q.op;
      continue;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& e : q.expect) EXPECT_THAT(names, Contains(e));
    for (const auto& f : q.forbid) EXPECT_THAT(names, Not(Contains(f)));
    for (const auto& t : q.expect_text) EXPECT_THAT(text, HasSubstr(t));
  }
}

TEST_F(QuestionsTest, TraditionalPhraseGivesTheSameServesAnswer) {
  auto stub = Stub();
  kg::v1::ServesResponse simplified, traditional;
  for (auto [phrase, response] :
       {std::pair{"长三角一体化", &simplified}, std::pair{"長三角一體化", &traditional}}) {
    grpc::ClientContext context;
    Deadline(&context, phrase);
    kg::v1::ServesRequest request;
    request.set_phrase(phrase);
    *request.mutable_filter() = Jinshan();
    ASSERT_TRUE(stub->Serves(&context, request, response).ok());
  }
  ASSERT_GT(simplified.rows_size(), 0);
  ASSERT_EQ(simplified.rows_size(), traditional.rows_size());
  for (int i = 0; i < simplified.rows_size(); ++i) {
    EXPECT_EQ(simplified.rows(i).task().id(), traditional.rows(i).task().id());
  }
}

TEST_F(QuestionsTest, TargetsPathAndSearchThroughKgctl) {
  CommandResult targets = Kgctl({"targets", "--report", *jinshan_, "-o", "json"});
  ASSERT_EQ(targets.exit_code, 0) << targets.err;
  EXPECT_THAT(targets.out, HasSubstr("\"total_size\":" + std::to_string(gold_->targets.size())));
  EXPECT_EQ(gold_->targets.size(), 20u);
  CommandResult table = Kgctl({"targets", "--report", *jinshan_, "--no-quote"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("属地地区生产总值"));

  CommandResult path = Kgctl({"path", "乐高乐园", "长三角一体化"});
  ASSERT_EQ(path.exit_code, 0) << path.err;
  EXPECT_THAT(path.out, HasSubstr("path 1"));
  EXPECT_THAT(path.out, HasSubstr("乐高乐园"));

  CommandResult search = Kgctl({"search", "乐高"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_THAT(search.out, HasSubstr("【乐高】乐园"));

  CommandResult mentions = Kgctl({"mentions", "枫泾", "--report", *jinshan_});
  ASSERT_EQ(mentions.exit_code, 0) << mentions.err;
  EXPECT_THAT(mentions.out, HasSubstr("枫泾镇"));
  EXPECT_THAT(mentions.out, HasSubstr("深化产业发展互融"));

  CommandResult term = Kgctl({"term", "田园五镇", "-o", "json"});
  ASSERT_EQ(term.exit_code, 0) << term.err;
  for (const char* town : {"张堰镇", "廊下镇", "吕巷镇", "新仓镇", "广陈镇"}) {
    EXPECT_THAT(term.out, HasSubstr(town));
  }
}

TEST_F(QuestionsTest, FilteringToOneReportAndAskingAcrossReports) {
  // Across every report: rows from more than one report, each naming its report.
  CommandResult across = Kgctl({"serves", "乡村振兴", "-o", "json"});
  ASSERT_EQ(across.exit_code, 0) << across.err;
  std::set<std::string> reports;
  for (size_t at = across.out.find("\"report_id\":\""); at != std::string::npos;
       at = across.out.find("\"report_id\":\"", at + 1)) {
    reports.insert(across.out.substr(at + 13, 16));
  }
  EXPECT_GT(reports.size(), 1u);

  // One report by id, and by region and year.
  CommandResult one = Kgctl({"serves", "乡村振兴", "--report", *jinshan_, "-o", "json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr(*jinshan_));
  for (const auto& id : reports) {
    if (id != *jinshan_) EXPECT_THAT(one.out, Not(HasSubstr("\"report_id\":\"" + id)));
  }
  CommandResult by_region = Kgctl({"search", "乐高", "--region", "金山", "--year", "2020"});
  EXPECT_EQ(by_region.exit_code, 0) << by_region.err;
  CommandResult elsewhere = Kgctl({"search", "乐高", "--year", "2022"});
  EXPECT_EQ(elsewhere.exit_code, 1) << elsewhere.err;

  CommandResult all_targets = Kgctl({"targets", "-o", "json"});
  ASSERT_EQ(all_targets.exit_code, 0) << all_targets.err;
  EXPECT_THAT(all_targets.out, HasSubstr("上海市金山区 2020"));
}

TEST_F(QuestionsTest, StatusCodesAreActionable) {
  auto stub = Stub();
  {
    grpc::ClientContext context;
    Deadline(&context, 0);
    kg::v1::MentionsRequest request;
    request.set_name("量子引力弦论");
    kg::v1::MentionsResponse response;
    grpc::Status status = stub->Mentions(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_THAT(status.error_message(), HasSubstr("no term, place or organization named"));
  }
  {
    grpc::ClientContext context;
    Deadline(&context, 0);
    kg::v1::SearchRequest request;
    request.set_text("乐高");
    request.set_page_size(-5);
    kg::v1::SearchResponse response;
    grpc::Status status = stub->Search(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  }
  {
    grpc::ClientContext context;
    Deadline(&context, 0);
    kg::v1::PathRequest request;
    request.set_from("乐高乐园");
    request.set_to("长三角一体化");
    request.set_max_depth(9);
    kg::v1::PathResponse response;
    EXPECT_EQ(stub->Path(&context, request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  CommandResult unknown = Kgctl({"term", "量子引力弦论"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no term named"));
  CommandResult bad_token = Kgctl({"search", "乐高", "--page-token", "zz"});
  EXPECT_EQ(bad_token.exit_code, 3) << bad_token.err;

  // Pages: two at a time, following the tokens, covers the whole list once.
  std::vector<std::string> ids;
  std::string token;
  for (int guard = 0; guard < 50; ++guard) {
    grpc::ClientContext context;
    Deadline(&context, 0);
    kg::v1::SearchRequest request;
    request.set_text("长三角");
    request.set_page_size(2);
    request.set_page_token(token);
    kg::v1::SearchResponse response;
    ASSERT_TRUE(stub->Search(&context, request, &response).ok());
    for (const auto& r : response.results()) ids.push_back(r.entity().id());
    token = response.next_page_token();
    if (token.empty()) {
      EXPECT_EQ(static_cast<int>(ids.size()), response.total_size());
      break;
    }
  }
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

}  // namespace
}  // namespace kg::testing
