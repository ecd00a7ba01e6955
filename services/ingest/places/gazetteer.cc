// Loading and indexing the gazetteer; see gazetteer.h.
#include "services/ingest/places/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {

constexpr std::string_view kSubtypes[] = {"province", "city",   "district", "county",
                                          "town",     "street", "village",  "zone"};
enum Subtype : uint8_t { kProvince, kCity, kDistrict, kCounty, kTown, kStreet, kVillage, kZone };

// Pseudo-prefectures: the counties under them belong to the province directly.
constexpr std::u32string_view kPseudoPrefectures[] = {U"市辖区", U"县", U"省直辖县级行政区划",
                                                      U"自治区直辖县级行政区划"};

// The 55 minority peoples, longest first so that 土家族 is tried before 土族 would not
// matter (suffix tests are exact), and 各族 for names such as …各族自治县.
constexpr std::u32string_view kPeoples[] = {
    U"柯尔克孜族", U"乌孜别克族", U"维吾尔族", U"哈萨克族", U"达斡尔族", U"鄂温克族", U"鄂伦春族",
    U"俄罗斯族",   U"塔吉克族",   U"塔塔尔族", U"蒙古族",   U"布依族",   U"朝鲜族",   U"土家族",
    U"哈尼族",     U"傈僳族",     U"高山族",   U"拉祜族",   U"东乡族",   U"纳西族",   U"景颇族",
    U"仫佬族",     U"布朗族",     U"撒拉族",   U"毛南族",   U"仡佬族",   U"锡伯族",   U"阿昌族",
    U"普米族",     U"德昂族",     U"保安族",   U"裕固族",   U"独龙族",   U"赫哲族",   U"门巴族",
    U"珞巴族",     U"基诺族",     U"回族",     U"藏族",     U"苗族",     U"彝族",     U"壮族",
    U"满族",       U"侗族",       U"瑶族",     U"白族",     U"傣族",     U"黎族",     U"佤族",
    U"畲族",       U"水族",       U"土族",     U"羌族",     U"怒族",     U"京族",     U"各族"};

struct Suffix {
  std::u32string_view text;
  bool autonomous;     // strip minority words after it
  char32_t alias = 0;  // the plain suffix an alias takes
};

// Administrative suffixes per level, longest first.
constexpr Suffix kProvinceSuffixes[] = {
    {U"特别行政区", false}, {U"自治区", true}, {U"省", false}, {U"市", false}};
constexpr Suffix kPrefectureSuffixes[] = {
    {U"自治州", true, U'州'}, {U"地区", false}, {U"市", false}, {U"盟", false}};
constexpr Suffix kCountySuffixes[] = {
    {U"自治县", true, U'县'}, {U"自治旗", true, U'旗'}, {U"新区", false},
    {U"林区", false},         {U"特区", false},         {U"区", false},
    {U"县", false},           {U"市", false},           {U"旗", false}};
constexpr Suffix kTownshipSuffixes[] = {{U"民族乡", false}, {U"族乡", true, U'乡'},
                                        {U"街道", false},   {U"苏木", false},
                                        {U"镇", false},     {U"乡", false}};
constexpr Suffix kVillageSuffixes[] = {{U"社区", false}, {U"嘎查", false}, {U"村", false}};

// Township-level units that are development zones rather than towns.
constexpr std::u32string_view kZoneEndings[] = {U"开发区", U"园区",   U"工业区", U"新区",
                                                U"新城",   U"管委会", U"管理区", U"产业基地"};

// Village committee names -> canonical names: what the suffix is replaced by when the
// rest does not already end in a settlement word.
struct CommitteeSuffix {
  std::u32string_view text;
  std::u32string_view settlement;
};
constexpr CommitteeSuffix kCommitteeSuffixes[] = {{U"村民民委员会", U"村"}, {U"村民委员会", U"村"},
                                                  {U"居民委员会", U"社区"}, {U"村委会", U"村"},
                                                  {U"居委会", U"社区"},     {U"牧委会", U"嘎查"},
                                                  {U"民委会", U"村"},       {U"查委会", U"嘎查"},
                                                  {U"家委会", U"社区"},     {U"委员会", U""}};

std::u32string WithoutBrackets(std::u32string_view s) {
  std::u32string out;
  int depth = 0;
  for (char32_t c : s) {
    if (c == U'（' || c == U'(') {
      ++depth;
    } else if (c == U'）' || c == U')') {
      if (depth > 0) --depth;
    } else if (depth == 0 && c != U' ') {
      out.push_back(c);
    }
  }
  return out;
}

std::u32string VillageName(std::u32string name) {
  for (const auto& s : kCommitteeSuffixes) {
    if (!EndsWithU32(name, s.text) || name.size() <= s.text.size()) continue;
    name.resize(name.size() - s.text.size());
    if (s.text == U"家委会") name += U"家";  // 某某家委会: the 家 belongs to the name
    bool settled = EndsWithU32(name, U"村") || EndsWithU32(name, U"社区") ||
                   EndsWithU32(name, U"嘎查") || EndsWithU32(name, U"区");
    if (!settled) name += s.settlement;
    break;
  }
  return name;
}

std::u32string_view StripPeoples(std::u32string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::u32string_view p : kPeoples) {
      if (EndsWithU32(s, p) && s.size() >= p.size() + 2) {
        s.remove_suffix(p.size());
        changed = true;
      }
    }
  }
  return s;
}

// The short name's length (0: none) and the alias suffix of `name` at `level`.
std::pair<size_t, char32_t> ShortName(std::u32string_view name, Level level) {
  const Suffix* begin = nullptr;
  const Suffix* end = nullptr;
  switch (level) {
    case Level::kProvince:
      begin = std::begin(kProvinceSuffixes), end = std::end(kProvinceSuffixes);
      break;
    case Level::kPrefecture:
      begin = std::begin(kPrefectureSuffixes), end = std::end(kPrefectureSuffixes);
      break;
    case Level::kCounty:
      begin = std::begin(kCountySuffixes), end = std::end(kCountySuffixes);
      break;
    case Level::kTownship:
      begin = std::begin(kTownshipSuffixes), end = std::end(kTownshipSuffixes);
      break;
    case Level::kVillage:
      begin = std::begin(kVillageSuffixes), end = std::end(kVillageSuffixes);
      break;
  }
  for (const Suffix* s = begin; s != end; ++s) {
    if (!EndsWithU32(name, s->text)) continue;
    std::u32string_view rest = name.substr(0, name.size() - s->text.size());
    if (s->autonomous) rest = StripPeoples(rest);
    if (rest.size() < 2) return {0, 0};
    return {rest.size(), s->alias};
  }
  return {0, 0};
}

uint8_t SubtypeOf(std::u32string_view name, Level level) {
  switch (level) {
    case Level::kProvince:
      return kProvince;
    case Level::kPrefecture:
      return kCity;
    case Level::kCounty:
      if (EndsWithU32(name, U"新城") || EndsWithU32(name, U"管委会") ||
          EndsWithU32(name, U"管理区")) {
        return kZone;
      }
      if (EndsWithU32(name, U"区")) return kDistrict;
      if (EndsWithU32(name, U"市")) return kCity;
      return kCounty;
    case Level::kTownship:
      for (std::u32string_view z : kZoneEndings) {
        if (EndsWithU32(name, z)) return kZone;
      }
      if (EndsWithU32(name, U"街道")) return kStreet;
      return kTown;
    case Level::kVillage:
      return kVillage;
  }
  return kCounty;
}

// One CSV file split into rows of fields; quoted fields may hold commas and "".
class CsvReader {
 public:
  explicit CsvReader(std::string data) : data_(std::move(data)) {}

  // The next row's fields; false at the end.
  bool Next(std::vector<std::string_view>* fields) {
    fields->clear();
    scratch_.clear();
    if (pos_ >= data_.size()) return false;
    ++line_;
    while (true) {
      if (pos_ < data_.size() && data_[pos_] == '"') {
        size_t start = ++pos_;
        bool escaped = false;
        while (pos_ < data_.size()) {
          if (data_[pos_] == '"') {
            if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '"') {
              escaped = true;
              pos_ += 2;
              continue;
            }
            break;
          }
          ++pos_;
        }
        std::string_view field(data_.data() + start, pos_ - start);
        if (escaped) {
          scratch_.emplace_back(field);
          std::string& s = scratch_.back();
          for (size_t p = s.find("\"\""); p != std::string::npos; p = s.find("\"\"", p + 1)) {
            s.erase(p, 1);
          }
          field = s;
        }
        fields->push_back(field);
        if (pos_ < data_.size()) ++pos_;  // closing quote
      } else {
        size_t start = pos_;
        while (pos_ < data_.size() && data_[pos_] != ',' && data_[pos_] != '\n' &&
               data_[pos_] != '\r') {
          ++pos_;
        }
        fields->push_back(std::string_view(data_.data() + start, pos_ - start));
      }
      if (pos_ < data_.size() && data_[pos_] == ',') {
        ++pos_;
        continue;
      }
      while (pos_ < data_.size() && (data_[pos_] == '\r' || data_[pos_] == '\n')) {
        if (data_[pos_++] == '\n') break;
      }
      return true;
    }
  }
  int line() const { return line_; }

 private:
  std::string data_;
  size_t pos_ = 0;
  int line_ = 0;
  std::vector<std::string> scratch_;  // unescaped quoted fields (rare)
};

// A code: 1 to 19 ASCII digits.
bool ParseCode(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read gazetteer file ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kProvince:
      return "province";
    case Level::kPrefecture:
      return "prefecture";
    case Level::kCounty:
      return "county";
    case Level::kTownship:
      return "township";
    case Level::kVillage:
      return "village";
  }
  return "";
}

// Builds a Gazetteer file by file.
class Gazetteer::Loader {
 public:
  explicit Loader(Gazetteer* g) : g_(*g) {}

  // `parent_column`: the field holding the parent's code (-1 for provinces).
  absl::Status LoadFile(const std::string& dir, const char* file, Level level, int parent_column) {
    std::string path = absl::StrCat(dir, "/", file);
    auto data = ReadFile(path);
    if (!data.ok()) return data.status();
    CsvReader csv(*std::move(data));
    std::vector<std::string_view> fields;
    if (!csv.Next(&fields)) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
    size_t needed = static_cast<size_t>(std::max(parent_column, 1)) + 1;
    while (csv.Next(&fields)) {
      if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
      uint64_t code = 0;
      uint64_t parent_code = 0;
      if (fields.size() < needed || !ParseCode(fields[0], &code) ||
          (parent_column >= 0 && !ParseCode(fields[parent_column], &parent_code))) {
        return absl::InvalidArgumentError(absl::StrCat("malformed row at ", path, ":", csv.line()));
      }
      Add(code, fields[1], level, parent_column >= 0 ? parent_code : 0);
    }
    return absl::OkStatus();
  }

  void Finish() {
    auto& index = g_.index_;
    index.reserve(g_.divisions_.size() * 2 + g_.divisions_.size() / 8);
    for (Index d = 0; d < static_cast<Index>(g_.divisions_.size()); ++d) {
      const Division& div = g_.divisions_[d];
      std::u32string_view full = g_.name(d);
      index.push_back({NameHash(full), d, NameKind::kFull});
      g_.max_name_length_ = std::max(g_.max_name_length_, full.size());
      if (div.short_length > 0) {
        index.push_back({NameHash(full.substr(0, div.short_length)), d, NameKind::kShort});
      }
      if (div.alias_suffix != 0) index.push_back({NameHash(g_.alias(d)), d, NameKind::kAlias});
    }
    std::sort(index.begin(), index.end(), [](const IndexEntry& a, const IndexEntry& b) {
      return a.hash != b.hash ? a.hash < b.hash : a.division < b.division;
    });
    std::sort(g_.by_code_.begin(), g_.by_code_.end());
  }

 private:
  void Add(uint64_t code, std::string_view raw_name, Level level, uint64_t parent_code) {
    std::u32string name = WithoutBrackets(ToU32(raw_name));
    Index parent = kNone;
    if (level != Level::kProvince) {
      auto it = parents_.find(parent_code);
      if (it == parents_.end()) return;  // an orphan row: skipped
      parent = it->second;
    }
    if (level == Level::kPrefecture &&
        std::find(std::begin(kPseudoPrefectures), std::end(kPseudoPrefectures), name) !=
            std::end(kPseudoPrefectures)) {
      parents_[code] = parent;  // its counties hang under the province
      return;
    }
    if (level == Level::kVillage) name = VillageName(std::move(name));
    if (name.empty() || name.size() > 255) return;
    Division div;
    div.code = code;
    div.parent = parent;
    div.level = level;
    div.name_offset = static_cast<uint32_t>(g_.arena_.size());
    div.name_length = static_cast<uint8_t>(name.size());
    auto [short_length, alias] = ShortName(name, level);
    div.short_length = static_cast<uint8_t>(short_length);
    div.alias_suffix = alias;
    div.subtype = SubtypeOf(name, level);
    g_.arena_ += name;
    Index d = static_cast<Index>(g_.divisions_.size());
    g_.divisions_.push_back(div);
    g_.by_code_.emplace_back(code, d);
    if (level != Level::kVillage) parents_[code] = d;
  }

  Gazetteer& g_;
  std::unordered_map<uint64_t, Index> parents_;  // code -> division, above villages
};

absl::StatusOr<std::unique_ptr<const Gazetteer>> Gazetteer::Load(const std::string& dir) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  g->divisions_.reserve(700000);
  g->arena_.reserve(700000 * 6);
  Loader loader(g.get());
  const Level levels[] = {Level::kProvince, Level::kPrefecture, Level::kCounty, Level::kTownship,
                          Level::kVillage};
  // The parent's code is the last column for cities and areas (provinceCode follows
  // cityCode in areas.csv, so name it explicitly), the third for streets and villages.
  const int parent_columns[] = {-1, 2, 2, 2, 2};
  for (int i = 0; i < 5; ++i) {
    auto status = loader.LoadFile(dir, kGazetteerFiles[i], levels[i], parent_columns[i]);
    if (!status.ok()) return status;
  }
  loader.Finish();
  return std::unique_ptr<const Gazetteer>(std::move(g));
}

std::string_view Gazetteer::subtype(Index d) const { return kSubtypes[divisions_[d].subtype]; }

std::u32string_view Gazetteer::name(Index d) const {
  const Division& div = divisions_[d];
  return std::u32string_view(arena_).substr(div.name_offset, div.name_length);
}

std::u32string_view Gazetteer::short_name(Index d) const {
  return name(d).substr(0, divisions_[d].short_length);
}

std::u32string Gazetteer::alias(Index d) const {
  const Division& div = divisions_[d];
  if (div.alias_suffix == 0) return {};
  std::u32string out(short_name(d));
  out.push_back(div.alias_suffix);
  return out;
}

std::u32string Gazetteer::NameOf(Index d, NameKind kind) const {
  switch (kind) {
    case NameKind::kFull:
      return std::u32string(name(d));
    case NameKind::kShort:
      return std::u32string(short_name(d));
    case NameKind::kAlias:
      return alias(d);
  }
  return {};
}

std::string Gazetteer::NameUtf8(Index d) const { return ToUtf8(name(d)); }

Gazetteer::Index Gazetteer::FindCode(uint64_t code) const {
  auto it = std::lower_bound(by_code_.begin(), by_code_.end(), std::make_pair(code, kNone));
  return it != by_code_.end() && it->first == code ? it->second : kNone;
}

bool Gazetteer::IsWithin(Index d, Index ancestor) const {
  for (; d != kNone; d = divisions_[d].parent) {
    if (d == ancestor) return true;
  }
  return false;
}

Gazetteer::Index Gazetteer::AncestorAt(Index d, Level level) const {
  for (; d != kNone; d = divisions_[d].parent) {
    if (divisions_[d].level == level) return d;
  }
  return kNone;
}

bool Gazetteer::HasHash(uint64_t hash) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), hash,
                             [](const IndexEntry& e, uint64_t h) { return e.hash < h; });
  return it != index_.end() && it->hash == hash;
}

void Gazetteer::LookupHashed(uint64_t hash, std::u32string_view name,
                             std::vector<Match>* out) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), hash,
                             [](const IndexEntry& e, uint64_t h) { return e.hash < h; });
  for (; it != index_.end() && it->hash == hash; ++it) {
    const Division& div = divisions_[it->division];
    std::u32string_view full = this->name(it->division);
    bool same = false;
    switch (it->kind) {
      case NameKind::kFull:
        same = full == name;
        break;
      case NameKind::kShort:
        same = full.substr(0, div.short_length) == name;
        break;
      case NameKind::kAlias:
        same = name.size() == div.short_length + 1u && name.back() == div.alias_suffix &&
               full.substr(0, div.short_length) == name.substr(0, div.short_length);
        break;
    }
    if (same) out->push_back({it->division, it->kind});
  }
}

std::vector<Gazetteer::Match> Gazetteer::Lookup(std::u32string_view name) const {
  std::vector<Match> out;
  LookupHashed(NameHash(name), name, &out);
  return out;
}

}  // namespace kg::ingest::places
