// libFuzzer target for the store's record decoding (storage/record_codec.h): whatever
// bytes a damaged store holds under a node or edge key, RecordDecoder gives a model
// record or DATA_LOSS, never a crash, a hang or a leak; and the decoder, reused across
// records as a read reuses it, decodes a valid record the same after any bad one. A
// decoded record written back and decoded again is unchanged (ToRecord writes the
// attributes in key order, so this also checks that repeated or unordered attribute
// entries settle to one map).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/record_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using kg::storage::Edge;
using kg::storage::Node;

bool SameNode(const Node& a, const Node& b) {
  return a.id == b.id && a.type == b.type && a.name == b.name && a.attrs == b.attrs &&
         a.spans == b.spans && a.report == b.report;
}

bool SameEdge(const Edge& a, const Edge& b) {
  return a.id == b.id && a.type == b.type && a.src == b.src && a.dst == b.dst &&
         a.attrs == b.attrs && a.spans == b.spans && a.report == b.report;
}

}  // namespace

// Decodes `bytes` with `decode`; a record that decodes must decode the same once written
// back, bytes that do not must be DATA_LOSS.
template <typename Decode, typename Same>
void CheckDecodes(std::string_view bytes, const Decode& decode, const Same& same) {
  auto record = decode(bytes);
  if (!record.ok()) {
    KG_FUZZ_CHECK(record.status().code() == absl::StatusCode::kDataLoss,
                  "undecodable bytes are DATA_LOSS");
    return;
  }
  auto again = decode(kg::storage::ToRecord(*record).SerializeAsString());
  KG_FUZZ_CHECK(again.ok() && same(*record, *again), "a decoded record round-trips");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kg::storage::RecordDecoder decoder;
  CheckDecodes(
      bytes, [&](std::string_view b) { return decoder.DecodeNode(b); }, SameNode);
  CheckDecodes(
      bytes, [&](std::string_view b) { return decoder.DecodeEdge(b); }, SameEdge);

  // The same decoder after whatever came before: a known record decodes exactly.
  Node known;
  known.id = 7;
  known.type = "task";
  known.name = "推进城市更新";
  known.attrs = {{"level", "2"}, {"ordinal", "1"}};
  known.spans = {{9, 10, 16}};
  known.report = 9;
  auto decoded = decoder.DecodeNode(kg::storage::ToRecord(known).SerializeAsString());
  KG_FUZZ_CHECK(decoded.ok() && SameNode(*decoded, known), "the decoder recovers");
  return 0;
}
