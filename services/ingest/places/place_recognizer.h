// Finds the places a report names and resolves them:
//   - administrative divisions from the gazetteer, by full name (朱家角镇), alias (峨山县)
//     or short name (朱家角), resolved against the report's own region: a name several
//     divisions share goes to the one inside the report's region, else inside a county
//     or prefecture the report names in full (昆山市 -> 周庄), else in the region's
//     prefecture, else its province; ordinary words (复兴, 新建) and genre words (全市,
//     市委, 中美) are never places; short names of townships count only near the report's
//     region, bare village names only in the report's own county and only in a list that
//     ends in 村 (红星、光明、新华村);
//   - curated regions (长三角, 京津冀, 雄安新区), rivers and zones (lexicon.h);
//   - roads, rivers, ports and zones by their form (place_forms.h).
// Overlapping candidates are settled longest first.
//
// Thread-safe: a recognizer holds only const references.
#ifndef KG_SERVICES_INGEST_PLACES_PLACE_RECOGNIZER_H_
#define KG_SERVICES_INGEST_PLACES_PLACE_RECOGNIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/places/gazetteer.h"
#include "services/ingest/places/lexicon.h"

namespace kg::ingest::places {

// One place, as a graph node shows it.
struct Place {
  std::string key;      // the shared node's canonical key: a division's code, else
                        // "<subtype>/<name>"
  std::string name;     // canonical full name (朱家角镇, 长三角, 沪青平公路)
  std::string subtype;  // province, city, district, county, town, street, village,
                        // region, road, river, port, station, zone
  Gazetteer::Index division = Gazetteer::kNone;
};

// One occurrence of a place in the text.
struct PlaceMention {
  uint32_t begin = 0;  // code points, half-open
  uint32_t end = 0;
  int place = 0;  // index into RecognizedPlaces::places
};

struct RecognizedPlaces {
  std::vector<Place> places;  // distinct, in order of first mention
  // In text order. They do not overlap, except that a division opening a longer
  // place's name (海南|自由贸易港) is mentioned inside it too.
  std::vector<PlaceMention> mentions;
};

class PlaceRecognizer {
 public:
  // `gazetteer` may be null: then only curated places and forms are found.
  explicit PlaceRecognizer(const Gazetteer* gazetteer, const Lexicon& lexicon = Lexicon::Builtin());

  // The division a report's region names ("浦东新区", "呼伦贝尔市海拉尔区", "保定市");
  // kNone for the national level or a region the gazetteer does not know. When several
  // divisions share the name, the one whose prefecture or province `text` names most
  // often wins.
  Gazetteer::Index ResolveRegion(std::u32string_view region, std::u32string_view text) const;

  // The places `text` names, resolved against `report_division` (kNone: a national
  // report, so only names that are clear without a region count).
  RecognizedPlaces Recognize(std::u32string_view text, Gazetteer::Index report_division) const;

  // A division as a Place.
  Place DivisionPlace(Gazetteer::Index d) const;

 private:
  const Gazetteer* gazetteer_;
  const Lexicon& lexicon_;
};

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_PLACE_RECOGNIZER_H_
