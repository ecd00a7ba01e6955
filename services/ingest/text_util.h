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

// The character classes below are tested at nearly every character of every report
// (cleaner, structure, targets, goals), so they are inline.

// A CJK ideograph (the unified blocks and their extensions, and compatibility ideographs).
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}
// Punctuation that belongs to Chinese typesetting: CJK symbols (、。“”《》 ...), full-width
// forms (，：（） ...), the em dash and the ellipsis.
inline bool IsWidePunct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F && c != 0x3000 && c != 0x3007) ||
         (c >= 0xFF01 && c <= 0xFF65 && !(c >= 0xFF10 && c <= 0xFF19) &&
          !(c >= 0xFF21 && c <= 0xFF3A) && !(c >= 0xFF41 && c <= 0xFF5A)) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0xFE30 && c <= 0xFE4F) || c == 0x00B7;
}
// Han or wide punctuation: text around which a space is never meaningful.
inline bool IsWide(char32_t c) { return IsHan(c) || IsWidePunct(c); }
// Horizontal white space of any width (ASCII, no-break, ideographic, zero-width).
inline bool IsBlank(char32_t c) {
  return c == U' ' || c == U'\t' || c == 0x00A0 || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x000B || c == 0x000C;
}
inline bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool IsAsciiAlpha(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
// Full-width digits count too.
inline bool IsDigitLike(char32_t c) { return IsAsciiDigit(c) || (c >= 0xFF10 && c <= 0xFF19); }

// Sentence terminators (。！？ and their ASCII forms).
inline bool IsSentenceEnd(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?';
}
// Clause separators inside a sentence (，；：, and ASCII , ; :).
inline bool IsClauseMark(char32_t c) {
  return c == U'，' || c == U',' || c == U'；' || c == U';' || c == U'：' || c == U':';
}
// Closing quotes and brackets that may follow a sentence terminator (。” 。）).
inline bool IsCloser(char32_t c) {
  return c == U'”' || c == U'’' || c == U'）' || c == U')' || c == U'」' || c == U'』' ||
         c == U'》' || c == U'"';
}

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
