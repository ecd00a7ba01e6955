// Line cleaning; see line_cleanup.h.
#include "services/ingest/line_cleanup.h"

#include "services/ingest/text_util.h"
#include "unicode/normalizer2.h"
#include "unicode/unistr.h"

namespace kg::ingest {
namespace {

bool IsOpen(char32_t c) { return c == U'(' || c == U'（'; }
bool IsClose(char32_t c) { return c == U')' || c == U'）'; }

// If a footnote "(注解1: …)" / "（注1：…）" / "（注释：…）" opens at `pos`, returns the index
// just past its closing bracket; 0 otherwise.
size_t FootnoteEnd(std::u32string_view s, size_t pos) {
  if (!IsOpen(s[pos])) return 0;
  size_t i = pos + 1;
  while (i < s.size() && IsBlank(s[i])) ++i;
  if (i >= s.size() || s[i] != U'注') return 0;
  ++i;
  if (i < s.size() && (s[i] == U'解' || s[i] == U'释')) ++i;
  bool numbered = false;
  while (i < s.size() && (IsDigitLike(s[i]) || IsBlank(s[i]))) {
    numbered = numbered || IsDigitLike(s[i]);
    ++i;
  }
  bool colon = i < s.size() && (s[i] == U':' || s[i] == U'：');
  if (!colon && !numbered) return 0;
  int depth = 0;
  for (size_t j = pos; j < s.size(); ++j) {
    if (IsOpen(s[j])) ++depth;
    if (IsClose(s[j]) && --depth == 0) return j + 1;
  }
  return 0;
}

// The text of a footnote without its brackets and its "注解1:" label.
std::u32string FootnoteText(std::u32string_view note) {
  note = note.substr(1, note.size() - 2);
  size_t colon = note.find_first_of(U":：");
  if (colon != std::u32string_view::npos && colon < 8) note = note.substr(colon + 1);
  return std::u32string(TrimBlanks(note));
}

int SuperscriptDigit(char32_t c) {
  switch (c) {
    case 0x00B9:
      return 1;
    case 0x00B2:
      return 2;
    case 0x00B3:
      return 3;
    default:
      return (c >= 0x2070 && c <= 0x2079) ? static_cast<int>(c - 0x2070) : -1;
  }
}

int DigitOf(char32_t c) { return static_cast<int>(c >= 0xFF10 ? c - 0xFF10 : c - U'0'); }

// A bracketed reference number "[12]" / "^[12]" / "［12］" at `pos`; returns its length and
// its number.
size_t ReferenceLength(std::u32string_view s, size_t pos, int* number) {
  size_t i = pos;
  if (s[i] == U'^') ++i;
  if (i >= s.size() || !(s[i] == U'[' || s[i] == U'［')) return 0;
  ++i;
  size_t digits = 0;
  int value = 0;
  while (i < s.size() && IsDigitLike(s[i]) && digits < 3) {
    value = value * 10 + DigitOf(s[i]);
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= s.size() || !(s[i] == U']' || s[i] == U'］')) return 0;
  *number = value;
  return i + 1 - pos;
}

bool IsAsciiPunct(char32_t c) {
  return c == U',' || c == U'.' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U')' ||
         c == U'(';
}

// Removes stray blanks; `map[i]` receives the output index of input character i (for a
// removed character, the index of the next character kept).
std::u32string RemoveStrayBlanksMapped(std::u32string_view line, std::vector<uint32_t>* map) {
  std::u32string out;
  out.reserve(line.size());
  if (map != nullptr) map->assign(line.size() + 1, 0);
  size_t begin = 0;
  size_t end = line.size();
  while (begin < end && IsBlank(line[begin])) ++begin;
  while (end > begin && IsBlank(line[end - 1])) --end;
  auto mark = [&](size_t from, size_t to) {
    if (map == nullptr) return;
    for (size_t k = from; k < to; ++k) (*map)[k] = static_cast<uint32_t>(out.size());
  };
  mark(0, begin);
  size_t i = begin;
  while (i < end) {
    if (!IsBlank(line[i])) {
      mark(i, i + 1);
      out.push_back(line[i++]);
      continue;
    }
    size_t j = i;
    while (j < end && IsBlank(line[j])) ++j;
    char32_t left = out.empty() ? U' ' : out.back();
    char32_t right = j < end ? line[j] : U' ';
    char32_t left2 = out.size() >= 2 ? out[out.size() - 2] : U' ';
    bool drop = IsWide(left) || IsWide(right) || (IsAsciiPunct(left) && IsWide(left2)) ||
                (IsAsciiPunct(right) && (j + 1 >= end || IsWide(line[j + 1])));
    // Zero-width characters are never kept as a space.
    bool invisible = true;
    for (size_t k = i; k < j; ++k) {
      invisible = invisible && (line[k] == 0x200B || line[k] == 0xFEFF);
    }
    mark(i, j);
    if (!drop && !invisible) out.push_back(U' ');
    i = j;
  }
  mark(end, line.size() + 1);
  return out;
}

// Lost characters: U+FFFD, runs of two or more '?' touching Chinese text, and the white
// square PDF tools print for a glyph they could not map, when it touches Chinese text.
// Rewrites them to U+FFFD in place and returns how many there are.
int MarkLostCharacters(std::u32string* line) {
  std::u32string& s = *line;
  int lost = 0;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == 0xFFFD) {
      ++lost;
      ++i;
      continue;
    }
    char32_t c = s[i];
    if (c != U'?' && c != 0x25A1) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] == c) ++j;
    bool han_left = i > 0 && IsHan(s[i - 1]);
    bool han_right = j < s.size() && IsHan(s[j]);
    bool lost_run = c == U'?' ? (j - i >= 2 && (han_left || han_right)) : (han_left || han_right);
    if (lost_run) {
      for (size_t k = i; k < j; ++k) s[k] = 0xFFFD;
      lost += static_cast<int>(j - i);
    }
    i = j;
  }
  return lost;
}

// A half-width full stop after Chinese text ends a sentence: "…互融.加快…" -> "…互融。加快…".
// Not after a part number at line start ("一.2019年工作回顾"), nor inside numbers.
void WidenFullStops(std::u32string* line) {
  std::u32string& s = *line;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] != U'.' && s[i] != U'．') continue;
    size_t l = i;
    while (l > 0 && IsCloser(s[l - 1])) --l;
    if (l == 0 || !IsHan(s[l - 1])) continue;
    bool marker = IsChineseNumeral(std::u32string_view(s).substr(0, i)) && i <= 3;
    if (marker) continue;
    char32_t right = i + 1 < s.size() ? s[i + 1] : U'\n';
    bool ends = right == U'\n' || IsHan(right) || right == U'“' || right == U'‘' ||
                right == U'《' || IsBlank(right);
    if (ends) s[i] = U'。';
  }
}

}  // namespace

char32_t FoldCompatibilityForm(char32_t c) {
  bool kangxi = (c >= 0x2E80 && c <= 0x2FDF);
  bool compat = (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  bool wide_alnum =
      (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
  if (!kangxi && !compat && !wide_alnum) return c;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err) || nfkc == nullptr) return c;
  icu::UnicodeString folded = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), err);
  if (U_FAILURE(err) || folded.countChar32() != 1) return c;
  return static_cast<char32_t>(folded.char32At(0));
}

std::u32string RemoveStrayBlanks(std::u32string_view line) {
  return RemoveStrayBlanksMapped(line, nullptr);
}

std::u32string CleanLine(std::u32string_view line, LineFindings* findings) {
  std::u32string cut;
  cut.reserve(line.size());
  std::vector<LineNoteRef> refs;  // offsets into `cut`
  bool at_start = true;
  for (size_t i = 0; i < line.size();) {
    char32_t c = line[i];
    if ((c < 0x20 && c != U'\t') || c == 0x7F) {  // stray control characters
      ++i;
      continue;
    }
    if (size_t end = FootnoteEnd(line, i); end > 0) {
      findings->notes.push_back(FootnoteText(line.substr(i, end - i)));
      // The marker digits glued before the note ("6.7%1(" -> "6.7%"), but never digits
      // of a number ("6.71(" keeps its 1: there the marker cannot be told apart).
      size_t k = cut.size();
      while (k > 0 && IsAsciiDigit(cut[k - 1]) && cut.size() - k < 2) --k;
      if (k < cut.size() && k > 0 && !IsDigitLike(cut[k - 1]) && cut[k - 1] != U'.') {
        cut.erase(k);
      }
      i = end;
      continue;
    }
    // "万m²" is a unit; elsewhere a superscript number marks a note.
    bool unit_power = (c == 0x00B2 || c == 0x00B3) && !cut.empty() && IsAsciiAlpha(cut.back());
    if (int d = SuperscriptDigit(c); d >= 0 && !unit_power) {
      int number = 0;
      while (i < line.size() && SuperscriptDigit(line[i]) >= 0) {
        number = number * 10 + SuperscriptDigit(line[i]);
        ++i;
      }
      if (!at_start && number > 0) refs.push_back({static_cast<uint32_t>(cut.size()), number});
      continue;
    }
    if (!at_start) {
      int number = 0;
      if (size_t n = ReferenceLength(line, i, &number); n > 0) {
        refs.push_back({static_cast<uint32_t>(cut.size()), number});
        i += n;
        continue;
      }
    }
    if (!IsBlank(c)) at_start = false;
    cut.push_back(FoldCompatibilityForm(c));
    ++i;
  }
  // "６．５" folds to "6．5"; its point is a decimal point.
  for (size_t i = 1; i + 1 < cut.size(); ++i) {
    if (cut[i] == U'．' && IsAsciiDigit(cut[i - 1]) && IsAsciiDigit(cut[i + 1])) cut[i] = U'.';
  }
  std::vector<uint32_t> map;
  std::u32string out = RemoveStrayBlanksMapped(cut, &map);
  for (LineNoteRef& r : refs) {
    r.offset = map[r.offset];
    findings->refs.push_back(r);
  }
  findings->lost_chars += MarkLostCharacters(&out);
  WidenFullStops(&out);
  return out;
}

bool IsPageNumberLine(std::u32string_view line) {
  line = TrimBlanks(line);
  if (line.empty()) return false;
  size_t digits = 0;
  for (char32_t c : line) {
    if (IsDigitLike(c)) {
      ++digits;
    } else if (!(c == U'-' || c == U'－' || c == U'—' || c == U'第' || c == U'页' || c == U'共' ||
                 c == U'/' || IsBlank(c))) {
      return false;
    }
  }
  return digits > 0 && digits <= 4 && line.size() <= 16;
}

}  // namespace kg::ingest
