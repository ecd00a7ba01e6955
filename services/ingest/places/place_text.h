// Small UTF-8 / UTF-32 helpers for the places library, which sits below the ingest core
// and so cannot use services/ingest/text_util.h. Names and texts are handled as UTF-32
// so that every index is a code-point offset, as spans need.
#ifndef KG_SERVICES_INGEST_PLACES_PLACE_TEXT_H_
#define KG_SERVICES_INGEST_PLACES_PLACE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace kg::ingest::places {

// Decodes UTF-8; an ill-formed byte becomes U+FFFD.
std::u32string ToU32(std::string_view utf8);
std::string ToUtf8(std::u32string_view text);

// A CJK ideograph (unified blocks, extension A and B..F, compatibility ideographs).
inline bool IsHanChar(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}
inline bool IsAsciiDigitChar(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool IsAsciiLetterChar(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

inline bool EndsWithU32(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
inline bool StartsWithU32(std::u32string_view s, std::u32string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// FNV-1a 64 over code points: the key of the gazetteer's name index, computed
// incrementally while a scan extends a candidate one character at a time.
constexpr uint64_t kNameHashSeed = 0xcbf29ce484222325ULL;
inline uint64_t ExtendNameHash(uint64_t hash, char32_t c) {
  return (hash ^ static_cast<uint64_t>(c)) * 0x100000001b3ULL;
}
inline uint64_t NameHash(std::u32string_view s) {
  uint64_t h = kNameHashSeed;
  for (char32_t c : s) h = ExtendNameHash(h, c);
  return h;
}

}  // namespace kg::ingest::places

#endif  // KG_SERVICES_INGEST_PLACES_PLACE_TEXT_H_
