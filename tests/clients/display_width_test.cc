// Tests of DisplayWidth, TruncateToWidth and PadToWidth with Chinese and mixed text.
#include "clients/kgctl/display_width.h"

#include "gtest/gtest.h"

namespace kg::cli {
namespace {

TEST(DisplayWidthTest, AsciiCountsOnePerCharacter) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("serves"), 6);
}

TEST(DisplayWidthTest, ChineseCountsTwoPerCharacter) {
  EXPECT_EQ(DisplayWidth("枫泾镇"), 6);
  EXPECT_EQ(DisplayWidth("长三角一体化"), 12);
}

TEST(DisplayWidthTest, FullWidthPunctuationCountsTwo) {
  EXPECT_EQ(DisplayWidth("（一）"), 6);
  EXPECT_EQ(DisplayWidth("。，"), 4);
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4);  // full-width Latin letters
}

TEST(DisplayWidthTest, MixedTextAddsUp) {
  EXPECT_EQ(DisplayWidth("PM2.5年平均浓度"), 5 + 10);
  EXPECT_EQ(DisplayWidth("增长6.5%左右"), 4 + 4 + 4);
}

TEST(DisplayWidthTest, CombiningMarksAndFormatCharactersCountZero) {
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);  // e + COMBINING ACUTE ACCENT
  EXPECT_EQ(DisplayWidth("a\xE2\x80\x8D"
                         "b"),
            2);  // ZERO WIDTH JOINER between
}

TEST(DisplayWidthTest, AmbiguousWidthCountsOne) {
  EXPECT_EQ(DisplayWidth("…"), 1);
  EXPECT_EQ(DisplayWidth("°"), 1);
}

TEST(DisplayWidthTest, InvalidBytesCountOneEach) {
  EXPECT_EQ(DisplayWidth("a\xFF"
                         "b"),
            3);
}

TEST(TruncateToWidthTest, TextThatFitsIsUnchanged) {
  EXPECT_EQ(TruncateToWidth("枫泾镇", 6), "枫泾镇");
  EXPECT_EQ(TruncateToWidth("abc", 10), "abc");
}

TEST(TruncateToWidthTest, CutsChineseAndEndsWithEllipsis) {
  const std::string cut = TruncateToWidth("长三角一体化", 7);
  EXPECT_EQ(cut, "长三角…");
  EXPECT_EQ(DisplayWidth(cut), 7);
}

TEST(TruncateToWidthTest, NeverSplitsAWideCharacterAndNeverExceedsWidth) {
  // Width 6 leaves 5 columns for text: two characters (4), not two and a half.
  const std::string cut = TruncateToWidth("长三角一体化", 6);
  EXPECT_EQ(cut, "长三…");
  EXPECT_EQ(DisplayWidth(cut), 5);
  for (int width = 1; width <= 14; ++width) {
    EXPECT_LE(DisplayWidth(TruncateToWidth("ab长三角cd一体化", width)), width) << width;
  }
}

TEST(TruncateToWidthTest, CutsMixedText) {
  EXPECT_EQ(TruncateToWidth("ab中文cd", 5), "ab中…");
  EXPECT_EQ(TruncateToWidth("ab中文cd", 4), "ab…");
}

TEST(TruncateToWidthTest, KeepsCombiningMarkWithItsBase) {
  EXPECT_EQ(TruncateToWidth("e\xCC\x81"
                            "fgh",
                            2),
            "e\xCC\x81…");
}

TEST(TruncateToWidthTest, TinyWidths) {
  EXPECT_EQ(TruncateToWidth("长三角", 1), "…");
  EXPECT_EQ(TruncateToWidth("长三角", 0), "");
}

TEST(PadToWidthTest, PadsByColumnsNotBytes) {
  EXPECT_EQ(PadToWidth("镇", 4), "镇  ");
  EXPECT_EQ(PadToWidth("12", 4, /*right_align=*/true), "  12");
  EXPECT_EQ(PadToWidth("枫泾镇", 4), "枫泾镇");
}

}  // namespace
}  // namespace kg::cli
