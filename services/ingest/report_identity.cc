// Region, year and title of a report; see report_identity.h.
#include "services/ingest/report_identity.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/ingest/report_patterns.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

constexpr std::u32string_view kTitleCore = U"政府工作报告";
constexpr std::u32string_view kCongress = U"人民代表大会";
constexpr std::u32string_view kGovernment = U"人民政府";
// How far below the title the subtitle and the speaker's line may be.
constexpr size_t kHeaderLines = 12;

int YearDigit(char32_t c) {
  if (IsAsciiDigit(c)) return static_cast<int>(c - U'0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  if (c == U'〇' || c == U'零' || c == U'○' || c == U'Ｏ') return 0;
  std::u32string_view one(&c, 1);
  int v = ChineseNumeralValue(one);
  return (v >= 1 && v <= 9 && c != U'十') ? v : -1;
}

// Removes every "2020年" from `s`.
std::u32string WithoutYears(std::u32string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 4 < s.size() && s[i + 4] == U'年') {
      bool year = true;
      for (size_t k = 0; k < 4; ++k) year = year && YearDigit(s[i + k]) >= 0;
      if (year) {
        i += 4;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::u32string StripEdgePunct(std::u32string_view s) {
  size_t b = 0;
  size_t e = s.size();
  auto junk = [](char32_t c) {
    return IsBlank(c) || c == U'—' || c == U'―' || c == U'-' || c == U'－' || c == U'─' ||
           c == U'–' || IsClauseMark(c) || c == U'、';
  };
  while (b < e && junk(s[b])) ++b;
  while (e > b && junk(s[e - 1])) --e;
  return std::u32string(s.substr(b, e - b));
}

std::u32string RegionFromTitle(std::u32string_view title) {
  size_t pos = title.find(kTitleCore);
  if (pos == std::u32string_view::npos) return U"";
  std::u32string head = WithoutYears(title.substr(0, pos));
  if (EndsWith(head, kGovernment)) head.resize(head.size() - kGovernment.size());
  // "某某省人民政府工作报告": the core's 政府 belongs to 人民政府.
  if (EndsWith(head, U"人民")) head.resize(head.size() - 2);
  if (EndsWith(head, U"度")) head.pop_back();
  std::u32string region = StripEdgePunct(head);
  // The State Council's report is the nation's.
  if (region == U"国务院" || region == U"中央人民政府" || region == U"中华人民共和国") {
    return U"全国";
  }
  return region;
}

// "——2019年3月4日在某某市某某区第十五届人民代表大会第三次会议上" -> 某某市某某区.
std::u32string RegionFromCongressLine(std::u32string_view line) {
  size_t pos = line.find(kCongress);
  if (pos == std::u32string_view::npos) return U"";
  std::u32string_view before = line.substr(0, pos);
  if (EndsWith(before, U"全国")) return U"全国";
  size_t session = before.rfind(U'第');
  if (session != std::u32string_view::npos &&
      before.find(U'届', session) != std::u32string_view::npos) {
    before = before.substr(0, session);
  }
  size_t at = before.rfind(U'在');
  if (at != std::u32string_view::npos) before = before.substr(at + 1);
  std::u32string region = StripEdgePunct(WithoutYears(before));
  return region.size() <= 20 ? region : U"";
}

// "某某市某某区人民政府区长某某" -> 某某市某某区; "国务院总理某某" -> 全国.
std::u32string RegionFromSpeakerLine(std::u32string_view line) {
  if (line.size() > 40 || EndsSentence(line)) return U"";
  if (StartsWith(StripEdgePunct(line), U"国务院")) return U"全国";
  size_t pos = line.find(kGovernment);
  if (pos == std::u32string_view::npos || pos == 0) return U"";
  std::u32string region = StripEdgePunct(line.substr(0, pos));
  return region.size() <= 20 ? region : U"";
}

}  // namespace

int32_t FindYear(std::u32string_view text) {
  for (size_t i = 0; i + 4 < text.size(); ++i) {
    if (text[i + 4] != U'年') continue;
    if (i > 0 && YearDigit(text[i - 1]) >= 0) continue;
    int year = 0;
    bool ok = true;
    for (size_t k = 0; k < 4 && ok; ++k) {
      int d = YearDigit(text[i + k]);
      ok = d >= 0;
      year = year * 10 + d;
    }
    if (ok && year >= 1949 && year <= 2199) return year;
  }
  return 0;
}

std::u32string StripTitleDecoration(std::u32string_view line) {
  std::u32string_view t = TrimBlanks(line);
  // Leading bracketed tags: "[地区] ", "【转载】".
  while (!t.empty() && (t[0] == U'[' || t[0] == U'【' || t[0] == U'〔' || t[0] == U'［')) {
    size_t close = t.find_first_of(U"]】〕］");
    if (close == std::u32string_view::npos || close > 12) break;
    t = TrimBlanks(t.substr(close + 1));
  }
  // A label: "标题：2022年某某市政府工作报告".
  size_t core = t.find(kTitleCore);
  size_t colon = t.find_first_of(U":：");
  if (colon != std::u32string_view::npos && core != std::u32string_view::npos && colon < core &&
      colon <= 8) {
    t = TrimBlanks(t.substr(colon + 1));
  }
  return std::u32string(t);
}

ReportIdentity FindIdentity(const std::vector<std::u32string>& lines, int title_index) {
  ReportIdentity id;
  std::u32string title = title_index >= 0 ? lines[title_index] : std::u32string();
  std::u32string region = RegionFromTitle(title);
  int32_t year = FindYear(title);

  size_t header_begin = title_index >= 0 ? static_cast<size_t>(title_index) + 1 : 0;
  size_t header_end = std::min(lines.size(), header_begin + kHeaderLines);
  for (size_t i = header_begin; i < header_end; ++i) {
    Marker m;
    if (MatchPartHeading(lines[i], &m)) break;
    const std::u32string& line = lines[i];
    bool congress = Contains(line, kCongress) && line.size() <= 90;
    if (region.empty() && congress) region = RegionFromCongressLine(line);
    if (region.empty()) region = RegionFromSpeakerLine(line);
    if (year == 0 && (congress || IsSubtitle(line))) year = FindYear(line);
  }
  if (year == 0) {
    // The plan's part heading names the year ("二、2020年主要任务"); the review's names the
    // year before ("一、2019年工作回顾").
    for (const auto& line : lines) {
      Marker m;
      if (!MatchPartHeading(line, &m)) continue;
      int32_t y = FindYear(line);
      if (y == 0) continue;
      if (Contains(line, U"回顾") || Contains(line, U"过去")) ++y;
      year = std::max(year, y);
    }
  }

  id.region = U32ToUtf8(region);
  id.year = year;
  std::u32string display = title.empty() ? std::u32string(kTitleCore) : title;
  if (!region.empty() && region != U"全国" && !Contains(display, region)) {
    size_t after_year = 0;
    if (FindYear(display) != 0) {
      size_t nian = display.find(U'年');
      if (nian != std::u32string::npos && nian <= 4) after_year = nian + 1;
    }
    display.insert(after_year, region);
  }
  if (FindYear(display) == 0 && year != 0) {
    display = Utf8ToU32(absl::StrCat(year, "年")) + display;
  }
  id.display_title = U32ToUtf8(display);
  return id;
}

}  // namespace kg::ingest
