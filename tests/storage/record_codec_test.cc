// Tests of the record <-> model conversions, in particular RecordDecoder, which parses
// many records through one arena: each must come out whole and independent of the
// records decoded before it, whatever their size.
#include "storage/record_codec.h"

#include <string>
#include <tuple>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kg::storage {
namespace {

Node SampleNode(NodeId id, size_t spans, size_t attrs) {
  Node node;
  node.id = id;
  node.type = "task";
  node.name = "推进长江三角洲区域一体化发展的第" + std::to_string(id) + "项任务";
  for (size_t i = 0; i < attrs; ++i) {
    node.attrs["key" + std::to_string(i)] = std::string(20 + i, 'v');
  }
  for (size_t i = 0; i < spans; ++i) {
    node.spans.push_back(Span{7, static_cast<uint32_t>(i * 10), static_cast<uint32_t>(i * 10 + 5)});
  }
  node.report = 7;
  return node;
}

void ExpectSameNode(const Node& got, const Node& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.type, want.type);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.attrs, want.attrs);
  EXPECT_EQ(got.spans, want.spans);
  EXPECT_EQ(got.report, want.report);
}

TEST(RecordDecoderTest, DecodesNodesOfEverySizeThroughOneDecoder) {
  RecordDecoder decoder;
  // Small, far larger than the decoder's first block (many arena blocks), small again:
  // the reset arena must give the later records clean memory.
  for (auto [id, spans, attrs] : {std::tuple<NodeId, size_t, size_t>{1, 1, 2},
                                  {2, 20000, 300},
                                  {3, 0, 0},
                                  {4, 3, 5}}) {
    const Node want = SampleNode(id, spans, attrs);
    absl::StatusOr<Node> got = decoder.DecodeNode(ToRecord(want).SerializeAsString());
    ASSERT_TRUE(got.ok()) << got.status();
    ExpectSameNode(*got, want);
  }
}

TEST(RecordDecoderTest, DecodesEdges) {
  Edge want;
  want.id = 9;
  want.type = "serves";
  want.src = 1;
  want.dst = 2;
  want.attrs["evidence"] = "为了实现长三角一体化";
  want.spans = {Span{7, 1, 4}, Span{7, 8, 12}};
  want.report = 7;
  RecordDecoder decoder;
  absl::StatusOr<Edge> got = decoder.DecodeEdge(ToRecord(want).SerializeAsString());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->id, want.id);
  EXPECT_EQ(got->type, want.type);
  EXPECT_EQ(got->src, want.src);
  EXPECT_EQ(got->dst, want.dst);
  EXPECT_EQ(got->attrs, want.attrs);
  EXPECT_EQ(got->spans, want.spans);
  EXPECT_EQ(got->report, want.report);
}

TEST(RecordDecoderTest, CorruptBytesAreDataLossAndTheDecoderGoesOn) {
  RecordDecoder decoder;
  absl::StatusOr<Node> bad = decoder.DecodeNode(std::string("\xff\xff\xff\xff", 4));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(bad.status().message()), ::testing::HasSubstr("corrupt node record"));
  absl::StatusOr<Edge> bad_edge = decoder.DecodeEdge(std::string("\x0a\x80", 2));
  EXPECT_EQ(bad_edge.status().code(), absl::StatusCode::kDataLoss);

  const Node want = SampleNode(5, 2, 2);
  absl::StatusOr<Node> good = decoder.DecodeNode(ToRecord(want).SerializeAsString());
  ASSERT_TRUE(good.ok()) << good.status();
  ExpectSameNode(*good, want);
}

TEST(RecordDecoderTest, ReadsAttributesWrittenAsAProtobufMap) {
  // Before session 5 the attrs fields were `map<string, string>`: each entry is a
  // length-delimited message {1: key, 2: value} under the field's number (4 for nodes),
  // in no particular order, a repeated key keeping its last value. Hand-written bytes of
  // such a record: name "n" (field 3), entries b=2, a=1, b=3.
  const std::string map_form("\x1a\x01n"
                             "\x22\x06\x0a\x01\x62\x12\x01\x32"
                             "\x22\x06\x0a\x01\x61\x12\x01\x31"
                             "\x22\x06\x0a\x01\x62\x12\x01\x33",
                             27);
  RecordDecoder decoder;
  absl::StatusOr<Node> node = decoder.DecodeNode(map_form);
  ASSERT_TRUE(node.ok()) << node.status();
  EXPECT_EQ(node->name, "n");
  EXPECT_EQ(node->attrs, (Attrs{{"a", "1"}, {"b", "3"}}));
}

TEST(RecordCodecTest, WritesAttributesInKeyOrder) {
  Node node;
  node.id = 1;
  node.attrs = {{"zeta", "1"}, {"alpha", "2"}, {"mid", "3"}};
  const NodeRecord record = ToRecord(node);
  ASSERT_EQ(record.attrs_size(), 3);
  EXPECT_EQ(record.attrs(0).key(), "alpha");
  EXPECT_EQ(record.attrs(1).key(), "mid");
  EXPECT_EQ(record.attrs(2).key(), "zeta");
  EXPECT_EQ(record.attrs(2).value(), "1");
}

}  // namespace
}  // namespace kg::storage
