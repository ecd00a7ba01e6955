// Finds who a report is by and for when: region, year and title, from the title line,
// the subtitle naming the congress ("——2019年3月4日在…第十五届人民代表大会…上"), the
// speaker's line ("…人民政府区长 …") and the years in the part headings.
#ifndef KG_SERVICES_INGEST_REPORT_IDENTITY_H_
#define KG_SERVICES_INGEST_REPORT_IDENTITY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

struct ReportIdentity {
  std::string region;         // "" if not found
  int32_t year = 0;           // 0 if not found
  std::string display_title;  // title line completed with year and region
};

// `lines` are the report's cleaned lines; `title_index` the title line's index or -1.
ReportIdentity FindIdentity(const std::vector<std::u32string>& lines, int title_index);

// Strips what portals put around a title ("[地区] ", "标题：") and returns the title
// itself.
std::u32string StripTitleDecoration(std::u32string_view line);

// The first year written as 2020年 / 二〇二〇年 in `text`; 0 if none.
int32_t FindYear(std::u32string_view text);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_REPORT_IDENTITY_H_
