// Gazetteer on the tiny fixture tests/data/gazetteer-mini (rows copied from the real data
// set): loading, names, short names and aliases, the chain of parents, look-ups.
#include "services/ingest/places/gazetteer.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {

using ::testing::HasSubstr;

std::string MiniDir() { return std::string(KG_SOURCE_DIR) + "/tests/data/gazetteer-mini"; }

const Gazetteer& Mini() {
  static const Gazetteer* g = [] {
    auto loaded = Gazetteer::Load(MiniDir());
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? loaded->release() : nullptr;
  }();
  return *g;
}

Gazetteer::Index Code(uint64_t code) { return Mini().FindCode(code); }

std::string Name(Gazetteer::Index d) { return Mini().NameUtf8(d); }
std::string Short(Gazetteer::Index d) { return ToUtf8(Mini().short_name(d)); }

// The names of the divisions `name` can mean, with the kind of name used.
std::set<std::string> Meanings(const std::string& name) {
  std::set<std::string> out;
  for (const auto& m : Mini().Lookup(ToU32(name))) {
    const char* kind = m.kind == NameKind::kFull    ? "full"
                       : m.kind == NameKind::kAlias ? "alias"
                                                    : "short";
    out.insert(Name(m.division) + "/" + kind);
  }
  return out;
}

TEST(GazetteerTest, LoadsEveryLevel) {
  ASSERT_NE(&Mini(), nullptr);
  EXPECT_EQ(Mini().level(Code(31)), Level::kProvince);
  EXPECT_EQ(Mini().level(Code(5308)), Level::kPrefecture);
  EXPECT_EQ(Mini().level(Code(310116)), Level::kCounty);
  EXPECT_EQ(Mini().level(Code(310116102)), Level::kTownship);
  EXPECT_EQ(Mini().level(Code(310116112216)), Level::kVillage);
  EXPECT_EQ(Mini().CodeString(Code(310116102)), "310116102");
  EXPECT_EQ(Mini().FindCode(999999), Gazetteer::kNone);
}

TEST(GazetteerTest, PseudoPrefecturesAreSkipped) {
  // 市辖区 (3101) is no division: 金山区 hangs under 上海市.
  EXPECT_EQ(Code(3101), Gazetteer::kNone);
  EXPECT_EQ(Mini().parent(Code(310116)), Code(31));
  EXPECT_EQ(Mini().AncestorAt(Code(310116), Level::kPrefecture), Gazetteer::kNone);
  EXPECT_EQ(Mini().AncestorAt(Code(330482103), Level::kPrefecture), Code(3304));
}

TEST(GazetteerTest, SubtypesFollowTheNames) {
  EXPECT_EQ(Mini().subtype(Code(31)), "province");
  EXPECT_EQ(Mini().subtype(Code(5308)), "city");
  EXPECT_EQ(Mini().subtype(Code(310116)), "district");
  EXPECT_EQ(Mini().subtype(Code(330421)), "county");
  EXPECT_EQ(Mini().subtype(Code(330482)), "city");  // 平湖市, a county-level city
  EXPECT_EQ(Mini().subtype(Code(310116102)), "town");
  EXPECT_EQ(Mini().subtype(Code(310116001)), "street");
  EXPECT_EQ(Mini().subtype(Code(310116503)), "zone");  // …高新技术产业开发区
  EXPECT_EQ(Mini().subtype(Code(310116112216)), "village");
}

TEST(GazetteerTest, ShortNamesDropSuffixesAndPeoples) {
  EXPECT_EQ(Short(Code(31)), "上海");
  EXPECT_EQ(Short(Code(15)), "内蒙古");
  EXPECT_EQ(Short(Code(5308)), "普洱");
  EXPECT_EQ(Short(Code(310116)), "金山");
  EXPECT_EQ(Short(Code(310115)), "浦东");  // 浦东新区
  EXPECT_EQ(Short(Code(530823)), "景东");  // 景东彝族自治县
  EXPECT_EQ(Short(Code(530825)), "镇沅");  // 镇沅彝族哈尼族拉祜族自治县
  EXPECT_EQ(Short(Code(310116102)), "枫泾");
  EXPECT_EQ(Short(Code(310116001)), "石化");  // 石化街道
  EXPECT_EQ(Short(Code(110105)), "朝阳");
}

TEST(GazetteerTest, VillageCommitteesBecomeVillages) {
  EXPECT_EQ(Name(Code(310116112216)), "水库村");  // 水库村村委会
  EXPECT_EQ(Short(Code(310116112216)), "水库");
  EXPECT_EQ(Name(Code(310116102214)), "新义村");
}

TEST(GazetteerTest, AutonomousCountiesHaveAPlainAlias) {
  EXPECT_EQ(ToUtf8(Mini().alias(Code(530825))), "镇沅县");
  EXPECT_THAT(Meanings("镇沅县"), ::testing::ElementsAre("镇沅彝族哈尼族拉祜族自治县/alias"));
  EXPECT_TRUE(Mini().alias(Code(310116)).empty());
}

TEST(GazetteerTest, LookupFindsEveryMeaning) {
  EXPECT_THAT(Meanings("枫泾"), ::testing::ElementsAre("枫泾镇/short"));
  EXPECT_THAT(Meanings("枫泾镇"), ::testing::ElementsAre("枫泾镇/full"));
  // Two 新仓镇: Pinghu's and Anhui's; two 水库村.
  EXPECT_EQ(Mini().Lookup(ToU32("新仓镇")).size(), 2u);
  EXPECT_EQ(Mini().Lookup(ToU32("水库")).size(), 2u);
  EXPECT_TRUE(Mini().Lookup(ToU32("全市")).empty());
}

TEST(GazetteerTest, ContainmentFollowsParents) {
  EXPECT_TRUE(Mini().IsWithin(Code(310116102214), Code(310116)));
  EXPECT_TRUE(Mini().IsWithin(Code(310116102214), Code(31)));
  EXPECT_TRUE(Mini().IsWithin(Code(31), Code(31)));
  EXPECT_FALSE(Mini().IsWithin(Code(310116), Code(310116102)));
  EXPECT_FALSE(Mini().IsWithin(Code(330482102), Code(31)));
}

TEST(GazetteerTest, MissingDirectoryIsNotFound) {
  auto loaded = Gazetteer::Load(MiniDir() + "/no-such-dir");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(loaded.status().message()), HasSubstr("provinces.csv"));
}

}  // namespace
}  // namespace kg::ingest::places
