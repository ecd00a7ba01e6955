// Highlighting and snippets; see highlight.h.
#include "services/query/highlight.h"

#include <algorithm>
#include <set>

#include "storage/fulltext.h"

namespace kg::query {

std::vector<std::pair<uint32_t, uint32_t>> HighlightMatches(std::string_view text,
                                                            std::string_view query) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  const std::vector<std::string> tokens = storage::Bigrams(storage::FoldText(query));
  if (tokens.empty()) return ranges;
  const std::set<std::string> wanted(tokens.begin(), tokens.end());
  const std::vector<size_t> offsets = storage::CodePointByteOffsets(text);
  const size_t n = offsets.size() - 1;
  // Each code point folded alone; spacing folds to nothing and is stepped over.
  std::vector<std::pair<uint32_t, std::string>> units;
  for (size_t i = 0; i < n; ++i) {
    std::string folded = storage::FoldText(text.substr(offsets[i], offsets[i + 1] - offsets[i]));
    if (!folded.empty()) units.push_back({static_cast<uint32_t>(i), std::move(folded)});
  }
  std::vector<bool> marked(n, false);
  for (size_t k = 0; k < units.size(); ++k) {
    if (wanted.count(units[k].second) > 0) marked[units[k].first] = true;
    if (k + 1 < units.size() && wanted.count(units[k].second + units[k + 1].second) > 0) {
      for (uint32_t i = units[k].first; i <= units[k + 1].first; ++i) marked[i] = true;
    }
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (!marked[i]) continue;
    if (!ranges.empty() && ranges.back().second == i) {
      ranges.back().second = i + 1;
    } else {
      ranges.push_back({i, i + 1});
    }
  }
  return ranges;
}

std::pair<uint32_t, uint32_t> SentenceAround(std::string_view text, uint32_t begin, uint32_t end,
                                             uint32_t max_chars) {
  const std::vector<size_t> offsets = storage::CodePointByteOffsets(text);
  const uint32_t n = static_cast<uint32_t>(offsets.size() - 1);
  begin = std::min(begin, n);
  end = std::min(std::max(end, begin), n);
  auto is_end = [&](uint32_t i) {
    std::string_view c = text.substr(offsets[i], offsets[i + 1] - offsets[i]);
    for (std::string_view stop : {"。", "！", "？", "；", "!", "?", ";", "\n"}) {
      if (c == stop) return true;
    }
    return false;
  };
  uint32_t room = max_chars > end - begin ? (max_chars - (end - begin)) / 2 : 0;
  uint32_t from = begin;
  while (from > 0 && begin - from < room && !is_end(from - 1)) --from;
  uint32_t to = end;
  while (to < n && to - end < room && !is_end(to)) ++to;
  if (to < n && is_end(to)) ++to;  // keep the sentence's own end mark
  return {from, to};
}

std::string CodePointSubstr(std::string_view text, uint32_t begin, uint32_t end) {
  const std::vector<size_t> offsets = storage::CodePointByteOffsets(text);
  const uint32_t n = static_cast<uint32_t>(offsets.size() - 1);
  begin = std::min(begin, n);
  end = std::min(std::max(end, begin), n);
  return std::string(text.substr(offsets[begin], offsets[end] - offsets[begin]));
}

}  // namespace kg::query
