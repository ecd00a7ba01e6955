// Line cleaning; see line_cleanup.h.
#include "services/ingest/line_cleanup.h"

#include "services/ingest/text_util.h"

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

bool IsSuperscriptDigit(char32_t c) {
  return c == 0x00B9 || c == 0x00B2 || c == 0x00B3 || (c >= 0x2070 && c <= 0x2079);
}

// A bracketed reference number "[12]" / "^[12]" / "［12］" at `pos`; returns its length.
size_t ReferenceLength(std::u32string_view s, size_t pos) {
  size_t i = pos;
  if (s[i] == U'^') ++i;
  if (i >= s.size() || !(s[i] == U'[' || s[i] == U'［')) return 0;
  ++i;
  size_t digits = 0;
  while (i < s.size() && IsDigitLike(s[i]) && digits < 3) {
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= s.size() || !(s[i] == U']' || s[i] == U'］')) return 0;
  return i + 1 - pos;
}

bool IsAsciiPunct(char32_t c) {
  return c == U',' || c == U'.' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U')' ||
         c == U'(';
}

}  // namespace

std::u32string RemoveStrayBlanks(std::u32string_view line) {
  line = TrimBlanks(line);
  std::u32string out;
  out.reserve(line.size());
  size_t i = 0;
  while (i < line.size()) {
    if (!IsBlank(line[i])) {
      out.push_back(line[i++]);
      continue;
    }
    size_t j = i;
    while (j < line.size() && IsBlank(line[j])) ++j;
    char32_t left = out.empty() ? U' ' : out.back();
    char32_t right = j < line.size() ? line[j] : U' ';
    char32_t left2 = out.size() >= 2 ? out[out.size() - 2] : U' ';
    bool drop = IsWide(left) || IsWide(right) || (IsAsciiPunct(left) && IsWide(left2)) ||
                (IsAsciiPunct(right) && (j + 1 >= line.size() || IsWide(line[j + 1])));
    // Zero-width characters are never kept as a space.
    bool invisible = true;
    for (size_t k = i; k < j; ++k) {
      invisible = invisible && (line[k] == 0x200B || line[k] == 0xFEFF);
    }
    if (!drop && !invisible) out.push_back(U' ');
    i = j;
  }
  return out;
}

std::u32string CleanLine(std::u32string_view line, std::vector<std::u32string>* notes) {
  std::u32string cut;
  cut.reserve(line.size());
  bool at_start = true;
  for (size_t i = 0; i < line.size();) {
    char32_t c = line[i];
    if ((c < 0x20 && c != U'\t') || c == 0x7F) {  // stray control characters
      ++i;
      continue;
    }
    if (size_t end = FootnoteEnd(line, i); end > 0) {
      notes->push_back(FootnoteText(line.substr(i, end - i)));
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
    if (IsSuperscriptDigit(c)) {
      ++i;
      continue;
    }
    if (!at_start) {
      if (size_t n = ReferenceLength(line, i); n > 0) {
        i += n;
        continue;
      }
    }
    if (!IsBlank(c)) at_start = false;
    cut.push_back(c);
    ++i;
  }
  return RemoveStrayBlanks(cut);
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
