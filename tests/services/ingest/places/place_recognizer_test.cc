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

TEST(PlaceRecognizerTest, NumberedRingAndShortNamedRoads) {
  auto found = Found(
      "谋划启动107国道改线，打造北三环绿道，东二环快速路力争开工，京雄高速、荣乌新线和"
      "京唐城际（R1线）如期通车，雄忻高铁加快建设，投资的海—宝农村公路通车。",
      0, nullptr);
  EXPECT_THAT(found, Contains(Pair("107国道", "G107|road|road/G107")));
  EXPECT_THAT(found, Contains(Pair("北三环", "北三环|road|road/北三环")));
  EXPECT_THAT(found, Contains(Pair("东二环快速路", "东二环|road|road/东二环")));
  EXPECT_THAT(found, Contains(Pair("京雄高速", "京雄高速|road|road/京雄高速")));
  EXPECT_THAT(found, Contains(Pair("荣乌新线", "荣乌新线|road|road/荣乌新线")));
  EXPECT_THAT(found, Contains(Pair("京唐城际", "京唐城际|road|road/京唐城际")));
  EXPECT_THAT(found, Contains(Pair("雄忻高铁", "雄忻高铁|road|road/雄忻高铁")));
  EXPECT_THAT(found, Contains(Pair("海—宝农村公路", "海—宝农村公路|road|road/海—宝农村公路")));
  // Ordinary phrases with the same words are no roads.
  EXPECT_THAT(Surfaces("经济保持中高速增长，实现高速发展，一环扣一环抓落实，提高站位。", 0),
              IsEmpty());
}

TEST(PlaceRecognizerTest, StationsAirportsAndParksNamedAfterPlaces) {
  auto found = Found("推进金山南站和上海航空港建设，发挥枫泾园、金山工业区作用。", kJinshan);
  EXPECT_THAT(found, Contains(Pair("金山南站", "金山南站|station|station/金山南站")));
  EXPECT_THAT(found, Contains(Pair("上海航空港", "上海航空港|port|port/上海航空港")));
  EXPECT_THAT(found, Contains(Pair("枫泾园", "枫泾园|zone|zone/枫泾园")));
  // A curated zone's branch named after a place is a zone of its own.
  EXPECT_THAT(Found("对接北京，建设金山中关村。", kJinshan),
              Contains(Pair("金山中关村", "金山中关村|zone|zone/金山中关村")));
}

TEST(PlaceRecognizerTest, MoreZoneForms) {
  auto found = Found(
      "全面推进西山自然保护区勘界，尽快启动海北物流功能区建设，"
      "整体推进西大街历史文化街区开街，落实主体功能区制度。",
      0, nullptr);
  EXPECT_THAT(found, Contains(Pair("西山自然保护区", "西山自然保护区|zone|zone/西山自然保护区")));
  EXPECT_THAT(found, Contains(Pair("海北物流功能区", "海北物流功能区|zone|zone/海北物流功能区")));
  EXPECT_THAT(found, Contains(Pair("西大街历史文化街区",
                                   "西大街历史文化街区|zone|zone/西大街历史文化街区")));
  EXPECT_THAT(found, Not(Contains(Pair("主体功能区", ::testing::_))));
}

TEST(PlaceRecognizerTest, AZonesOwnNameElsewhereIsTheZone) {
  auto found = Found(
      "主动对接临港新片区。成功组建上海临港金山平台，临港枫泾合作深化，"
      "临港产业之外。",
      kJinshan);
  EXPECT_EQ(found.count("临港"), 2u);
  EXPECT_THAT(found, Contains(Pair("临港", "临港新片区|zone|zone/临港新片区")));
}

TEST(PlaceRecognizerTest, PartsOfProvinces) {
  auto found =
      Found("以雄安新区带动冀中南发展，推动苏北、皖北地区振兴，经济复苏北上。", 0, nullptr);
  EXPECT_THAT(found, Contains(Pair("冀中南", "冀中南|region|region/冀中南")));
  EXPECT_THAT(found, Contains(Pair("苏北", "苏北|region|region/苏北")));
  EXPECT_THAT(found, Contains(Pair("皖北", "皖北|region|region/皖北")));
  EXPECT_EQ(found.count("苏北"), 1u);
}

TEST(PlaceRecognizerTest, BridgesTunnelsReservoirsLinesAndCrossings) {
  auto found = Found(
      "建成杭州湾大桥，开工秦岭隧道，加固官厅水库和病险水库，轨道交通22号线通车，"
      "金山公路口岸扩能，金山火车站改造。",
      kJinshan);
  EXPECT_THAT(found, Contains(Pair("杭州湾大桥", "杭州湾大桥|road|road/杭州湾大桥")));
  EXPECT_THAT(found, Contains(Pair("秦岭隧道", "秦岭隧道|road|road/秦岭隧道")));
  EXPECT_THAT(found, Contains(Pair("官厅水库", "官厅水库|river|river/官厅水库")));
  EXPECT_THAT(found, Contains(Pair("轨道交通22号线", "轨道交通22号线|road|road/轨道交通22号线")));
  EXPECT_THAT(found, Contains(Pair("金山公路口岸", "金山公路口岸|port|port/金山公路口岸")));
  EXPECT_THAT(found, Contains(Pair("金山火车站", "金山火车站|station|station/金山火车站")));
  EXPECT_THAT(found, Not(Contains(Pair("病险水库", ::testing::_))));
  auto lakes =
      Found("治理千岛湖，保护洞庭湖和西溪湖，落实河湖长制，推进江河湖泊保护。", 0, nullptr);
  EXPECT_THAT(lakes, Contains(Pair("千岛湖", "千岛湖|river|river/千岛湖")));
  EXPECT_THAT(lakes, Contains(Pair("西溪湖", "西溪湖|river|river/西溪湖")));
  EXPECT_THAT(lakes, Not(Contains(Pair("河湖", ::testing::_))));
}

TEST(PlaceRecognizerTest, NewFormsLeaveOrdinaryPhrasesAlone) {
  EXPECT_THAT(Surfaces("坚持稳中求进，推动经济由高速增长阶段转向高质量发展阶段，提高站位，"
                       "经济复苏北移，落实主体功能区战略，加强病险水库除险加固，"
                       "建设幼儿园和花园，推进城际铁路建设，开展新线路试点，环环相扣，"
                       "提升服务站点覆盖率，培育一批产业基地和特色小镇。",
                       kJinshan),
              IsEmpty());
}

TEST(PlaceRecognizerTest, GatesAndCulturalNamesAreNotDivisions) {
  EXPECT_THAT(Surfaces("推动与广安门医院合作，弘扬燕赵文化。", kJinshan), IsEmpty());
}

}  // namespace
}  // namespace kg::ingest::places
