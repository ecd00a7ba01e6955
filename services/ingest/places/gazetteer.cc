// Loading and indexing the gazetteer; see gazetteer.h.
#include "services/ingest/places/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {
constexpr uint64_t kHashFilterBits = uint64_t{1} << 24;  // 2 MiB
inline bool FilterHas(const std::vector<uint64_t>& filter, uint64_t hash) {
  uint64_t bit = hash & (kHashFilterBits - 1);
  return filter.empty() || (filter[bit >> 6] >> (bit & 63)) & 1;
}
}  // namespace

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

// Name table slot bits (see the header); the low 30 bits hold the group.
constexpr uint64_t kOccupied = 1ULL << 31;
constexpr uint64_t kPrefix = 1ULL << 30;

// Where a hash goes in the name table: FNV's low bits depend only on the characters'
// low bits, so the position takes multiplied-in high bits (and maps them onto the
// table's size without a modulo).
size_t Position(uint64_t hash, size_t size) {
  const uint64_t mixed = (hash * 0x9E3779B97F4A7C15ULL) >> 32;
  return static_cast<size_t>((mixed * size) >> 32);
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read gazetteer file ", path));
  // Straight into one buffer of the file's size: through a stringstream, the 38 MB of
  // villages were copied twice and took a third of the load time.
  std::string data;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.clear();
  in.seekg(0, std::ios::beg);
  if (size > 0) data.reserve(static_cast<size_t>(size));
  char chunk[1 << 16];
  while (in.read(chunk, sizeof(chunk)) || in.gcount() > 0) {
    data.append(chunk, static_cast<size_t>(in.gcount()));
  }
  return data;
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
    Rank();
    BuildIndex();
    auto& divisions = g_.divisions_;
    auto by_code = [&divisions](Index a, Index b) {
      return divisions[a].code != divisions[b].code ? divisions[a].code < divisions[b].code : a < b;
    };
    // The files list codes in order, so this is usually sorted already.
    if (!std::is_sorted(g_.by_code_.begin(), g_.by_code_.end(), by_code)) {
      std::sort(g_.by_code_.begin(), g_.by_code_.end(), by_code);
    }
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
    g_.by_code_.push_back(d);
    if (level != Level::kVillage) parents_[code] = d;
  }

  // Pre-order ranks: parents always precede their children (they are loaded first), so
  // subtree sizes accumulate backwards and ranks hand out forwards, children in index
  // order.
  void Rank() {
    const auto& divisions = g_.divisions_;
    const size_t n = divisions.size();
    std::vector<uint32_t> size(n, 1);
    for (size_t d = n; d-- > 0;) {
      if (divisions[d].parent != kNone) size[divisions[d].parent] += size[d];
    }
    std::vector<uint32_t> next(n, 0);  // the rank the next child of d gets
    uint32_t next_root = 0;
    g_.rank_.resize(n);
    for (size_t d = 0; d < n; ++d) {
      uint32_t& from = divisions[d].parent == kNone ? next_root : next[divisions[d].parent];
      g_.rank_[d] = from;
      from += size[d];
      next[d] = g_.rank_[d] + 1;
    }
    // Villages, loaded last, are leaves: their subtrees need no end of their own.
    size_t inner = n;
    while (inner > 0 && divisions[inner - 1].level == Level::kVillage) --inner;
    g_.rank_end_.resize(inner);
    for (size_t d = 0; d < inner; ++d) g_.rank_end_[d] = g_.rank_[d] + size[d];
    g_.first_village_ = static_cast<Index>(inner);
    g_.villages_by_rank_ = true;
    for (size_t d = inner + 1; d < n; ++d) {
      if (g_.rank_[d] <= g_.rank_[d - 1]) g_.villages_by_rank_ = false;
    }
  }

  // The name index (see the header): groups of matches per distinct name, then the
  // table over names and their proper prefixes.
  void BuildIndex() {
    struct Entry {
      uint64_t hash;
      Gazetteer::Index division;
      NameKind kind;
    };
    std::vector<Entry> entries;
    entries.reserve(g_.divisions_.size() * 2 + g_.divisions_.size() / 8);
    for (Gazetteer::Index d = 0; d < static_cast<Gazetteer::Index>(g_.divisions_.size()); ++d) {
      const Division& div = g_.divisions_[d];
      std::u32string_view full = g_.name(d);
      entries.push_back({NameHash(full), d, NameKind::kFull});
      g_.max_name_length_ = std::max(g_.max_name_length_, full.size());
      if (div.short_length > 0) {
        entries.push_back({NameHash(full.substr(0, div.short_length)), d, NameKind::kShort});
      }
      if (div.alias_suffix != 0) entries.push_back({NameHash(g_.alias(d)), d, NameKind::kAlias});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      if (a.hash != b.hash) return a.hash < b.hash;
      if (a.division != b.division) return a.division < b.division;
      return a.kind < b.kind;
    });

    // Groups: the entries of one hash are nearly always one name; split them by name
    // when they are not.
    struct Key {
      uint64_t hash;
      uint32_t group;
    };
    std::vector<Key> names;
    size_t runs = 0;
    for (size_t a = 0; a < entries.size(); ++a) {
      runs += a == 0 || entries[a].hash != entries[a - 1].hash;
    }
    names.reserve(runs);
    g_.groups_.reserve(runs + 1);
    g_.matches_.reserve(entries.size());
    std::vector<Match> run, rest, group;
    // A match's name without copying it: a stem in the arena, and for an alias its suffix.
    struct Spelling {
      std::u32string_view stem;
      char32_t alias = 0;
      size_t size() const { return stem.size() + (alias != 0); }
      char32_t operator[](size_t i) const { return i < stem.size() ? stem[i] : alias; }
    };
    auto spelling = [this](const Match& m) {
      const std::u32string_view full = g_.name(m.division);
      const Division& div = g_.divisions_[m.division];
      if (m.kind == NameKind::kFull) return Spelling{full, 0};
      return Spelling{full.substr(0, div.short_length),
                      m.kind == NameKind::kAlias ? div.alias_suffix : U'\0'};
    };
    auto same = [](const Spelling& x, const Spelling& y) {
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i] != y[i]) return false;
      }
      return true;
    };
    auto order = [this](const Match& a, const Match& b) {
      // Villages by rank (VillagesWithin); the rest by index, as they were loaded.
      if (a.level != b.level) return a.level < b.level;
      if (a.level == Level::kVillage) {
        uint32_t ra = g_.rank_[a.division], rb = g_.rank_[b.division];
        if (ra != rb) return ra < rb;
      } else if (a.division != b.division) {
        return a.division < b.division;
      }
      return a.kind < b.kind;
    };
    for (size_t a = 0; a < entries.size();) {
      size_t b = a;
      run.clear();
      while (b < entries.size() && entries[b].hash == entries[a].hash) {
        run.push_back(
            {entries[b].division, entries[b].kind, g_.divisions_[entries[b].division].level});
        ++b;
      }
      while (!run.empty()) {
        group.clear();
        rest.clear();
        if (run.size() == 1) {
          group.swap(run);
        } else {
          const Spelling key = spelling(run[0]);
          for (const Match& m : run) (same(spelling(m), key) ? group : rest).push_back(m);
          std::sort(group.begin(), group.end(), order);
        }
        names.push_back({entries[a].hash, static_cast<uint32_t>(g_.groups_.size())});
        Group record;
        record.begin = static_cast<uint32_t>(g_.matches_.size());
        record.villages = record.begin;
        while (record.villages - record.begin < group.size() &&
               group[record.villages - record.begin].level != Level::kVillage) {
          ++record.villages;
        }
        const Division& first = g_.divisions_[group[0].division];
        record.name_offset = first.name_offset;
        switch (group[0].kind) {
          case NameKind::kFull:
            record.name = first.name_length;
            break;
          case NameKind::kShort:
            record.name = first.short_length;
            break;
          case NameKind::kAlias:
            record.name = first.short_length | static_cast<uint32_t>(first.alias_suffix) << 8;
            break;
        }
        g_.groups_.push_back(record);
        g_.matches_.insert(g_.matches_.end(), group.begin(), group.end());
        run.swap(rest);
      }
      a = b;
    }
    Group end;
    end.begin = end.villages = static_cast<uint32_t>(g_.matches_.size());
    g_.groups_.push_back(end);
    std::vector<Entry>().swap(entries);  // before the prefixes, to keep the peak down

    std::vector<uint64_t> prefixes;  // hashes of every proper prefix of every name
    prefixes.reserve(g_.arena_.size());
    for (size_t group = 0; group + 1 < g_.groups_.size(); ++group) {
      const Spelling name = spelling(g_.matches_[g_.groups_[group].begin]);
      if (name.size() >= 2) {
        const uint64_t bit = StartFilterBit(name[0], name[1]);
        g_.start_filter_[bit >> 6] |= 1ULL << (bit & 63);
      }
      uint64_t h = kNameHashSeed;
      for (size_t len = 1; len < name.size(); ++len) {
        h = ExtendNameHash(h, name[len - 1]);
        prefixes.push_back(h);
      }
    }
    std::sort(prefixes.begin(), prefixes.end());
    prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
    // Most prefixes are names too (names come out of the grouping in hash order): count
    // only the others as keys of their own.
    size_t prefix_only = 0;
    for (size_t p = 0, n = 0; p < prefixes.size(); ++p) {
      while (n < names.size() && names[n].hash < prefixes[p]) ++n;
      if (n == names.size() || names[n].hash != prefixes[p]) ++prefix_only;
    }

    // The table, at most two thirds full: names first, each in a slot of its own; then
    // prefixes, marking a slot of the same fingerprint or taking a new one.
    auto& table = g_.table_;
    const size_t keys = names.size() + prefix_only;
    table.assign(std::max<size_t>(16, keys + keys / 2), 0);
    auto fingerprint = [](uint64_t hash) { return hash >> 32 << 32; };
    auto free_slot = [&](uint64_t hash) {
      size_t p = Position(hash, table.size());
      while (table[p] & kOccupied) p = p + 1 == table.size() ? 0 : p + 1;
      return p;
    };
    for (const Key& k : names) table[free_slot(k.hash)] = fingerprint(k.hash) | kOccupied | k.group;
    for (uint64_t h : prefixes) {
      size_t p = Position(h, table.size());
      bool marked = false;
      for (; table[p] & kOccupied; p = p + 1 == table.size() ? 0 : p + 1) {
        if (fingerprint(table[p]) == fingerprint(h)) {
          table[p] |= kPrefix;
          marked = true;
          break;
        }
      }
      if (!marked) table[p] = fingerprint(h) | kOccupied | kPrefix | kNoGroup;
    }
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
  auto it = std::lower_bound(by_code_.begin(), by_code_.end(), code,
                             [this](Index d, uint64_t c) { return divisions_[d].code < c; });
  return it != by_code_.end() && divisions_[*it].code == code ? *it : kNone;
}

Gazetteer::Index Gazetteer::AncestorAt(Index d, Level level) const {
  for (; d != kNone; d = divisions_[d].parent) {
    if (divisions_[d].level == level) return d;
  }
  return kNone;
}

Gazetteer::NameProbe Gazetteer::ProbeName(uint64_t hash, std::u32string_view name) const {
  NameProbe out;
  if (table_.empty()) return out;
  const uint64_t fingerprint = hash >> 32;
  // Every slot of this fingerprint up to the first empty one: names never share a slot,
  // and prefix bits may sit on any of them.
  for (size_t p = Position(hash, table_.size()); table_[p] & kOccupied;
       p = p + 1 == table_.size() ? 0 : p + 1) {
    const uint64_t slot = table_[p];
    if (slot >> 32 != fingerprint) continue;
    if (slot & kPrefix) out.prefix = true;
    const uint32_t group = static_cast<uint32_t>(slot & kNoGroup);
    if (group == kNoGroup || !out.meanings.empty()) continue;
    if (GroupNames(group, name)) out.meanings = GroupMeanings(group);
  }
  return out;
}

void Gazetteer::ProbeNames(BatchProbe* probes, size_t count) const {
  if (table_.empty()) {
    for (size_t i = 0; i < count; ++i) probes[i].result = NameProbe();
    return;
  }
  // Chunks small enough that what one stage fetches is still in cache for the next.
  constexpr size_t kChunk = 64;
  for (size_t from = 0; from < count; from += kChunk) {
    BatchProbe* chunk = probes + from;
    const size_t n = std::min(kChunk, count - from);
    size_t slot[kChunk];
    uint32_t group[kChunk];
    // 1. The table slots.
    for (size_t i = 0; i < n; ++i) {
      slot[i] = Position(chunk[i].hash, table_.size());
      __builtin_prefetch(&table_[slot[i]]);
    }
    // 2. The prefix bits and the first group of the fingerprint, whose record is fetched.
    for (size_t i = 0; i < n; ++i) {
      const uint64_t fingerprint = chunk[i].hash >> 32;
      chunk[i].result = NameProbe();
      group[i] = kNoGroup;
      for (size_t p = slot[i]; table_[p] & kOccupied; p = p + 1 == table_.size() ? 0 : p + 1) {
        const uint64_t value = table_[p];
        if (value >> 32 != fingerprint) continue;
        if (value & kPrefix) chunk[i].result.prefix = true;
        if (group[i] == kNoGroup) group[i] = static_cast<uint32_t>(value & kNoGroup);
      }
      if (group[i] != kNoGroup) __builtin_prefetch(&groups_[group[i]]);
    }
    // 3. The names, to confirm them, and the matches a caller reads next.
    for (size_t i = 0; i < n; ++i) {
      if (group[i] == kNoGroup) continue;
      const Group& record = groups_[group[i]];
      __builtin_prefetch(arena_.data() + record.name_offset);
      __builtin_prefetch(matches_.data() + record.begin);
    }
    // 4. Confirm. A name that is not the group's (two names share a fingerprint: rare)
    // takes the one-at-a-time path, which tries every group of the fingerprint.
    for (size_t i = 0; i < n; ++i) {
      if (group[i] == kNoGroup) continue;
      if (GroupNames(group[i], chunk[i].name)) {
        chunk[i].result.meanings = GroupMeanings(group[i]);
      } else {
        chunk[i].result = ProbeName(chunk[i].hash, chunk[i].name);
      }
    }
  }
}

bool Gazetteer::GroupNames(uint32_t group, std::u32string_view name) const {
  const Group& record = groups_[group];
  const size_t stem = record.name & 0xFF;
  const char32_t alias = static_cast<char32_t>(record.name >> 8);
  return name.size() == stem + (alias != 0) && (alias == 0 || name.back() == alias) &&
         std::u32string_view(arena_).substr(record.name_offset, stem) == name.substr(0, stem);
}

Gazetteer::Meanings Gazetteer::GroupMeanings(uint32_t group) const {
  Meanings m;
  m.begin = matches_.data() + groups_[group].begin;
  m.villages = matches_.data() + groups_[group].villages;
  m.end = matches_.data() + groups_[group + 1].begin;
  return m;
}

std::pair<const Gazetteer::Match*, const Gazetteer::Match*> Gazetteer::VillagesWithin(
    const Meanings& m, Index ancestor) const {
  if (ancestor == kNone) return {m.end, m.end};
  const uint32_t begin = rank_[ancestor], end = RankEnd(ancestor);
  if (villages_by_rank_) {
    // The villages inside are a range of indices: found among all villages (the same
    // steps on every call for one ancestor, so they stay in cache), then in the group by
    // index alone, without fetching each candidate's rank.
    const Index lo = FirstVillageFrom(first_village_, begin);
    const Index hi = FirstVillageFrom(lo, end);
    const Match* first =
        std::partition_point(m.villages, m.end, [lo](const Match& v) { return v.division < lo; });
    const Match* last =
        std::partition_point(first, m.end, [hi](const Match& v) { return v.division < hi; });
    return {first, last};
  }
  const Match* first = std::partition_point(
      m.villages, m.end, [&](const Match& v) { return rank_[v.division] < begin; });
  const Match* last =
      std::partition_point(first, m.end, [&](const Match& v) { return rank_[v.division] < end; });
  return {first, last};
}

std::vector<Gazetteer::Match> Gazetteer::Lookup(std::u32string_view name) const {
  Meanings m = MeaningsOf(name);
  std::vector<Match> out(m.begin, m.end);
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.division != b.division ? a.division < b.division : a.kind < b.kind;
  });
  return out;
}

}  // namespace kg::ingest::places
