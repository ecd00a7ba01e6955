// The typographic conventions of the work-report genre, as small predicates over one
// line (paragraph) of text: the numbering of parts (一、), areas (（一） / 一是) and
// items (1. / （1） / [1]), the glossary heading, the subtitle naming the congress.
// Both the cleaner and the structure parser use them, so the two agree on what a
// heading is. Nothing here knows any particular report.
#ifndef KG_SERVICES_INGEST_REPORT_PATTERNS_H_
#define KG_SERVICES_INGEST_REPORT_PATTERNS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kg::ingest {

// A numbering marker at the start of a line.
struct Marker {
  std::u32string ordinal;  // "四", "12"
  int value = 0;           // 4, 12
  size_t length = 0;       // code points of the marker itself, e.g. 3 for "（四）"
};

// "一、" / "一．" / "第一部分" at line start: a top-level part. The heading must be short (a
// title, not a sentence); false otherwise.
bool MatchPartHeading(std::u32string_view line, Marker* marker);
// "（一）" or "(一)" at line start: an area (or, in the governance part, a task).
bool MatchAreaMarker(std::u32string_view line, Marker* marker);
// "一是" (or "一要") at `pos` (line start, or inside a paragraph after a sentence end).
bool MatchEnumMarker(std::u32string_view text, size_t pos, Marker* marker);
// Arabic numbering at line start: "1." "1．" "1、" "（1）" "(1)" "[1]" "【1】" "①".
bool MatchNumberMarker(std::u32string_view line, Marker* marker);

// A glossary heading: 名词解释 / 名词注释 / 注释 alone on a line, possibly decorated
// (【名词解释】, ※名词解释※, 附件：名词解释, 名词解释：).
bool IsGlossaryHeading(std::u32string_view line);

// The line under the title naming the session: "——2019年3月4日在…人民代表大会…上".
bool IsSubtitle(std::u32string_view line);

// True if the line ends a sentence (。！？, possibly followed by a closing quote/bracket).
bool EndsSentence(std::u32string_view line);

// True if `line` is a title line: it contains 政府工作报告 and little else (a year, a
// region, a bracketed note such as （摘要）).
bool IsTitleLine(std::u32string_view line);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_REPORT_PATTERNS_H_
