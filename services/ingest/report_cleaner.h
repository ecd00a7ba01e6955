// Turns decoded text into a report's cleaned text: the one text that every span of the
// report's graph indexes. Removes what scraping added (HTML, forum and portal chrome
// before and after the report, indentation, stray spaces between Chinese characters,
// footnote markers glued to numbers, PDF line breaks inside sentences) and nothing of
// what the report says; punctuation is left as written (half- or full-width).
#ifndef KG_SERVICES_INGEST_REPORT_CLEANER_H_
#define KG_SERVICES_INGEST_REPORT_CLEANER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::ingest {

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
  // What the cleaner noticed and a person may want to check.
  std::vector<std::string> warnings;
};

// Cleans decoded UTF-8 text (see the file comment). INVALID_ARGUMENT "not a work report"
// when the text has no report structure: neither a title line (…政府工作报告) nor
// numbered parts (一、 二、 …).
absl::StatusOr<CleanedReport> CleanReport(std::string_view utf8);

// The level a region's name implies ("某某市某某区" -> "district", "全国" -> "national").
std::string LevelOfRegion(std::string_view region);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_REPORT_CLEANER_H_
