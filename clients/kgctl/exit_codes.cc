// Mapping of statuses to kgctl's exit codes. Local errors carry their exit code as a
// status payload, because their status codes alone would collide with server codes.
#include "clients/kgctl/exit_codes.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"

namespace kg::cli {
namespace {

// Type URL of the payload holding an explicit exit code (decimal text).
constexpr absl::string_view kExitCodePayload = "type.kg.dev/kg.cli.ExitCode";

absl::Status WithExitCode(absl::StatusCode code, absl::string_view message, ExitCode exit_code) {
  absl::Status status(code, message);
  status.SetPayload(kExitCodePayload, absl::Cord(std::to_string(static_cast<int>(exit_code))));
  return status;
}

}  // namespace

const char kExitCodesHelp[] =
    "Exit codes:\n"
    "  0  ok\n"
    "  1  nothing matched (NOT_FOUND); score: below --min-recall or\n"
    "     --max-false-places\n"
    "  2  usage error (bad flags or arguments)\n"
    "  3  input rejected by the server (INVALID_ARGUMENT, FAILED_PRECONDITION,\n"
    "     OUT_OF_RANGE)\n"
    "  4  server unreachable or timed out (UNAVAILABLE, DEADLINE_EXCEEDED)\n"
    "  5  other server error\n"
    "  6  local I/O error (file unreadable, output unwritable)\n"
    "  7  not allowed: no or unknown token (UNAUTHENTICATED), or a token without the\n"
    "     right (PERMISSION_DENIED)\n"
    "  8  check: the store is inconsistent (the problems were printed)\n";

ExitCode ExitCodeForGrpcCode(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return ExitCode::kOk;
    case grpc::StatusCode::NOT_FOUND:
      return ExitCode::kNothingMatched;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return ExitCode::kInvalidInput;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return ExitCode::kUnavailable;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return ExitCode::kNotAllowed;
    default:
      return ExitCode::kServerError;
  }
}

ExitCode ExitCodeForStatus(const absl::Status& status) {
  if (status.ok()) return ExitCode::kOk;
  if (auto payload = status.GetPayload(kExitCodePayload)) {
    int value = 0;
    if (absl::SimpleAtoi(std::string(*payload), &value)) return static_cast<ExitCode>(value);
  }
  return ExitCodeForGrpcCode(static_cast<grpc::StatusCode>(status.code()));
}

absl::Status UsageError(absl::string_view message) {
  return WithExitCode(absl::StatusCode::kInvalidArgument, message, ExitCode::kUsage);
}

absl::Status LocalIoError(absl::string_view message) {
  return WithExitCode(absl::StatusCode::kUnknown, message, ExitCode::kLocalIo);
}

absl::Status BelowBarError(absl::string_view message) {
  return WithExitCode(absl::StatusCode::kFailedPrecondition, message, ExitCode::kNothingMatched);
}

absl::Status InconsistentError(absl::string_view message) {
  return WithExitCode(absl::StatusCode::kDataLoss, message, ExitCode::kInconsistent);
}

}  // namespace kg::cli
