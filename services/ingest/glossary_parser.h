// Reads a report's glossary (名词解释): one entry per paragraph, numbered or not, with
// the term before a colon (or before 是指) and its definition after it:
//   1.三张清单:是指新增工业用地正面清单、…
//   [5]“7+18+N”现代产业体系：“7”是指…
//   ①双随机、一公开：…
// Lines that are not entries continue the previous entry's definition (a PDF may break
// one). The term's name is its core: the quoted part of a head that quotes one
// ("环保“N步工作法”" -> N步工作法), else the whole head.
#ifndef KG_SERVICES_INGEST_GLOSSARY_PARSER_H_
#define KG_SERVICES_INGEST_GLOSSARY_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/ingest/report_structure.h"

namespace kg::ingest {

struct GlossaryEntry {
  std::u32string ordinal;  // "5"; empty for unnumbered entries
  Range head;        // what the entry defines, as written: 审批权限和审批流程“N集中”
  Range name;        // the core name inside `head`: N集中
  Range definition;  // after the colon, continuation lines included
  Range whole;       // the entry with its number
};

// Parses the entries in `body` (the glossary part without its heading).
std::vector<GlossaryEntry> ParseGlossary(std::u32string_view text, Range body);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_GLOSSARY_PARSER_H_
