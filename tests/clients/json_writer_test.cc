// Tests of the JSON string escaper and JsonWriter.
#include "clients/kgctl/json_writer.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace kg::cli {
namespace {

TEST(JsonStringTest, LeavesUtf8Unescaped) {
  EXPECT_EQ(JsonString("长三角一体化"), "\"长三角一体化\"");
  EXPECT_EQ(JsonString("（一）…"), "\"（一）…\"");
}

TEST(JsonStringTest, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(JsonString("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(JsonString("C:\\dir"), "\"C:\\\\dir\"");
  EXPECT_EQ(JsonString("a/b"), "\"a/b\"");  // '/' needs no escape
}

TEST(JsonStringTest, EscapesControlCharacters) {
  EXPECT_EQ(JsonString("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"");
  EXPECT_EQ(JsonString("\b\f"), "\"\\b\\f\"");
  EXPECT_EQ(JsonString(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(JsonString(std::string("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(JsonStringTest, ReplacesInvalidUtf8) {
  EXPECT_EQ(JsonString("a\xFF"
                       "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(JsonString("\xE9\x95"), "\"\xEF\xBF\xBD\"");  // truncated 长
}

TEST(JsonWriterTest, WritesNestedValuesWithCommasInOrder) {
  JsonWriter json;
  json.BeginObject();
  json.Key("b").Int(-1);
  json.Key("a").BeginArray().Uint(1).Bool(true).Null().String("x").EndArray();
  json.Key("o").BeginObject().EndObject();
  json.Key("e").BeginArray().EndArray();
  json.Key("n")
      .BeginArray()
      .BeginObject()
      .Key("k")
      .String("v")
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray();
  json.EndObject();
  EXPECT_EQ(json.str(), R"({"b":-1,"a":[1,true,null,"x"],"o":{},"e":[],"n":[{"k":"v"},[]]})");
}

TEST(JsonWriterTest, EscapesKeys) {
  JsonWriter json;
  json.BeginObject().Key("a\"b").String("c").EndObject();
  EXPECT_EQ(json.str(), R"({"a\"b":"c"})");
}

TEST(JsonWriterTest, WritesDoublesCompactlyAndNonFiniteAsNull) {
  JsonWriter json;
  json.BeginArray()
      .Double(0.5)
      .Double(1)
      .Double(0.8333333333)
      .Double(std::numeric_limits<double>::quiet_NaN())
      .Double(std::numeric_limits<double>::infinity())
      .EndArray();
  EXPECT_EQ(json.str(), "[0.5,1,0.833333,null,null]");
}

TEST(JsonWriterTest, ReleaseEmptiesTheWriter) {
  JsonWriter json;
  json.BeginArray().Int(1).EndArray();
  EXPECT_EQ(json.Release(), "[1]");
  json.BeginArray().Int(2).EndArray();
  EXPECT_EQ(json.str(), "[2]");
}

TEST(JsonWriterTest, WritesLargeUnsignedExactly) {
  JsonWriter json;
  json.Uint(18446744073709551615ull);
  EXPECT_EQ(json.str(), "18446744073709551615");
}

}  // namespace
}  // namespace kg::cli
