// Report cleaning; see report_cleaner.h.
//
// The order matters: markup, escapes and line endings first, then each line on its own
// (blanks, footnotes, note markers, compatibility forms), then the report is located
// among the lines (title line, numbered parts, a second copy of the report, the end of
// the last part) and everything around it dropped, and only then are lines that a PDF or
// a clause-per-line export broke inside a sentence joined again, so that chrome is never
// glued onto the report. Every step is linear in the text.
#include "services/ingest/report_cleaner.h"

#include <algorithm>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
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
// A report has at least this many Chinese characters besides its title.
constexpr size_t kMinReportHan = 10;
// Hard-wrap detection: lines at least this wide (display columns) are measured, and the
// text counts as wrapped when this share of them is within kWrapSlack of one width.
constexpr size_t kMinMeasuredWidth = 20;
constexpr size_t kMinWrapWidth = 30;
constexpr size_t kWrapSlack = 3;
constexpr size_t kMinWrappedLines = 8;
constexpr double kMinWrappedShare = 0.4;

// Words of web-page furniture (forum and portal headers and footers, article metadata,
// lists of other articles). They name the page, never a report's content, and only
// decide on short lines that do not end a sentence.
constexpr std::u32string_view kFooterWords[] = {
    U"登录",       U"注册",     U"回帖",     U"回复",     U"积分",     U"Powered by", U"责任编辑",
    U"编辑：",     U"编辑:",    U"返回顶部", U"返回列表", U"版权所有", U"Copyright",  U"©",
    U"上一篇",     U"下一篇",   U"打印本页", U"关闭窗口", U"分享到",   U"扫一扫",     U"相关阅读",
    U"相关文章",   U"推荐阅读", U"免责声明", U"浏览次数", U"点击数",   U"【打印】",   U"【关闭】",
    U"收藏本站",   U"设为首页", U"客服中心", U"相关链接", U"相关新闻", U"相关报道",   U"相关稿件",
    U"热点推荐",   U"网站地图", U"联系我们", U"主办单位", U"承办单位", U"ICP备",      U"公网安备",
    U"网站标识码", U"附件下载", U"二维码",   U"【字体",   U"字号：",   U"来源：",     U"来源:",
    U"稿源",       U"原标题",   U"作者：",   U"记者："};

// Labels of article metadata that portals print between the title and the text.
constexpr std::u32string_view kMetadataLabels[] = {
    U"发文单位", U"发文时间", U"发布时间", U"发布日期", U"来源",     U"来源URL",  U"文章来源",
    U"作者",     U"正文",     U"字号",     U"浏览",     U"点击",     U"编辑",     U"责任编辑",
    U"日期",     U"时间",     U"标题",     U"索引号",   U"发文字号", U"主题分类", U"信息来源",
    U"发布机构", U"成文日期", U"分类",     U"阅读",     U"访问量",   U"记者",     U"摄影"};

struct Line {
  std::u32string text;
  std::vector<LineNoteRef> refs;
};

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Text exported from JSON or a database sometimes carries its escapes as characters:
// "\r\n" for line breaks, "\u4e2d" for characters, "\"" for quotes. They are decoded
// when they are frequent enough to be escapes rather than a stray backslash.
std::string UnescapeLiterals(const std::string& text) {
  size_t breaks = 0;
  size_t units = 0;
  for (size_t pos = text.find('\\'); pos != std::string::npos && pos + 1 < text.size();
       pos = text.find('\\', pos + 1)) {
    char next = text[pos + 1];
    if (next == 'n' || next == 'r') ++breaks;
    if (next == 'u' && pos + 5 < text.size() && IsHex(text[pos + 2]) && IsHex(text[pos + 3]) &&
        IsHex(text[pos + 4]) && IsHex(text[pos + 5])) {
      ++units;
    }
  }
  if (breaks < 2 && units < 8) return text;
  std::u32string out;
  out.reserve(text.size());
  std::u32string in = Utf8ToU32(text);
  auto hex4 = [&](size_t p, char32_t* v) {
    if (p + 4 > in.size()) return false;
    char32_t value = 0;
    for (size_t k = p; k < p + 4; ++k) {
      char32_t c = in[k];
      int d = (c >= U'0' && c <= U'9')   ? static_cast<int>(c - U'0')
              : (c >= U'a' && c <= U'f') ? static_cast<int>(c - U'a' + 10)
              : (c >= U'A' && c <= U'F') ? static_cast<int>(c - U'A' + 10)
                                         : -1;
      if (d < 0) return false;
      value = value * 16 + static_cast<char32_t>(d);
    }
    *v = value;
    return true;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != U'\\' || i + 1 >= in.size()) {
      out.push_back(in[i]);
      continue;
    }
    char32_t next = in[i + 1];
    char32_t unit = 0;
    if (next == U'r' && i + 3 < in.size() && in[i + 2] == U'\\' && in[i + 3] == U'n') {
      out.push_back(U'\n');
      i += 3;
    } else if (next == U'n' || next == U'r') {
      out.push_back(U'\n');
      ++i;
    } else if (next == U't') {
      out.push_back(U' ');
      ++i;
    } else if (next == U'"' || next == U'\\' || next == U'/') {
      out.push_back(next);
      ++i;
    } else if (next == U'u' && units >= 8 && hex4(i + 2, &unit)) {
      i += 5;
      char32_t low = 0;
      if (unit >= 0xD800 && unit <= 0xDBFF && i + 2 < in.size() && in[i + 1] == U'\\' &&
          in[i + 2] == U'u' && hex4(i + 3, &low) && low >= 0xDC00 && low <= 0xDFFF) {
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
      out.push_back(unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
    } else {
      out.push_back(in[i]);
    }
  }
  return U32ToUtf8(out);
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

bool IsMetadataLine(std::u32string_view line) {
  if (EndsSentence(line)) return false;
  if (Contains(line, U"http://") || Contains(line, U"https://") || Contains(line, U"www.")) {
    return true;
  }
  // "（责任编辑：某某）": the label may sit inside brackets.
  size_t b = 0;
  while (b < line.size() && (line[b] == U'(' || line[b] == U'（' || line[b] == U'[' ||
                             line[b] == U'【' || IsBlank(line[b]))) {
    ++b;
  }
  std::u32string_view rest = line.substr(b);
  size_t colon = rest.find_first_of(U":：");
  if (colon == std::u32string_view::npos || colon > 6) return false;
  std::u32string_view label = TrimBlanks(rest.substr(0, colon));
  for (auto m : kMetadataLabels) {
    if (label == m) return true;
  }
  return false;
}

bool IsFooterLine(std::u32string_view line) {
  if (line.size() > 80 || EndsSentence(line) || LooksLikeEntry(line)) return false;
  // Another report's title in a list of related articles.
  if (IsTitleLine(line)) return true;
  if (line.size() > 60) return false;
  return ContainsAny(line, kFooterWords, std::size(kFooterWords)) || IsMetadataLine(line);
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
         MatchEnumMarker(line, 0, &m) || IsGlossaryHeading(line) || IsTitleLine(line) ||
         StartsWith(line, U"——") || StartsWith(line, U"各位代表");
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

// True if `line` opens with a short sentence of Chinese words alone, as a task's or an
// item's lead phrase does ("联动发展互惠共赢。").
bool OpensWithLeadPhrase(std::u32string_view line) {
  size_t end = 0;
  while (end < line.size() && end <= 20 && !IsSentenceEnd(line[end])) ++end;
  if (end >= line.size() || end > 20 || end < 4 || line[end] != U'。') return false;
  for (size_t i = 0; i < end; ++i) {
    if (!IsHan(line[i])) return false;
  }
  return end + 1 < line.size();
}

size_t DisplayWidth(std::u32string_view line) {
  size_t w = 0;
  for (char32_t c : line) w += (IsWide(c) || c >= 0x1100) ? 2 : 1;
  return w;
}

// The width at which a PDF export hard-wrapped the text, or 0 if it did not: most
// measured lines are within a few columns of one width, their paragraphs' last lines
// shorter.
size_t WrapWidth(const std::vector<Line>& lines, size_t begin, size_t end) {
  std::map<size_t, size_t> widths;
  size_t measured = 0;
  for (size_t i = begin; i < end; ++i) {
    size_t w = DisplayWidth(lines[i].text);
    if (w < kMinMeasuredWidth) continue;
    ++widths[w];
    ++measured;
  }
  size_t best = 0;
  size_t best_count = 0;
  for (const auto& [w, unused] : widths) {
    if (w < kMinWrapWidth) continue;
    size_t count = 0;
    for (auto it = widths.lower_bound(w >= kWrapSlack ? w - kWrapSlack : 0);
         it != widths.end() && it->first <= w; ++it) {
      count += it->second;
    }
    if (count >= best_count) {
      best = w;
      best_count = count;
    }
  }
  // No wider lines than the wrap width, beyond a few.
  size_t wider = 0;
  for (auto it = widths.upper_bound(best); it != widths.end(); ++it) wider += it->second;
  if (best_count < kMinWrappedLines || best_count < kMinWrappedShare * measured ||
      wider * 10 > measured) {
    return 0;
  }
  return best;
}

// Where the report ends, at or before `limit`: before the first footer line after the
// last part heading, and before any trailing lines that are not report text.
size_t FindEnd(const std::vector<Line>& lines, size_t start, size_t limit) {
  size_t last_part = start;
  for (size_t i = start; i < limit; ++i) {
    Marker m;
    if (MatchPartHeading(lines[i].text, &m) || IsGlossaryHeading(lines[i].text)) last_part = i;
  }
  size_t end = limit;
  for (size_t i = last_part + 1; i < limit; ++i) {
    if (IsFooterLine(lines[i].text)) {
      end = i;
      break;
    }
  }
  while (end > last_part + 1 && !IsContentLine(lines[end - 1].text)) --end;
  return end;
}

// The same report printed twice on one page (a portal's "full text" under its summary, a
// forum post quoted in a reply): the line where a second copy begins, or `limit` if there
// is none. A copy is told by its first part heading (or, without parts, its first line
// of text) coming back with the line after it.
size_t FindRepeat(const std::vector<Line>& lines, size_t anchor, size_t limit) {
  if (anchor + 1 >= limit) return limit;
  const std::u32string& head = lines[anchor].text;
  const std::u32string& after = lines[anchor + 1].text;
  auto same_start = [](const std::u32string& a, const std::u32string& b) {
    size_t n = std::min<size_t>({a.size(), b.size(), 24});
    return n >= 4 && a.compare(0, n, b, 0, n) == 0;
  };
  for (size_t j = anchor + 2; j + 1 < limit; ++j) {
    if (lines[j].text != head || !same_start(lines[j + 1].text, after)) continue;
    // The copy starts with its own title and subtitle when it has them.
    size_t begin = j;
    for (size_t k = j; k > anchor + 1 && j - k < 8; --k) {
      const std::u32string& prev = lines[k - 1].text;
      if (IsTitleLine(prev) || IsSubtitle(prev)) begin = k - 1;
    }
    return begin;
  }
  return limit;
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
  text = UnescapeLiterals(text);

  LineFindings findings;
  std::vector<Line> lines;
  for (auto& raw : SplitLines(Utf8ToU32(text))) {
    size_t ref_count = findings.refs.size();
    std::u32string cleaned = CleanLine(raw, &findings);
    std::vector<LineNoteRef> refs(findings.refs.begin() + ref_count, findings.refs.end());
    findings.refs.resize(ref_count);
    if (cleaned.empty() || IsPageNumberLine(cleaned)) continue;
    lines.push_back({std::move(cleaned), std::move(refs)});
  }

  // The report starts at its title line: the last one before the first part heading
  // (forums print the title once as the thread's name, then again above the text).
  int first_part = -1;
  for (size_t i = 0; i < lines.size() && first_part < 0; ++i) {
    Marker m;
    if (MatchPartHeading(lines[i].text, &m) && m.value == 1) first_part = static_cast<int>(i);
  }
  int title = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (first_part >= 0 && static_cast<int>(i) > first_part) break;
    if (IsTitleLine(lines[i].text)) {
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
      if (IsSubtitle(lines[i - 1].text)) start = i - 1;
    }
  }

  size_t anchor = first_part >= 0 ? static_cast<size_t>(first_part) : start + 1;
  size_t limit = FindRepeat(lines, anchor, lines.size());
  if (limit < lines.size()) {
    report.warnings.push_back(
        "the page holds the report twice; kept the first copy and dropped the second");
  }
  size_t end = FindEnd(lines, start, limit);
  if (start > 0 || end < lines.size()) {
    report.warnings.push_back(absl::StrCat("removed ", start, " lines before the report and ",
                                           lines.size() - end, " after it"));
  }

  std::vector<Line> body;
  size_t parts_begin = first_part >= 0 ? static_cast<size_t>(first_part) : end;
  size_t body_han = 0;
  for (size_t i = start; i < end; ++i) {
    if (static_cast<int>(i) == title) {
      body.push_back({StripTitleDecoration(lines[i].text), {}});
      continue;
    }
    if (i < parts_begin && (IsMetadataLine(lines[i].text) || IsFooterLine(lines[i].text))) {
      continue;
    }
    body_han += HanCount(lines[i].text);
    body.push_back(std::move(lines[i]));
  }
  if (body_han < kMinReportHan) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a work report: ",
                     title >= 0 ? "there is a title line but almost no text under it"
                                : "there are numbered parts but almost no text in them",
                     " (", body_han, " Chinese characters); pass the whole report"));
  }

  // Rejoin sentences broken across lines, and lines a PDF wrapped at a fixed width.
  size_t wrap = WrapWidth(body, 0, body.size());
  if (wrap > 0) {
    report.warnings.push_back(
        absl::StrCat("the text is hard-wrapped at ", wrap, " columns; its lines were rejoined"));
  }
  std::vector<Line> joined;
  size_t last_width = 0;
  for (auto& line : body) {
    size_t width = DisplayWidth(line.text);
    bool join = false;
    if (!joined.empty()) {
      const std::u32string& prev = joined.back().text;
      join = ShouldJoin(prev, line.text);
      // A full line of a wrapped text goes on in the next one, even after a full stop or
      // in a heading, unless the next line opens a new unit.
      // A full line ending a sentence before a line opening with a lead phrase
      // ("…顾问团。" / "联动发展互惠共赢。长三角…") most likely ends its paragraph exactly at
      // the wrap width.
      bool paragraph_end = EndsSentence(prev) && OpensWithLeadPhrase(line.text);
      if (!join && wrap > 0 && last_width + kWrapSlack >= wrap && !StartsStructure(line.text) &&
          !IsTitleLine(prev) && !IsSubtitle(prev) && !paragraph_end) {
        join = true;
      }
    }
    last_width = width;
    if (join) {
      uint32_t shift = static_cast<uint32_t>(joined.back().text.size());
      for (LineNoteRef r : line.refs) joined.back().refs.push_back({r.offset + shift, r.number});
      joined.back().text += line.text;
    } else {
      joined.push_back(std::move(line));
    }
  }

  std::vector<std::u32string> joined_text;
  joined_text.reserve(joined.size());
  for (const Line& l : joined) joined_text.push_back(l.text);
  ReportIdentity identity = FindIdentity(joined_text, title >= 0 ? 0 : -1);
  report.region = identity.region;
  report.year = identity.year;
  report.title = identity.display_title;
  report.level = LevelOfRegion(report.region);
  if (title >= 0) report.title_end = static_cast<uint32_t>(joined.front().text.size());

  std::u32string out;
  for (size_t i = 0; i < joined.size(); ++i) {
    if (i > 0) out.push_back(U'\n');
    uint32_t base = static_cast<uint32_t>(out.size());
    for (const LineNoteRef& r : joined[i].refs)
      report.note_refs.push_back({base + r.offset, r.number});
    out += joined[i].text;
  }
  report.lost_chars = static_cast<int>(std::count(out.begin(), out.end(), U'\uFFFD'));
  report.text = U32ToUtf8(out);
  for (const auto& note : findings.notes) report.notes.push_back(U32ToUtf8(note));
  if (!findings.notes.empty()) {
    report.warnings.push_back(
        absl::StrCat("cut ", findings.notes.size(), " footnote(s) out of the text"));
  }
  if (report.lost_chars > 0) {
    report.warnings.push_back(absl::StrCat(
        report.lost_chars,
        " character(s) were lost before the text reached us (\"??\" or U+FFFD); they are "
        "kept as U+FFFD in the text and left out of names"));
  }
  if (report.region.empty()) report.warnings.push_back("the text does not name its region");
  if (report.year == 0) report.warnings.push_back("the text does not name its year");
  return report;
}

}  // namespace kg::ingest
