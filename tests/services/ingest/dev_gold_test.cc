// The development reports (tests/data/dev: a GBK district report, a national report cut
// into one clause per line, a city report with a bracket-numbered glossary), extracted
// by the real pipeline (with the real gazetteer, third_party/gazetteer) and scored against their
// hand annotations (*.gold.json) with the shared scorer (clients/score). The assertions are the
// project's bars for reports the extractor has not been tuned on:
//   structure (task areas, tasks with governance, review areas, review items) >= 90%
//   glossary terms >= 90%; targets (indicator, value, unit, qualifier right) >= 85%
//   admin places, region places and all place lists together >= 85%; at most 2 of the
//   not_places taken as places.
// Each report's table is printed, so a failing run shows what was missed.
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/ingest/ingest_pipeline.h"
#include "tests/services/ingest/gold_scoring.h"
#include "tests/services/ingest/places/real_gazetteer.h"
#include "tests/services/ingest/test_data.h"

namespace kg::ingest {
namespace {

constexpr double kStructureBar = 0.90;
constexpr double kGlossaryBar = 0.90;
constexpr double kTargetBar = 0.85;
constexpr double kPlaceBar = 0.85;
constexpr size_t kMaxFalsePlaces = 2;

struct DevReport {
  const char* name;  // the test's name
  const char* text;  // under tests/data
  const char* gold;  // under tests/data
};

// gtest prints a parameter with this; the name says which report failed.
void PrintTo(const DevReport& report, std::ostream* os) { *os << report.name; }

const DevReport kDevReports[] = {
    {"HailarDistrictGbk", "dev/2019-hailar-district.gbk.txt", "dev/2019-hailar-district.gold.json"},
    {"NationalClauses", "dev/2021-national-clauses.txt", "dev/2021-national-clauses.gold.json"},
    {"BaodingCity", "dev/2022-baoding-city.txt", "dev/2022-baoding-city.gold.json"},
};

// Each report is extracted and scored once; the table is printed then.
const score::GoldScore& ScoreOf(const DevReport& report) {
  static auto* cache = new std::map<std::string, std::unique_ptr<score::GoldScore>>();
  auto& slot = (*cache)[report.name];
  if (slot == nullptr) {
    slot = std::make_unique<score::GoldScore>();
    auto result = BuildReportGraph(::kg::testing::ReadTestData(report.text), {},
                                   ::kg::testing::RealGazetteerOrNull());
    EXPECT_TRUE(result.ok()) << report.text << ": " << result.status();
    if (!result.ok()) return *slot;
    auto scored = ::kg::testing::ScoreAgainstGoldJson(result->graph,
                                                      ::kg::testing::ReadTestData(report.gold));
    EXPECT_TRUE(scored.ok()) << report.gold << ": " << scored.status();
    if (!scored.ok()) return *slot;
    *slot = *std::move(scored);
    std::cout << "Gold scores for " << report.text << ":\n"
              << score::FormatScoreTable(*slot, /*details=*/true) << std::endl;
  }
  return *slot;
}

class DevGoldTest : public ::testing::TestWithParam<DevReport> {
 protected:
  const score::GoldScore& scores() { return ScoreOf(GetParam()); }

  // Expects the kind's recall at or above `bar` (a kind the annotation leaves empty
  // passes: the report has none).
  void ExpectRecall(const char* key, double bar) {
    const score::KindScore& k = scores().kind(key);
    ASSERT_FALSE(k.key.empty()) << "no kind " << key;
    if (k.gold == 0) return;
    EXPECT_GE(k.recall(), bar) << GetParam().name << ": " << k.label << " " << k.recalled << "/"
                               << k.gold << (k.missed.empty() ? "" : "; first missed: ")
                               << (k.missed.empty() ? "" : k.missed.front());
  }
};

// Without the gazetteer the place figures below mean nothing: say why, and fail.
TEST(DevGoldSetupTest, TheGazetteerIsInstalled) {
  EXPECT_TRUE(::kg::testing::RealGazetteer().ok()) << ::kg::testing::MissingGazetteerMessage();
}

TEST_P(DevGoldTest, AnnotationMatchesTheReportIdentity) {
  EXPECT_TRUE(scores().notes.empty()) << scores().notes.front();
  EXPECT_FALSE(scores().report_id.empty());
}

TEST_P(DevGoldTest, StructureMeetsTheBar) {
  ExpectRecall("task_areas", kStructureBar);
  ExpectRecall("tasks", kStructureBar);
  ExpectRecall("review_areas", kStructureBar);
  ExpectRecall("review_items", kStructureBar);
}

TEST_P(DevGoldTest, GlossaryMeetsTheBar) { ExpectRecall("terms", kGlossaryBar); }

TEST_P(DevGoldTest, TargetsMeetTheBar) {
  ExpectRecall("targets_found", kTargetBar);
  ExpectRecall("targets_right", kTargetBar);
}

TEST_P(DevGoldTest, PlacesMeetTheBar) {
  ExpectRecall("places_admin", kPlaceBar);
  ExpectRecall("places_region", kPlaceBar);
  ExpectRecall("places", kPlaceBar);  // with roads, rivers, ports and zones
}

TEST_P(DevGoldTest, AtMostTwoFalsePlaces) {
  EXPECT_LE(scores().false_places.size(), kMaxFalsePlaces)
      << GetParam().name << " takes for places: " << scores().false_places.front();
}

INSTANTIATE_TEST_SUITE_P(DevReports, DevGoldTest, ::testing::ValuesIn(kDevReports),
                         [](const ::testing::TestParamInfo<DevReport>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace kg::ingest
