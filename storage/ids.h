// Stable ids: 64-bit hashes of strings that name a thing the same way every time it is
// extracted, and their 16-hex-digit text form.
#ifndef KG_STORAGE_IDS_H_
#define KG_STORAGE_IDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/graph_types.h"

namespace kg::storage {

// FNV-1a 64 of `key`. Chosen because it is tiny, stable across platforms and releases
// (unlike std::hash), and good enough for ids: ~1e-7 collision odds at 1M nodes.
uint64_t StableHash(std::string_view key);

// The report's id from its identity: region, year and optional edition.
ReportId MakeReportId(std::string_view region, int32_t year, std::string_view edition);

// A node owned by a report: type plus a key unique within the report (e.g. "plan/4/2").
NodeId MakeOwnedNodeId(ReportId report, std::string_view type, std::string_view local_key);

// A shared node (place, indicator): type plus a canonical key (division code or name).
NodeId MakeSharedNodeId(std::string_view type, std::string_view canonical_key);

// An edge: its report (0 for shared edges), type and ends.
EdgeId MakeEdgeId(ReportId report, std::string_view type, NodeId src, NodeId dst);

// 16 lower-case hex digits.
std::string IdToHex(uint64_t id);
// Parses 16 hex digits (either case); nullopt for anything else.
std::optional<uint64_t> HexToId(std::string_view hex);

}  // namespace kg::storage

#endif  // KG_STORAGE_IDS_H_
