// Report decoding through ICU converters; see text_decoder.h.
#include "services/ingest/text_decoder.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "unicode/ucnv.h"
#include "unicode/ucnv_err.h"
#include "unicode/unistr.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace kg::ingest {
namespace {

// Multi-byte UTF-8 characters before a decoding error that show the text is UTF-8.
constexpr size_t kMinUtf8Evidence = 8;

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Converts `bytes` from `encoding` to UTF-16 with ICU, stopping at the first byte
// sequence the encoding does not define. On such a failure *bad_offset receives the
// offset of the offending bytes in `bytes`.
absl::StatusOr<icu::UnicodeString> ConvertStrict(std::string_view bytes, const char* encoding,
                                                 size_t* bad_offset) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(encoding, &err));
  if (U_FAILURE(err) || cnv == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown encoding \"", encoding, "\": ", u_errorName(err)));
  }
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) {
    return absl::InternalError(absl::StrCat("ICU converter setup failed: ", u_errorName(err)));
  }
  icu::UnicodeString out;
  std::vector<UChar> buf(std::min<size_t>(bytes.size() + 16, 1 << 20));
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  while (true) {
    UChar* target = buf.data();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, buf.data() + buf.size(), &source, source_limit, nullptr,
                   /*flush=*/true, &err);
    out.append(buf.data(), static_cast<int32_t>(target - buf.data()));
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      char invalid[32];
      int8_t invalid_length = sizeof(invalid);
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv.get(), invalid, &invalid_length, &ignored);
      if (U_FAILURE(ignored)) invalid_length = 0;
      *bad_offset = static_cast<size_t>(source - bytes.data()) - invalid_length;
      if (err == U_TRUNCATED_CHAR_FOUND) {
        return absl::InvalidArgumentError(absl::StrCat("the input ends inside a ", encoding,
                                                       " character at offset ", *bad_offset,
                                                       ": the file looks truncated"));
      }
      return absl::InvalidArgumentError(absl::StrCat("bytes at offset ", *bad_offset,
                                                     " are not valid ", encoding, " (",
                                                     u_errorName(err), ")"));
    }
    break;
  }
  return out;
}

// Rejects text that decoded but is not text: NUL characters, or more than a few percent
// of control or private-use characters (what GB18030, which maps almost every byte
// sequence, makes of binary data).
// The check over code points, however they are read (UTF-16 after a conversion, UTF-8
// when the input needs none).
class TextCheck {
 public:
  absl::Status Add(UChar32 c) {
    ++total_;
    if (c == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("input looks binary: NUL character at code point ", total_ - 1));
    }
    bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
                   (c >= 0x7F && c <= 0x9F);
    bool private_use = (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000;
    bool unpaired = U_IS_SURROGATE(c);
    if (control || private_use || unpaired) ++odd_;
    return absl::OkStatus();
  }
  absl::Status Done() const {
    if (total_ > 0 && odd_ * 20 > total_) {
      return absl::InvalidArgumentError(absl::StrCat("input looks binary: ", odd_, " of ", total_,
                                                     " characters are control or unassigned"));
    }
    return absl::OkStatus();
  }

 private:
  int32_t total_ = 0;
  int32_t odd_ = 0;
};

absl::Status CheckLooksLikeText(const icu::UnicodeString& text) {
  TextCheck check;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (absl::Status s = check.Add(c); !s.ok()) return s;
  }
  return check.Done();
}

// Well-formed UTF-8, nearly every report, is already the output: the converter's round
// trip through UTF-16 and back took a tenth of the whole extraction. Returns false at the
// first ill-formed sequence (U8_NEXT accepts exactly the well-formed sequences ICU's
// UTF-8 converter does), and the caller then takes the converter, which words the error.
bool DecodePlainUtf8(std::string_view bytes, absl::StatusOr<DecodedText>* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  TextCheck check;
  absl::Status status;
  for (int32_t i = 0; i < length;) {
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
    } else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && i + 2 < length &&
               (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      // Three bytes after E1..EC or EE..EF are well-formed whatever their values (nearly
      // all Chinese text); E0 and ED restrict the second byte, so U8_NEXT takes those.
      c = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      i += 3;
    } else {
      U8_NEXT(s, i, length, c);
      if (c < 0) return false;
    }
    // After a NUL the rest must still be checked: ill-formed bytes later are the
    // converter's error, which comes first.
    if (status.ok()) status = check.Add(c);
  }
  if (status.ok()) status = check.Done();
  if (!status.ok()) {
    *out = status;
  } else {
    *out = DecodedText{std::string(bytes), "UTF-8"};
  }
  return true;
}

absl::StatusOr<DecodedText> Finish(const icu::UnicodeString& text, std::string encoding) {
  if (absl::Status s = CheckLooksLikeText(text); !s.ok()) return s;
  DecodedText out;
  text.toUTF8String(out.utf8);
  out.encoding = std::move(encoding);
  return out;
}

bool HasPrefix(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// The encoding a BOM announces and the BOM's length; empty if there is none.
std::pair<std::string, size_t> DetectBom(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (HasPrefix(bytes, "\xEF\xBB\xBF"sv)) return {"UTF-8", 3};
  if (HasPrefix(bytes, "\xFF\xFE\x00\x00"sv)) return {"UTF-32LE", 4};
  if (HasPrefix(bytes, "\x00\x00\xFE\xFF"sv)) return {"UTF-32BE", 4};
  if (HasPrefix(bytes, "\xFF\xFE"sv)) return {"UTF-16LE", 2};
  if (HasPrefix(bytes, "\xFE\xFF"sv)) return {"UTF-16BE", 2};
  return {"", 0};
}

// ICU's canonical name for what the caller asked for (so "gbk" reports as "GBK").
std::string CanonicalName(const std::string& requested) {
  UErrorCode err = U_ZERO_ERROR;
  const char* name = ucnv_getCanonicalName(requested.c_str(), "", &err);
  if (U_FAILURE(err) || name == nullptr || *name == '\0') return requested;
  return name;
}

// Characters of more than one byte in `bytes`, which is valid UTF-8.
size_t MultiByteChars(std::string_view bytes) {
  size_t n = 0;
  for (unsigned char c : bytes) n += c >= 0xC2 ? 1 : 0;
  return n;
}

}  // namespace

absl::StatusOr<DecodedText> DecodeReport(std::string_view bytes, std::string_view forced_encoding) {
  if (bytes.empty()) return absl::InvalidArgumentError("empty input: the report has no bytes");
  if (bytes.size() > kMaxReportBytes) {
    return absl::InvalidArgumentError(absl::StrCat("input of ", bytes.size(),
                                                   " bytes is larger than the ", kMaxReportBytes,
                                                   " bytes a report may have; is it a report?"));
  }
  auto [bom_encoding, bom_length] = DetectBom(bytes);
  size_t bad_offset = 0;

  if (!forced_encoding.empty()) {
    std::string name(forced_encoding);
    std::string_view body = bytes;
    // A BOM that agrees with the forced encoding family is not text.
    if (!bom_encoding.empty() &&
        CanonicalName(name).substr(0, 6) == CanonicalName(bom_encoding).substr(0, 6)) {
      body.remove_prefix(bom_length);
    }
    auto text = ConvertStrict(body, name.c_str(), &bad_offset);
    if (!text.ok()) return text.status();
    return Finish(*text, CanonicalName(name));
  }

  if (!bom_encoding.empty()) {
    auto text = ConvertStrict(bytes.substr(bom_length), bom_encoding.c_str(), &bad_offset);
    if (!text.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the input starts with a ", bom_encoding, " byte-order mark but bytes at offset ",
          bad_offset + bom_length, " are not valid ", bom_encoding));
    }
    return Finish(*text, bom_encoding);
  }

  if (absl::StatusOr<DecodedText> plain; DecodePlainUtf8(bytes, &plain)) return plain;
  auto utf8 = ConvertStrict(bytes, "UTF-8", &bad_offset);
  if (utf8.ok()) return Finish(*utf8, "UTF-8");
  size_t utf8_bad = bad_offset;
  // Text that runs as UTF-8 for a while and then breaks is UTF-8 with damage, not GBK:
  // GB18030 would decode it, but as mojibake.
  if (MultiByteChars(bytes.substr(0, utf8_bad)) >= kMinUtf8Evidence) {
    return absl::InvalidArgumentError(
        absl::StrCat("the input is UTF-8 up to byte offset ", utf8_bad, ", where ",
                     utf8.status().message(), "; repair the file or pass the encoding explicitly"));
  }
  auto gb = ConvertStrict(bytes, "GB18030", &bad_offset);
  if (gb.ok()) return Finish(*gb, "GB18030");
  if (absl::StrContains(gb.status().message(), "truncated")) {
    return absl::InvalidArgumentError(
        absl::StrCat("not UTF-8, and read as GB18030/GBK ", gb.status().message()));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("undecodable input: not UTF-8 (invalid bytes at offset ", utf8_bad,
                   ") and not GB18030/GBK (invalid bytes at offset ", bad_offset,
                   "); pass the encoding explicitly if it is another one"));
}

}  // namespace kg::ingest
