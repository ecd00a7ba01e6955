// Conversions between the graph model (graph_types.h) and the records the store keeps
// in RocksDB (records.proto), and parsing of stored records. Pure functions: no I/O.
#ifndef KG_STORAGE_RECORD_CODEC_H_
#define KG_STORAGE_RECORD_CODEC_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "storage/graph_types.h"
#include "storage/key_codec.h"
#include "storage/records.pb.h"

namespace kg::storage {

// Model -> record. Sharers are left empty: only the writer decides them.
NodeRecord ToRecord(const Node& node);
EdgeRecord ToRecord(const Edge& edge);
ReportInfoRecord ToRecord(const ReportInfo& info);

// Record -> model. Sharers are internal and dropped.
Node FromRecord(const NodeRecord& record);
Edge FromRecord(const EdgeRecord& record);
ReportInfo FromRecord(const ReportInfoRecord& record);

// A record from its stored bytes; DATA_LOSS naming `what` if they do not parse.
template <typename Record>
absl::StatusOr<Record> ParseRecord(std::string_view bytes, std::string_view what) {
  Record record;
  if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("corrupt ", std::string(what), " record"));
  }
  return record;
}

// Parses stored node and edge records straight into the graph model through one
// protobuf arena. A record's name, attribute entries and spans are then carved from a
// block the decoder owns instead of each being allocated and freed; decoding is a
// third or more of a 1-hop read's time (docs/PERFORMANCE.md, "Scale"). Use one per
// read, on one thread.
class RecordDecoder {
 public:
  RecordDecoder();
  RecordDecoder(const RecordDecoder&) = delete;
  RecordDecoder& operator=(const RecordDecoder&) = delete;

  // DATA_LOSS if `bytes` is not a stored node (edge) record.
  absl::StatusOr<Node> DecodeNode(std::string_view bytes);
  absl::StatusOr<Edge> DecodeEdge(std::string_view bytes);

 private:
  template <typename Record, typename Model>
  absl::StatusOr<Model> Decode(std::string_view bytes, std::string_view what);

  // Large enough for a typical record; a bigger one makes the arena add a block.
  alignas(16) char first_block_[4096];
  google::protobuf::Arena arena_;
};

// The key of an edge record or reference; nullopt if its type is unknown.
std::optional<EdgeKey> KeyOf(const EdgeRecord& record);
EdgeKey KeyOf(const EdgeRef& ref);
EdgeRef RefOf(const EdgeKey& key);

}  // namespace kg::storage

#endif  // KG_STORAGE_RECORD_CODEC_H_
