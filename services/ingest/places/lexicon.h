// The genre knowledge place recognition uses besides the gazetteer: national strategic
// regions and great rivers (regions.tsv) and genre words (words.tsv: never-places,
// ordinary words that are also short division names, and the verbs and particles that
// bound a road or zone name). Both files live beside this header and are compiled into
// the library, so a daemon needs no extra file at run time.
//
// Immutable after construction; safe to share between threads.
#ifndef KG_SERVICES_INGEST_PLACES_LEXICON_H_
#define KG_SERVICES_INGEST_PLACES_LEXICON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/ingest/places/word_index.h"

namespace kg::ingest::places {

// One curated region, river or zone.
struct CuratedPlace {
  std::string name;      // canonical, UTF-8: 长三角
  std::string subtype;   // region, river, zone, province (a country is a region)
  bool country = false;  // a foreign country: the city names following it are places
};

class Lexicon {
 public:
  // The lexicon compiled from regions.tsv and words.tsv; parsed once.
  static const Lexicon& Builtin();
  // Parses the two files' text. INVALID_ARGUMENT naming the line for a malformed one.
  static absl::StatusOr<Lexicon> Parse(std::string_view regions_tsv, std::string_view words_tsv);

  const std::vector<CuratedPlace>& curated() const { return curated_; }
  // The curated place a text surface names (canonical name or alias); -1 if none.
  int FindCurated(std::u32string_view surface) const { return curated_index_.Find(surface); }

  // Stop words and curated surfaces together, for a scan that extends a candidate one
  // character at a time from each position: what the candidate is, and whether a longer
  // stop word or surface starts with it (if not, the scan moves on). One look-up per
  // length, and most positions stop at the first.
  struct ScanHit {
    bool stop = false;
    int curated = -1;  // as FindCurated
    bool prefix = false;
  };
  ScanHit Scan(uint64_t hash, std::u32string_view candidate) const {
    const int v = scan_.Find(hash, candidate);
    if (v < 0) return {};
    return {(v & kScanStop) != 0, (v >> kScanCuratedShift) - 1, (v & kScanPrefix) != 0};
  }
  // The longest stop word or curated surface starting with `first`; 0 if none does.
  size_t MaxScanLengthFrom(char32_t first) const { return scan_.MaxLengthFrom(first); }

  bool IsStop(std::u32string_view word) const { return stop_.Contains(word); }
  bool IsCommon(std::u32string_view word) const { return common_.Contains(word); }
  bool IsVerb(std::u32string_view word) const { return verb_.Contains(word); }
  // Particles are single characters, so the per-first-character table answers alone.
  bool IsParticle(char32_t c) const { return particle_.MaxLengthFrom(c) > 0; }
  bool IsGeneric(std::u32string_view word) const { return generic_.Contains(word); }
  size_t max_generic_length() const { return generic_.max_length(); }

 private:
  std::vector<CuratedPlace> curated_;
  // Looked up at every character of every report: indexes that take a string_view and
  // know which lengths to try (word_index.h).
  WordIndex curated_index_;
  WordIndex stop_, common_, verb_, generic_, particle_;
  // Stop words, curated surfaces and their prefixes; a value packs the bits below and
  // the curated index + 1 above them.
  static constexpr int kScanStop = 1;
  static constexpr int kScanPrefix = 2;
  static constexpr int kScanCuratedShift = 2;
  WordIndex scan_;
};

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_LEXICON_H_
