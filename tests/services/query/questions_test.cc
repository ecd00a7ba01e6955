// The questions of QueryEngine (resolution, mentions, term, targets, path, search,
// paging, filters, deadlines) over a RocksGraphStore holding the first report and the
// development reports as the ingest pipeline extracts them. The gold questions of
// tests/data/jinshan-2020.gold.json are asked here and again, over gRPC, by
// tests/integration/questions_test.cc.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/query/query_engine.h"
#include "storage/ids.h"
#include "storage/rocks_graph_store.h"
#include "tests/services/ingest/places/real_gazetteer.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::query {
namespace {

using ::kg::testing::IsOk;
using ::kg::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

const char* const kDevReports[] = {"dev/2019-hailar-district.gbk.txt",
                                   "dev/2021-national-clauses.txt", "dev/2022-baoding-city.txt"};

class QuestionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::path(::testing::TempDir()) /
                                     ("questions-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    auto store = storage::RocksGraphStore::Open(dir_->string());
    ASSERT_THAT(store, IsOk());
    store_ = store->release();
    ASSERT_NE(::kg::testing::RealGazetteerOrNull(), nullptr)
        << ::kg::testing::MissingGazetteerMessage();
    std::vector<std::string> files = {"jinshan-2020.txt"};
    files.insert(files.end(), std::begin(kDevReports), std::end(kDevReports));
    for (const auto& file : files) {
      auto extracted = ingest::BuildReportGraph(::kg::testing::ReadTestData(file), {},
                                                ::kg::testing::RealGazetteerOrNull());
      ASSERT_THAT(extracted, IsOk()) << file;
      bool replaced = false;
      auto stored = store_->PutReport(extracted->graph, &replaced);
      ASSERT_THAT(stored, IsOk()) << file;
      if (file == files[0]) jinshan_ = stored->id;
    }
  }
  static void TearDownTestSuite() {
    delete store_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override { engine_ = std::make_unique<QueryEngine>(store_); }

  static std::vector<std::string> Names(const std::vector<Mention>& mentions) {
    std::vector<std::string> names;
    for (const auto& m : mentions) names.push_back(m.by.name);
    return names;
  }

  static ReportFilter Jinshan() {
    ReportFilter f;
    f.report = jinshan_;
    return f;
  }

  static std::filesystem::path* dir_;
  static storage::RocksGraphStore* store_;
  static storage::ReportId jinshan_;
  std::unique_ptr<QueryEngine> engine_;
};

std::filesystem::path* QuestionsTest::dir_ = nullptr;
storage::RocksGraphStore* QuestionsTest::store_ = nullptr;
storage::ReportId QuestionsTest::jinshan_ = 0;

TEST_F(QuestionsTest, ShortPlaceNameResolvesToTheTown) {
  MentionsOptions options;
  options.filter = Jinshan();
  auto answer = engine_->Mentions("枫泾", options);
  ASSERT_THAT(answer, IsOk());
  EXPECT_EQ(answer->resolution.match, "short_name");
  EXPECT_EQ(answer->resolution.entities.front().name, "枫泾镇");
  EXPECT_EQ(answer->resolution.entities.front().type, "place");
}

TEST_F(QuestionsTest, MentionsOfFengjingGold) {
  auto answer = engine_->Mentions("枫泾", {});
  ASSERT_THAT(answer, IsOk());
  EXPECT_THAT(Names(answer->mentions), Contains("深化产业发展互融"));
  EXPECT_THAT(Names(answer->mentions), Not(Contains("加强环境综合整治")));
  for (const auto& m : answer->mentions) {
    EXPECT_FALSE(m.quote.text.empty()) << m.by.name;
    EXPECT_NE(answer->labels.count(m.by.report), 0u);
  }
}

TEST_F(QuestionsTest, TermOneWebGold) {
  auto answer = engine_->Term("一网通办", {});
  ASSERT_THAT(answer, IsOk());
  EXPECT_THAT(Names(answer->used_in), IsSupersetOf({"持续提高服务温度", "细化公共服务互动"}));
  EXPECT_THAT(Names(answer->used_in), Not(Contains("加强环境综合整治")));
}

TEST_F(QuestionsTest, TermTianyuanGoldListsItsFiveTowns) {
  auto answer = engine_->Term("田园五镇", {});
  ASSERT_THAT(answer, IsOk());
  ASSERT_FALSE(answer->definitions.empty());
  const TermDefinition& def = answer->definitions.front();
  EXPECT_THAT(def.definition, HasSubstr("张堰镇"));
  std::vector<std::string> includes;
  for (const auto& n : def.includes) includes.push_back(n.name);
  EXPECT_THAT(includes, IsSupersetOf({"张堰镇", "廊下镇", "吕巷镇", "新仓镇", "广陈镇"}));
  EXPECT_THAT(def.quote.text, HasSubstr("田园五镇"));
}

TEST_F(QuestionsTest, TermOfAPlaceIsNotFoundWithAHint) {
  EXPECT_THAT(engine_->Term("枫泾镇", {}), StatusIs(absl::StatusCode::kNotFound));
  auto unknown = engine_->Mentions("量子引力弦论", {});
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(unknown.status().message()),
              HasSubstr("no term, place or organization named"));
  auto typo = engine_->Show("田园五", {});
  ASSERT_THAT(typo, IsOk());  // full text finds 田园五镇
  EXPECT_EQ(typo->node.name, "田园五镇");
}

TEST_F(QuestionsTest, TargetsOfTheFirstReportAreTwenty) {
  TargetsOptions options;
  options.filter = Jinshan();
  auto answer = engine_->Targets(options);
  ASSERT_THAT(answer, IsOk());
  EXPECT_EQ(answer->rows.size(), 20u);
  EXPECT_EQ(answer->page.total, 20);
  std::set<std::string> indicators;
  for (const auto& r : answer->rows) {
    indicators.insert(r.goal.attrs.at("indicator"));
    EXPECT_FALSE(r.quote.text.empty());
  }
  EXPECT_THAT(indicators, Contains("属地地区生产总值"));

  TargetsOptions across;
  auto all = engine_->Targets(across);
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->reports.size(), 4u);
  EXPECT_GT(all->rows.size(), 20u);
}

TEST_F(QuestionsTest, PathFromLegolandToTheDeltaIntegration) {
  auto answer = engine_->Path("乐高乐园", "长三角一体化", {});
  ASSERT_THAT(answer, IsOk());
  ASSERT_FALSE(answer->paths.empty());
  for (const auto& path : answer->paths) {
    EXPECT_EQ(path.start.id, answer->from.entities.front().id);
    ASSERT_FALSE(path.steps.empty());
    EXPECT_LE(path.steps.size(), kDefaultPathDepth);
    EXPECT_EQ(path.steps.back().node.id, answer->to.entities.front().id);
    storage::NodeId at = path.start.id;
    for (const auto& step : path.steps) {
      // Each step's edge joins the node before it to the node it reaches.
      storage::NodeId from = step.outgoing ? step.edge.src : step.edge.dst;
      storage::NodeId to = step.outgoing ? step.edge.dst : step.edge.src;
      EXPECT_EQ(from, at);
      EXPECT_EQ(to, step.node.id);
      EXPECT_NE(step.node.type, "report");
      at = to;
    }
  }
  PathOptions too_deep;
  too_deep.max_depth = 7;
  EXPECT_THAT(engine_->Path("乐高乐园", "长三角一体化", too_deep),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(QuestionsTest, SearchFindsTheParkWithHighlights) {
  auto answer = engine_->Search("乐高", {});
  ASSERT_THAT(answer, IsOk());
  ASSERT_FALSE(answer->results.empty());
  bool park = false;
  for (const auto& r : answer->results) {
    if (r.node.name.find("乐高乐园") == std::string::npos) continue;
    park = true;
    ASSERT_FALSE(r.name.highlights.empty());
    EXPECT_FALSE(r.context.text.empty());
    EXPECT_THAT(r.context.text, HasSubstr("乐高"));
    EXPECT_FALSE(r.context.highlights.empty());
  }
  EXPECT_TRUE(park);
}

TEST_F(QuestionsTest, TraditionalInputFolds) {
  auto simplified = engine_->Serves("长三角一体化", {});
  auto traditional = engine_->Serves("長三角一體化", {});
  ASSERT_THAT(simplified, IsOk());
  ASSERT_THAT(traditional, IsOk());
  ASSERT_EQ(simplified->rows.size(), traditional->rows.size());
  auto term = engine_->Term("一網通辦", {});
  ASSERT_THAT(term, IsOk());
  EXPECT_EQ(term->resolution.entities.front().name,
            engine_->Term("一网通办", {})->resolution.entities.front().name);
}

TEST_F(QuestionsTest, PagesCoverTheListOnce) {
  MentionsOptions options;
  options.page.size = 2;
  auto all = engine_->Mentions("枫泾", {});
  ASSERT_THAT(all, IsOk());
  std::vector<std::string> paged;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = engine_->Mentions("枫泾", options);
    ASSERT_THAT(page, IsOk());
    EXPECT_LE(page->mentions.size(), 2u);
    for (const auto& m : page->mentions) paged.push_back(m.by.name);
    if (page->page.next_token.empty()) break;
    options.page.token = page->page.next_token;
  }
  EXPECT_EQ(paged, Names(all->mentions));

  MentionsOptions negative;
  negative.page.size = -1;
  EXPECT_THAT(engine_->Mentions("枫泾", negative), StatusIs(absl::StatusCode::kInvalidArgument));
  MentionsOptions forged;
  forged.page.token = "not-a-token";
  EXPECT_THAT(engine_->Mentions("枫泾", forged), StatusIs(absl::StatusCode::kInvalidArgument));
  MentionsOptions huge;
  huge.page.size = 1 << 30;  // clamped to kMaxPageSize
  EXPECT_THAT(engine_->Mentions("枫泾", huge), IsOk());
}

TEST_F(QuestionsTest, FiltersRestrictToOneReportAndQuestionsSpanReports) {
  // 乡村振兴 is served in more than one report; filtered, only the first report's rows.
  auto across = engine_->Serves("乡村振兴", {});
  ASSERT_THAT(across, IsOk());
  std::set<storage::ReportId> reports;
  for (const auto& r : across->rows) reports.insert(r.task.report);
  EXPECT_GT(reports.size(), 1u);
  ServesOptions one;
  one.filter = Jinshan();
  auto filtered = engine_->Serves("乡村振兴", one);
  ASSERT_THAT(filtered, IsOk());
  for (const auto& r : filtered->rows) EXPECT_EQ(r.task.report, jinshan_);

  SearchOptions by_year;
  by_year.filter.year = 2020;
  auto search = engine_->Search("乐高", by_year);
  ASSERT_THAT(search, IsOk());
  EXPECT_FALSE(search->results.empty());
  by_year.filter.year = 2022;
  auto none = engine_->Search("乐高", by_year);
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->results.empty());
}

TEST_F(QuestionsTest, PassedDeadlineStopsTheQuestion) {
  CallBudget passed(CallBudget::Clock::now() - std::chrono::seconds(1), nullptr);
  EXPECT_THAT(engine_->Path("乐高乐园", "长三角一体化", {}, passed),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(engine_->Targets({}, passed), StatusIs(absl::StatusCode::kDeadlineExceeded));
  CallBudget cancelled(std::nullopt, [] { return true; });
  EXPECT_THAT(engine_->Mentions("枫泾", {}, cancelled), StatusIs(absl::StatusCode::kCancelled));
}

}  // namespace
}  // namespace kg::query
