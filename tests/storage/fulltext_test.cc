// Tests of text folding and bigram tokenising.
#include "storage/fulltext.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace kg::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(FoldTextTest, ConverterLoads) { EXPECT_THAT(TextFoldingStatus(), testing::IsOk()); }

TEST(FoldTextTest, FullWidthBecomesHalfWidth) {
  EXPECT_EQ(FoldText("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(FoldText("（一）"), "(一)");
}

TEST(FoldTextTest, TraditionalBecomesSimplified) {
  EXPECT_EQ(FoldText("長三角一體化"), "长三角一体化");
  EXPECT_EQ(FoldText("长三角一体化"), "长三角一体化");  // already simplified: unchanged
}

TEST(FoldTextTest, WhitespaceAndInvisibleCharactersAreRemoved) {
  EXPECT_EQ(FoldText(" 长三角\t一体化\n"), "长三角一体化");
  EXPECT_EQ(FoldText("长三角\u3000一体化"), "长三角一体化");  // ideographic space
  EXPECT_EQ(FoldText("长\u200b三角"), "长三角");              // zero-width space
  EXPECT_EQ(FoldText(std::string("a\0b", 3)), "ab");
}

TEST(FoldTextTest, AsciiIsLowerCased) {
  EXPECT_EQ(FoldText("GDP增速"), "gdp增速");
  EXPECT_EQ(FoldText("ＧＤＰ 增速"), "gdp增速");
}

TEST(FoldTextTest, EmptyStaysEmpty) {
  EXPECT_EQ(FoldText(""), "");
  EXPECT_EQ(FoldText(" \t "), "");
}

TEST(BigramsTest, OverlappingPairsOfCodePoints) {
  EXPECT_THAT(Bigrams("长三角一体化"), ElementsAre("长三", "三角", "角一", "一体", "体化"));
  EXPECT_THAT(Bigrams("gdp增速"), ElementsAre("gd", "dp", "p增", "增速"));
}

TEST(BigramsTest, EachTokenOnce) {
  EXPECT_THAT(Bigrams("二〇二〇"), ElementsAre("二〇", "〇二"));
  EXPECT_THAT(Bigrams("哈哈哈"), ElementsAre("哈哈"));
}

TEST(BigramsTest, PunctuationSeparatesRuns) {
  EXPECT_THAT(Bigrams("上海、江苏"), ElementsAre("上海", "江苏"));
  EXPECT_THAT(Bigrams("(一)重点工作"), ElementsAre("一", "重点", "点工", "工作"));
}

TEST(BigramsTest, SingleCodePointIsItsOwnToken) {
  EXPECT_THAT(Bigrams("沪"), ElementsAre("沪"));
  EXPECT_THAT(Bigrams("a"), ElementsAre("a"));
}

TEST(BigramsTest, NothingSearchableGivesNoTokens) {
  EXPECT_THAT(Bigrams(""), IsEmpty());
  EXPECT_THAT(Bigrams("、，。!?"), IsEmpty());
}

TEST(CodePointsTest, CountAndOffsets) {
  EXPECT_EQ(CodePointCount("a长b"), 3u);
  EXPECT_THAT(CodePointByteOffsets("a长b"), ElementsAre(0, 1, 4, 5));
  EXPECT_THAT(CodePointByteOffsets(""), ElementsAre(0));
}

TEST(CodePointsTest, IndexAgreesWithOffsets) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += i % 3 == 0 ? "a" : i % 3 == 1 ? "长" : "\xF0\x9F\x98\x80";
  text += "\xFF";  // invalid: one code point
  for (const std::string& t : {std::string(), std::string("a长b"), text}) {
    const std::vector<size_t> offsets = CodePointByteOffsets(t);
    const CodePointIndex index(t);
    ASSERT_EQ(index.size() + 1, offsets.size());
    for (size_t k = 0; k < offsets.size(); ++k) EXPECT_EQ(index.ByteOffset(t, k), offsets[k]) << k;
  }
}

TEST(FoldTextTest, RepeatedCallsAgree) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(FoldText("長三角 一體化"), "长三角一体化");
}

}  // namespace
}  // namespace kg::storage
