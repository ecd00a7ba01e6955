// Cleaning inside one line of a report: indentation, stray spaces between Chinese
// characters ("某 某产业园", "产值 1.6 个百分点"), footnotes cut into sentences
// ("增长6.7%1(注解1: …)", "行动^[15]", "工程[3]"), compatibility forms that PDF
// extraction leaves (Kangxi radicals "⼀" for "一", full-width letters and digits), lost
// characters ("??", U+FFFD) and half-width full stops after Chinese text.
#ifndef KG_SERVICES_INGEST_LINE_CLEANUP_H_
#define KG_SERVICES_INGEST_LINE_CLEANUP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

// A note marker cut out of a line ("^[3]", "[3]", "³"): where it stood in the cleaned
// line (the code point it preceded) and its number. Glossaries number their entries the
// same way, so the marker ties the words before it to glossary entry `number`.
struct LineNoteRef {
  uint32_t offset = 0;
  int number = 0;
};

// What CleanLine noticed besides the cleaned text.
struct LineFindings {
  std::vector<std::u32string> notes;  // text of each footnote cut out ("(注解1: …)")
  std::vector<LineNoteRef> refs;      // note markers cut out, offsets into the result
  int lost_chars = 0;                 // characters lost upstream ("??", U+FFFD)
};

// Returns the cleaned line and appends what was cut or noticed to `findings`.
//   - footnotes "(注解1: …)" / "（注1：…）" are cut, with marker digits glued before them
//     ("6.7%1(" -> "6.7%");
//   - reference markers "[3]" "^[3]" "［3］" and superscript digits after text are cut and
//     recorded as refs; a bracketed number at the very start of a line ("[3]“揭榜挂帅”：…")
//     is a glossary entry's number and is kept;
//   - compatibility forms are folded to what they stand for (NFKC through ICU, limited to
//     Kangxi and supplementary radicals, CJK compatibility ideographs and full-width ASCII
//     letters and digits: full-width punctuation is left as written);
//   - runs of two or more '?' touching Chinese text become U+FFFD, the one mark of a lost
//     character downstream, and are counted with any U+FFFD already there;
//   - a half-width '.' or '．' that ends a Chinese sentence ("…互融.加快…") becomes '。';
//   - stray blanks are removed (RemoveStrayBlanks).
std::u32string CleanLine(std::u32string_view line, LineFindings* findings);

// Removes blanks that are not meaningful: all leading/trailing ones, and any run next to
// a Chinese character or Chinese punctuation. A run between two Latin words or numbers
// becomes one space.
std::u32string RemoveStrayBlanks(std::u32string_view line);

// True for lines that are only a page number ("12", "- 3 -", "第3页", "第 3 页 共 20 页").
bool IsPageNumberLine(std::u32string_view line);

// The code point a compatibility form stands for (Kangxi radical "⼀" -> "一", "Ａ" -> "A",
// "３" -> "3"), or `c` itself.
char32_t FoldCompatibilityForm(char32_t c);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_LINE_CLEANUP_H_
