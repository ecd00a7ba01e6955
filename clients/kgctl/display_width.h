// How many terminal columns UTF-8 text occupies, and cutting text to a width, so that
// tables of Chinese and mixed text line up.
#ifndef KG_CLIENTS_KGCTL_DISPLAY_WIDTH_H_
#define KG_CLIENTS_KGCTL_DISPLAY_WIDTH_H_

#include <string>
#include <string_view>

namespace kg::cli {

// Columns `utf8` takes in a terminal: by the Unicode East Asian Width property, Wide
// and Fullwidth characters (汉字, （）, 。) count 2; combining marks, format characters
// and control characters count 0; everything else (including Ambiguous) counts 1.
// An invalid byte sequence counts 1 per bad byte, as terminals show one replacement.
int DisplayWidth(std::string_view utf8);

// `utf8` unchanged if it fits in `max_width` columns; otherwise its longest prefix of
// whole characters that fits in max_width - 1 columns followed by "…" (one column), so
// the result never exceeds max_width. A max_width below 1 yields "".
std::string TruncateToWidth(std::string_view utf8, int max_width);

// `utf8` padded with spaces to `width` columns, on the right (left-aligned) or on the
// left (right_align). Text already as wide is returned unchanged.
std::string PadToWidth(std::string_view utf8, int width, bool right_align = false);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_DISPLAY_WIDTH_H_
