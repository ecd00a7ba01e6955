// Text helpers; see text_util.h.
#include "services/ingest/text_util.h"

#include "unicode/utf8.h"

namespace kg::ingest {

std::u32string Utf8ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0;
  const auto length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string U32ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    uint8_t buf[U8_MAX_LENGTH];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
    if (error) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(reinterpret_cast<const char*>(buf), n);
    }
  }
  return out;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

bool IsWidePunct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F && c != 0x3000 && c != 0x3007) ||
         (c >= 0xFF01 && c <= 0xFF65 && !(c >= 0xFF10 && c <= 0xFF19) &&
          !(c >= 0xFF21 && c <= 0xFF3A) && !(c >= 0xFF41 && c <= 0xFF5A)) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0xFE30 && c <= 0xFE4F) || c == 0x00B7;
}

bool IsBlank(char32_t c) {
  return c == U' ' || c == U'\t' || c == 0x00A0 || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x000B || c == 0x000C;
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiAlpha(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool IsDigitLike(char32_t c) { return IsAsciiDigit(c) || (c >= 0xFF10 && c <= 0xFF19); }

bool IsSentenceEnd(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?';
}

bool IsClauseMark(char32_t c) {
  return c == U'，' || c == U',' || c == U'；' || c == U';' || c == U'：' || c == U':';
}

bool IsCloser(char32_t c) {
  return c == U'”' || c == U'’' || c == U'）' || c == U')' || c == U'」' || c == U'』' ||
         c == U'》' || c == U'"';
}

namespace {

int DigitValue(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

}  // namespace

bool IsChineseNumeral(std::u32string_view s) {
  if (s.empty()) return false;
  for (char32_t c : s) {
    if (DigitValue(c) < 0 && c != U'十' && c != U'百') return false;
  }
  return true;
}

int ChineseNumeralValue(std::u32string_view s) {
  if (!IsChineseNumeral(s) || s.size() > 4) return -1;
  int total = 0;
  int current = 0;
  for (char32_t c : s) {
    if (c == U'百') {
      total += (current == 0 ? 1 : current) * 100;
      current = 0;
    } else if (c == U'十') {
      total += (current == 0 ? 1 : current) * 10;
      current = 0;
    } else {
      current = current * 10 + DigitValue(c);
    }
  }
  return total + current;
}

std::u32string_view TrimBlanks(std::u32string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

}  // namespace kg::ingest
