// Text folding (ICU NFKC + OpenCC t2s) and bigram tokenising; see fulltext.h.
#include "storage/fulltext.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <exception>
#include <memory>
#include <unordered_set>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace kg::storage {
namespace {

// The process-wide traditional->simplified converter. Loading it reads several MB of
// dictionaries, so it is created once. OpenCC does not document Convert() as
// thread-safe, so calls are serialised; names are short, so the lock is held briefly.
class SimplifiedConverter {
 public:
  static SimplifiedConverter& Get() {
    static auto* converter = new SimplifiedConverter();
    return *converter;
  }

  const absl::Status& status() const { return status_; }

  // Returns `text` converted, or unchanged if the converter failed to load.
  std::string Convert(std::string text) {
    if (converter_ == nullptr) return text;
    absl::MutexLock lock(&mu_);
    try {
      return converter_->Convert(text);
    } catch (const std::exception&) {
      // OpenCC throws on invalid UTF-8, which FoldText's ICU round trip has already
      // replaced; should it throw anyway, folding must not fail, so keep the text.
      return text;
    }
  }

 private:
  SimplifiedConverter() {
    try {
      converter_ = std::make_unique<opencc::SimpleConverter>("t2s.json");
    } catch (const std::exception& e) {
      status_ = absl::FailedPreconditionError(
          absl::StrCat("cannot load OpenCC t2s.json (is libopencc-data installed?): ", e.what()));
    }
  }

  absl::Status status_;  // set once, in the constructor
  absl::Mutex mu_;
  std::unique_ptr<opencc::SimpleConverter> converter_ ABSL_PT_GUARDED_BY(mu_);
};

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Characters that never decide a match: whitespace and invisible controls/formats.
// Dropping controls also guarantees folded text has no 0x00 (see key_codec.h).
bool IsIgnorable(UChar32 c) {
  const int8_t type = u_charType(c);
  return u_isUWhiteSpace(c) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

// Letters, digits and ideographs: the characters tokens are made of. U+3007 (〇, as in
// 二〇二〇) is a letter number, not alphanumeric, hence the ideographic test.
bool IsWordChar(UChar32 c) { return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC); }

// Calls fn(code point, byte offset, byte length) for each code point of `utf8`.
// Invalid sequences are reported as U+FFFD.
template <typename Fn>
void ForEachCodePoint(std::string_view utf8, Fn&& fn) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    fn(c < 0 ? 0xFFFD : c, static_cast<size_t>(start), static_cast<size_t>(i - start));
  }
}

// FoldText without the memo.
std::string FoldTextUncached(std::string_view utf8) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(error);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (U_SUCCESS(error)) {
    icu::UnicodeString normalized = nfkc->normalize(text, error);
    // ICU data ships inside libicudata, so normalisation cannot fail for lack of data;
    // if it somehow does, fold the unnormalised text rather than lose it.
    if (U_SUCCESS(error)) text = std::move(normalized);
  }
  icu::UnicodeString kept;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (IsIgnorable(c)) continue;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    kept.append(c);
  }
  std::string folded;
  kept.toUTF8String(folded);
  if (IsAscii(folded)) return folded;  // nothing for OpenCC to convert
  return SimplifiedConverter::Get().Convert(std::move(folded));
}

// Each thread's recent FoldText inputs and results. Folding is a pure function, so a
// memo needs no invalidation; it is bounded by forgetting everything when full.
constexpr size_t kFoldMemoEntries = 512;
constexpr size_t kFoldMemoMaxInput = 256;  // bytes; longer inputs are folded afresh

absl::flat_hash_map<std::string, std::string>& FoldMemo() {
  thread_local absl::flat_hash_map<std::string, std::string> memo;
  return memo;
}

}  // namespace

std::string FoldText(std::string_view utf8) {
  if (utf8.size() > kFoldMemoMaxInput) return FoldTextUncached(utf8);
  absl::flat_hash_map<std::string, std::string>& memo = FoldMemo();
  const absl::string_view key(utf8.data(), utf8.size());
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::string folded = FoldTextUncached(utf8);
  if (memo.size() >= kFoldMemoEntries) memo.clear();
  memo.emplace(std::string(utf8), folded);
  return folded;
}

absl::Status TextFoldingStatus() { return SimplifiedConverter::Get().status(); }

std::vector<std::string> Bigrams(std::string_view folded) {
  std::vector<std::string> tokens;
  std::unordered_set<std::string_view> seen;
  auto add = [&](std::string_view token) {
    if (seen.insert(token).second) tokens.emplace_back(token);
  };
  // Byte ranges of the current run's last two code points.
  size_t run_length = 0;
  size_t prev_start = 0;
  size_t prev_size = 0;
  auto end_run = [&] {
    if (run_length == 1) add(folded.substr(prev_start, prev_size));
    run_length = 0;
  };
  ForEachCodePoint(folded, [&](UChar32 c, size_t start, size_t size) {
    if (!IsWordChar(c)) {
      end_run();
      return;
    }
    if (run_length > 0) add(folded.substr(prev_start, start + size - prev_start));
    ++run_length;
    prev_start = start;
    prev_size = size;
  });
  end_run();
  return tokens;
}

size_t CodePointCount(std::string_view utf8) {
  size_t count = 0;
  ForEachCodePoint(utf8, [&](UChar32, size_t, size_t) { ++count; });
  return count;
}

std::vector<size_t> CodePointByteOffsets(std::string_view utf8) {
  std::vector<size_t> offsets;
  offsets.reserve(utf8.size() + 1);
  ForEachCodePoint(utf8, [&](UChar32, size_t start, size_t) { offsets.push_back(start); });
  offsets.push_back(utf8.size());
  return offsets;
}

CodePointIndex::CodePointIndex(std::string_view utf8) {
  checkpoints_.reserve(utf8.size() / kStride + 2);
  size_t count = 0;
  ForEachCodePoint(utf8, [&](UChar32, size_t start, size_t) {
    if (count % kStride == 0) checkpoints_.push_back(static_cast<uint32_t>(start));
    ++count;
  });
  size_ = count;
}

size_t CodePointIndex::ByteOffset(std::string_view utf8, size_t code_point) const {
  if (code_point >= size_) return utf8.size();
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  auto i = static_cast<int32_t>(checkpoints_[code_point / kStride]);
  for (size_t k = code_point % kStride; k > 0; --k) {
    UChar32 c;
    U8_NEXT(s, i, length, c);  // steps exactly as ForEachCodePoint does
  }
  return static_cast<size_t>(i);
}

}  // namespace kg::storage
