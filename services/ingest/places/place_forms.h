// Places recognised by their form rather than by a list: roads (沪青平公路, 淮海路, 世纪
// 大道, G60, 107国道, 北三环, 京雄高速, 海—宝农村公路), railways and stations (雄忻高铁,
// 保定东站), rivers and waterways (淀浦河, 长湖申线航道, a 港 in a water context), ports
// (…港, …港区, …码头, …机场, …航空港), zones (松江工业区, 张江科学城, 南沙新片区, …自然
// 保护区, …功能区, a place's 园 or 组团) and parts of provinces (冀中南, 苏北).
//
// A name's left edge is where the text stops being a name: punctuation, a particle
// (和, 的, 与 ...), a verb of the genre (推进, 加快, 建设 ...) or another zone's suffix;
// generic modifiers (农村公路, 国家级开发区) make no name. A zone with a weak suffix
// (园区, 示范区, 工区 ...) must start with a place already found (an anchor: 松江|工业区),
// and starts at the last anchor before the suffix. Rivers never end inside an anchor
// (浙江, 镇江 are divisions, not rivers).
#ifndef KG_SERVICES_INGEST_PLACES_PLACE_FORMS_H_
#define KG_SERVICES_INGEST_PLACES_PLACE_FORMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/places/lexicon.h"

namespace kg::ingest::places {

// A code-point range of the text that holds a place found by other means.
struct Anchor {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct FormMatch {
  uint32_t begin = 0;  // the surface, code points, half-open
  uint32_t end = 0;
  std::string subtype;  // road, river, port, station, zone, region (冀中南)
  std::u32string name;  // canonical: the surface, or G60 for "G60高速"
  // A zone named without a place in front (临港新片区): where its own name (临港) ends,
  // so that the name alone elsewhere in the text is read as the zone; else 0.
  uint32_t stem_end = 0;
};

// Every road, river, port, station, zone and province part `text` names by form; matches may
// overlap each other and the anchors (the caller settles overlaps). `anchors` are sorted by begin.
std::vector<FormMatch> FindForms(std::u32string_view text, const std::vector<Anchor>& anchors,
                                 const Lexicon& lexicon);

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_PLACE_FORMS_H_
