// Report cleaning; see report_cleaner.h.
//
// The order matters: markup and line endings first, then each line on its own (blanks,
// footnotes), then the report is located among the lines (title line, numbered parts,
// end of the last part) and everything around it dropped, and only then are lines that a
// PDF or a clause-per-line export broke inside a sentence joined again, so that chrome
// is never glued onto the report.
#include "services/ingest/report_cleaner.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/ingest/html_text.h"
#include "services/ingest/line_cleanup.h"
#include "services/ingest/report_identity.h"
#include "services/ingest/report_patterns.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

// Lines shorter than this that end inside a sentence are taken as deliberate (a speaker,
// a date), not as a line broken by a PDF.
constexpr size_t kMinBrokenLineLength = 20;

// Words of web-page furniture (forum and portal footers, article metadata). They name
// the page, never a report's content, and only decide on short lines that do not end a
// sentence.
constexpr std::u32string_view kFooterWords[] = {
    U"登录",     U"注册",     U"回帖",     U"回复",     U"积分",     U"Powered by",
    U"责任编辑", U"编辑：",   U"返回顶部", U"返回列表", U"版权所有", U"Copyright",
    U"©",        U"上一篇",   U"下一篇",   U"打印本页", U"关闭窗口", U"分享到",
    U"扫一扫",   U"相关阅读", U"相关文章", U"推荐阅读", U"免责声明", U"浏览次数",
    U"点击数",   U"【打印】", U"【关闭】", U"收藏本站", U"设为首页", U"客服中心"};

// Labels of article metadata that portals print between the title and the text.
constexpr std::u32string_view kMetadataLabels[] = {
    U"发文单位", U"发文时间", U"发布时间", U"发布日期", U"来源",     U"来源URL",  U"文章来源",
    U"作者",     U"正文",     U"字号",     U"浏览",     U"点击",     U"编辑",     U"责任编辑",
    U"日期",     U"时间",     U"标题",     U"索引号",   U"发文字号", U"主题分类", U"信息来源"};

std::string UnescapeLiteralBreaks(std::string text) {
  // Text exported from JSON or a database sometimes carries "\r\n" as two characters.
  size_t escaped = 0;
  for (size_t pos = 0; (pos = text.find("\\n", pos)) != std::string::npos; pos += 2) ++escaped;
  if (escaped < 2) return text;
  return absl::StrReplaceAll(text, {{"\\r\\n", "\n"}, {"\\n", "\n"}, {"\\r", "\n"}, {"\\t", " "}});
}

std::vector<std::u32string> SplitLines(std::u32string_view text) {
  std::vector<std::u32string> lines;
  std::u32string current;
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c == U'\r') {
      if (i + 1 < text.size() && text[i + 1] == U'\n') ++i;
      c = U'\n';
    }
    if (c == U'\n' || c == 0x2028 || c == 0x2029 || c == 0x85 || c == U'\f') {
      lines.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  lines.push_back(std::move(current));
  return lines;
}

bool ContainsAny(std::u32string_view line, const std::u32string_view* words, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (Contains(line, words[i])) return true;
  }
  return false;
}

// "1.三张清单:是指…" / "[3]“揭榜挂帅”：…": a glossary entry, which may be short and lack a
// final 。 but is report text.
bool LooksLikeEntry(std::u32string_view line) {
  Marker m;
  return MatchNumberMarker(line, &m) && line.find_first_of(U":：") != std::u32string_view::npos;
}

bool IsFooterLine(std::u32string_view line) {
  if (line.size() > 60 || EndsSentence(line) || LooksLikeEntry(line)) return false;
  return ContainsAny(line, kFooterWords, std::size(kFooterWords));
}

bool IsMetadataLine(std::u32string_view line) {
  if (EndsSentence(line)) return false;
  if (Contains(line, U"http://") || Contains(line, U"https://") || Contains(line, U"www.")) {
    return true;
  }
  size_t colon = line.find_first_of(U":：");
  if (colon == std::u32string_view::npos || colon > 6) return false;
  std::u32string_view label = line.substr(0, colon);
  for (auto m : kMetadataLabels) {
    if (label == m) return true;
  }
  return false;
}

size_t HanCount(std::u32string_view line) {
  return std::count_if(line.begin(), line.end(), [](char32_t c) { return IsHan(c); });
}

// A line that can close a report: a finished sentence, a glossary entry, or a long
// stretch of Chinese text.
bool IsContentLine(std::u32string_view line) {
  return EndsSentence(line) || LooksLikeEntry(line) || HanCount(line) >= 15;
}

bool IsHeadingLike(std::u32string_view line) {
  Marker m;
  bool has_end = std::any_of(line.begin(), line.end(), IsSentenceEnd);
  return IsTitleLine(line) || IsSubtitle(line) || IsGlossaryHeading(line) ||
         MatchPartHeading(line, &m) ||
         (MatchAreaMarker(line, &m) && !has_end && line.size() <= 50) ||
         (MatchNumberMarker(line, &m) && !has_end && line.size() <= 30 &&
          line.find_first_of(U":：") == std::u32string_view::npos);
}

bool StartsStructure(std::u32string_view line) {
  Marker m;
  return MatchPartHeading(line, &m) || MatchAreaMarker(line, &m) || MatchNumberMarker(line, &m) ||
         MatchEnumMarker(line, 0, &m) || IsGlossaryHeading(line) || IsTitleLine(line);
}

// True if `line` stops inside a sentence and `next` goes on with it.
bool ShouldJoin(std::u32string_view line, std::u32string_view next) {
  if (line.empty() || next.empty() || IsHeadingLike(line) || StartsStructure(next)) return false;
  if (EndsSentence(line)) return false;
  char32_t last = line.back();
  if (last == U'：' || last == U':') return false;
  bool clause_end = last == U'，' || last == U',' || last == U'、' || last == U'；' || last == U';';
  return clause_end || line.size() >= kMinBrokenLineLength;
}

// Where the report ends: before the first footer line after the last part heading, and
// before any trailing lines that are not report text.
size_t FindEnd(const std::vector<std::u32string>& lines, size_t start) {
  size_t last_part = start;
  for (size_t i = start; i < lines.size(); ++i) {
    Marker m;
    if (MatchPartHeading(lines[i], &m) || IsGlossaryHeading(lines[i])) last_part = i;
  }
  size_t end = lines.size();
  for (size_t i = last_part + 1; i < lines.size(); ++i) {
    if (IsFooterLine(lines[i])) {
      end = i;
      break;
    }
  }
  while (end > last_part + 1 && !IsContentLine(lines[end - 1])) --end;
  return end;
}

}  // namespace

std::string LevelOfRegion(std::string_view region_utf8) {
  std::u32string region = Utf8ToU32(region_utf8);
  if (region.empty()) return "";
  if (region == U"全国" || Contains(region, U"国务院") || region == U"中华人民共和国") {
    return "national";
  }
  if (EndsWith(region, U"特别行政区") || EndsWith(region, U"省")) return "province";
  if (EndsWith(region, U"自治区") && region.size() <= 8 && !Contains(region, U"市")) {
    return "province";
  }
  if (EndsWith(region, U"街道") || EndsWith(region, U"镇") || EndsWith(region, U"乡")) {
    return "town";
  }
  if (EndsWith(region, U"区")) return "district";
  if (EndsWith(region, U"县") || EndsWith(region, U"旗")) return "county";
  if (EndsWith(region, U"州") || EndsWith(region, U"盟") || EndsWith(region, U"地区")) {
    return "prefecture";
  }
  if (EndsWith(region, U"市")) return "city";
  return "";
}

absl::StatusOr<CleanedReport> CleanReport(std::string_view utf8) {
  CleanedReport report;
  std::string text(utf8);
  if (LooksLikeHtml(text)) {
    text = HtmlToText(text);
  } else {
    text = DecodeHtmlEntities(text);
  }
  text = UnescapeLiteralBreaks(std::move(text));

  std::vector<std::u32string> notes;
  std::vector<std::u32string> lines;
  for (auto& raw : SplitLines(Utf8ToU32(text))) {
    std::u32string line = CleanLine(raw, &notes);
    if (line.empty() || IsPageNumberLine(line)) continue;
    lines.push_back(std::move(line));
  }

  // The report starts at its title line: the last one before the first part heading
  // (forums print the title once as the thread's name, then again above the text).
  int first_part = -1;
  for (size_t i = 0; i < lines.size() && first_part < 0; ++i) {
    Marker m;
    if (MatchPartHeading(lines[i], &m) && m.value == 1) first_part = static_cast<int>(i);
  }
  int title = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (first_part >= 0 && static_cast<int>(i) > first_part) break;
    if (IsTitleLine(lines[i])) {
      title = static_cast<int>(i);
      if (first_part < 0) break;
    }
  }
  if (title < 0 && first_part < 0) {
    return absl::InvalidArgumentError(
        "not a work report: found neither a title line (…政府工作报告) nor numbered parts "
        "(一、 二、 …)");
  }
  size_t start = title >= 0 ? static_cast<size_t>(title) : static_cast<size_t>(first_part);
  if (title < 0) {
    report.warnings.push_back(
        "no title line (…政府工作报告) found; the report starts at its first part");
    // Keep the subtitle and the greeting just above the first part.
    for (size_t i = start; i > 0 && start - i < kMinBrokenLineLength; --i) {
      if (IsSubtitle(lines[i - 1])) start = i - 1;
    }
  }
  size_t end = FindEnd(lines, start);
  if (start > 0 || end < lines.size()) {
    report.warnings.push_back(absl::StrCat("removed ", start, " lines before the report and ",
                                           lines.size() - end, " after it"));
  }

  std::vector<std::u32string> body;
  size_t parts_begin = first_part >= 0 ? static_cast<size_t>(first_part) : end;
  for (size_t i = start; i < end; ++i) {
    if (static_cast<int>(i) == title) {
      body.push_back(StripTitleDecoration(lines[i]));
      continue;
    }
    if (i < parts_begin && IsMetadataLine(lines[i])) continue;
    body.push_back(std::move(lines[i]));
  }

  // Rejoin sentences broken across lines.
  std::vector<std::u32string> joined;
  for (auto& line : body) {
    if (!joined.empty() && ShouldJoin(joined.back(), line)) {
      joined.back() += line;
    } else {
      joined.push_back(std::move(line));
    }
  }

  ReportIdentity identity = FindIdentity(joined, title >= 0 ? 0 : -1);
  report.region = identity.region;
  report.year = identity.year;
  report.title = identity.display_title;
  report.level = LevelOfRegion(report.region);
  if (title >= 0) report.title_end = static_cast<uint32_t>(joined.front().size());

  std::u32string out;
  for (size_t i = 0; i < joined.size(); ++i) {
    if (i > 0) out.push_back(U'\n');
    out += joined[i];
  }
  report.text = U32ToUtf8(out);
  for (const auto& note : notes) report.notes.push_back(U32ToUtf8(note));
  if (!notes.empty()) {
    report.warnings.push_back(absl::StrCat("cut ", notes.size(), " footnote(s) out of the text"));
  }
  if (report.region.empty()) report.warnings.push_back("the text does not name its region");
  if (report.year == 0) report.warnings.push_back("the text does not name its year");
  return report;
}

}  // namespace kg::ingest
