// Builds and parses every RocksDB key of a kg store; the layout is drawn in key_codec.h.
#include "storage/key_codec.h"

#include <iterator>

namespace kg::storage {
namespace {

constexpr char kInfoTag = 'I';
constexpr char kManifestTag = 'M';
constexpr char kTextTag = 'T';
constexpr char kTermSeparator = '\0';
constexpr size_t kIdLength = 8;

std::string EncodeEdgeKey(NodeId first, uint8_t type, NodeId second, EdgeId id) {
  std::string key;
  key.reserve(kEdgeKeyLength);
  PutFixed64BE(&key, first);
  key.push_back(static_cast<char>(type));
  PutFixed64BE(&key, second);
  PutFixed64BE(&key, id);
  return key;
}

// Splits an edge key into (anchor, type, other end, id); nullopt if malformed.
std::optional<EdgeKey> ParseEdgeKey(std::string_view key, bool anchor_is_src) {
  if (key.size() != kEdgeKeyLength) return std::nullopt;
  const NodeId anchor = DecodeFixed64BE(key.data());
  const auto type = static_cast<uint8_t>(key[kIdLength]);
  const NodeId other = DecodeFixed64BE(key.data() + kIdLength + 1);
  if (!EdgeTypeName(type).has_value()) return std::nullopt;
  EdgeKey parsed;
  parsed.src = anchor_is_src ? anchor : other;
  parsed.dst = anchor_is_src ? other : anchor;
  parsed.type = type;
  parsed.id = DecodeFixed64BE(key.data() + 2 * kIdLength + 1);
  return parsed;
}

std::string EncodeTermKey(std::string_view term, ReportId report, NodeId node) {
  std::string key = TermPrefix(term, report);
  PutFixed64BE(&key, node);
  return key;
}

std::string EncodeTaggedId(char tag, uint64_t id) {
  std::string key(1, tag);
  PutFixed64BE(&key, id);
  return key;
}

}  // namespace

void PutFixed64BE(std::string* dst, uint64_t value) {
  char buf[kIdLength];
  for (int i = kIdLength - 1; i >= 0; --i) {
    buf[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  dst->append(buf, kIdLength);
}

uint64_t DecodeFixed64BE(const char* src) {
  uint64_t value = 0;
  for (size_t i = 0; i < kIdLength; ++i) {
    value = (value << 8) | static_cast<unsigned char>(src[i]);
  }
  return value;
}

std::optional<uint8_t> EdgeTypeCode(std::string_view type) {
  for (size_t i = 0; i < std::size(kEdgeTypes); ++i) {
    if (kEdgeTypes[i] == type) return static_cast<uint8_t>(i + 1);
  }
  return std::nullopt;
}

std::optional<std::string_view> EdgeTypeName(uint8_t code) {
  if (code == 0 || code > std::size(kEdgeTypes)) return std::nullopt;
  return kEdgeTypes[code - 1];
}

std::string EncodeNodeKey(NodeId id) {
  std::string key;
  PutFixed64BE(&key, id);
  return key;
}

std::optional<NodeId> ParseNodeKey(std::string_view key) {
  if (key.size() != kIdLength) return std::nullopt;
  return DecodeFixed64BE(key.data());
}

std::string EncodeOutEdgeKey(const EdgeKey& key) {
  return EncodeEdgeKey(key.src, key.type, key.dst, key.id);
}

std::optional<EdgeKey> ParseOutEdgeKey(std::string_view key) {
  return ParseEdgeKey(key, /*anchor_is_src=*/true);
}

std::string EncodeInEdgeKey(const EdgeKey& key) {
  return EncodeEdgeKey(key.dst, key.type, key.src, key.id);
}

std::optional<EdgeKey> ParseInEdgeKey(std::string_view key) {
  return ParseEdgeKey(key, /*anchor_is_src=*/false);
}

std::string EdgePrefix(NodeId node) { return EncodeNodeKey(node); }

std::string EdgePrefix(NodeId node, uint8_t type) {
  std::string prefix = EncodeNodeKey(node);
  prefix.push_back(static_cast<char>(type));
  return prefix;
}

std::string EncodeNameKey(std::string_view folded_name, ReportId report, NodeId node) {
  return EncodeTermKey(folded_name, report, node);
}

std::string EncodePostingKey(std::string_view token, ReportId report, NodeId node) {
  return EncodeTermKey(token, report, node);
}

std::optional<TermKey> ParseTermKey(std::string_view key) {
  if (key.size() < 2 * kIdLength + 1) return std::nullopt;
  const size_t separator = key.size() - 2 * kIdLength - 1;
  if (key[separator] != kTermSeparator) return std::nullopt;
  TermKey parsed;
  parsed.term = key.substr(0, separator);
  parsed.report = DecodeFixed64BE(key.data() + separator + 1);
  parsed.node = DecodeFixed64BE(key.data() + separator + 1 + kIdLength);
  return parsed;
}

std::string TermPrefix(std::string_view term) {
  std::string prefix(term);
  prefix.push_back(kTermSeparator);
  return prefix;
}

std::string TermPrefix(std::string_view term, ReportId report) {
  std::string prefix = TermPrefix(term);
  PutFixed64BE(&prefix, report);
  return prefix;
}

std::string EncodeShareKey(const ShareKey& key) {
  std::string encoded = SharePrefix(key.kind, key.record);
  PutFixed64BE(&encoded, key.report);
  return encoded;
}

std::optional<ShareKey> ParseShareKey(std::string_view key) {
  if (key.size() != kShareKeyLength) return std::nullopt;
  const char kind = key[0];
  if (kind != static_cast<char>(ShareKind::kNode) && kind != static_cast<char>(ShareKind::kEdge)) {
    return std::nullopt;
  }
  ShareKey parsed;
  parsed.kind = static_cast<ShareKind>(kind);
  parsed.record = DecodeFixed64BE(key.data() + 1);
  parsed.report = DecodeFixed64BE(key.data() + 1 + kIdLength);
  return parsed;
}

std::string SharePrefix(ShareKind kind, uint64_t record) {
  std::string prefix(1, static_cast<char>(kind));
  PutFixed64BE(&prefix, record);
  return prefix;
}

std::string EncodeInfoKey(ReportId report) { return EncodeTaggedId(kInfoTag, report); }

std::optional<ReportId> ParseInfoKey(std::string_view key) {
  if (key.size() != kIdLength + 1 || key[0] != kInfoTag) return std::nullopt;
  return DecodeFixed64BE(key.data() + 1);
}

std::string InfoPrefix() { return std::string(1, kInfoTag); }

std::string EncodeManifestKey(ReportId report) { return EncodeTaggedId(kManifestTag, report); }

std::optional<ReportId> ParseManifestKey(std::string_view key) {
  if (key.size() != kIdLength + 1 || key[0] != kManifestTag) return std::nullopt;
  return DecodeFixed64BE(key.data() + 1);
}

std::string ManifestPrefix() { return std::string(1, kManifestTag); }

std::string EncodeTextKey(ReportId report) { return EncodeTaggedId(kTextTag, report); }

std::string PrefixSuccessor(std::string_view prefix) {
  std::string bound(prefix);
  while (!bound.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(bound.back());
    if (last != 0xff) {
      ++last;
      return bound;
    }
    bound.pop_back();
  }
  return bound;
}

}  // namespace kg::storage
