#include "services/common/token_auth.h"

#include <string>

#include "gtest/gtest.h"

namespace kg::services {
namespace {

constexpr char kTokens[] =
    "# role token\n"
    "write  w-0123456789abcdef\n"
    "read\tr-0123456789abcdef   # the dashboard\n"
    "\n";

std::string Bearer(const std::string& token) { return "Bearer " + token; }

TEST(TokenAuthTest, WritesNeedAWriteToken) {
  auto auth = TokenAuth::Parse(kTokens, /*reads_need_token=*/false);
  ASSERT_TRUE(auth.ok()) << auth.status();
  std::string write = Bearer("w-0123456789abcdef");
  std::string read = Bearer("r-0123456789abcdef");
  std::string unknown = Bearer("x-0123456789abcdef");
  std::string basic = "Basic dXNlcjpwYXNz";
  EXPECT_TRUE((*auth)->CheckHeader(&write, Access::kWrite).ok());
  EXPECT_EQ((*auth)->CheckHeader(&read, Access::kWrite).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ((*auth)->CheckHeader(&unknown, Access::kWrite).code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ((*auth)->CheckHeader(nullptr, Access::kWrite).code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ((*auth)->CheckHeader(&basic, Access::kWrite).code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(TokenAuthTest, ReadsAreOpenUnlessAsked) {
  auto open = TokenAuth::Parse(kTokens, false);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE((*open)->CheckHeader(nullptr, Access::kRead).ok());

  auto closed = TokenAuth::Parse(kTokens, true);
  ASSERT_TRUE(closed.ok());
  std::string read = Bearer("r-0123456789abcdef");
  std::string write = Bearer("w-0123456789abcdef");
  EXPECT_EQ((*closed)->CheckHeader(nullptr, Access::kRead).code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE((*closed)->CheckHeader(&read, Access::kRead).ok());
  EXPECT_TRUE((*closed)->CheckHeader(&write, Access::kRead).ok());  // write implies read
}

TEST(TokenAuthTest, BadFilesAreRefusedWithTheLine) {
  auto role = TokenAuth::Parse("admin a-0123456789abcdef\n", false);
  EXPECT_EQ(role.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(role.status().message().find("line 1"), std::string::npos);
  auto shape = TokenAuth::Parse("write\n", false);
  EXPECT_EQ(shape.status().code(), absl::StatusCode::kInvalidArgument);
  auto short_token = TokenAuth::Parse("# x\nread short\n", false);
  EXPECT_NE(short_token.status().message().find("line 2"), std::string::npos);
  EXPECT_EQ(TokenAuth::Parse("# nothing\n", false).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TokenAuth::Load("/nonexistent/tokens", false).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TokenAuthTest, NoAuthMeansEverythingPasses) {
  grpc::ServerContext context;
  EXPECT_TRUE(Authorize(nullptr, context, Access::kWrite).ok());
}

}  // namespace
}  // namespace kg::services
