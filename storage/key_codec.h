// The whole RocksDB key layout of a kg store: every key the store writes is built and
// parsed here, and nowhere else.
//
// Integers are fixed-width big-endian so that byte order equals numeric order. Seven
// column families, one per kind of record:
//
//   nodes      +-------------+
//              | node id : 8 |                                  -> NodeRecord
//              +-------------+
//   out_edges  +---------+----------+---------+-------------+
//              | src : 8 | type : 1 | dst : 8 | edge id : 8 |    -> EdgeRecord
//              +---------+----------+---------+-------------+
//   in_edges   +---------+----------+---------+-------------+
//              | dst : 8 | type : 1 | src : 8 | edge id : 8 |    -> EdgeRecord (copy)
//              +---------+----------+---------+-------------+
//   names      +-----------------+------+------------+-------------+
//              | folded name : n | 0x00 | report : 8 | node id : 8 |  -> "" (index entry)
//              +-----------------+------+------------+-------------+
//   postings   +-----------------+------+------------+-------------+
//              | token : n       | 0x00 | report : 8 | node id : 8 |  -> "" (index entry)
//              +-----------------+------+------------+-------------+
//   shares     +----------+---------------+-------------+
//              | kind : 1 | record id : 8 | report : 8  |          -> SpanList
//              +----------+---------------+-------------+
//   meta       "V"                            -> format version, decimal text
//              "S"                            -> StoreCounters
//              "I" | report id : 8            -> ReportInfoRecord
//              "M" | report id : 8            -> ReportManifest
//              "T" | report id : 8            -> cleaned report text (UTF-8)
//
// Why this shape:
// - Both edge families start with the node the edge is looked up from, so one node's
//   out- or in-neighbours are one prefix seek on 8 bytes (16 + 1 with a type filter).
//   The edge families get a fixed 8-byte prefix extractor (kEdgePrefixLength) so that
//   seek uses prefix bloom filters. An edge is stored twice (out and in) so that
//   in-neighbours need no scan; both copies are written in the same batch.
// - The type byte is the 1-based position of the type in kEdgeTypes (graph_types.h):
//   THAT ORDER IS PART OF THE DISK FORMAT. New types may be appended; reordering or
//   removing one requires bumping kFormatVersion.
// - Names and tokens are folded UTF-8 (fulltext.h), which never contains 0x00 (FoldText
//   drops control characters), so the 0x00 separator is unambiguous and all entries of
//   one name or token are one prefix seek on `name 0x00`.
// - An index entry's report is the node's owner (0 for a shared node), so a look-up
//   limited to some reports is one prefix seek per report on `term 0x00 report`, and
//   shared nodes are under report 0.
// - A shared record (node or edge, kind 'n' or 'e') keeps each sharing report's spans
//   under a key of its own in `shares`: the entry exists exactly while that report's
//   graph includes the record. Writing one report never reads or rewrites another's
//   spans, and reading the record never parses them (format 1 kept them all inline).
// - Report infos sort by report id, so listing reports is one prefix seek on "I" over
//   small records; the manifest ("M", which lists every record of the report) is read
//   only to replace or delete the report.
#ifndef KG_STORAGE_KEY_CODEC_H_
#define KG_STORAGE_KEY_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/graph_types.h"

namespace kg::storage {

// Column family names, as stored in the RocksDB manifest.
inline constexpr char kNodesColumn[] = "nodes";
inline constexpr char kOutEdgesColumn[] = "out_edges";
inline constexpr char kInEdgesColumn[] = "in_edges";
inline constexpr char kNamesColumn[] = "names";
inline constexpr char kPostingsColumn[] = "postings";
inline constexpr char kMetaColumn[] = "meta";
inline constexpr char kSharesColumn[] = "shares";

// Bumped whenever any layout above or any record in records.proto changes
// incompatibly. A store written with another version is refused at open.
// Version 2 moved shared records' spans to `shares`, put the owner's report in index
// keys and added "I" report infos.
inline constexpr int kFormatVersion = 2;

// Length of the prefix extractor of the two edge column families: the anchor node id.
inline constexpr size_t kEdgePrefixLength = 8;

// Big-endian fixed-width integers.
void PutFixed64BE(std::string* dst, uint64_t value);
uint64_t DecodeFixed64BE(const char* src);

// Edge type names <-> the one-byte codes stored in edge keys. nullopt for unknown
// names or codes.
std::optional<uint8_t> EdgeTypeCode(std::string_view type);
std::optional<std::string_view> EdgeTypeName(uint8_t code);

// nodes
std::string EncodeNodeKey(NodeId id);
std::optional<NodeId> ParseNodeKey(std::string_view key);

// out_edges and in_edges. An EdgeKey always holds the edge's true direction; the
// in-edge encoder puts dst first.
struct EdgeKey {
  NodeId src = 0;
  uint8_t type = 0;
  NodeId dst = 0;
  EdgeId id = 0;
  friend bool operator==(const EdgeKey& a, const EdgeKey& b) {
    return a.src == b.src && a.type == b.type && a.dst == b.dst && a.id == b.id;
  }
  friend bool operator!=(const EdgeKey& a, const EdgeKey& b) { return !(a == b); }
};
inline constexpr size_t kEdgeKeyLength = 25;
std::string EncodeOutEdgeKey(const EdgeKey& key);
std::optional<EdgeKey> ParseOutEdgeKey(std::string_view key);
std::string EncodeInEdgeKey(const EdgeKey& key);
std::optional<EdgeKey> ParseInEdgeKey(std::string_view key);
// Seek prefixes for both edge families: all edges anchored at `node`, or only those of
// one type.
std::string EdgePrefix(NodeId node);
std::string EdgePrefix(NodeId node, uint8_t type);

// names and postings: a term (folded name or token), the node's owner and its id.
struct TermKey {
  std::string_view term;  // points into the parsed key
  ReportId report = 0;    // 0: a shared node
  NodeId node = 0;
};
std::string EncodeNameKey(std::string_view folded_name, ReportId report, NodeId node);
std::string EncodePostingKey(std::string_view token, ReportId report, NodeId node);
std::optional<TermKey> ParseTermKey(std::string_view key);  // either family
// Seek prefixes for all entries of exactly this term, or of this term and one owner.
std::string TermPrefix(std::string_view term);
std::string TermPrefix(std::string_view term, ReportId report);

// shares: a shared node's or edge's spans of one report.
enum class ShareKind : char { kNode = 'n', kEdge = 'e' };
struct ShareKey {
  ShareKind kind = ShareKind::kNode;
  uint64_t record = 0;
  ReportId report = 0;
};
inline constexpr size_t kShareKeyLength = 17;
std::string EncodeShareKey(const ShareKey& key);
std::optional<ShareKey> ParseShareKey(std::string_view key);
// Seek prefix for every report's entry of one record.
std::string SharePrefix(ShareKind kind, uint64_t record);

// meta
inline constexpr std::string_view kFormatVersionKey = "V";
inline constexpr std::string_view kCountersKey = "S";
std::string EncodeInfoKey(ReportId report);
std::optional<ReportId> ParseInfoKey(std::string_view key);
std::string InfoPrefix();
std::string EncodeManifestKey(ReportId report);
std::optional<ReportId> ParseManifestKey(std::string_view key);
std::string ManifestPrefix();
std::string EncodeTextKey(ReportId report);

// The smallest key greater than every key that starts with `prefix`, for
// ReadOptions::iterate_upper_bound. Empty if there is none (prefix all 0xff or empty).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace kg::storage

#endif  // KG_STORAGE_KEY_CODEC_H_
