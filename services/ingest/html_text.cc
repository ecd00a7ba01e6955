// HTML to text; see html_text.h.
#include "services/ingest/html_text.h"

#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t code;
};

// The entities that occur in Chinese web pages; anything else is left as written.
constexpr NamedEntity kEntities[] = {
    {"nbsp", 0x00A0},   {"amp", '&'},       {"lt", '<'},        {"gt", '>'},
    {"quot", '"'},      {"apos", '\''},     {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"mdash", 0x2014},  {"ndash", 0x2013},
    {"hellip", 0x2026}, {"middot", 0x00B7}, {"emsp", 0x2003},   {"ensp", 0x2002},
    {"thinsp", 0x2009}, {"times", 0x00D7},  {"divide", 0x00F7}, {"deg", 0x00B0},
    {"permil", 0x2030}, {"copy", 0x00A9},   {"reg", 0x00AE},    {"bull", 0x2022},
    {"laquo", 0x00AB},  {"raquo", 0x00BB},  {"zwsp", 0x200B},   {"ideographicspace", 0x3000},
};

// Tags whose start or end begins a new line of text.
constexpr std::string_view kBlockTags[] = {
    "p",     "br",         "div", "li", "tr",    "h1",      "h2",      "h3",     "h4",
    "h5",    "h6",         "ul",  "ol", "table", "section", "article", "header", "footer",
    "title", "blockquote", "pre", "dd", "dt",    "hr",      "center"};

std::string ToUtf8(char32_t c) { return U32ToUtf8(std::u32string(1, c)); }

// The lower-case tag name at `pos` (just after '<' and an optional '/').
std::string TagName(std::string_view html, size_t pos) {
  std::string name;
  while (pos < html.size() && (absl::ascii_isalnum(html[pos]))) {
    name.push_back(absl::ascii_tolower(html[pos]));
    ++pos;
  }
  return name;
}

// The first occurrence of lower-case `needle` in `hay` at or after `from`, ignoring ASCII
// case; npos if none.
size_t FindCaseless(std::string_view hay, const std::string& needle, size_t from) {
  if (needle.empty()) return from;
  for (size_t p = hay.find('<', from); p != std::string_view::npos; p = hay.find('<', p + 1)) {
    if (hay.size() - p < needle.size()) return std::string_view::npos;
    bool match = true;
    for (size_t k = 0; k < needle.size() && match; ++k) {
      match = absl::ascii_tolower(static_cast<unsigned char>(hay[p + k])) == needle[k];
    }
    if (match) return p;
  }
  return std::string_view::npos;
}

bool IsBlockTag(const std::string& name) {
  for (auto tag : kBlockTags) {
    if (name == tag) return true;
  }
  return false;
}

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  // Every tag looked for opens with '<': plain text, most input, has none, and a search
  // for it spares lowering a copy of the text.
  if (text.substr(0, 1 << 20).find('<') == std::string_view::npos) return false;
  std::string lower = absl::AsciiStrToLower(std::string(text.substr(0, 1 << 20)));
  int tags = 0;
  for (std::string_view probe : {"<p>", "<p ", "<br", "<div", "</p>", "</div>", "<html", "<span",
                                 "<td", "<body", "<!--", "<table", "</a>"}) {
    size_t pos = 0;
    while ((pos = lower.find(probe, pos)) != std::string::npos && tags < 100) {
      ++tags;
      pos += probe.size();
    }
  }
  return tags >= 3;
}

std::string DecodeHtmlEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      // The run up to the next '&' at once: byte by byte, this was a hot spot.
      size_t amp = text.find('&', i);
      if (amp == std::string_view::npos) amp = text.size();
      out.append(text.data() + i, amp - i);
      i = amp;
      continue;
    }
    size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 20) {
      out.push_back(text[i++]);
      continue;
    }
    std::string_view body = text.substr(i + 1, semi - i - 1);
    char32_t code = 0;
    if (!body.empty() && body[0] == '#') {
      bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
      std::string digits(body.substr(hex ? 2 : 1));
      char* end = nullptr;
      long value = std::strtol(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end != nullptr && *end == '\0' && value > 0 && value < 0x110000) {
        code = static_cast<char32_t>(value);
      }
    } else {
      std::string name = absl::AsciiStrToLower(std::string(body));
      for (const auto& e : kEntities) {
        if (e.name == name) code = e.code;
      }
    }
    if (code == 0) {
      out.push_back(text[i++]);
      continue;
    }
    out += ToUtf8(code);
    i = semi + 1;
  }
  return out;
}

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c != '<') {
      // Source line breaks inside HTML are not text line breaks.
      out.push_back(c == '\n' || c == '\r' ? ' ' : c);
      ++i;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_pos = i + 1 + (closing ? 1 : 0);
    std::string name = TagName(html, name_pos);
    if (name.empty() && !(i + 1 < html.size() && html[i + 1] == '!')) {
      out.push_back(c);  // a bare '<' in text
      ++i;
      continue;
    }
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    i = end + 1;
    if (!closing && (name == "script" || name == "style" || name == "noscript")) {
      size_t close = FindCaseless(html, "</" + name, i);
      if (close == std::string_view::npos) break;
      size_t gt = html.find('>', close);
      i = gt == std::string_view::npos ? html.size() : gt + 1;
      continue;
    }
    if (IsBlockTag(name)) {
      out.push_back('\n');
    } else if (name == "td" || name == "th") {
      out.push_back(' ');
    }
  }
  return DecodeHtmlEntities(out);
}

}  // namespace kg::ingest
