// Glossary parsing; see glossary_parser.h.
#include "services/ingest/glossary_parser.h"

#include <optional>

#include "services/ingest/report_patterns.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

// A defined term is a name, not a sentence.
constexpr size_t kMaxHead = 30;

bool IsOpenQuote(char32_t c) { return c == U'“' || c == U'「' || c == U'『' || c == U'‘'; }
bool IsCloseQuote(char32_t c) { return c == U'”' || c == U'」' || c == U'』' || c == U'’'; }

Range Trim(std::u32string_view text, Range r) {
  while (r.begin < r.end && (IsBlank(text[r.begin]) || text[r.begin] == U'、')) ++r.begin;
  // "两新一重，是指…": the comma belongs to neither the head nor the definition.
  while (r.end > r.begin && (IsBlank(text[r.end - 1]) || IsClauseMark(text[r.end - 1]))) --r.end;
  return r;
}

// The core name inside a head: the single quoted part when there is exactly one and it
// is more than one character ("3个“3”服务" keeps its whole head), else the head.
Range CoreName(std::u32string_view text, Range head) {
  std::vector<Range> quoted;
  for (uint32_t i = head.begin; i < head.end; ++i) {
    if (!IsOpenQuote(text[i])) continue;
    for (uint32_t j = i + 1; j < head.end; ++j) {
      if (IsCloseQuote(text[j])) {
        quoted.push_back({i + 1, j});
        i = j;
        break;
      }
    }
  }
  if (quoted.size() == 1 && quoted[0].size() >= 2) {
    // A head that is only the quote: the name is the quote's content.
    return quoted[0];
  }
  // Unquote a head quoted as a whole ("“双随机、一公开”").
  if (quoted.size() == 1 && quoted[0].begin == head.begin + 1 && quoted[0].end + 1 == head.end) {
    return quoted[0];
  }
  return head;
}

// Splits a paragraph into head and definition if it reads as an entry.
// `expected` is the number the next entry should carry: "13.3个“3”服务" reads as the
// number 13.3 unless entry 13 is due.
std::optional<GlossaryEntry> ReadEntry(std::u32string_view text, Range para, int expected) {
  std::u32string_view line = text.substr(para.begin, para.size());
  GlossaryEntry entry;
  Marker m;
  uint32_t start = para.begin;
  std::u32string due = Utf8ToU32(std::to_string(expected));
  if (StartsWith(line, due) && line.size() > due.size() + 1 &&
      (line[due.size()] == U'.' || line[due.size()] == U'．' || line[due.size()] == U'、')) {
    entry.ordinal = due;
    start += static_cast<uint32_t>(due.size() + 1);
  } else if (MatchNumberMarker(line, &m) || MatchPartHeading(line, &m) ||
             MatchAreaMarker(line, &m)) {
    // "3." "[3]" "①", and Chinese numerals "三、" "（三）" in some glossaries.
    entry.ordinal = m.ordinal;
    start += static_cast<uint32_t>(m.length);
  }
  uint32_t head_end = para.end;
  uint32_t def_begin = para.end;
  for (uint32_t i = start; i < para.end && i - start <= kMaxHead; ++i) {
    char32_t c = text[i];
    if (c == U'：' || c == U':') {
      head_end = i;
      def_begin = i + 1;
      break;
    }
    if (c == U'是' && i + 1 < para.end && text[i + 1] == U'指') {
      head_end = i;
      def_begin = i;
      break;
    }
    if (IsSentenceEnd(c)) break;
  }
  if (def_begin >= para.end) return std::nullopt;
  // Without a number, only a colon marks an entry ("“4”是指…" continues a definition).
  if (entry.ordinal.empty() && def_begin == head_end) return std::nullopt;
  entry.head = Trim(text, {start, head_end});
  if (entry.head.empty() || entry.head.size() > kMaxHead) return std::nullopt;
  // Without a number, only a short head before a colon counts (not "同时：…").
  if (entry.ordinal.empty() && entry.head.size() < 2) return std::nullopt;
  entry.name = CoreName(text, entry.head);
  entry.definition = Trim(text, {def_begin, para.end});
  entry.whole = para;
  return entry;
}

}  // namespace

std::vector<GlossaryEntry> ParseGlossary(std::u32string_view text, Range body) {
  std::vector<GlossaryEntry> entries;
  int expected = 1;
  uint32_t b = body.begin;
  for (uint32_t i = body.begin; i <= body.end; ++i) {
    if (i < body.end && text[i] != U'\n') continue;
    Range para{b, i};
    b = i + 1;
    if (para.empty()) continue;
    auto entry = ReadEntry(text, para, expected);
    // In a numbered glossary an unnumbered line continues the previous entry.
    bool numbered = !entries.empty() && !entries.back().ordinal.empty();
    if (entry.has_value() && numbered && entry->ordinal.empty()) entry.reset();
    if (entry.has_value()) {
      entries.push_back(*entry);
      if (!entry->ordinal.empty()) {
        std::string digits = U32ToUtf8(entry->ordinal);
        bool arabic =
            !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
        if (arabic) expected = std::stoi(digits) + 1;
      }
    } else if (!entries.empty()) {
      entries.back().definition.end = para.end;
      entries.back().whole.end = para.end;
    }
  }
  return entries;
}

}  // namespace kg::ingest
