// Display width by the East Asian Width property (ICU), truncation and padding.
#include "clients/kgctl/display_width.h"

#include <cstdint>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace kg::cli {
namespace {

// Columns one code point takes; see DisplayWidth.
int CodePointWidth(UChar32 c) {
  if (c < 0) return 1;  // an invalid sequence: the terminal shows one replacement
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:  // ZWJ, ZWSP-like format characters, soft hyphen
    case U_CONTROL_CHAR:
      return 0;
    default:
      break;
  }
  const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

// Decodes the code point at *i of `text` and advances *i past it.
UChar32 NextCodePoint(std::string_view text, int32_t* i) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  UChar32 c;
  U8_NEXT(bytes, *i, static_cast<int32_t>(text.size()), c);
  return c;
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  int width = 0;
  int32_t i = 0;
  while (i < static_cast<int32_t>(utf8.size())) width += CodePointWidth(NextCodePoint(utf8, &i));
  return width;
}

std::string TruncateToWidth(std::string_view utf8, int max_width) {
  if (max_width < 1) return "";
  if (DisplayWidth(utf8) <= max_width) return std::string(utf8);
  const int budget = max_width - 1;  // one column for the ellipsis
  int width = 0;
  int32_t i = 0;
  int32_t cut = 0;
  while (i < static_cast<int32_t>(utf8.size())) {
    const int w = CodePointWidth(NextCodePoint(utf8, &i));
    if (width + w > budget) break;
    width += w;
    cut = i;  // zero-width marks stay with the character they follow
  }
  std::string out(utf8.substr(0, cut));
  out.append("\xE2\x80\xA6");  // …
  return out;
}

std::string PadToWidth(std::string_view utf8, int width, bool right_align) {
  const int pad = width - DisplayWidth(utf8);
  if (pad <= 0) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size() + pad);
  if (right_align) out.append(pad, ' ');
  out.append(utf8);
  if (!right_align) out.append(pad, ' ');
  return out;
}

}  // namespace kg::cli
