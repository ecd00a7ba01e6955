// Turns a report's raw bytes into UTF-8 text. Reports arrive as UTF-8 (with or without
// a BOM), as UTF-16 with a BOM, or in the Chinese national encodings (GBK, GB2312 and
// their superset GB18030); all conversions go through ICU with STOP callbacks, so bytes
// that are not valid in the chosen encoding are rejected rather than silently replaced.
#ifndef KG_SERVICES_INGEST_TEXT_DECODER_H_
#define KG_SERVICES_INGEST_TEXT_DECODER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace kg::ingest {

// The largest input accepted: reports are tens to hundreds of kilobytes.
inline constexpr size_t kMaxReportBytes = 32u << 20;

struct DecodedText {
  std::string utf8;      // the text, without a byte-order mark
  std::string encoding;  // canonical name of the source encoding: UTF-8, UTF-16LE, GB18030, ...
};

// Decodes `bytes`. With an empty `forced_encoding` the encoding is detected: a BOM
// decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE); otherwise strict UTF-8 is tried first and
// GB18030 second. A non-empty `forced_encoding` (any name ICU knows, e.g. "GBK",
// "utf-8") is used as given (a matching BOM is still stripped).
//
// Text that is valid UTF-8 for a while and then breaks is reported as damaged UTF-8 (with
// the offset), not decoded as GB18030 into mojibake; input that ends inside a character
// is reported as truncated.
//
// INVALID_ARGUMENT for empty input, for input over kMaxReportBytes, for bytes that do not
// decode in the chosen (or any detected) encoding (the message names the byte offset),
// for binary data (NUL bytes or mostly control characters), and for an encoding name ICU
// does not know.
absl::StatusOr<DecodedText> DecodeReport(std::string_view bytes, std::string_view forced_encoding);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_TEXT_DECODER_H_
