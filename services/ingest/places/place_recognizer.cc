// Place recognition and resolution; see place_recognizer.h.
#include "services/ingest/places/place_recognizer.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "services/ingest/places/place_forms.h"
#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {
namespace {

using Index = Gazetteer::Index;
using Text = std::u32string_view;

// The longest gazetteer name a scan tries.
constexpr size_t kMaxScan = 20;

// Regions that name the whole country: a national report has no division.
constexpr Text kNational[] = {U"全国", U"中国", U"国务院", U"中华人民共和国", U"国家"};

// One span of text that names at least one division.
struct RawMatch {
  uint32_t begin = 0;
  uint32_t end = 0;
  Gazetteer::Meanings meanings;  // points into the gazetteer: no copy per occurrence
  bool stop = false;             // the surface is a genre stop word
  bool common = false;           // the surface is an ordinary word
};

// How close a division is to the report's region; lower is closer.
enum Tier : int {
  kInRegion = 0,           // inside the report's division
  kInNamedCounty = 1,      // inside a county the report names in full
  kInPrefecture = 2,       // inside the report's prefecture (a municipality's province)
  kInNamedPrefecture = 3,  // inside a prefecture the report names in full
  kInProvince = 4,         // inside the report's province
  kElsewhere = 5,
};

struct Candidate {
  uint32_t begin = 0;
  uint32_t end = 0;
  int priority = 0;  // among candidates of equal length: lower wins
  bool stop = false;
  bool division = false;
  Place place;
};

// How clean the edges of a division's occurrence must be for it to count: a short
// name far from the report's region is taken only where it does not sit inside a word
// (推广安全 holds 广安, 搬迁安置 holds 迁安).
enum Edges { kAnyEdges = 0, kOneCleanEdge = 1, kBothCleanEdges = 2 };

// Priorities for equally long candidates.
constexpr int kStopPriority = 0;
constexpr int kCuratedPriority = 1;
constexpr int kFullPriority = 2;
constexpr int kFormPriority = 3;
constexpr int kShortPriority = 4;

bool InSet(char32_t c, Text set) { return set.find(c) != Text::npos; }

// Keeps the longest candidates that do not overlap, ties by priority then position.
// Returns their indices in text order (candidates are never empty, so no two kept ones
// start at one place); sorting indices spares moving the candidates' strings around.
std::vector<uint32_t> Settle(const std::vector<Candidate>& candidates, size_t text_size) {
  // The order, as a stable sort of the candidates would give it: the keys copied out
  // (the index breaks ties) so that the sort compares plain values.
  struct Key {
    uint32_t length;
    int priority;
    uint32_t begin;
    uint32_t index;
  };
  std::vector<Key> order(candidates.size());
  for (uint32_t k = 0; k < candidates.size(); ++k) {
    const Candidate& c = candidates[k];
    order[k] = {c.end - c.begin, c.priority, c.begin, k};
  }
  std::sort(order.begin(), order.end(), [](const Key& a, const Key& b) {
    if (a.length != b.length) return a.length > b.length;
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.index < b.index;
  });
  std::vector<bool> taken(text_size, false);
  std::vector<uint32_t> out;
  for (const Key& key : order) {
    const uint32_t k = key.index;
    const Candidate& c = candidates[k];
    bool free = true;
    for (uint32_t p = c.begin; p < c.end && free; ++p) free = !taken[p];
    if (!free) continue;
    for (uint32_t p = c.begin; p < c.end; ++p) taken[p] = true;
    out.push_back(k);
  }
  std::sort(out.begin(), out.end(), [&candidates](uint32_t x, uint32_t y) {
    return candidates[x].begin < candidates[y].begin;
  });
  return out;
}

// True if the text after `end` continues a list whose items end in 村 or 社区
// (红星|、光明、新华村): a bare village name in such a list is a village.
bool ListEndsInVillage(Text text, size_t end) {
  size_t p = end;
  for (int items = 0; items < 12 && p < text.size(); ++items) {
    char32_t sep = text[p];
    if (sep != U'、' && sep != U'和' && sep != U'及' && sep != U'与') return false;
    ++p;
    size_t q = p;
    while (q < text.size() && IsHanChar(text[q]) && text[q] != U'、' && q - p < 6) {
      if (q >= p + 2 && (text[q] == U'村' || (text[q] == U'区' && text[q - 1] == U'社'))) {
        return true;
      }
      ++q;
    }
    if (q == p) return false;
    p = q;
  }
  return false;
}

// Generic township-level names (现代农业产业园, 经济开发区): after their generic
// words nothing but a suffix is left.
bool IsGenericUnitName(Text name, const Lexicon& lex) {
  size_t k = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t len = std::min(lex.max_generic_length(), name.size() - k); len >= 2; --len) {
      if (lex.IsGeneric(name.substr(k, len))) {
        k += len;
        changed = true;
        break;
      }
    }
  }
  return k > 0 && name.size() - k <= 3;
}

// A zone named by a strong suffix alone (临港新片区) is often named later by its own
// name (上海临港金山二工区, 临港枫泾…基地): each such name, standing clear of other
// words (punctuation, a particle, a genre verb, or a place found before on either side),
// becomes a mention of the zone. At most kMaxStems names per text, each searched once.
void AddZoneStems(Text text, const std::vector<FormMatch>& forms,
                  const std::vector<Anchor>& anchors, const Lexicon& lex,
                  std::vector<Candidate>* candidates) {
  constexpr size_t kMaxStems = 32;
  std::map<std::u32string, std::string> stems;  // stem -> the zone's canonical name
  for (const FormMatch& f : forms) {
    // Names are short (临港, 南沙, 前海); a longer stem is a phrase (海北物流).
    if (f.stem_end == 0 || f.stem_end - f.begin < 2 || f.stem_end - f.begin > 3) continue;
    Text stem = text.substr(f.begin, f.stem_end - f.begin);
    bool word = false;
    for (size_t p = 0; p + 2 <= stem.size(); ++p) {
      Text w = stem.substr(p, 2);
      word = word || lex.IsStop(w) || lex.IsCommon(w) || lex.IsGeneric(w) || lex.IsVerb(w);
    }
    if (word || lex.IsCommon(stem) || lex.IsGeneric(stem)) continue;
    if (stems.size() >= kMaxStems) break;
    stems.emplace(std::u32string(stem), ToUtf8(f.name));
  }
  if (stems.empty()) return;
  auto anchor_at = [&anchors](uint32_t at, bool end) {
    auto it = std::lower_bound(
        anchors.begin(), anchors.end(), at,
        [end](const Anchor& a, uint32_t p) { return (end ? a.end : a.begin) < p; });
    return it != anchors.end() && (end ? it->end : it->begin) == at;
  };
  auto verb_near = [&](size_t at, bool before) {
    for (size_t len = 2; len <= 3; ++len) {
      if (before ? len <= at && lex.IsVerb(text.substr(at - len, len))
                 : at + len <= text.size() && lex.IsVerb(text.substr(at, len))) {
        return true;
      }
    }
    return false;
  };
  for (const auto& [stem, zone] : stems) {
    for (size_t p = text.find(stem); p != Text::npos; p = text.find(stem, p + 1)) {
      uint32_t b = static_cast<uint32_t>(p), e = static_cast<uint32_t>(p + stem.size());
      bool left = b == 0 || !IsHanChar(text[b - 1]) || lex.IsParticle(text[b - 1]) ||
                  anchor_at(b, true) || verb_near(b, true);
      bool right = e == text.size() || !IsHanChar(text[e]) || lex.IsParticle(text[e]) ||
                   anchor_at(e, false) || verb_near(e, false);
      if (!left || !right) continue;
      Candidate c;
      c.begin = b, c.end = e;
      c.priority = kFormPriority;
      c.place = {"zone/" + zone, zone, "zone", Gazetteer::kNone};
      candidates->push_back(std::move(c));
    }
  }
}

}  // namespace

PlaceRecognizer::PlaceRecognizer(const Gazetteer* gazetteer, const Lexicon& lexicon)
    : gazetteer_(gazetteer), lexicon_(lexicon) {}

Place PlaceRecognizer::DivisionPlace(Index d) const {
  Place p;
  p.key = gazetteer_->CodeString(d);
  p.name = gazetteer_->NameUtf8(d);
  p.subtype = std::string(gazetteer_->subtype(d));
  p.division = d;
  return p;
}

Index PlaceRecognizer::ResolveRegion(Text region, Text text) const {
  if (gazetteer_ == nullptr || region.empty()) return Gazetteer::kNone;
  for (Text n : kNational) {
    if (region == n) return Gazetteer::kNone;
  }
  const Gazetteer& g = *gazetteer_;
  // Split the region into the division names it chains (呼伦贝尔市|海拉尔区), longest
  // first; each later one must lie inside a candidate of the earlier ones.
  std::vector<Index> candidates;
  bool first = true;
  for (size_t pos = 0; pos < region.size();) {
    std::vector<Index> here;
    size_t used = 0;
    for (size_t len = std::min(region.size() - pos, kMaxScan); len >= 2 && here.empty(); --len) {
      for (const auto& m : g.Lookup(region.substr(pos, len))) {
        if (m.kind != NameKind::kShort || (pos == 0 && len == region.size())) {
          here.push_back(m.division);
        }
      }
      if (!here.empty()) used = len;
    }
    if (here.empty()) {
      ++pos;
      continue;
    }
    pos += used;
    if (first) {
      candidates = here;
      first = false;
      continue;
    }
    std::vector<Index> inside;
    for (Index d : here) {
      for (Index c : candidates) {
        if (g.IsWithin(d, c)) {
          inside.push_back(d);
          break;
        }
      }
    }
    if (!inside.empty()) candidates = inside;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  if (candidates.size() <= 1) return candidates.empty() ? Gazetteer::kNone : candidates[0];
  // Several divisions share the name: the one whose ancestors the text names most.
  Index best = Gazetteer::kNone;
  size_t best_score = 0;
  bool tie = false;
  for (Index d : candidates) {
    size_t score = 0;
    for (Index a = g.parent(d); a != Gazetteer::kNone; a = g.parent(a)) {
      for (Text name : {g.name(a), g.short_name(a)}) {
        if (name.size() < 2) continue;
        for (size_t p = text.find(name); p != Text::npos; p = text.find(name, p + 1)) ++score;
      }
    }
    if (score > best_score) {
      best = d, best_score = score, tie = false;
    } else if (score == best_score) {
      tie = true;
    }
  }
  return tie || best_score == 0 ? Gazetteer::kNone : best;
}

RecognizedPlaces PlaceRecognizer::Recognize(Text text, Index report) const {
  std::vector<Candidate> candidates;
  const Lexicon& lex = lexicon_;

  // Genre stop words and curated places: from each position, the lengths some word
  // starting with its character has (most start none), while one can still follow.
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsHanChar(text[i])) continue;
    const size_t max = lex.MaxScanLengthFrom(text[i]);
    uint64_t h = ExtendNameHash(kNameHashSeed, text[i]);
    for (size_t len = 2; len <= max && i + len <= text.size(); ++len) {
      Text w = text.substr(i, len);
      h = ExtendNameHash(h, text[i + len - 1]);
      const Lexicon::ScanHit hit = lex.Scan(h, w);
      if (hit.stop) {
        Candidate c;
        c.begin = static_cast<uint32_t>(i), c.end = static_cast<uint32_t>(i + len);
        c.priority = kStopPriority;
        c.stop = true;
        candidates.push_back(std::move(c));
      }
      if (hit.curated >= 0) {
        const CuratedPlace& cp = lex.curated()[hit.curated];
        Candidate c;
        c.begin = static_cast<uint32_t>(i), c.end = static_cast<uint32_t>(i + len);
        c.priority = kCuratedPriority;
        c.place = {cp.subtype + "/" + cp.name, cp.name, cp.subtype, Gazetteer::kNone};
        candidates.push_back(std::move(c));
      }
      if (!hit.prefix) break;
    }
  }

  if (gazetteer_ != nullptr) {
    const Gazetteer& g = *gazetteer_;
    // Every span that names a division.
    // Names of two to max_len Chinese characters. Most positions start none, which
    // the start filter tells; the others are probed a length at a time, all positions
    // of one length in a batch (see ProbeNames), each extended while a longer name can
    // start with it.
    std::vector<RawMatch> raw;
    const size_t max_len = std::min(g.max_name_length(), kMaxScan);
    std::vector<Gazetteer::BatchProbe> batch, longer;
    batch.reserve(text.size() / 2);  // about a third of the characters start a candidate
    longer.reserve(text.size() / 4);
    raw.reserve(text.size() / 4);
    constexpr size_t kAhead = 16;
    for (size_t i = 0; max_len >= 2 && i + 2 <= text.size(); ++i) {
      if (i + kAhead + 2 <= text.size()) g.PrefetchStart(text[i + kAhead], text[i + kAhead + 1]);
      if (!IsHanChar(text[i]) || !IsHanChar(text[i + 1]) || !g.MayStartName(text[i], text[i + 1])) {
        continue;
      }
      Gazetteer::BatchProbe probe;
      probe.hash = ExtendNameHash(ExtendNameHash(kNameHashSeed, text[i]), text[i + 1]);
      probe.name = text.substr(i, 2);
      batch.push_back(probe);
    }
    for (size_t len = 2; !batch.empty(); ++len) {
      g.ProbeNames(batch.data(), batch.size());
      longer.clear();
      for (Gazetteer::BatchProbe& probe : batch) {
        const uint32_t begin = static_cast<uint32_t>(probe.name.data() - text.data());
        const size_t end = begin + len;
        if (!probe.result.meanings.empty()) {
          raw.push_back({begin, static_cast<uint32_t>(end), probe.result.meanings});
        }
        if (!probe.result.prefix || len == max_len || end == text.size() || !IsHanChar(text[end])) {
          continue;
        }
        probe.hash = ExtendNameHash(probe.hash, text[end]);
        probe.name = text.substr(begin, len + 1);
        longer.push_back(probe);
      }
      batch.swap(longer);
    }
    // In text order, as the rest expects: by start, and for one start by end, which is
    // the order the waves found them in (a counting sort; std::sort took longer than the
    // probing).
    {
      std::vector<uint32_t> slot(text.size() + 1, 0);
      for (const RawMatch& r : raw) ++slot[r.begin + 1];
      for (size_t p = 1; p < slot.size(); ++p) slot[p] += slot[p - 1];
      std::vector<RawMatch> ordered(raw.size());
      for (const RawMatch& r : raw) ordered[slot[r.begin]++] = r;
      raw.swap(ordered);
    }
    // What the lexicon says of each surface, asked once rather than per meaning.
    for (RawMatch& r : raw) {
      Text surface = text.substr(r.begin, r.end - r.begin);
      r.stop = lex.IsStop(surface);
      r.common = lex.IsCommon(surface);
    }

    // The report's region and the counties and prefectures the text names in full.
    Index region_prefecture = Gazetteer::kNone, region_province = Gazetteer::kNone;
    if (report != Gazetteer::kNone) {
      region_province = g.AncestorAt(report, Level::kProvince);
      region_prefecture = g.AncestorAt(report, Level::kPrefecture);
      if (region_prefecture == Gazetteer::kNone) region_prefecture = region_province;
    }
    // Edges: clean where the neighbour cannot continue a word: punctuation other than
    // quotes (a quoted “双城” is a slogan), a particle.
    constexpr Text kQuotes = U"“”‘’\"'「」『』《》";
    auto clean_left = [&](uint32_t b) {
      if (b == 0) return true;
      char32_t c = text[b - 1];
      if (InSet(c, kQuotes)) return false;
      return !IsHanChar(c) || lex.IsParticle(c) || InSet(c, U"赴到去来同");
    };
    auto clean_right = [&](uint32_t e) {
      if (e >= text.size()) return true;
      char32_t c = text[e];
      if (InSet(c, kQuotes)) return false;
      return !IsHanChar(c) || lex.IsParticle(c) || InSet(c, U"园港两三四五各");
    };
    // The meanings of the names found lie all over the gazetteer: each loop over them
    // fetches a few names ahead.
    constexpr size_t kFetchAhead = 8;
    auto fetch_ahead = [&raw](size_t k) {
      if (k + kFetchAhead < raw.size()) {
        __builtin_prefetch(raw[k + kFetchAhead].meanings.begin);
        __builtin_prefetch(raw[k + kFetchAhead].meanings.villages);
      }
    };
    std::vector<Index> named_counties, named_prefectures;
    for (size_t k = 0; k < raw.size(); ++k) {
      fetch_ahead(k);
      const RawMatch& r = raw[k];
      Text surface = text.substr(r.begin, r.end - r.begin);
      if (r.stop || r.common) continue;
      std::vector<Index> named, named_near;
      // Villages come last in a name's meanings and are never counties or prefectures.
      for (const Gazetteer::Match* it = r.meanings.begin; it != r.meanings.villages; ++it) {
        const Gazetteer::Match& m = *it;
        Level lv = m.level;
        if (m.kind == NameKind::kShort || (lv != Level::kCounty && lv != Level::kPrefecture)) {
          continue;
        }
        named.push_back(m.division);
        if (region_province != Gazetteer::kNone && g.IsWithin(m.division, region_province)) {
          named_near.push_back(m.division);
        }
      }
      Index d = named.size() == 1        ? named[0]
                : named_near.size() == 1 ? named_near[0]
                                         : Gazetteer::kNone;
      if (d == Gazetteer::kNone) continue;
      // A district's name far away may be a word (平房区): it sets no context then.
      if (surface.back() == U'区' &&
          (region_province == Gazetteer::kNone || !g.IsWithin(d, region_province)) &&
          !(clean_left(r.begin) && clean_right(r.end))) {
        continue;
      }
      (g.level(d) == Level::kCounty ? named_counties : named_prefectures).push_back(d);
    }
    // tier_of asks whether any of them holds a division: each once will do.
    for (std::vector<Index>* v : {&named_counties, &named_prefectures}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    auto tier_of = [&](Index d) {
      if (report != Gazetteer::kNone && g.IsWithin(d, report)) return kInRegion;
      // Strictly inside: naming a county in full does not make the name itself local.
      for (Index c : named_counties) {
        if (d != c && g.IsWithin(d, c)) return kInNamedCounty;
      }
      if (region_prefecture != Gazetteer::kNone && g.IsWithin(d, region_prefecture)) {
        return kInPrefecture;
      }
      for (Index p : named_prefectures) {
        if (d != p && g.IsWithin(d, p)) return kInNamedPrefecture;
      }
      if (region_province != Gazetteer::kNone && g.IsWithin(d, region_province)) {
        return kInProvince;
      }
      return kElsewhere;
    };
    bool local_report = report != Gazetteer::kNone && g.level(report) >= Level::kCounty;

    // A bare name that is a village of the report's own county.
    auto local_village_short = [&](Text word) {
      if (!local_report) return false;
      auto [first, last] = g.VillagesWithin(g.MeaningsOf(word), report);
      for (const Gazetteer::Match* m = first; m != last; ++m) {
        if (m->kind == NameKind::kShort) return true;
      }
      return false;
    };
    // 油车、护塘、白漾、八字、中兴: a list of at least three items that open (or, to the
    // left, end) with a village name of the report's county.
    auto in_local_village_list = [&](uint32_t begin, uint32_t end) {
      int items = 1;
      for (size_t p = end; p < text.size() && text[p] == U'、';) {
        size_t q = p + 1;
        bool hit = false;
        for (size_t len = 2; len <= 4 && q + len <= text.size(); ++len) {
          hit = hit || local_village_short(text.substr(q, len));
        }
        if (!hit) break;
        ++items;
        while (q < text.size() && IsHanChar(text[q])) ++q;
        p = q;
      }
      for (size_t p = begin; p > 0 && text[p - 1] == U'、';) {
        size_t q = p - 1;
        bool hit = false;
        for (size_t len = 2; len <= 4 && len <= q; ++len) {
          hit = hit || local_village_short(text.substr(q - len, len));
        }
        if (!hit) break;
        ++items;
        while (q > 0 && IsHanChar(text[q - 1])) --q;
        p = q;
      }
      return items >= 3;
    };

    struct Resolved {
      Candidate candidate;
      Edges edges = kAnyEdges;
    };
    std::vector<Resolved> resolved;
    struct Pick {
      Index division;
      NameKind kind;
      Tier tier;
      Level level;
      Edges edges;
    };
    std::vector<Pick> accepted;  // per name found; kept out here to reuse its memory
    for (size_t k = 0; k < raw.size(); ++k) {
      fetch_ahead(k);
      const RawMatch& r = raw[k];
      Text surface = text.substr(r.begin, r.end - r.begin);
      if (r.stop) continue;
      char32_t next = r.end < text.size() ? text[r.end] : U' ';
      // Only the villages inside the report's region can count (a village needs a local
      // report and the region's tier), so the thousands elsewhere that share a common
      // name are never visited.
      const Gazetteer::Match* village_begin = r.meanings.end;
      const Gazetteer::Match* village_end = r.meanings.end;
      if (local_report) std::tie(village_begin, village_end) = g.VillagesWithin(r.meanings, report);
      size_t counties_or_above = 0, townships_full = 0;
      bool local_village = false;
      for (const Gazetteer::Match* it = r.meanings.begin; it != r.meanings.villages; ++it) {
        Level lv = it->level;
        if (lv <= Level::kCounty) ++counties_or_above;
        if (lv == Level::kTownship && it->kind != NameKind::kShort) ++townships_full;
      }
      for (const Gazetteer::Match* it = village_begin; it != village_end; ++it) {
        if (it->kind == NameKind::kShort) local_village = true;
      }
      accepted.clear();
      auto consider = [&](const Gazetteer::Match& m) {
        Index d = m.division;
        Level lv = m.level;
        Tier tier = tier_of(d);
        bool is_short = m.kind == NameKind::kShort;
        if (is_short && lv != Level::kProvince && r.common) return;
        // 广安门, 朝阳门: a gate (and the quarter, hospital ... named after it) is not
        // the division whose short name it opens.
        if (is_short && next == U'门' && !StartsWithU32(text.substr(r.end), U"门户")) return;
        if (m.kind == NameKind::kFull) {
          // 上海市民, 松江区域: the name's suffix begins another word.
          if (surface.back() == U'市' && InSet(next, U"场民值")) return;
          if (surface.back() == U'区' && InSet(next, U"域块间位划")) return;
        }
        bool ok = false;
        Edges edges = kAnyEdges;
        switch (lv) {
          case Level::kProvince:
            ok = true;
            break;
          case Level::kPrefecture:
            ok = true;
            if (is_short && tier == kElsewhere) edges = kOneCleanEdge;
            break;
          case Level::kCounty:
            ok = true;
            if (is_short && tier >= kInPrefecture) {
              edges = tier >= kInProvince ? kBothCleanEdges : kOneCleanEdge;
              ok = tier != kElsewhere || counties_or_above == 1;
            } else if (!is_short && tier == kElsewhere && surface.back() == U'区') {
              edges = kBothCleanEdges;  // 平房区, 老城区 are words too
            }
            break;
          case Level::kTownship: {
            Text short_name = g.short_name(d);
            if (!short_name.empty() && lex.IsStop(short_name)) break;  // 城镇街道
            if (!is_short) {
              if (IsGenericUnitName(g.name(d), lex)) break;
              ok = tier <= kInProvince || (townships_full == 1 && surface.size() >= 3);
              if (tier == kElsewhere) edges = kBothCleanEdges;
            } else if (g.subtype(d) == "street") {
              ok = tier <= kInNamedCounty;
              // A street of another county must stand clear (中药都 holds 药都), and
              // So must one two levels below a city's report (安国中药都 holds 药都).
              if (tier == kInNamedCounty || (tier == kInRegion && !local_report)) {
                edges = kBothCleanEdges;
              }
            } else {
              ok = tier <= kInPrefecture;
              if (tier == kInPrefecture) edges = kOneCleanEdge;
            }
            break;
          }
          case Level::kVillage:
            if (!local_report || tier != kInRegion) break;
            ok = is_short ? ListEndsInVillage(text, r.end) || in_local_village_list(r.begin, r.end)
                          : surface.size() >= 3;
            break;
        }
        if (ok) accepted.push_back({d, m.kind, tier, lv, edges});
      };
      for (const Gazetteer::Match* it = r.meanings.begin; it != r.meanings.villages; ++it) {
        consider(*it);
      }
      for (const Gazetteer::Match* it = village_begin; it != village_end; ++it) consider(*it);
      if (accepted.empty()) continue;
      std::sort(accepted.begin(), accepted.end(), [](const Pick& a, const Pick& b) {
        if (a.tier != b.tier) return a.tier < b.tier;
        if (a.level != b.level) return a.level < b.level;
        return a.kind < b.kind;
      });
      const Pick& best = accepted[0];
      bool ambiguous = false;
      for (size_t k = 1; k < accepted.size(); ++k) {
        if (accepted[k].tier == best.tier && accepted[k].level == best.level &&
            accepted[k].division != best.division) {
          ambiguous = true;
        }
      }
      // A bare name of one of the county's own villages that also names a township
      // further away (中兴): which one is meant cannot be told.
      if (local_village && best.tier > kInRegion && best.kind == NameKind::kShort) {
        ambiguous = true;
      }
      if (ambiguous) continue;
      Resolved res;
      res.candidate.begin = r.begin, res.candidate.end = r.end;
      res.candidate.priority = best.kind == NameKind::kShort ? kShortPriority : kFullPriority;
      res.candidate.division = true;
      // The place's strings are made at the end, once per place kept (a division is
      // named hundreds of times, and most candidates are settled away).
      res.candidate.place.division = best.division;
      res.edges = best.edges;
      resolved.push_back(std::move(res));
    }

    for (Resolved& r : resolved) {
      int clean = clean_left(r.candidate.begin) + clean_right(r.candidate.end);
      if (clean < static_cast<int>(r.edges)) continue;
      candidates.push_back(std::move(r.candidate));
    }
  }

  // Forms, anchored on the places found so far.
  std::vector<uint32_t> settled = Settle(candidates, text.size());
  // A foreign city right after its country: 俄罗斯|赤塔市, 蒙古国|乔巴山市, 俄罗斯|赤塔、.
  std::vector<Candidate> cities;
  for (uint32_t k : settled) {
    const Candidate& c = candidates[k];
    if (c.stop || c.division || c.place.subtype != "region") continue;
    int curated = lex.FindCurated(text.substr(c.begin, c.end - c.begin));
    if (curated < 0 || !lex.curated()[curated].country) continue;
    size_t q = c.end;
    while (q < text.size() && IsHanChar(text[q]) && !lex.IsParticle(text[q]) && q - c.end < 6) {
      ++q;
    }
    size_t end = 0;
    for (size_t p = c.end + 2; p < q; ++p) {
      if (text[p] == U'市') {
        end = p + 1;
        break;
      }
    }
    if (end == 0 && q - c.end >= 2 && q - c.end <= 4 && q < text.size() &&
        InSet(text[q], U"、，,。；;和与及")) {
      end = q;
    }
    if (end == 0) continue;
    Candidate city;
    city.begin = c.end, city.end = static_cast<uint32_t>(end);
    city.priority = kFormPriority;
    std::string name = ToUtf8(text.substr(c.end, end - c.end));
    // 赤塔市 and 赤塔 are one city.
    std::string key = ToUtf8(text.substr(c.end, end - c.end - (text[end - 1] == U'市')));
    city.place = {"city/" + key, name, "city", Gazetteer::kNone};
    cities.push_back(std::move(city));
  }
  for (Candidate& city : cities) candidates.push_back(std::move(city));
  // A curated zone right after a division that stands clear (保定|中关村): the zone's
  // branch in that place, a zone of its own.
  std::vector<Candidate> branches;
  for (size_t n = 1; n < settled.size(); ++n) {
    const Candidate& place = candidates[settled[n - 1]];
    const Candidate& zone = candidates[settled[n]];
    if (!place.division || zone.division || zone.stop || zone.place.subtype != "zone" ||
        place.end != zone.begin) {
      continue;
    }
    bool clear = place.begin == 0 || !IsHanChar(text[place.begin - 1]) ||
                 lex.IsParticle(text[place.begin - 1]);
    for (size_t len = 2; len <= 3 && !clear && len <= place.begin; ++len) {
      clear = lex.IsVerb(text.substr(place.begin - len, len));
    }
    if (!clear) continue;
    Candidate branch;
    branch.begin = place.begin, branch.end = zone.end;
    branch.priority = kFormPriority;
    std::string name = ToUtf8(text.substr(place.begin, zone.end - place.begin));
    branch.place = {"zone/" + name, name, "zone", Gazetteer::kNone};
    branches.push_back(std::move(branch));
  }
  for (Candidate& branch : branches) candidates.push_back(std::move(branch));
  // Settling the same candidates again gives the same answer: only new cities and
  // branches change it.
  if (!cities.empty() || !branches.empty()) settled = Settle(candidates, text.size());
  std::vector<Anchor> anchors;
  for (uint32_t k : settled) {
    if (!candidates[k].stop) anchors.push_back({candidates[k].begin, candidates[k].end});
  }
  std::vector<FormMatch> forms = FindForms(text, anchors, lex);
  for (const FormMatch& f : forms) {
    Candidate c;
    c.begin = f.begin, c.end = f.end;
    c.priority = kFormPriority;
    std::string name = ToUtf8(f.name);
    c.place = {f.subtype + "/" + name, name, f.subtype, Gazetteer::kNone};
    candidates.push_back(std::move(c));
  }
  AddZoneStems(text, forms, anchors, lex, &candidates);
  // The divisions found, by position, for the nesting below.
  std::vector<uint32_t> first;
  for (uint32_t k = 0; k < candidates.size(); ++k) {
    if (candidates[k].division) first.push_back(k);
  }
  auto by_span = [&candidates](uint32_t x, uint32_t y) {
    const Candidate& a = candidates[x];
    const Candidate& b = candidates[y];
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  };
  std::sort(first.begin(), first.end(), by_span);
  settled = Settle(candidates, text.size());
  // A division that opens a longer place's name (海南|自由贸易港, 松江|工业区) is
  // mentioned there too: the longest that starts with it (no two divisions found share
  // both ends, so the longest is one).
  std::vector<uint32_t> nested;
  for (uint32_t k : settled) {
    const Candidate& outer = candidates[k];
    if (outer.stop || outer.division ||
        (outer.place.subtype != "zone" && outer.place.subtype != "region")) {
      continue;
    }
    auto it = std::lower_bound(
        first.begin(), first.end(), outer.begin,
        [&candidates](uint32_t x, uint32_t begin) { return candidates[x].begin < begin; });
    const Candidate* longest = nullptr;
    uint32_t longest_index = 0;
    for (; it != first.end() && candidates[*it].begin == outer.begin; ++it) {
      const Candidate& inner = candidates[*it];
      if (inner.end < outer.end && (longest == nullptr || inner.end > longest->end)) {
        longest = &inner;
        longest_index = *it;
      }
    }
    if (longest != nullptr) nested.push_back(longest_index);
  }
  settled.insert(settled.end(), nested.begin(), nested.end());
  std::stable_sort(settled.begin(), settled.end(), [&candidates](uint32_t x, uint32_t y) {
    const Candidate& a = candidates[x];
    const Candidate& b = candidates[y];
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });

  // Each candidate is kept at most once (a nested one lies inside a kept one, so it was
  // not kept itself), so its place may be moved out.
  RecognizedPlaces out;
  std::map<std::string, int> by_key;
  for (uint32_t k : settled) {
    Candidate& c = candidates[k];
    if (c.stop) continue;
    if (c.division) c.place.key = gazetteer_->CodeString(c.place.division);
    auto [it, fresh] = by_key.try_emplace(c.place.key, static_cast<int>(out.places.size()));
    if (fresh) {
      out.places.push_back(c.division ? DivisionPlace(c.place.division) : std::move(c.place));
    }
    out.mentions.push_back({c.begin, c.end, it->second});
  }
  return out;
}

}  // namespace kg::ingest::places
