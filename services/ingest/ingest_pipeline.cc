// The ingest pipeline; see ingest_pipeline.h.
#include "services/ingest/ingest_pipeline.h"

#include <openssl/evp.h>

#include "services/ingest/report_cleaner.h"
#include "services/ingest/report_extractor.h"
#include "services/ingest/text_decoder.h"
#include "storage/status_macros.h"

namespace kg::ingest {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return "";
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

absl::StatusOr<ExtractionResult> BuildReportGraph(std::string_view bytes,
                                                  const IngestOptions& options,
                                                  const places::Gazetteer* gazetteer) {
  KG_ASSIGN_OR_RETURN(DecodedText decoded, DecodeReport(bytes, options.encoding));
  KG_ASSIGN_OR_RETURN(CleanedReport cleaned, CleanReport(decoded.utf8));
  ExtractionResult result;
  result.encoding = decoded.encoding;
  result.warnings = cleaned.warnings;
  ExtractOptions extract;
  extract.region = options.region;
  extract.year = options.year;
  extract.edition = options.edition;
  extract.gazetteer = gazetteer;
  KG_ASSIGN_OR_RETURN(result.graph, ExtractReportGraph(cleaned, extract, &result.warnings));
  result.graph.info.source_sha256 = Sha256Hex(bytes);
  return result;
}

}  // namespace kg::ingest
