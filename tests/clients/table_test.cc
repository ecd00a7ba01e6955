// Tests of Table: alignment of Chinese and mixed text, truncation, headers, colour.
#include "clients/kgctl/table.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "clients/kgctl/display_width.h"
#include "gtest/gtest.h"

namespace kg::cli {
namespace {

// The display column at which `needle` starts in `line`.
int ColumnOf(const std::string& line, const std::string& needle) {
  const size_t pos = line.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle << " not in " << line;
  return DisplayWidth(line.substr(0, pos));
}

TEST(TableTest, AlignsChineseAndMixedTextByDisplayWidth) {
  Table table({{"name"}, {"type"}, {"n", 0, Table::Align::kRight}});
  table.AddRow({"枫泾镇", "place", "3"});
  table.AddRow({"PM2.5年平均浓度", "indicator", "12"});
  table.AddRow({"abc", "term", "100"});
  EXPECT_EQ(table.Render(false),
            "name             type         n\n"
            "枫泾镇           place        3\n"
            "PM2.5年平均浓度  indicator   12\n"
            "abc              term       100\n");
}

TEST(TableTest, EveryLineHasColumnsAtTheSameDisplayPosition) {
  Table table({{"task"}, {"goal"}});
  table.AddRow({"深化产业发展互融", "长三角"});
  table.AddRow({"  推进G60科创走廊建设", "桥头堡"});
  table.AddRow({"x", "y"});
  const std::vector<std::string> lines =
      absl::StrSplit(table.Render(false), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u);
  const int goal_column = ColumnOf(lines[0], "goal");
  EXPECT_EQ(ColumnOf(lines[1], "长三角"), goal_column);
  EXPECT_EQ(ColumnOf(lines[2], "桥头堡"), goal_column);
  EXPECT_EQ(ColumnOf(lines[3], "y"), goal_column);
}

TEST(TableTest, TruncatesCellsToTheColumnMaximum) {
  Table table({{"quote", 10}, {"id"}});
  table.AddRow({"努力成为长三角高质量一体化发展的桥头堡", "a1"});
  table.AddRow({"短句", "b2"});
  EXPECT_EQ(table.Render(false),
            "quote      id\n"
            "努力成为…  a1\n"
            "短句       b2\n");
}

TEST(TableTest, HeaderWiderThanCellsSetsTheWidth) {
  Table table({{"evidence"}, {"x"}});
  table.AddRow({"area", "1"});
  EXPECT_EQ(table.Render(false),
            "evidence  x\n"
            "area      1\n");
}

TEST(TableTest, NoHeaderLineWhenHeadersAreEmpty) {
  Table table({{""}, {""}});
  table.AddRow({"region", "上海市金山区"});
  table.AddRow({"year", "2020"});
  EXPECT_EQ(table.Render(false),
            "region  上海市金山区\n"
            "year    2020\n");
}

TEST(TableTest, CellsAreSingleLineAndRowsArePadded) {
  Table table({{"a"}, {"b"}, {"c"}});
  table.AddRow({"line\none\ttab"});
  table.AddRow({"x", "y", "z", "extra"});
  EXPECT_EQ(table.Render(false),
            "a             b  c\n"
            "line one tab\n"
            "x             y  z\n");
}

TEST(TableTest, BoldHeadersTakeNoColumns) {
  Table table({{"名称"}, {"id"}});
  table.AddRow({"枫泾镇", "1"});
  EXPECT_EQ(table.Render(true),
            "\033[1m名称\033[0m    \033[1mid\033[0m\n"
            "枫泾镇  1\n");
}

}  // namespace
}  // namespace kg::cli
