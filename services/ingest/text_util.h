// Small text helpers shared by the cleaner and the extractor: UTF-8 <-> UTF-32 and
// character classes. The extractor works on UTF-32 so that every index it computes is
// already the code-point offset that spans need.
#ifndef KG_SERVICES_INGEST_TEXT_UTIL_H_
#define KG_SERVICES_INGEST_TEXT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

// Decodes UTF-8; an ill-formed sequence becomes U+FFFD (input from DecodeReport is
// always well-formed, so this only matters for callers passing raw bytes).
std::u32string Utf8ToU32(std::string_view utf8);
std::string U32ToUtf8(std::u32string_view text);

// A CJK ideograph (the unified blocks and their extensions, and compatibility ideographs).
bool IsHan(char32_t c);
// Punctuation that belongs to Chinese typesetting: CJK symbols (、。“”《》 ...), full-width
// forms (，：（） ...), the em dash and the ellipsis.
bool IsWidePunct(char32_t c);
// Han or wide punctuation: text around which a space is never meaningful.
inline bool IsWide(char32_t c) { return IsHan(c) || IsWidePunct(c); }
// Horizontal white space of any width (ASCII, no-break, ideographic, zero-width).
bool IsBlank(char32_t c);
bool IsAsciiDigit(char32_t c);
bool IsAsciiAlpha(char32_t c);
// Full-width digits count too.
bool IsDigitLike(char32_t c);

// Sentence terminators (。！？ and their ASCII forms).
bool IsSentenceEnd(char32_t c);
// Clause separators inside a sentence (，；：, and ASCII , ; :).
bool IsClauseMark(char32_t c);
// Closing quotes and brackets that may follow a sentence terminator (。” 。）).
bool IsCloser(char32_t c);

// The value of a Chinese numeral used for ordinals (一 .. 九十九, 〇/零 too); -1 if `s`
// is not one.
int ChineseNumeralValue(std::u32string_view s);
// True if every character of `s` is a Chinese numeral digit (一二三...十百〇零两).
bool IsChineseNumeral(std::u32string_view s);

// Removes leading and trailing blanks.
std::u32string_view TrimBlanks(std::u32string_view s);

// Finds `needle` in `hay` at or after `from`; npos if absent.
inline size_t Find(std::u32string_view hay, std::u32string_view needle, size_t from = 0) {
  return hay.find(needle, from);
}
inline bool StartsWith(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
inline bool EndsWith(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
inline bool Contains(std::u32string_view s, std::u32string_view p) {
  return s.find(p) != std::u32string_view::npos;
}

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_TEXT_UTIL_H_
