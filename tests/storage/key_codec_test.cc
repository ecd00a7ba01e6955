// Tests of the RocksDB key layout: round trips, byte order equals the intended order,
// and seek prefixes select exactly the intended keys.
#include "storage/key_codec.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/graph_types.h"

namespace kg::storage {
namespace {

using ::testing::Optional;

bool StartsWith(const std::string& key, const std::string& prefix) {
  return key.compare(0, prefix.size(), prefix) == 0;
}

TEST(KeyCodecTest, NodeKeysRoundTrip) {
  for (NodeId id : {uint64_t{1}, uint64_t{0xff}, uint64_t{0x0123456789abcdef}, ~uint64_t{0}}) {
    const std::string key = EncodeNodeKey(id);
    EXPECT_EQ(key.size(), 8u);
    EXPECT_THAT(ParseNodeKey(key), Optional(id));
  }
  EXPECT_EQ(ParseNodeKey("short"), std::nullopt);
}

TEST(KeyCodecTest, IdsSortNumerically) {
  const std::vector<uint64_t> ids = {0, 1, 0xff, 0x100, 0xffff, 0x10000, 1ULL << 63, ~uint64_t{0}};
  for (size_t i = 1; i < ids.size(); ++i) {
    EXPECT_LT(EncodeNodeKey(ids[i - 1]), EncodeNodeKey(ids[i])) << ids[i];
    EXPECT_LT(EncodeManifestKey(ids[i - 1]), EncodeManifestKey(ids[i])) << ids[i];
  }
}

TEST(KeyCodecTest, EdgeTypeCodesCoverTheVocabulary) {
  for (std::string_view type : kEdgeTypes) {
    std::optional<uint8_t> code = EdgeTypeCode(type);
    ASSERT_TRUE(code.has_value()) << type;
    EXPECT_NE(*code, 0);
    EXPECT_THAT(EdgeTypeName(*code), Optional(type));
  }
  EXPECT_EQ(EdgeTypeCode("likes"), std::nullopt);
  EXPECT_EQ(EdgeTypeName(0), std::nullopt);
  EXPECT_EQ(EdgeTypeName(std::size(kEdgeTypes) + 1), std::nullopt);
}

TEST(KeyCodecTest, LinkOfAnEdgeViewsTheVocabularyNotTheEdge) {
  std::optional<Link> link;
  {
    Edge edge;
    edge.id = 7;
    edge.type = std::string("serv") + "es";  // a heap string, gone after this block
    edge.src = 1;
    edge.dst = 2;
    link = LinkOf(edge);
    ASSERT_TRUE(link.has_value());
    EXPECT_NE(link->type.data(), edge.type.data());
  }
  EXPECT_EQ(*link, (Link{7, "serves", 1, 2}));  // still readable: ASan would catch a view
  EXPECT_EQ(link->type.data(), KnownEdgeType("serves")->data());
  Edge unknown;
  unknown.type = "likes";
  EXPECT_EQ(LinkOf(unknown), std::nullopt);
}

TEST(KeyCodecTest, EdgeKeysRoundTripInBothFamilies) {
  const EdgeKey edge{0x1111, *EdgeTypeCode("serves"), 0x2222, 0x3333};
  const std::string out = EncodeOutEdgeKey(edge);
  const std::string in = EncodeInEdgeKey(edge);
  EXPECT_EQ(out.size(), kEdgeKeyLength);
  EXPECT_EQ(in.size(), kEdgeKeyLength);
  EXPECT_THAT(ParseOutEdgeKey(out), Optional(edge));
  EXPECT_THAT(ParseInEdgeKey(in), Optional(edge));
  EXPECT_TRUE(StartsWith(out, EdgePrefix(edge.src, edge.type)));
  EXPECT_TRUE(StartsWith(in, EdgePrefix(edge.dst, edge.type)));
}

TEST(KeyCodecTest, MalformedEdgeKeysDoNotParse) {
  const EdgeKey edge{1, *EdgeTypeCode("part_of"), 2, 3};
  std::string key = EncodeOutEdgeKey(edge);
  EXPECT_EQ(ParseOutEdgeKey(key.substr(1)), std::nullopt);
  key[8] = 0;  // no type has code 0
  EXPECT_EQ(ParseOutEdgeKey(key), std::nullopt);
  key[8] = static_cast<char>(200);
  EXPECT_EQ(ParseInEdgeKey(key), std::nullopt);
}

TEST(KeyCodecTest, EdgeKeysSortBySourceThenType) {
  const uint8_t part_of = *EdgeTypeCode("part_of");
  const uint8_t serves = *EdgeTypeCode("serves");
  std::vector<EdgeKey> edges = {
      {0x200, part_of, 1, 9}, {0x100, serves, 1, 1},     {0x100, part_of, 0x300, 1},
      {0x100, part_of, 2, 5}, {0x100, part_of, 2, 4},    {0x1ff, serves, 1, 1},
      {0x100, serves, 0, 2},  {0xff00, part_of, 0, 0x1}, {0x100, part_of, 0x200, 1},
  };
  std::vector<std::string> keys;
  for (const EdgeKey& edge : edges) keys.push_back(EncodeOutEdgeKey(edge));
  std::sort(keys.begin(), keys.end());
  std::sort(edges.begin(), edges.end(), [](const EdgeKey& a, const EdgeKey& b) {
    return std::tie(a.src, a.type, a.dst, a.id) < std::tie(b.src, b.type, b.dst, b.id);
  });
  for (size_t i = 0; i < edges.size(); ++i) {
    EXPECT_THAT(ParseOutEdgeKey(keys[i]), Optional(edges[i])) << i;
  }
}

TEST(KeyCodecTest, InEdgeKeysSortByDestinationThenType) {
  const uint8_t part_of = *EdgeTypeCode("part_of");
  const uint8_t mentions = *EdgeTypeCode("mentions");
  const std::string a = EncodeInEdgeKey({0xffff, part_of, 0x100, 1});
  const std::string b = EncodeInEdgeKey({0x0001, mentions, 0x100, 1});
  const std::string c = EncodeInEdgeKey({0x0001, part_of, 0x101, 1});
  EXPECT_LT(a, b);  // same destination: part_of sorts before mentions
  EXPECT_LT(b, c);  // destination first, whatever the source
}

TEST(KeyCodecTest, EdgePrefixesSelectOneNodeAndType) {
  const uint8_t part_of = *EdgeTypeCode("part_of");
  const uint8_t serves = *EdgeTypeCode("serves");
  const std::string own = EncodeOutEdgeKey({0x100, serves, 0x5, 0x6});
  const std::string next_node = EncodeOutEdgeKey({0x101, serves, 0x5, 0x6});
  EXPECT_EQ(EdgePrefix(0x100).size(), kEdgePrefixLength);
  EXPECT_TRUE(StartsWith(own, EdgePrefix(0x100)));
  EXPECT_FALSE(StartsWith(next_node, EdgePrefix(0x100)));
  EXPECT_TRUE(StartsWith(own, EdgePrefix(0x100, serves)));
  EXPECT_FALSE(StartsWith(own, EdgePrefix(0x100, part_of)));
  // The upper bound of one node's prefix is below every key of the next node.
  EXPECT_LT(own, PrefixSuccessor(EdgePrefix(0x100)));
  EXPECT_LE(PrefixSuccessor(EdgePrefix(0x100)), next_node);
}

TEST(KeyCodecTest, TermKeysRoundTrip) {
  const std::string name_key = EncodeNameKey("长三角一体化", 0xa1, 0xabc);
  std::optional<TermKey> parsed = ParseTermKey(name_key);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->term, "长三角一体化");
  EXPECT_EQ(parsed->report, 0xa1u);
  EXPECT_EQ(parsed->node, 0xabcu);
  const std::string posting_key = EncodePostingKey("三角", 0, 0x1);  // outlives `parsed->term`
  parsed = ParseTermKey(posting_key);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->term, "三角");
  EXPECT_EQ(parsed->report, 0u);
  EXPECT_EQ(ParseTermKey("tooshort"), std::nullopt);
  EXPECT_EQ(ParseTermKey(std::string("x\0", 2) + std::string(8, 'a')), std::nullopt);
}

TEST(KeyCodecTest, TermPrefixMatchesExactTermOnlyAndGroupsByOwner) {
  const std::string prefix = TermPrefix("上海");
  EXPECT_TRUE(StartsWith(EncodeNameKey("上海", 0, 7), prefix));
  EXPECT_FALSE(StartsWith(EncodeNameKey("上海市", 0, 7), prefix));
  EXPECT_TRUE(StartsWith(EncodeNameKey("上海", 0xb2, 7), TermPrefix("上海", 0xb2)));
  EXPECT_FALSE(StartsWith(EncodeNameKey("上海", 0xa1, 7), TermPrefix("上海", 0xb2)));
  // All entries of one term sort together, by owner, then node id.
  EXPECT_LT(EncodeNameKey("上海", 0, 8), EncodeNameKey("上海", 1, 7));
  EXPECT_LT(EncodeNameKey("上海", 1, 7), EncodeNameKey("上海", 1, 8));
  EXPECT_LT(EncodeNameKey("上海", ~uint64_t{0}, ~uint64_t{0}), EncodeNameKey("上海市", 0, 0));
}

TEST(KeyCodecTest, ShareKeysRoundTripAndGroupByRecord) {
  const std::string key = EncodeShareKey({ShareKind::kEdge, 0x55, 0xa1});
  std::optional<ShareKey> parsed = ParseShareKey(key);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, ShareKind::kEdge);
  EXPECT_EQ(parsed->record, 0x55u);
  EXPECT_EQ(parsed->report, 0xa1u);
  EXPECT_TRUE(StartsWith(key, SharePrefix(ShareKind::kEdge, 0x55)));
  EXPECT_FALSE(StartsWith(key, SharePrefix(ShareKind::kNode, 0x55)));
  EXPECT_EQ(ParseShareKey("x" + key.substr(1)), std::nullopt);  // unknown kind
  EXPECT_EQ(ParseShareKey(key.substr(1)), std::nullopt);
}

TEST(KeyCodecTest, MetaKeysAreDistinctAndManifestsShareAPrefix) {
  const std::string manifest = EncodeManifestKey(42);
  EXPECT_THAT(ParseManifestKey(manifest), Optional(42u));
  EXPECT_TRUE(StartsWith(manifest, ManifestPrefix()));
  EXPECT_FALSE(StartsWith(EncodeTextKey(42), ManifestPrefix()));
  EXPECT_FALSE(StartsWith(std::string(kFormatVersionKey), ManifestPrefix()));
  EXPECT_FALSE(StartsWith(std::string(kCountersKey), ManifestPrefix()));
  EXPECT_EQ(ParseManifestKey(EncodeTextKey(42)), std::nullopt);
  EXPECT_THAT(ParseInfoKey(EncodeInfoKey(42)), Optional(42u));
  EXPECT_FALSE(StartsWith(EncodeInfoKey(42), ManifestPrefix()));
  EXPECT_EQ(ParseInfoKey(manifest), std::nullopt);
}

TEST(KeyCodecTest, PrefixSuccessorIsTheFirstKeyPastThePrefix) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff", 2)), "");
  EXPECT_EQ(PrefixSuccessor(""), "");
}

}  // namespace
}  // namespace kg::storage
