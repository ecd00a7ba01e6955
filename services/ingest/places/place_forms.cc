// Roads, rivers, ports and zones by form; see place_forms.h.
#include "services/ingest/places/place_forms.h"

#include <algorithm>

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
    {U"工区", false},
    {U"新区", false},
};

// The characters at which a form may be found: what Find tests for, and the first
// characters of the zone suffixes. One bit per character of the Basic Multilingual
// Plane (8 KB), so that the scan passes over all others with one look.
constexpr Text kFormTriggers = U"GS路大航河江港码机";

class Triggers {
 public:
  Triggers() {
    for (char32_t c : kFormTriggers) Set(c);
    for (const ZoneSuffix& z : kZoneSuffixes) Set(z.text[0]);
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
    for (const Anchor& a : anchors_) {
      if (a.begin < k && k < a.end) k = a.end;
    }
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

  const Anchor* AnchorEndingAt(size_t at) const {
    for (const Anchor& a : anchors_) {
      if (a.end == at) return &a;
    }
    return nullptr;
  }
  const Anchor* AnchorStartingAt(size_t at) const {
    auto it = std::lower_bound(anchors_.begin(), anchors_.end(), at,
                               [](const Anchor& a, size_t p) { return a.begin < p; });
    return it != anchors_.end() && it->begin == at ? &*it : nullptr;
  }

  void Emit(size_t begin, size_t end, const char* subtype, std::u32string name = {}) {
    if (IsAnchor(begin, end)) return;
    if (name.empty()) name = std::u32string(text_.substr(begin, end - begin));
    out_.push_back(
        {static_cast<uint32_t>(begin), static_cast<uint32_t>(end), subtype, std::move(name)});
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
    size_t k = LeftEdge(s, max + 2);
    if (s - k > max) k = s - fallback;
    k = SkipGeneric(k, s);
    if (!GoodName(k, s)) return;
    Emit(k, end, "road");
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
    for (const Anchor& a : anchors_) {
      if (a.begin < i && a.end > i) return;
    }
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
    for (const Anchor& a : anchors_) {
      if (a.begin >= k && a.end <= s && (!anchored || a.begin > start)) {
        start = a.begin;
        anchored = true;
      }
    }
    if (!anchored) {
      if (!suffix->strong) return;
      start = SkipGeneric(k, s);
      if (s - start > 4) return;
      if (!GoodName(start, s) || lex_.IsCommon(text_.substr(start, s - start))) return;
    }
    // 张江高新区|嘉定园: a sub-park named after a place.
    if (const Anchor* a = AnchorStartingAt(end); a != nullptr && Is(a->end, U"园")) {
      end = a->end + 1;
    }
    for (Text tail : kOrganisationTails) {
      if (Is(end, tail)) return;
    }
    Emit(start, end, "zone");
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
