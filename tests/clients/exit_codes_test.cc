// Tests of the mapping from statuses to kgctl's exit codes.
#include "clients/kgctl/exit_codes.h"

#include "absl/status/status.h"
#include "clients/kgctl/command.h"
#include "gtest/gtest.h"

namespace kg::cli {
namespace {

TEST(ExitCodesTest, MapsEveryGrpcCode) {
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::OK), ExitCode::kOk);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::NOT_FOUND), ExitCode::kNothingMatched);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::INVALID_ARGUMENT), ExitCode::kInvalidInput);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::FAILED_PRECONDITION), ExitCode::kInvalidInput);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::OUT_OF_RANGE), ExitCode::kInvalidInput);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::UNAVAILABLE), ExitCode::kUnavailable);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::DEADLINE_EXCEEDED), ExitCode::kUnavailable);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::UNAUTHENTICATED), ExitCode::kNotAllowed);
  EXPECT_EQ(ExitCodeForGrpcCode(grpc::StatusCode::PERMISSION_DENIED), ExitCode::kNotAllowed);
  for (grpc::StatusCode code :
       {grpc::StatusCode::CANCELLED, grpc::StatusCode::UNKNOWN, grpc::StatusCode::ALREADY_EXISTS,
        grpc::StatusCode::RESOURCE_EXHAUSTED, grpc::StatusCode::ABORTED,
        grpc::StatusCode::UNIMPLEMENTED, grpc::StatusCode::INTERNAL,
        grpc::StatusCode::DATA_LOSS}) {
    EXPECT_EQ(ExitCodeForGrpcCode(code), ExitCode::kServerError) << code;
  }
}

TEST(ExitCodesTest, ExitCodeValuesAreStable) {
  EXPECT_EQ(static_cast<int>(ExitCode::kOk), 0);
  EXPECT_EQ(static_cast<int>(ExitCode::kNothingMatched), 1);
  EXPECT_EQ(static_cast<int>(ExitCode::kUsage), 2);
  EXPECT_EQ(static_cast<int>(ExitCode::kInvalidInput), 3);
  EXPECT_EQ(static_cast<int>(ExitCode::kUnavailable), 4);
  EXPECT_EQ(static_cast<int>(ExitCode::kServerError), 5);
  EXPECT_EQ(static_cast<int>(ExitCode::kLocalIo), 6);
  EXPECT_EQ(static_cast<int>(ExitCode::kNotAllowed), 7);
}

TEST(ExitCodesTest, StatusCodesMapLikeGrpcCodes) {
  EXPECT_EQ(ExitCodeForStatus(absl::OkStatus()), ExitCode::kOk);
  EXPECT_EQ(ExitCodeForStatus(absl::NotFoundError("x")), ExitCode::kNothingMatched);
  EXPECT_EQ(ExitCodeForStatus(absl::OutOfRangeError("x")), ExitCode::kInvalidInput);
  EXPECT_EQ(ExitCodeForStatus(absl::DeadlineExceededError("x")), ExitCode::kUnavailable);
  EXPECT_EQ(ExitCodeForStatus(absl::InternalError("x")), ExitCode::kServerError);
}

TEST(ExitCodesTest, LocalErrorsCarryTheirOwnCode) {
  EXPECT_EQ(ExitCodeForStatus(UsageError("bad flag")), ExitCode::kUsage);
  EXPECT_EQ(ExitCodeForStatus(LocalIoError("cannot open x")), ExitCode::kLocalIo);
  EXPECT_EQ(UsageError("bad flag").message(), "bad flag");
}

TEST(RpcErrorTest, KeepsTheCodeAndReadsWhatHappenedThenTheServerMessage) {
  const RpcCall call{"serves", "127.0.0.1:50051", 30, "nothing matched 长三角"};
  absl::Status status =
      RpcError(grpc::Status(grpc::StatusCode::NOT_FOUND, "no goal matches"), call);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "nothing matched 长三角: no goal matches");
  EXPECT_EQ(ExitCodeForStatus(status), ExitCode::kNothingMatched);

  status = RpcError(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused"), call);
  EXPECT_EQ(status.message(), "cannot reach 127.0.0.1:50051: connection refused");
  EXPECT_EQ(ExitCodeForStatus(status), ExitCode::kUnavailable);

  status = RpcError(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, ""), call);
  EXPECT_EQ(status.message(), "no answer from 127.0.0.1:50051 within 30s");

  status = RpcError(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "empty phrase"), call);
  EXPECT_EQ(status.message(), "serves failed (INVALID_ARGUMENT): empty phrase");
  EXPECT_EQ(ExitCodeForStatus(status), ExitCode::kInvalidInput);
}

}  // namespace
}  // namespace kg::cli
