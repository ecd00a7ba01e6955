// Text helpers; see text_util.h.
#include "services/ingest/text_util.h"

#include "unicode/utf8.h"

namespace kg::ingest {

// Both conversions run over every report several times (whole text and line by line),
// so they write through a pointer into a buffer sized up front, and decode ASCII and
// well-formed three-byte sequences (nearly all Chinese text) inline; anything else goes
// through ICU's macros as before, which define the result.
std::u32string Utf8ToU32(std::string_view utf8) {
  std::u32string out(utf8.size(), U'\0');
  char32_t* o = out.data();
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0;
  const auto length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      *o++ = b;
      ++i;
      continue;
    }
    // E1..EC and EE..EF take any two continuation bytes (E0 and ED restrict the second).
    if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && i + 2 < length &&
        (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      *o++ = (static_cast<char32_t>(b & 0x0F) << 12) |
             (static_cast<char32_t>(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      i += 3;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    *o++ = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return out;
}

std::string U32ToUtf8(std::u32string_view text) {
  std::string out(text.size() * 4, '\0');
  char* o = out.data();
  for (char32_t c : text) {
    if (c < 0x80) {
      *o++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *o++ = static_cast<char>(0xC0 | (c >> 6));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000 && (c < 0xD800 || c > 0xDFFF)) {
      *o++ = static_cast<char>(0xE0 | (c >> 12));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c >= 0x10000 && c <= 0x10FFFF) {
      *o++ = static_cast<char>(0xF0 | (c >> 18));
      *o++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {  // a surrogate or beyond Unicode: U8_APPEND's error, written as U+FFFD
      *o++ = '\xEF';
      *o++ = '\xBF';
      *o++ = '\xBD';
    }
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return out;
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
