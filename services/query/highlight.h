// Marks what a full-text query matched in a piece of text, the way the store matches:
// a code point pair of the text is a hit when its folded form is one of the query's
// folded bigrams (storage/fulltext.h), so 長三角 in the text lights up for 长三角.
#ifndef KG_SERVICES_QUERY_HIGHLIGHT_H_
#define KG_SERVICES_QUERY_HIGHLIGHT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg::query {

// Ranges [begin, end) of code points of `text` that match `query`, in order, merged.
std::vector<std::pair<uint32_t, uint32_t>> HighlightMatches(std::string_view text,
                                                            std::string_view query);

// The sentence of `text` around code points [begin, end): cut after the last sentence
// end (。！？；!?; or a line break) before `begin` and after the first one from `end`,
// and to at most `max_chars` code points around the range. Returns code point bounds.
std::pair<uint32_t, uint32_t> SentenceAround(std::string_view text, uint32_t begin, uint32_t end,
                                             uint32_t max_chars);

// Code points [begin, end) of `text`.
std::string CodePointSubstr(std::string_view text, uint32_t begin, uint32_t end);

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_HIGHLIGHT_H_
