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
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "absl/status/statusor.h"

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
  int FindCurated(std::u32string_view surface) const;
  size_t max_curated_length() const { return max_curated_length_; }

  bool IsStop(std::u32string_view word) const { return stop_.count(std::u32string(word)) > 0; }
  size_t max_stop_length() const { return max_stop_length_; }
  bool IsCommon(std::u32string_view word) const { return common_.count(std::u32string(word)) > 0; }
  bool IsVerb(std::u32string_view word) const { return verb_.count(std::u32string(word)) > 0; }
  bool IsParticle(char32_t c) const { return particle_.count(c) > 0; }
  bool IsGeneric(std::u32string_view word) const {
    return generic_.count(std::u32string(word)) > 0;
  }
  size_t max_generic_length() const { return max_generic_length_; }

 private:
  std::vector<CuratedPlace> curated_;
  std::unordered_map<std::u32string, int> curated_index_;
  std::unordered_set<std::u32string> stop_, common_, verb_, generic_;
  std::unordered_set<char32_t> particle_;
  size_t max_curated_length_ = 0;
  size_t max_stop_length_ = 0;
  size_t max_generic_length_ = 0;
};

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_LEXICON_H_
