// The ingest pipeline without I/O: report bytes -> decoded text -> cleaned text ->
// ReportGraph, ready for GraphStore::PutReport. Used by the IngestService handler and by
// `kgctl ingest --dry-run`-style callers alike.
//
// Thread-safety: BuildReportGraph keeps no state; concurrent calls are safe.
#ifndef KG_SERVICES_INGEST_INGEST_PIPELINE_H_
#define KG_SERVICES_INGEST_INGEST_PIPELINE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_types.h"

namespace kg::ingest {

namespace places {
class Gazetteer;
}  // namespace places

struct IngestOptions {
  std::string encoding;  // forces the source encoding ("GB18030", "UTF-8"); empty: detect
  std::string region;    // overrides the region the text names; empty: the text's
  std::string edition;   // optional edition name, part of the report's identity
  int32_t year = 0;      // overrides the year the text names; 0: the text's
};

struct ExtractionResult {
  storage::ReportGraph graph;         // info.source_sha256 is the hex SHA-256 of the bytes
  std::string encoding;               // what the bytes were decoded from
  std::vector<std::string> warnings;  // for a person to read; never fatal
};

// Decodes, cleans and extracts one report. INVALID_ARGUMENT (with a message saying
// what is wrong) for empty input, bytes that decode in no supported encoding, binary
// data, text that is not a work report, or a report whose region or year neither the
// text nor `options` give. `gazetteer` resolves place names to divisions; null: places
// are found by form and from the curated regions only, with a warning.
absl::StatusOr<ExtractionResult> BuildReportGraph(std::string_view bytes,
                                                  const IngestOptions& options,
                                                  const places::Gazetteer* gazetteer = nullptr);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_INGEST_PIPELINE_H_
