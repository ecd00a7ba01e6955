// Genre patterns; see report_patterns.h.
#include "services/ingest/report_patterns.h"

#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

bool IsNumeralChar(char32_t c) { return IsChineseNumeral(std::u32string_view(&c, 1)); }

// Reads a Chinese numeral of 1..3 characters at `pos`.
size_t ReadChineseNumeral(std::u32string_view s, size_t pos, Marker* m) {
  size_t n = 0;
  while (pos + n < s.size() && n < 3 && IsNumeralChar(s[pos + n])) ++n;
  if (n == 0) return 0;
  int value = ChineseNumeralValue(s.substr(pos, n));
  if (value <= 0) return 0;
  m->ordinal = std::u32string(s.substr(pos, n));
  m->value = value;
  return n;
}

size_t ReadArabic(std::u32string_view s, size_t pos, Marker* m) {
  size_t n = 0;
  int value = 0;
  while (pos + n < s.size() && n < 3 && IsDigitLike(s[pos + n])) {
    char32_t c = s[pos + n];
    value = value * 10 + static_cast<int>(c >= 0xFF10 ? c - 0xFF10 : c - U'0');
    ++n;
  }
  if (n == 0 || value == 0) return 0;
  m->ordinal = std::u32string(s.substr(pos, n));
  m->value = value;
  return n;
}

bool IsOpenParen(char32_t c) { return c == U'（' || c == U'('; }
bool IsCloseParen(char32_t c) { return c == U'）' || c == U')'; }

// Length of the first sentence of `line` (up to and excluding 。！？), or of the line.
size_t FirstSentenceLength(std::u32string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (IsSentenceEnd(line[i])) return i;
  }
  return line.size();
}

bool IsDecoration(char32_t c) {
  static constexpr std::u32string_view kDecorations =
      U"【】[]〔〕()（）※*＊#＃<>《》:：-—―=~·●■◆★☆\"“”'";
  // Chinese characters, most of what is asked, are never decorations: spare them the
  // search through the list.
  if (c >= 0x4E00 && c <= 0x9FFF) return false;
  return IsBlank(c) || kDecorations.find(c) != std::u32string_view::npos;
}

}  // namespace

bool MatchPartHeading(std::u32string_view line, Marker* marker) {
  Marker m;
  // "第一部分 2020年工作回顾" / "第二部分：…".
  if (StartsWith(line, U"第")) {
    size_t n = ReadChineseNumeral(line, 1, &m);
    if (n == 0 || !StartsWith(line.substr(1 + n), U"部分")) return false;
    size_t len = 1 + n + 2;
    while (len < line.size() && (IsBlank(line[len]) || line[len] == U'：' || line[len] == U':' ||
                                 line[len] == U'、' || line[len] == U'．')) {
      ++len;
    }
    if (len >= line.size() || FirstSentenceLength(line) > 45) return false;
    m.length = len;
    *marker = m;
    return true;
  }
  size_t n = ReadChineseNumeral(line, 0, &m);
  if (n == 0 || n >= line.size()) return false;
  char32_t sep = line[n];
  if (sep != U'、' && sep != U'．' && sep != U'.') return false;
  if (FirstSentenceLength(line) > 45) return false;
  m.length = n + 1;
  *marker = m;
  return true;
}

bool MatchAreaMarker(std::u32string_view line, Marker* marker) {
  if (line.empty() || !IsOpenParen(line[0])) return false;
  Marker m;
  size_t n = ReadChineseNumeral(line, 1, &m);
  if (n == 0 || 1 + n >= line.size() || !IsCloseParen(line[1 + n])) return false;
  m.length = n + 2;
  *marker = m;
  return true;
}

bool MatchEnumMarker(std::u32string_view text, size_t pos, Marker* marker) {
  if (pos > 0) {
    char32_t before = text[pos - 1];
    if (!(IsSentenceEnd(before) || before == U'；' || before == U';' || before == U'：' ||
          before == U':' || before == U'\n' || IsCloser(before))) {
      return false;
    }
  }
  Marker m;
  size_t n = ReadChineseNumeral(text, pos, &m);
  if (n == 0 || n > 2 || pos + n >= text.size() ||
      (text[pos + n] != U'是' && text[pos + n] != U'要')) {
    return false;
  }
  m.length = n + 1;
  *marker = m;
  return true;
}

bool MatchNumberMarker(std::u32string_view line, Marker* marker) {
  if (line.empty()) return false;
  Marker m;
  char32_t first = line[0];
  if (first >= 0x2460 && first <= 0x2473) {  // ① .. ⑳
    m.value = static_cast<int>(first - 0x2460 + 1);
    m.ordinal = std::u32string(1, first);
    m.length = 1;
    *marker = m;
    return true;
  }
  if (IsOpenParen(first) || first == U'[' || first == U'【' || first == U'［') {
    size_t n = ReadArabic(line, 1, &m);
    if (n == 0 || 1 + n >= line.size()) return false;
    char32_t close = line[1 + n];
    bool ok = IsOpenParen(first) ? IsCloseParen(close)
                                 : (close == U']' || close == U'】' || close == U'］');
    if (!ok) return false;
    m.length = n + 2;
    *marker = m;
    return true;
  }
  size_t n = ReadArabic(line, 0, &m);
  if (n == 0 || n >= line.size()) return false;
  char32_t sep = line[n];
  if (sep != U'.' && sep != U'．' && sep != U'、') return false;
  // "1.5亿元" is a number, not a marker.
  if (n + 1 < line.size() && IsDigitLike(line[n + 1])) return false;
  m.length = n + 1;
  *marker = m;
  return true;
}

bool IsGlossaryHeading(std::u32string_view line) {
  line = TrimBlanks(line);
  if (line.empty() || line.size() > 20) return false;
  std::u32string core;
  for (char32_t c : line) {
    if (!IsDecoration(c)) core.push_back(c);
  }
  // Static arrays: a braced list of literals measured every literal on every call, and
  // this runs for every line of every report.
  static constexpr std::u32string_view kPrefixes[] = {U"附件", U"附录", U"附"};
  static constexpr std::u32string_view kNames[] = {
      U"名词解释",       U"名词注释",     U"注释",         U"注解", U"名词解释和说明",
      U"名词解释及说明", U"有关名词解释", U"相关名词解释", U"附注"};
  for (std::u32string_view prefix : kPrefixes) {
    if (StartsWith(core, prefix)) {
      core.erase(0, prefix.size());
      while (!core.empty() && (IsDigitLike(core[0]) || IsNumeralChar(core[0]))) core.erase(0, 1);
      break;
    }
  }
  for (std::u32string_view name : kNames) {
    if (core == name) return true;
  }
  return false;
}

bool IsSubtitle(std::u32string_view line) {
  line = TrimBlanks(line);
  if (line.empty() || line.size() > 90) return false;
  char32_t c = line[0];
  bool dash = c == U'—' || c == U'―' || c == U'-' || c == U'－' || c == U'─' || c == U'–';
  return dash && (Contains(line, U"会议") || Contains(line, U"大会"));
}

bool EndsSentence(std::u32string_view line) {
  size_t e = line.size();
  while (e > 0 && (IsCloser(line[e - 1]) || IsBlank(line[e - 1]))) --e;
  return e > 0 && IsSentenceEnd(line[e - 1]);
}

bool IsTitleLine(std::u32string_view line) {
  static constexpr std::u32string_view kTitle = U"政府工作报告";
  line = TrimBlanks(line);
  size_t pos = line.find(kTitle);
  if (pos == std::u32string_view::npos || line.size() > 60 || EndsSentence(line)) return false;
  std::u32string_view before = line.substr(0, pos);
  for (char32_t c : before) {
    if (IsSentenceEnd(c) || c == U'，' || c == U',') return false;
    // A portal's breadcrumb ("首页 > 政务公开 > 政府工作报告") is not a title.
    if (c == U'>' || c == U'＞' || c == U'»' || c == U'|' || c == U'｜' || c == U'/') return false;
  }
  if (Contains(before, U"首页") || Contains(before, U"位置")) return false;
  std::u32string_view rest = line.substr(pos + kTitle.size());
  if (rest.empty()) return true;
  // Only a bracketed note may follow: （摘要） (全文) 【图文】.
  return rest.size() <= 8 && (IsOpenParen(rest[0]) || rest[0] == U'【' || rest[0] == U'[');
}

}  // namespace kg::ingest
