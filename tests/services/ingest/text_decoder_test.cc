// DecodeReport: encodings detected and forced, and what is rejected.
#include "services/ingest/text_decoder.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/ingest/test_data.h"
#include "tests/testing/status_matchers.h"

namespace kg::ingest {
namespace {

using ::kg::testing::StatusIs;
using ::testing::HasSubstr;

TEST(TextDecoderTest, DecodesUtf8AsIs) {
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport("政府工作报告 2020", ""));
  EXPECT_EQ(d.utf8, "政府工作报告 2020");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(TextDecoderTest, StripsUtf8ByteOrderMark) {
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport("\xEF\xBB\xBF政府工作报告", ""));
  EXPECT_EQ(d.utf8, "政府工作报告");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(TextDecoderTest, DecodesUtf16WithByteOrderMark) {
  // "政府" is U+653F U+5E9C.
  std::string le("\xFF\xFE\x3F\x65\x9C\x5E", 6);
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport(le, ""));
  EXPECT_EQ(d.utf8, "政府");
  EXPECT_EQ(d.encoding, "UTF-16LE");
  std::string be("\xFE\xFF\x65\x3F\x5E\x9C", 6);
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d2, DecodeReport(be, ""));
  EXPECT_EQ(d2.utf8, "政府");
  EXPECT_EQ(d2.encoding, "UTF-16BE");
}

TEST(TextDecoderTest, DetectsGbkReport) {
  std::string bytes = ::kg::testing::ReadTestData("dev/2019-hailar-district.gbk.txt");
  ASSERT_FALSE(bytes.empty());
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport(bytes, ""));
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_THAT(d.utf8, HasSubstr("呼伦贝尔市海拉尔区第十五届人民代表大会"));
  EXPECT_THAT(d.utf8, HasSubstr("二、2019年工作安排"));
}

TEST(TextDecoderTest, HonoursForcedEncoding) {
  std::string bytes = ::kg::testing::ReadTestData("dev/2019-hailar-district.gbk.txt");
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport(bytes, "gbk"));
  EXPECT_THAT(d.utf8, HasSubstr("海拉尔区"));
  EXPECT_THAT(DecodeReport(bytes, "UTF-8"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offset")));
}

TEST(TextDecoderTest, RejectsEmptyInput) {
  EXPECT_THAT(DecodeReport("", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
}

TEST(TextDecoderTest, RejectsBrokenBytesNamingTheOffset) {
  // 0x80 alone is valid in neither UTF-8 nor GB18030.
  EXPECT_THAT(DecodeReport(std::string("abc\x80\x80\x80", 6), ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offset 3")));
  // A UTF-8 report cut in the middle of a character.
  std::string cut = "政府工作报告";
  cut.pop_back();
  EXPECT_THAT(DecodeReport(cut, "UTF-8"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(TextDecoderTest, RejectsBinaryData) {
  EXPECT_THAT(DecodeReport(std::string("PK\x03\x04\x00\x00\x08\x00", 8), ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("binary")));
  std::string controls(200, '\x01');
  EXPECT_THAT(DecodeReport(controls, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("binary")));
}

TEST(TextDecoderTest, RejectsUnknownEncodingName) {
  EXPECT_THAT(DecodeReport("abc", "no-such-encoding"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown encoding")));
}

}  // namespace
}  // namespace kg::ingest

#include "unicode/ucnv.h"

namespace kg::ingest {
namespace {

// `utf8` in encoding `to`, through ICU.
std::string Encode(const std::string& utf8, const char* to) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(to, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(U_SUCCESS(err) ? n : 0);
  return out;
}

constexpr char kText[] =
    "2021年某某县政府工作报告\n一、2020年工作回顾\n过去一年，“六稳”工作扎实推进。\n";

TEST(TextDecoderTest, DetectsEachSupportedEncoding) {
  struct Case {
    std::string bytes;
    const char* encoding;
  } cases[] = {
      {kText, "UTF-8"},
      {"\xEF\xBB\xBF" + std::string(kText), "UTF-8"},
      {Encode(kText, "GB18030"), "GB18030"},
      {Encode(kText, "GBK"), "GB18030"},
      {"\xFF\xFE" + Encode(kText, "UTF-16LE"), "UTF-16LE"},
      {"\xFE\xFF" + Encode(kText, "UTF-16BE"), "UTF-16BE"},
  };
  for (const Case& c : cases) {
    KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport(c.bytes, ""));
    EXPECT_EQ(d.utf8, kText) << c.encoding;
    EXPECT_EQ(d.encoding, c.encoding);
  }
}

TEST(TextDecoderTest, ForcedEncodingWinsOverDetection) {
  // UTF-16 without a byte-order mark cannot be detected, but can be named.
  std::string le = Encode(kText, "UTF-16LE");
  KG_ASSERT_OK_AND_ASSIGN(DecodedText d, DecodeReport(le, "utf-16le"));
  EXPECT_EQ(d.utf8, kText);
  // GBK bytes forced as UTF-8 are refused with the offset of the first bad byte.
  EXPECT_THAT(DecodeReport(Encode(kText, "GBK"), "UTF-8"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offset 4")));
}

TEST(TextDecoderTest, RefusesDamagedUtf8RatherThanMisreadingIt) {
  // Valid UTF-8 for a while, then a stray byte: GB18030 would decode it, as mojibake.
  std::string damaged = std::string(kText) + "\xFF" + kText;
  EXPECT_THAT(DecodeReport(damaged, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("UTF-8 up to byte offset")));
  // A UTF-8 text cut in the middle of its last character.
  std::string cut = std::string(kText) + "政";
  cut.pop_back();
  EXPECT_THAT(DecodeReport(cut, ""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeReport(cut, "UTF-8"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("truncated")));
}

TEST(TextDecoderTest, RefusesTruncatedGbk) {
  std::string gbk = Encode(kText, "GBK") + Encode("政", "GBK").substr(0, 1);
  EXPECT_THAT(DecodeReport(gbk, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("truncated")));
}

TEST(TextDecoderTest, RefusesOversizedInput) {
  EXPECT_THAT(DecodeReport(std::string(kMaxReportBytes + 1, 'a'), ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("larger than")));
}

}  // namespace
}  // namespace kg::ingest
