// Reduces an HTML page (or fragment) to its text: reports scraped from portals often
// arrive as the page itself. Not a conforming HTML parser: it only needs to keep the
// characters a reader sees and the line breaks that blocks make.
#ifndef KG_SERVICES_INGEST_HTML_TEXT_H_
#define KG_SERVICES_INGEST_HTML_TEXT_H_

#include <string>
#include <string_view>

namespace kg::ingest {

// True if `text` has enough markup (tags such as <p>, <br>, <div>, closing tags) to be
// read as HTML rather than plain text that happens to contain a '<'.
bool LooksLikeHtml(std::string_view text);

// Removes comments, <script>/<style> contents and tags; block-level tags (p, br, div,
// li, tr, h1-h6, ...) become line breaks, table cells a space; character references
// (&nbsp; &ldquo; &#12289; &#x3001; ...) are decoded. UTF-8 in, UTF-8 out.
std::string HtmlToText(std::string_view html);

// Decodes character references only (used by HtmlToText, and for stray entities left in
// otherwise plain text).
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_HTML_TEXT_H_
