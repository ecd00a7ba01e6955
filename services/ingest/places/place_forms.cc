// Roads, rivers, ports and zones by form; see place_forms.h.
#include "services/ingest/places/place_forms.h"

#include <algorithm>
#include <iterator>

#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {

using Text = std::u32string_view;

bool In(char32_t c, Text set) { return set.find(c) != Text::npos; }

struct ZoneSuffix {
  Text text;
  bool strong;  // a name without an anchor may carry it (南沙新片区)
};

// Longest first where one ends another.
constexpr ZoneSuffix kZoneSuffixes[] = {
    {U"高新技术产业开发区", true},
    {U"经济技术开发区", true},
    {U"高新技术产业园区", true},
    {U"自由贸易试验区", true},
    {U"综合保税区", true},
    {U"自贸试验区", true},
    {U"历史文化街区", true},
    {U"自然保护区", true},
    {U"风景名胜区", false},
    {U"新片区", true},
    {U"开发区", true},
    {U"工业区", true},
    {U"高新区", true},
    {U"经开区", true},
    {U"保税区", true},
    {U"自贸区", true},
    {U"度假区", true},
    {U"科创中心", true},
    {U"科学城", true},
    {U"科技城", true},
    {U"功能区", true},
    {U"湿地公园", false},
    {U"森林公园", false},
    {U"郊野公园", false},
    {U"大学城", false},
    {U"物流园", false},
    {U"工业园区", false},
    {U"产业园区", false},
    {U"科技园区", false},
    {U"物流园区", false},
    {U"园区", false},
    {U"产业园", false},
    {U"科技园", false},
    {U"工业园", false},
    {U"示范区", false},
    {U"试验区", false},
    {U"合作区", false},
    {U"旅游区", false},
    {U"风景区", false},
    {U"商务区", false},
    {U"新城", false},
    {U"组团", false},
    {U"古镇", false},
    {U"街区", false},
    {U"景区", false},
    {U"小镇", false},
    {U"片区", false},
    {U"基地", false},
    {U"工区", false},
    {U"新区", false},
};

// The characters at which a form may be found: what Find tests for, and the first
// characters of the zone suffixes. One bit per character of the Basic Multilingual
// Plane (8 KB), so that the scan passes over all others with one look.
constexpr Text kFormTriggers = U"GS路大航河江港码机环国省高城新站园隧水号口湖";
// One-character names of provinces that open a part of one (冀中南, 苏北, 陕南): the
// ambiguous ones (京, 新, 宁, 青, 中) are left out.
constexpr Text kProvinceAbbreviations = U"冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕甘陇渝沪津";
// Two directions that name a part together (冀|中南, 浙|西南).
constexpr Text kDirectionPairs[] = {U"东北", U"东南", U"西北", U"西南", U"中南"};
// Chinese numerals of ring roads (北三环, 二环路).
constexpr Text kRingNumerals = U"一二三四五六七八";
// Dashes that join two places' one-character names in a road's name (海—宝公路).
constexpr Text kLinkDashes = U"—－-―";
// Characters after 湖 that make another word or a division (湖泊, 湖区, 湖北, 湖州 ...).
constexpr Text kNotLakeNext = U"泊区北南州畔边面水岸长库滨心塘荡田";
// Characters after 站 that make another word (站位, 站稳, 站长 ...).
constexpr Text kNotStationNext = U"位稳起在住立岗队长点";

class Triggers {
 public:
  Triggers() {
    for (char32_t c : kFormTriggers) Set(c);
    for (char32_t c : kProvinceAbbreviations) Set(c);
    for (const ZoneSuffix& z : kZoneSuffixes) Set(z.text[0]);
  }
  // The first characters of `suffixes` alone.
  template <size_t N>
  explicit Triggers(const ZoneSuffix (&suffixes)[N]) {
    for (const ZoneSuffix& z : suffixes) Set(z.text[0]);
  }
  bool Test(char32_t c) const { return c < 0x10000 && ((bits_[c >> 6] >> (c & 63)) & 1); }

 private:
  void Set(char32_t c) { bits_[c >> 6] |= 1ULL << (c & 63); }
  uint64_t bits_[0x10000 / 64] = {};
};

// What follows a zone's name when it is part of an organisation's name.
constexpr Text kOrganisationTails[] = {U"公司",   U"集团",       U"有限", U"股份", U"合资",
                                       U"管委会", U"管理委员会", U"投资", U"控股"};

// Characters that end a word with 路 rather than a road's name (思路, 道路, 出路 ...).
constexpr Text kNotRoadLast =
    U"道思出马铁公水陆网线电门套活后前来归进去退弯闯修带让开引领探走上半丝新老小大一之的条两其此这"
    U"那生心末歧正邪迷财销岔不无同赛家班";
// Characters after 路 that make another word (路径, 路线, 路网 ...).
constexpr Text kNotRoadNext = U"径线网面灯桩口段长况演基由子费条上边标牌名权途人过数程";
constexpr Text kDirections = U"东西南北中";
// Characters that end a word with 河 / 江 rather than a river's name.
constexpr Text kNotRiverLast = U"山江运内界小大银星冰天长黄母拔渡过跨沿临滨沙清浊护河湖巡";
// Characters after 河 that make another word (河道, 河长, 河湖 ...).
constexpr Text kNotRiverNextHe = U"道长湖流网段口岸水床堤塘沿边滩谷池间源北东西津曲套";
// Characters after 江 that make another word or a division (江苏, 江西, 江门 ...).
constexpr Text kNotRiverNextJiang =
    U"苏西南北山湖河海淮东城边畔岸水段面口村镇区县市景流门阴都宁夏源陵油津汉安";
// Characters after 港 that make another word (港口, 港区 is handled, 港澳, 港股 ...).
constexpr Text kNotPortNext = U"口澳股资城务湾人台元币商企航铁产群";
constexpr Text kNotPortLast = U"香海空深商军良内外出入离抵在回赴来进建贸自河江湖避港枢临治";
// Words near a 港 that make it a port rather than a waterway.
constexpr Text kPortContext[] = {U"码头", U"港口", U"集装箱", U"吞吐", U"泊位",
                                 U"货运", U"航运", U"港区",   U"邮轮", U"口岸"};

class FormFinder {
 public:
  FormFinder(Text text, const std::vector<Anchor>& anchors, const Lexicon& lex)
      : text_(text), anchors_(anchors), lex_(lex) {}

  std::vector<FormMatch> Find() {
    // Most characters trigger nothing; each test looks at the character first (the word
    // compares behind them ran at every position and made up most of the time).
    static const Triggers* triggers = new Triggers();
    for (size_t i = 0; i < text_.size(); ++i) {
      char32_t c = text_[i];
      if (!triggers->Test(c)) continue;
      if (c == U'G' || c == U'S') NumberedRoad(i);
      if (c == U'路') Road(i);
      if (c == U'大' && i + 1 < text_.size() && (Is(i, U"大道") || Is(i, U"大街"))) {
        NamedRoad(i, i + 2, 3, 2);
      }
      if (c == U'航' && Is(i, U"航道")) Waterway(i);
      if (c == U'河' || c == U'江') River(i);
      if (c == U'港') Port(i);
      if ((c == U'码' && Is(i, U"码头")) || (c == U'机' && Is(i, U"机场"))) NamedPort(i, i + 2);
      if (c == U'航' && Is(i, U"航空港")) NamedPort(i, i + 3);
      if (c == U'环') Ring(i);
      if ((c == U'国' || c == U'省') && Is(i + 1, U"道")) NumberedHighway(i);
      if ((c == U'高' && (Is(i, U"高速") || Is(i, U"高铁"))) || (c == U'城' && Is(i, U"城际"))) {
        ShortLine(i, 4);
      }
      if (c == U'新' && Is(i, U"新线")) ShortLine(i, 2);
      if (c == U'站') Station(i);
      if (c == U'大' && Is(i, U"大桥")) NamedWork(i, 2, "road");
      if (c == U'隧' && Is(i, U"隧道")) NamedWork(i, 2, "road");
      if (c == U'水' && Is(i, U"水库")) NamedWork(i, 2, "river");
      if (c == U'号' && Is(i, U"号线")) MetroLine(i);
      if (c == U'湖') Lake(i);
      if (c == U'口' && Is(i, U"口岸")) Crossing(i);
      if (c == U'园') NamedGarden(i);
      if (In(c, kProvinceAbbreviations)) ProvincePart(i);
      Zone(i);
    }
    return std::move(out_);
  }

 private:
  bool Is(size_t at, Text word) const {
    return at + word.size() <= text_.size() && text_.substr(at, word.size()) == word;
  }
  bool Han(size_t at) const { return at < text_.size() && IsHanChar(text_[at]); }

  // A word of `lex_` ends at `at` (verb or stop word): the name starts there.
  bool BoundaryWordEndsAt(size_t at) const {
    for (size_t len = 2; len <= 3 && len <= at; ++len) {
      Text w = text_.substr(at - len, len);
      if (lex_.IsVerb(w) || lex_.IsStop(w)) return true;
    }
    return false;
  }

  bool ZoneSuffixEndsAt(size_t at) const {
    for (const ZoneSuffix& z : kZoneSuffixes) {
      if (at >= z.text.size() && text_.substr(at - z.text.size(), z.text.size()) == z.text) {
        return true;
      }
    }
    return false;
  }

  // The leftmost start of a name ending at `s`, at most `max` characters long. It
  // never starts inside a place found before (广西防城港 is not 西防城港).
  size_t LeftEdge(size_t s, size_t max) const {
    size_t k = s;
    while (k > 0 && s - k < max) {
      char32_t c = text_[k - 1];
      if (!IsHanChar(c) || lex_.IsParticle(c)) break;
      if (k < s && (BoundaryWordEndsAt(k) || ZoneSuffixEndsAt(k))) break;
      if (k == s && BoundaryWordEndsAt(k)) break;
      --k;
    }
    if (const Anchor* a = AnchorCovering(k); a != nullptr && a->begin < k) k = a->end;
    return std::min(k, s);
  }

  // True if [begin, end) is exactly a place found before: no new name.
  bool IsAnchor(size_t begin, size_t end) const {
    const Anchor* a = AnchorStartingAt(begin);
    return a != nullptr && a->end == end;
  }

  // Drops generic words from the front of [k, s): 农村|公路, 国家级|开发区.
  size_t SkipGeneric(size_t k, size_t s) const {
    for (bool changed = true; changed && k < s;) {
      changed = false;
      for (size_t len = std::min(lex_.max_generic_length(), s - k); len >= 2; --len) {
        if (lex_.IsGeneric(text_.substr(k, len))) {
          k += len;
          changed = true;
          break;
        }
      }
    }
    return k;
  }

  // A usable name part [k, s): at least two characters, not a verb, stop or common word.
  bool GoodName(size_t k, size_t s) const {
    if (s < k + 2) return false;
    Text x = text_.substr(k, s - k);
    return !lex_.IsVerb(x) && !lex_.IsStop(x) && !lex_.IsGeneric(x);
  }

  // The anchor holding position `at`, if any.
  const Anchor* AnchorCovering(size_t at) const {
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), at,
                               [](size_t p, const Anchor& a) { return p < a.begin; });
    if (it == anchors_.begin()) return nullptr;
    --it;
    return at < it->end ? &*it : nullptr;
  }

  // Anchors do not overlap, so sorted by begin they are sorted by end too.
  const Anchor* AnchorEndingAt(size_t at) const {
    auto it = std::lower_bound(anchors_.begin(), anchors_.end(), at,
                               [](const Anchor& a, size_t p) { return a.end < p; });
    return it != anchors_.end() && it->end == at ? &*it : nullptr;
  }
  const Anchor* AnchorStartingAt(size_t at) const {
    auto it = std::lower_bound(anchors_.begin(), anchors_.end(), at,
                               [](const Anchor& a, size_t p) { return a.begin < p; });
    return it != anchors_.end() && it->begin == at ? &*it : nullptr;
  }

  bool Emit(size_t begin, size_t end, const char* subtype, std::u32string name = {}) {
    if (IsAnchor(begin, end)) return false;
    if (name.empty()) name = std::u32string(text_.substr(begin, end - begin));
    out_.push_back(
        {static_cast<uint32_t>(begin), static_cast<uint32_t>(end), subtype, std::move(name)});
    return true;
  }

  // G60, S32, "G320国道": national and provincial road numbers.
  void NumberedRoad(size_t i) {
    if (i > 0 && (IsAsciiDigitChar(text_[i - 1]) || IsAsciiLetterChar(text_[i - 1]))) return;
    size_t j = i + 1;
    while (j < text_.size() && IsAsciiDigitChar(text_[j]) && j - i <= 4) ++j;
    size_t digits = j - i - 1;
    if (digits == 0 || digits > 4) return;
    if (j < text_.size() && (IsAsciiDigitChar(text_[j]) || IsAsciiLetterChar(text_[j]))) return;
    if (Is(j, U"峰会") || Is(j, U"国家") || Is(j, U"成员")) return;  // the G20
    std::u32string name(text_.substr(i, j - i));
    size_t end = j;
    for (Text tail :
         {Text(U"公路"), Text(U"国道"), Text(U"省道"), Text(U"高速公路"), Text(U"高速")}) {
      if (Is(j, tail)) {
        end = j + tail.size();
        break;
      }
    }
    Emit(i, end, "road", std::move(name));
  }

  // …路, …公路, …铁路, …快速路 at `i` (the 路).
  void Road(size_t i) {
    if (i < 2) return;
    size_t s = i;
    size_t max = 2;
    bool bare = true;
    if (text_[i - 1] == U'公' || text_[i - 1] == U'铁') {
      s = i - 1, max = 3, bare = false;
      if (i >= 3 && text_.substr(i - 3, 2) == U"高速") s = i - 3;
    } else if (i >= 2 && text_.substr(i - 2, 2) == U"快速") {
      s = i - 2, max = 3, bare = false;
    }
    if (s > 0 && IsAsciiDigitChar(text_[s - 1])) return;  // G320公路: NumberedRoad's
    if (bare) {
      if (i + 1 < text_.size() && In(text_[i + 1], kNotRoadNext)) return;
      if (In(text_[i - 1], kNotRoadLast)) return;
      if (In(text_[i - 1], kDirections)) max = 3;
    }
    NamedRoad(s, i + 1, max, bare ? (max == 3 ? 3 : 2) : 2);
  }

  // A road name [k, s) + suffix [s, end): at most `max` characters, else the last
  // `fallback` ones (an unknown verb may stand before the name).
  void NamedRoad(size_t s, size_t end, size_t max, size_t fallback) {
    if (RingAt(s) != s) return;  // 东二环快速路: Ring's
    // 海—宝农村公路: a road between two places named by a character or two each.
    if (size_t linked = LinkedRoadStart(s); linked < s) {
      Emit(linked, end, "road");
      return;
    }
    size_t k = LeftEdge(s, max + 2);
    if (s - k > max) k = s - fallback;
    k = SkipGeneric(k, s);
    if (!GoodName(k, s)) return;
    Emit(k, end, "road");
  }

  // The start of "X—Y" + generic words ending at `s` (海—宝|农村|), or `s` if none.
  size_t LinkedRoadStart(size_t s) const {
    size_t g = s;
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t len = 3; len >= 2; --len) {
        if (g >= len && (lex_.IsGeneric(text_.substr(g - len, len)) ||
                         lex_.IsStop(text_.substr(g - len, len)))) {
          g -= len;
          changed = true;
          break;
        }
      }
    }
    for (size_t second = 1; second <= 2 && g >= second + 2; ++second) {
      size_t dash = g - second - 1;
      if (!In(text_[dash], kLinkDashes)) continue;
      bool han = true;
      for (size_t p = dash + 1; p < g; ++p) han = han && Han(p);
      if (!han) break;
      size_t start = LinkedStart(dash + 1);
      if (start <= dash) return start;
    }
    return s;
  }

  // Where "X—" ends right before `k` (X one or two characters that stand clear on the
  // left), the start of X; else `k`.
  size_t LinkedStart(size_t k) const {
    if (k < 2 || !In(text_[k - 1], kLinkDashes) || !Han(k)) return k;
    for (size_t len = 1; len <= 2 && len + 1 <= k; ++len) {
      size_t b = k - 1 - len;
      if (!Han(b)) return k;
      if (ClearLeft(b)) return b;
    }
    return k;
  }

  // Nothing of a name can stand before `at`: the text's start, punctuation, a particle,
  // a genre verb or stop word, or the end of a place found before.
  bool ClearLeft(size_t at) const {
    if (at == 0 || !IsHanChar(text_[at - 1]) || lex_.IsParticle(text_[at - 1])) return true;
    return BoundaryWordEndsAt(at) || AnchorEndingAt(at) != nullptr;
  }
  // Nothing of a name goes on at `at`: the end, punctuation, a particle, 等, a genre verb.
  bool ClearRight(size_t at) const {
    if (at >= text_.size() || !IsHanChar(text_[at]) || lex_.IsParticle(text_[at])) return true;
    for (size_t len = 2; len <= 3 && at + len <= text_.size(); ++len) {
      if (lex_.IsVerb(text_.substr(at, len))) return true;
    }
    return false;
  }

  // The start of a ring road's name ending at `end` (北三环, 二环), or `end` if none.
  size_t RingAt(size_t end) const {
    if (end < 2 || text_[end - 1] != U'环' || !In(text_[end - 2], kRingNumerals)) return end;
    if (end >= 3 && In(text_[end - 3], kDirections)) return end - 3;
    return end - 2;
  }

  // 北三环, 东二环快速路, 二环路: the ring's name; a bare numeral needs a road word
  // after it (一环扣一环 is no road).
  void Ring(size_t i) {
    size_t begin = RingAt(i + 1);
    if (begin == i + 1) return;
    size_t end = i + 1;
    for (Text tail : {Text(U"快速路"), Text(U"高架"), Text(U"路"), Text(U"线")}) {
      if (Is(end, tail)) {
        end += tail.size();
        break;
      }
    }
    bool directed = i + 1 - begin == 3;
    if (!directed && end == i + 1) return;
    if (!directed && begin > 0 && Han(begin - 1) && !ClearLeft(begin)) return;  // 第二环
    Emit(begin, end, "road", std::u32string(text_.substr(begin, i + 1 - begin)));
  }

  // 107国道, 336省道: numbered roads written with the number first; named as G107, S336.
  void NumberedHighway(size_t i) {
    size_t b = i;
    while (b > 0 && IsAsciiDigitChar(text_[b - 1]) && i - b < 4) --b;
    if (b == i || i - b > 3) return;
    if (b > 0 && (IsAsciiDigitChar(text_[b - 1]) || IsAsciiLetterChar(text_[b - 1]) ||
                  text_[b - 1] == U'.' || text_[b - 1] == U'第')) {
      return;
    }
    std::u32string name(1, text_[i] == U'国' ? U'G' : U'S');
    name += text_.substr(b, i - b);
    Emit(b, i + 2, "road", std::move(name));
  }

  // 京雄高速, 雄忻高铁, 京唐城际, 荣乌新线: a road or railway named by the one-character
  // names of its ends, the suffix ending the word. `max` bounds the name.
  void ShortLine(size_t s, size_t max) {
    size_t end = s + 2;
    if (!ClearRight(end) || Is(end, U"发展")) return;
    size_t k = LeftEdge(s, max);
    if (!ClearLeft(k)) return;
    k = SkipGeneric(k, s);
    if (!GoodName(k, s) || lex_.IsCommon(text_.substr(k, s - k))) return;
    if (In(text_[s - 1], U"中快超全")) return;  // 中高速增长
    Emit(k, end, "road");
  }

  // 港珠澳大桥, 秦岭隧道, 官厅水库: a bridge, tunnel or reservoir by its name.
  void NamedWork(size_t s, size_t length, const char* subtype) {
    size_t k = LeftEdge(s, 4);
    k = SkipGeneric(k, s);
    if (!GoodName(k, s) || lex_.IsCommon(text_.substr(k, s - k))) return;
    Emit(k, s + length, subtype);
  }

  // 千岛湖, 金山湖: a lake by a name of two or three characters standing clear on the
  // left; 湖 that opens another word (湖泊, 湖区, 湖北) is no lake.
  void Lake(size_t i) {
    if (i < 2 || (i + 1 < text_.size() && In(text_[i + 1], kNotLakeNext))) return;
    if (In(text_[i - 1], U"江河湖洪泊")) return;  // 江河湖, 河湖长制
    size_t k = LeftEdge(i, 3);
    if (i - k < 2 || !ClearLeft(k)) return;
    if (!GoodName(k, i) || lex_.IsCommon(text_.substr(k, i - k))) return;
    Emit(k, i + 1, "river");
  }

  // 地铁3号线, 轨道交通22号线: a metro line by its number.
  void MetroLine(size_t i) {
    size_t b = i;
    while (b > 0 && IsAsciiDigitChar(text_[b - 1]) && i - b < 3) --b;
    if (b == i) return;
    for (Text prefix : {Text(U"轨道交通"), Text(U"地铁"), Text(U"轻轨"), Text(U"轨交")}) {
      if (b >= prefix.size() && text_.substr(b - prefix.size(), prefix.size()) == prefix) {
        Emit(b - prefix.size(), i + 2, "road");
        return;
      }
    }
  }

  // 满洲里口岸, 二连浩特公路口岸: a border crossing named after its place.
  void Crossing(size_t i) {
    size_t name_end = i;
    for (Text mode : {Text(U"公路"), Text(U"铁路"), Text(U"航空"), Text(U"陆路"), Text(U"水运")}) {
      if (i >= mode.size() && text_.substr(i - mode.size(), mode.size()) == mode) {
        name_end = i - mode.size();
        break;
      }
    }
    const Anchor* a = AnchorEndingAt(name_end);
    if (a == nullptr) return;
    Emit(a->begin, i + 2, "port");
  }

  // 保定东站, 北京南站, 保定站, 保定火车站: a railway station named after a place.
  void Station(size_t i) {
    if (i + 1 < text_.size() && In(text_[i + 1], kNotStationNext)) return;
    size_t name_end = i;
    if (i >= 2 && (text_.substr(i - 2, 2) == U"火车" || text_.substr(i - 2, 2) == U"高铁")) {
      name_end = i - 2;
    }
    if (name_end > 0 && In(text_[name_end - 1], kDirections)) --name_end;
    const Anchor* a = AnchorEndingAt(name_end);
    if (a == nullptr) return;
    Emit(a->begin, i + 1, "station");
  }

  // 深圳园: a park named after a place, standing clear (a city's park in another one).
  void NamedGarden(size_t i) {
    const Anchor* a = AnchorEndingAt(i);
    if (a == nullptr || !ClearRight(i + 1) || !ClearLeft(a->begin)) return;
    Emit(a->begin, i + 1, "zone");
  }

  // 冀中南, 浙西南, 苏北: a part of a province, by its one-character name and directions.
  void ProvincePart(size_t i) {
    if (AnchorCovering(i) != nullptr) return;  // 江苏, 陕西省
    if (!ClearLeft(i) || (i > 0 && In(text_[i - 1], kProvinceAbbreviations))) return;
    for (Text pair : kDirectionPairs) {
      if (Is(i + 1, pair)) {
        Emit(i, i + 3, "region");
        return;
      }
    }
    if (i + 1 < text_.size() && In(text_[i + 1], kDirections) && text_[i + 1] != U'中' &&
        (ClearRight(i + 2) || Is(i + 2, U"地区"))) {
      Emit(i, i + 2, "region");
    }
  }

  void Waterway(size_t s) {
    size_t k = LeftEdge(s, 4);
    k = SkipGeneric(k, s);
    if (!GoodName(k, s)) return;
    Emit(k, s + 2, "river");
  }

  void River(size_t i) {
    if (i < 2) return;
    // 浙江, 镇江, 黑龙江省: 江 inside a division's name is no river's; a division that
    // starts with it (淀浦|河南岸) does not stop one.
    if (const Anchor* a = AnchorCovering(i); a != nullptr && a->begin < i) return;
    char32_t next = i + 1 < text_.size() ? text_[i + 1] : U' ';
    bool basin = Is(i + 1, U"流域");  // 海拉尔河流域: the river's basin
    if (text_[i] == U'河' && In(next, kNotRiverNextHe) && !basin) return;
    if (text_[i] == U'江' && In(next, kNotRiverNextJiang)) return;
    if (In(text_[i - 1], kNotRiverLast)) return;
    size_t k = LeftEdge(i, 3);
    k = SkipGeneric(k, i);
    if (!GoodName(k, i)) return;
    Emit(k, i + 1, "river");
  }

  void Port(size_t i) {
    if (i < 2) return;
    bool area = Is(i + 1, U"区");
    char32_t next = i + 1 < text_.size() ? text_[i + 1] : U' ';
    if (!area && In(next, kNotPortNext)) return;
    if (In(text_[i - 1], kNotPortLast) && AnchorEndingAt(i) == nullptr) return;  // 香港, 海港
    size_t k = LeftEdge(i, 5);
    if (i - k > 3) k = i - 2;
    // A division ending in 港 (防城港) is a port only with more in front.
    if (const Anchor* a = AnchorEndingAt(i + 1); a != nullptr && a->begin <= k) return;
    k = SkipGeneric(k, i);
    if (!GoodName(k, i)) return;
    size_t end = area ? i + 2 : i + 1;
    bool port = area || AnchorEndingAt(i) != nullptr;
    if (!port) {
      size_t from = i >= 15 ? i - 15 : 0;
      Text window = text_.substr(from, std::min<size_t>(30, text_.size() - from));
      for (Text w : kPortContext) {
        if (window.find(w) != Text::npos) port = true;
      }
    }
    Emit(k, end, port ? "port" : "river");
  }

  void NamedPort(size_t s, size_t end) {
    if (Is(end, U"群")) return;  // 京津冀机场群
    size_t k = LeftEdge(s, 5);
    if (s - k > 3) {
      // 北京|大兴机场: start after a place that ends inside; else no clear name.
      size_t after = k;
      for (const Anchor& a : anchors_) {
        if (a.begin >= k && a.end < s && a.end > after) after = a.end;
      }
      if (after == k || s - after > 3) return;
      k = after;
    }
    k = SkipGeneric(k, s);
    if (!GoodName(k, s)) return;
    Emit(k, end, "port");
  }

  void Zone(size_t i) {
    static const Triggers* firsts = new Triggers(kZoneSuffixes);
    if (!firsts->Test(text_[i])) return;
    // The longest zone suffix that starts at i (the first listed of equally long ones).
    const ZoneSuffix* suffix = nullptr;
    for (const ZoneSuffix& z : kZoneSuffixes) {
      if (z.text[0] != text_[i]) continue;  // most of the list, cheaply
      if (Is(i, z.text) && (suffix == nullptr || z.text.size() > suffix->text.size())) {
        suffix = &z;
      }
    }
    if (suffix == nullptr || i == 0) return;
    // A shorter suffix inside a longer one (开发区 in 经济技术开发区) is not a zone of
    // its own: skip when a longer suffix ends at the same place.
    size_t end = i + suffix->text.size();
    for (const ZoneSuffix& z : kZoneSuffixes) {
      if (z.text.size() > suffix->text.size() && end >= z.text.size() &&
          text_.substr(end - z.text.size(), z.text.size()) == z.text) {
        return;
      }
    }
    size_t s = i;
    size_t k = LeftEdge(s, 10);
    // The last anchor inside [k, s] starts the name (上海青浦|朱家角工业园区).
    size_t start = s;
    bool anchored = false;
    // Anchors are sorted and apart: the last one that ends by s.
    auto last = std::upper_bound(anchors_.begin(), anchors_.end(), s,
                                 [](size_t p, const Anchor& a) { return p < a.end; });
    if (last != anchors_.begin() && std::prev(last)->begin >= k) {
      start = std::prev(last)->begin;
      anchored = true;
    }
    if (!anchored) {
      if (!suffix->strong) return;
      start = SkipGeneric(k, s);
      if (s - start > 4) return;
      if (!GoodName(start, s) || lex_.IsCommon(text_.substr(start, s - start))) return;
      // 水源涵养功能区: a phrase that opens with an ordinary word names no zone.
      if (s - start > 2 && lex_.IsCommon(text_.substr(start, 2))) return;
    }
    // 张江高新区|嘉定园: a sub-park named after a place.
    if (const Anchor* a = AnchorStartingAt(end); a != nullptr && Is(a->end, U"园")) {
      end = a->end + 1;
    }
    for (Text tail : kOrganisationTails) {
      if (Is(end, tail)) return;
    }
    if (Emit(start, end, "zone") && !anchored) out_.back().stem_end = static_cast<uint32_t>(s);
  }

  Text text_;
  const std::vector<Anchor>& anchors_;
  const Lexicon& lex_;
  std::vector<FormMatch> out_;
};

}  // namespace

std::vector<FormMatch> FindForms(std::u32string_view text, const std::vector<Anchor>& anchors,
                                 const Lexicon& lexicon) {
  return FormFinder(text, anchors, lexicon).Find();
}

}  // namespace kg::ingest::places
