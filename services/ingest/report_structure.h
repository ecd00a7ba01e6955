// The outline of a cleaned report: its numbered parts (sections), their areas (（一） or
// (一), or 一是), and the tasks or review items inside each area (paragraphs opening with
// a short lead phrase such as "持续优化营商环境。", ——paragraphs, inline lead phrases, or
// 一是/二是 clauses). Markers are read in full- and half-width forms alike.
//
// Three shapes of the genre are normalised here:
//   - parts that are themselves the plan's areas ("二、2020年总体要求和主要目标" then
//     "三、坚持创新驱动，…" … up to the government's part) become the areas of that plan
//     part, their （一）… paragraphs or lead phrases its tasks;
//   - a five-year outline ("“十四五”时期主要目标任务", "今后五年的主要任务") is kOutlook, apart
//     from the year's plan: its areas (or ——paragraphs) are aims, never the year's tasks;
//   - a plan that ends on a paragraph about the government's own conduct ("各位代表！…对
//     政府自身建设提出了更高要求。…始终加强政治建设。…") gets that paragraph split off as
//     a governance part whose lead phrases are its tasks.
// Positions are code-point offsets into the cleaned text, so they become spans as they
// are.
#ifndef KG_SERVICES_INGEST_REPORT_STRUCTURE_H_
#define KG_SERVICES_INGEST_REPORT_STRUCTURE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

// A half-open range [begin, end) of code points.
struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  uint32_t size() const { return empty() ? 0 : end - begin; }
};

// An area of a part, or a task / review item inside an area (or directly inside the
// governance part).
struct Block {
  std::u32string ordinal;  // as written: "四" for （四）, "2" for 1. or the 2nd lead phrase
  int index = 0;           // 1-based position among its siblings
  Range name;              // title or lead phrase, without marker and final punctuation
  Range heading;           // the sentence (or line) that carries the name, marker included
  Range opening;           // areas: the text between the title and the first task
  Range whole;             // everything the block covers
  std::vector<Block> children;
};

// kOutlook: a part that looks back and ahead at once, or a five-year outline.
enum class SectionKind { kReview, kPlan, kGovernance, kGlossary, kOutlook, kOther };

// "review", "plan", ... as used in node attributes.
std::string_view SectionKindName(SectionKind kind);

struct Section {
  SectionKind kind = SectionKind::kOther;
  std::u32string ordinal;    // "二"; empty for the glossary
  Range heading;             // the heading line
  Range name;                // the heading without its marker
  Range whole;               // heading to the next part
  Range preamble;            // text between the heading and the first area (or task)
  std::vector<Block> areas;  // review, plan; outlook: the five-year aims
  std::vector<Block> tasks;  // governance: tasks directly in the part
  int year = 0;              // a year the heading names ("2019年工作回顾"), 0 if none
};

struct ReportLayout {
  std::vector<Section> sections;
};

// Parses the outline of `text` (cleaned: one paragraph per line).
ReportLayout ParseLayout(std::u32string_view text);

// The sentences of `range` in `text`: each ends after 。！？ (and any closing quote or
// bracket) or at a line end. Leading blanks are skipped.
std::vector<Range> SplitSentences(std::u32string_view text, Range range);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_REPORT_STRUCTURE_H_
