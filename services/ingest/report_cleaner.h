// Turns decoded text into a report's cleaned text: the one text that every span of the
// report's graph indexes. Removes what scraping added (HTML, JSON escapes, forum and
// portal chrome before and after the report, a second copy of the report on the same
// page, indentation, stray spaces between Chinese characters, footnote and note markers,
// PDF line breaks inside sentences and hard wraps at a fixed width) and nothing of what
// the report says. Punctuation is left as written (half- or full-width) except a
// half-width full stop ending a Chinese sentence, which becomes '。'; compatibility forms
// (Kangxi radicals, full-width letters and digits) are folded; lost characters ("??")
// become U+FFFD (line_cleanup.h).
#ifndef KG_SERVICES_INGEST_REPORT_CLEANER_H_
#define KG_SERVICES_INGEST_REPORT_CLEANER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::ingest {

// A note marker ("^[3]", "[3]") cut out of the text: the code point of `text` it stood
// before, and its number (the glossary entry it refers to).
struct NoteRef {
  uint32_t pos = 0;
  int number = 0;
};

struct CleanedReport {
  // One paragraph per line, '\n' between lines, no blank lines, no indentation. The
  // first line is the title line when the report has one.
  std::string text;
  // The title to show: the title line, with the year and the region put in front when
  // the line itself lacks them ("政府工作报告" -> "2021年政府工作报告").
  std::string title;
  // Code points [title_begin, title_end) of the title line in `text`; equal when the
  // report has no title line.
  uint32_t title_begin = 0;
  uint32_t title_end = 0;
  // Region as the report names itself ("某某市某某区"; "全国" for the State Council's
  // report); empty if the text does not say.
  std::string region;
  // The year the report is for (the year of its plan); 0 if the text does not say.
  int32_t year = 0;
  // Administrative level derived from the region: national, province, city, prefecture,
  // district, county, town; empty if unknown.
  std::string level;
  // Footnotes that were cut out of sentences ("注解1: 文中涉及的…为预计数。").
  std::vector<std::string> notes;
  // Note markers cut out of sentences, in text order.
  std::vector<NoteRef> note_refs;
  // Characters lost before the text reached us (U+FFFD in `text`).
  int lost_chars = 0;
  // What the cleaner noticed and a person may want to check.
  std::vector<std::string> warnings;
};

// Cleans decoded UTF-8 text (see the file comment). INVALID_ARGUMENT "not a work report"
// when the text has no report structure: neither a title line (…政府工作报告) nor
// numbered parts (一、 二、 …), or a title and next to no text under it.
absl::StatusOr<CleanedReport> CleanReport(std::string_view utf8);

// The level a region's name implies ("某某市某某区" -> "district", "全国" -> "national").
std::string LevelOfRegion(std::string_view region);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_REPORT_CLEANER_H_
