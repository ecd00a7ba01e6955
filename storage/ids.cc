// Stable id derivation; see ids.h.
#include "storage/ids.h"

#include "absl/strings/str_cat.h"

namespace kg::storage {
namespace {

// Debian's Abseil is built with its own absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW
// is 0), so StrCat does not accept std::string_view; this views the same bytes.
absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace

uint64_t StableHash(std::string_view key) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  // Zero is reserved for "no report" / "no id".
  return h == 0 ? 1 : h;
}

ReportId MakeReportId(std::string_view region, int32_t year, std::string_view edition) {
  return StableHash(absl::StrCat("report\x1f", Sv(region), "\x1f", year, "\x1f", Sv(edition)));
}

NodeId MakeOwnedNodeId(ReportId report, std::string_view type, std::string_view local_key) {
  return StableHash(
      absl::StrCat("node\x1f", IdToHex(report), "\x1f", Sv(type), "\x1f", Sv(local_key)));
}

NodeId MakeSharedNodeId(std::string_view type, std::string_view canonical_key) {
  return StableHash(absl::StrCat("shared\x1f", Sv(type), "\x1f", Sv(canonical_key)));
}

EdgeId MakeEdgeId(ReportId report, std::string_view type, NodeId src, NodeId dst) {
  return StableHash(absl::StrCat("edge\x1f", IdToHex(report), "\x1f", Sv(type), "\x1f",
                                 IdToHex(src), "\x1f", IdToHex(dst)));
}

std::string IdToHex(uint64_t id) {
  // By hand rather than through snprintf: extraction makes three per edge, and the
  // formatter was a twentieth of its time.
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, id >>= 4) hex[i] = kDigits[id & 0xF];
  return hex;
}

std::optional<uint64_t> HexToId(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return std::nullopt;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return v;
}

}  // namespace kg::storage
