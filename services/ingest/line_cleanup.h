// Cleaning inside one line of a report: indentation, stray spaces between Chinese
// characters ("某 某产业园", "产值 1.6 个百分点"), and footnotes cut into sentences
// ("增长6.7%1(注解1: …)", "行动^[15]", "工程[3]").
#ifndef KG_SERVICES_INGEST_LINE_CLEANUP_H_
#define KG_SERVICES_INGEST_LINE_CLEANUP_H_

#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

// Returns the cleaned line; the text of each footnote cut out is appended to `notes`.
// A bracketed number at the very start of a line ("[3]“揭榜挂帅”：…") is a glossary
// entry's number, not a footnote marker, and is kept.
std::u32string CleanLine(std::u32string_view line, std::vector<std::u32string>* notes);

// Removes blanks that are not meaningful: all leading/trailing ones, and any run next to
// a Chinese character or Chinese punctuation. A run between two Latin words or numbers
// becomes one space.
std::u32string RemoveStrayBlanks(std::u32string_view line);

// True for lines that are only a page number ("12", "- 3 -", "第3页", "第 3 页 共 20 页").
bool IsPageNumberLine(std::u32string_view line);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_LINE_CLEANUP_H_
