// PlaceRecognizer on the tiny fixture tests/data/gazetteer-mini: region-aware resolution
// (a district report's 枫泾 is its 枫泾镇; 新仓镇 is the one in the 平湖市 the text names),
// villages only at home and in lists, genre stop words, clean edges for names far from
// the report's region, roads, rivers, ports and zones by form, curated regions, and
// what is left without a gazetteer.
#include "services/ingest/places/place_recognizer.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

const Gazetteer* Mini() {
  static const Gazetteer* g = [] {
    auto loaded = Gazetteer::Load(std::string(KG_SOURCE_DIR) + "/tests/data/gazetteer-mini");
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? loaded->release() : nullptr;
  }();
  return g;
}

constexpr uint64_t kJinshan = 310116;

// surface -> "name|subtype|key" for every mention of `text` in a report of `region`.
std::multimap<std::string, std::string> Found(const std::string& text, uint64_t region,
                                              const Gazetteer* g = Mini()) {
  PlaceRecognizer recognizer(g);
  std::u32string t = ToU32(text);
  Gazetteer::Index r = region == 0 || g == nullptr ? Gazetteer::kNone : g->FindCode(region);
  RecognizedPlaces found = recognizer.Recognize(t, r);
  std::multimap<std::string, std::string> out;
  for (const PlaceMention& m : found.mentions) {
    const Place& p = found.places[m.place];
    out.emplace(ToUtf8(std::u32string_view(t).substr(m.begin, m.end - m.begin)),
                p.name + "|" + p.subtype + "|" + p.key);
  }
  return out;
}

std::vector<std::string> Surfaces(const std::string& text, uint64_t region) {
  std::vector<std::string> out;
  for (const auto& [surface, place] : Found(text, region)) out.push_back(surface);
  return out;
}

TEST(PlaceRecognizerTest, ResolvesTheReportsRegion) {
  PlaceRecognizer recognizer(Mini());
  EXPECT_EQ(recognizer.ResolveRegion(U"金山区", U""), Mini()->FindCode(kJinshan));
  EXPECT_EQ(recognizer.ResolveRegion(U"上海市金山区", U""), Mini()->FindCode(kJinshan));
  EXPECT_EQ(recognizer.ResolveRegion(U"呼伦贝尔市海拉尔区", U""), Mini()->FindCode(150702));
  EXPECT_EQ(recognizer.ResolveRegion(U"保定市", U""), Mini()->FindCode(1306));
  EXPECT_EQ(recognizer.ResolveRegion(U"全国", U""), Gazetteer::kNone);
  EXPECT_EQ(recognizer.ResolveRegion(U"某某县", U""), Gazetteer::kNone);
}

TEST(PlaceRecognizerTest, ShortTownNamesLandInTheReportsDistrict) {
  EXPECT_THAT(Found("临港产业落户枫泾，法治山阳扎实推广。", kJinshan),
              UnorderedElementsAre(Pair("枫泾", "枫泾镇|town|310116102"),
                                   Pair("山阳", "山阳镇|town|310116113")));
  // A town of a neighbouring district of the same city counts where it stands clear.
  EXPECT_THAT(Found("枫泾—新浜城镇圈", kJinshan), Contains(Pair("新浜", "新浜镇|town|310117117")));
  // In a national report a bare town name is nothing.
  EXPECT_THAT(Found("落户枫泾。", 0), IsEmpty());
}

TEST(PlaceRecognizerTest, AmbiguousNamesFollowTheDivisionsTheTextNames) {
  // Two 新仓镇 (Zhejiang's 平湖市, Anhui's 太湖县): the text names 平湖市.
  EXPECT_THAT(Found("是指金山区张堰镇和平湖市新仓镇、广陈镇。", kJinshan),
              UnorderedElementsAre(
                  Pair("金山区", "金山区|district|310116"), Pair("张堰镇", "张堰镇|town|310116103"),
                  Pair("平湖市", "平湖市|city|330482"), Pair("新仓镇", "新仓镇|town|330482103"),
                  Pair("广陈镇", "广陈镇|town|330482106")));
  // Without it, neither can be told.
  EXPECT_THAT(Surfaces("新仓镇建设。", kJinshan), IsEmpty());
  // And a town short name of the named county counts too.
  EXPECT_THAT(Found("平湖市、新埭：", kJinshan), Contains(Pair("新埭", "新埭镇|town|330482102")));
}

TEST(PlaceRecognizerTest, VillagesOnlyAtHome) {
  // 水库村 is in Jinshan and in Hubei: a Jinshan report means its own.
  EXPECT_THAT(Found("水库村通过市级复核。", kJinshan),
              ElementsAre(Pair("水库村", "水库村|village|310116112216")));
  EXPECT_THAT(Found("水库村通过市级复核。", 0), IsEmpty());
  EXPECT_THAT(Found("水库村通过市级复核。", 1306), IsEmpty());
}

TEST(PlaceRecognizerTest, BareVillageNamesOnlyInAListOfVillages) {
  EXPECT_THAT(Found("新义、待泾、山塘村特色化建设稳步推进。", kJinshan),
              UnorderedElementsAre(Pair("新义", "新义村|village|310116102214"),
                                   Pair("待泾", "待泾村|village|310116101205"),
                                   Pair("山塘村", "山塘村|village|310116107211")));
  EXPECT_THAT(Surfaces("推进新义产业发展。", kJinshan), IsEmpty());
}

TEST(PlaceRecognizerTest, GenreWordsAreNeverPlaces) {
  EXPECT_THAT(Surfaces("全市全区中美贸易摩擦，国家和市委、区委要求，上交所科创板。", kJinshan),
              IsEmpty());
}

TEST(PlaceRecognizerTest, CountiesFarAwayNeedCleanEdges) {
  // 普洱市 named: its counties count however they are written.
  EXPECT_THAT(Surfaces("普洱市镇沅县脱贫。助推景东、墨江两县脱贫出列。", kJinshan),
              UnorderedElementsAre("普洱市", "镇沅县", "景东", "墨江"));
  // Not named: only where the name stands clear of other words.
  EXPECT_THAT(Surfaces("助推景东、墨江两县脱贫出列。", kJinshan), UnorderedElementsAre("墨江"));
  EXPECT_THAT(Surfaces("推广景东茶。", kJinshan), IsEmpty());
  // Quotes do not make an edge clean: a quoted name is a slogan.
  EXPECT_THAT(Surfaces("“景东”品牌", kJinshan), IsEmpty());
}

TEST(PlaceRecognizerTest, FullNamesNeedTheirSuffixToEndTheWord) {
  EXPECT_THAT(Found("上海市民满意。", kJinshan), ElementsAre(Pair("上海", "上海市|province|31")));
}

TEST(PlaceRecognizerTest, RoadsRiversAndPortsByForm) {
  auto found = Found(
      "推进叶新公路、兴豪路建设，加快G228公路及张泾河南延伸整治工程，推进平申线航道整治，"
      "金廊公路跨大泖港主桥合龙，拓展发展思路，完善道路网络。",
      kJinshan);
  EXPECT_THAT(found, Contains(Pair("叶新公路", "叶新公路|road|road/叶新公路")));
  EXPECT_THAT(found, Contains(Pair("兴豪路", "兴豪路|road|road/兴豪路")));
  EXPECT_THAT(found, Contains(Pair("G228公路", "G228|road|road/G228")));
  EXPECT_THAT(found, Contains(Pair("张泾河", "张泾河|river|river/张泾河")));
  EXPECT_THAT(found, Contains(Pair("平申线航道", "平申线航道|river|river/平申线航道")));
  EXPECT_THAT(found, Contains(Pair("大泖港", "大泖港|river|river/大泖港")));
  EXPECT_THAT(found, Not(Contains(Pair("思路", ::testing::_))));
  EXPECT_THAT(found, Not(Contains(Pair("道路", ::testing::_))));
  EXPECT_THAT(Found("加快上海港集装箱码头建设。", kJinshan),
              Contains(Pair("上海港", "上海港|port|port/上海港")));
}

TEST(PlaceRecognizerTest, ZonesStartAtAPlaceOrCarryAStrongSuffix) {
  auto found = Found("成功组建金山工业区平台，对接上海自贸区临港新片区。", kJinshan);
  EXPECT_THAT(found, Contains(Pair("金山工业区", "金山工业区|zone|zone/金山工业区")));
  EXPECT_THAT(found, Contains(Pair("临港新片区", "临港新片区|zone|zone/临港新片区")));
  // The district opening the zone's name is mentioned there too.
  EXPECT_THAT(found, Contains(Pair("金山", "金山区|district|310116")));
  // Generic phrases are no zones.
  EXPECT_THAT(Surfaces("支持国家级开发区和每个工业园区发展。", kJinshan), IsEmpty());
}

TEST(PlaceRecognizerTest, CuratedRegions) {
  EXPECT_THAT(
      Found("推动长三角一体化和京津冀协同发展，对接粤港澳大湾区。", kJinshan),
      UnorderedElementsAre(Pair("长三角", "长三角|region|region/长三角"),
                           Pair("京津冀", "京津冀|region|region/京津冀"),
                           Pair("粤港澳大湾区", "粤港澳大湾区|region|region/粤港澳大湾区")));
}

TEST(PlaceRecognizerTest, WithoutAGazetteerOnlyCuratedPlacesAndForms) {
  EXPECT_THAT(Found("落户枫泾，融入长三角，推进叶新公路建设。", 0, nullptr),
              UnorderedElementsAre(Pair("长三角", "长三角|region|region/长三角"),
                                   Pair("叶新公路", "叶新公路|road|road/叶新公路")));
}

}  // namespace
}  // namespace kg::ingest::places
