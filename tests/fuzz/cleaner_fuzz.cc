// Fuzzes what a report's bytes go through before extraction: DecodeReport (detected and
// forced encodings) and CleanReport. Any bytes are either refused with a status or give
// valid UTF-8 whose cleaned form keeps the cleaner's promises (report_cleaner.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "services/ingest/report_cleaner.h"
#include "services/ingest/text_decoder.h"
#include "storage/fulltext.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void CheckCleaned(const kg::ingest::CleanedReport& report) {
  KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(report.text), "cleaned text is UTF-8");
  KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(report.title), "title is UTF-8");
  KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(report.region), "region is UTF-8");
  const size_t length = kg::storage::CodePointCount(report.text);
  KG_FUZZ_CHECK(report.title_begin <= report.title_end, "title span ordered");
  KG_FUZZ_CHECK(report.title_end <= length, "title span inside the text");
  uint32_t last = 0;
  for (const auto& ref : report.note_refs) {
    KG_FUZZ_CHECK(ref.pos <= length, "note marker inside the text");
    KG_FUZZ_CHECK(ref.pos >= last, "note markers in text order");
    last = ref.pos;
  }
  KG_FUZZ_CHECK(report.text.find("\n\n") == std::string::npos, "no blank lines");
  KG_FUZZ_CHECK(report.lost_chars >= 0, "lost characters counted");
}

void DecodeAndClean(std::string_view bytes, std::string_view encoding) {
  auto decoded = kg::ingest::DecodeReport(bytes, encoding);
  if (!decoded.ok()) return;
  KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(decoded->utf8), "decoded text is UTF-8");
  auto cleaned = kg::ingest::CleanReport(decoded->utf8);
  if (cleaned.ok()) CheckCleaned(*cleaned);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  DecodeAndClean(bytes, "");
  // A caller may force the encoding (IngestOptions::encoding); GB18030 accepts almost
  // any bytes, so this reaches the cleaner with text detection would have refused.
  DecodeAndClean(bytes, "GB18030");
  return 0;
}
