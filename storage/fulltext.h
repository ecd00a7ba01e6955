// Text folding and tokenising shared by the name index, the full-text postings and the
// queries that read them: a user's input and a stored name match only if both went
// through exactly these functions.
//
// Thread-safety: all functions are safe to call concurrently.
#ifndef KG_STORAGE_FULLTEXT_H_
#define KG_STORAGE_FULLTEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace kg::storage {

// Folds UTF-8 text to the form names are indexed and compared in:
//   1. Unicode NFKC (full-width letters, digits and punctuation become half-width;
//      compatibility ideographs become unified ones);
//   2. whitespace, control and format (invisible) characters removed, so spacing and
//      zero-width marks never decide a match;
//   3. ASCII upper case lowered (non-ASCII case is left alone: Chinese has none, and
//      full Unicode case folding would change some CJK-adjacent symbols);
//   4. traditional Chinese converted to simplified (OpenCC t2s, phrase aware).
// Invalid UTF-8 sequences become U+FFFD. If the OpenCC configuration could not be
// loaded, step 4 is skipped; TextFoldingStatus() reports that, and the store refuses to
// open rather than index with a different folding.
// Queries fold the same few strings many times (a phrase, the names it resolves to), so
// each thread remembers its recent short inputs and their folded forms.
std::string FoldText(std::string_view utf8);

// OK if FoldText performs every step; FAILED_PRECONDITION naming the OpenCC error if
// the traditional->simplified converter could not be created.
absl::Status TextFoldingStatus();

// The distinct tokens of folded text, in order of first appearance. The text is split
// into runs of letters, digits and ideographs (punctuation and symbols separate runs
// and never appear in a token); each run yields its overlapping pairs of code points,
// and a run of one code point yields that code point.
//   Bigrams("长三角一体化") == {"长三", "三角", "角一", "一体", "体化"}
//   Bigrams("上海、江苏")   == {"上海", "江苏"}
//   Bigrams("沪")           == {"沪"}
std::vector<std::string> Bigrams(std::string_view folded);

// Spans index report text by code point; these convert. An invalid UTF-8 sequence
// counts as one code point, as it does in FoldText.
// The number of code points in `utf8`.
size_t CodePointCount(std::string_view utf8);
// The byte offset of each code point, followed by utf8.size(): code points [b, e) are
// bytes [offsets[b], offsets[e]).
std::vector<size_t> CodePointByteOffsets(std::string_view utf8);

// The byte offsets of the code points of one text, for a text cut many times (a
// report's text): built in one pass, then each lookup steps over at most kStride - 1
// code points from a checkpoint instead of walking the text from its start. Counts code
// points as CodePointByteOffsets does. Holds no reference to the text: pass the same
// text to ByteOffset.
class CodePointIndex {
 public:
  CodePointIndex() = default;
  explicit CodePointIndex(std::string_view utf8);

  // The number of code points.
  size_t size() const { return size_; }

  // CodePointByteOffsets(utf8)[code_point] for code_point <= size().
  size_t ByteOffset(std::string_view utf8, size_t code_point) const;

  // Bytes held, for cache accounting.
  size_t MemoryBytes() const { return checkpoints_.capacity() * sizeof(uint32_t); }

 private:
  static constexpr size_t kStride = 32;

  std::vector<uint32_t> checkpoints_;  // byte offset of code point k * kStride
  size_t size_ = 0;
};

}  // namespace kg::storage

#endif  // KG_STORAGE_FULLTEXT_H_
