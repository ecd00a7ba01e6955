// A small set of words (UTF-32) with a value each, for the look-ups a scan over report
// text makes at every character: looked up by string_view without copying the
// candidate, and sized per first character so that the scan tries only the lengths some
// word starting there has (most characters start no word at all).
//
// The words live in one arena and the table holds offsets into it, so an index copies
// and moves safely. Immutable once built; safe to share between threads.
#ifndef KG_SERVICES_INGEST_PLACES_WORD_INDEX_H_
#define KG_SERVICES_INGEST_PLACES_WORD_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {

class WordIndex {
 public:
  // Adds `word` with `value` (>= 0); a word added twice keeps its first value. An empty
  // word is ignored.
  void Add(std::u32string_view word, int value = 0);

  // The value of `word`; -1 if it is not in the index.
  int Find(std::u32string_view word) const { return Find(NameHash(word), word); }
  // The same for a caller that has hashed `word` with NameHash (place_text.h), as a scan
  // that extends a candidate one character at a time does incrementally.
  int Find(uint64_t hash, std::u32string_view word) const;
  bool Contains(std::u32string_view word) const { return Find(word) >= 0; }

  // The length of the longest word that starts with `first`; 0 if none does. Asked at
  // every character of a text, so the Basic Multilingual Plane (all of the genre's
  // words) has a byte per character; other characters go through a hash table.
  size_t MaxLengthFrom(char32_t first) const {
    if (first < kBmp && !bmp_max_.empty() && bmp_max_[first] < 255) return bmp_max_[first];
    return LookUpFirst(first);
  }
  // The length of the longest word.
  size_t max_length() const { return max_length_; }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // into arena_
    uint32_t length = 0;  // 0: an empty slot
    int value = 0;
  };
  struct FirstSlot {
    char32_t first = 0;  // 0: an empty slot (no word starts with U+0000)
    uint32_t max_length = 0;
  };

  void Grow();
  size_t LookUpFirst(char32_t first) const;

  std::u32string arena_;
  std::vector<Slot> slots_;        // open addressing; size a power of two, at most half full
  std::vector<FirstSlot> firsts_;  // likewise, first character -> longest word
  static constexpr char32_t kBmp = 0x10000;
  // Empty, or per BMP character the longest word; 255 for "255 or more: ask firsts_".
  std::vector<uint8_t> bmp_max_;
  size_t size_ = 0;
  size_t first_count_ = 0;
  size_t max_length_ = 0;
};

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_WORD_INDEX_H_
