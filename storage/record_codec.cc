// Model <-> record conversions; see record_codec.h.
#include "storage/record_codec.h"

namespace kg::storage {
namespace {

template <typename RepeatedSpans>
void SpansToRecord(const std::vector<Span>& spans, RepeatedSpans* out) {
  for (const Span& span : spans) {
    SpanRecord* record = out->Add();
    record->set_report(span.report);
    record->set_begin(span.begin);
    record->set_end(span.end);
  }
}

template <typename RepeatedAttrs>
void AttrsToRecord(const Attrs& attrs, RepeatedAttrs* out) {
  out->Reserve(static_cast<int>(attrs.size()));
  for (const auto& [key, value] : attrs) {
    AttrRecord* record = out->Add();
    record->set_key(key);
    record->set_value(value);
  }
}

// Entries come in key order from ToRecord, so each insert lands at the end in constant
// time; a repeated key (not written by us, but legal in a map's wire form) keeps the
// last value, as a map would.
template <typename RepeatedAttrs>
Attrs AttrsFromRecord(const RepeatedAttrs& records) {
  Attrs attrs;
  for (const AttrRecord& record : records) {
    attrs.insert_or_assign(attrs.end(), record.key(), record.value());
  }
  return attrs;
}

template <typename RepeatedSpans>
std::vector<Span> SpansFromRecord(const RepeatedSpans& records) {
  std::vector<Span> spans;
  spans.reserve(records.size());
  for (const SpanRecord& record : records) {
    spans.push_back(Span{record.report(), record.begin(), record.end()});
  }
  return spans;
}

}  // namespace

NodeRecord ToRecord(const Node& node) {
  NodeRecord record;
  record.set_id(node.id);
  record.set_type(node.type);
  record.set_name(node.name);
  AttrsToRecord(node.attrs, record.mutable_attrs());
  SpansToRecord(node.spans, record.mutable_spans());
  record.set_report(node.report);
  return record;
}

EdgeRecord ToRecord(const Edge& edge) {
  EdgeRecord record;
  record.set_id(edge.id);
  record.set_type(edge.type);
  record.set_src(edge.src);
  record.set_dst(edge.dst);
  AttrsToRecord(edge.attrs, record.mutable_attrs());
  SpansToRecord(edge.spans, record.mutable_spans());
  record.set_report(edge.report);
  return record;
}

ReportInfoRecord ToRecord(const ReportInfo& info) {
  ReportInfoRecord record;
  record.set_id(info.id);
  record.set_node_id(info.node_id);
  record.set_region(info.region);
  record.set_year(info.year);
  record.set_edition(info.edition);
  record.set_title(info.title);
  record.set_level(info.level);
  record.set_node_count(info.node_count);
  record.set_edge_count(info.edge_count);
  record.set_text_length(info.text_length);
  record.set_source_sha256(info.source_sha256);
  return record;
}

Node FromRecord(const NodeRecord& record) {
  Node node;
  node.id = record.id();
  node.type = record.type();
  node.name = record.name();
  node.attrs = AttrsFromRecord(record.attrs());
  node.spans = SpansFromRecord(record.spans());
  node.report = record.report();
  return node;
}

Edge FromRecord(const EdgeRecord& record) {
  Edge edge;
  edge.id = record.id();
  edge.type = record.type();
  edge.src = record.src();
  edge.dst = record.dst();
  edge.attrs = AttrsFromRecord(record.attrs());
  edge.spans = SpansFromRecord(record.spans());
  edge.report = record.report();
  return edge;
}

ReportInfo FromRecord(const ReportInfoRecord& record) {
  ReportInfo info;
  info.id = record.id();
  info.node_id = record.node_id();
  info.region = record.region();
  info.year = record.year();
  info.edition = record.edition();
  info.title = record.title();
  info.level = record.level();
  info.node_count = record.node_count();
  info.edge_count = record.edge_count();
  info.text_length = record.text_length();
  info.source_sha256 = record.source_sha256();
  return info;
}

std::optional<EdgeKey> KeyOf(const EdgeRecord& record) {
  std::optional<uint8_t> type = EdgeTypeCode(record.type());
  if (!type.has_value()) return std::nullopt;
  return EdgeKey{record.src(), *type, record.dst(), record.id()};
}

EdgeKey KeyOf(const EdgeRef& ref) {
  return EdgeKey{ref.src(), static_cast<uint8_t>(ref.type()), ref.dst(), ref.id()};
}

EdgeRef RefOf(const EdgeKey& key) {
  EdgeRef ref;
  ref.set_id(key.id);
  ref.set_src(key.src);
  ref.set_dst(key.dst);
  ref.set_type(key.type);
  return ref;
}

namespace {

google::protobuf::ArenaOptions FirstBlock(char* block, size_t size) {
  google::protobuf::ArenaOptions options;
  options.initial_block = block;
  options.initial_block_size = size;
  return options;
}

}  // namespace

RecordDecoder::RecordDecoder() : arena_(FirstBlock(first_block_, sizeof(first_block_))) {}

template <typename Record, typename Model>
absl::StatusOr<Model> RecordDecoder::Decode(std::string_view bytes, std::string_view what) {
  Record* record = google::protobuf::Arena::CreateMessage<Record>(&arena_);
  absl::StatusOr<Model> model;
  if (record->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    model = FromRecord(*record);
  } else {
    model = absl::DataLossError(absl::StrCat("corrupt ", std::string(what), " record"));
  }
  // Frees everything but the first block, which the next record reuses.
  arena_.Reset();
  return model;
}

absl::StatusOr<Node> RecordDecoder::DecodeNode(std::string_view bytes) {
  return Decode<NodeRecord, Node>(bytes, "node");
}

absl::StatusOr<Edge> RecordDecoder::DecodeEdge(std::string_view bytes) {
  return Decode<EdgeRecord, Edge>(bytes, "edge");
}

}  // namespace kg::storage
