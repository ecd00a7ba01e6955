// rocksdb::Status -> absl::Status; see rocks_status.h.
#include "storage/rocks_status.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace kg::storage {
namespace {

absl::StatusCode CodeOf(const rocksdb::Status& status) {
  using Code = rocksdb::Status::Code;
  switch (status.code()) {
    case Code::kOk:
      return absl::StatusCode::kOk;
    case Code::kNotFound:
      return absl::StatusCode::kNotFound;
    case Code::kCorruption:
      return absl::StatusCode::kDataLoss;
    case Code::kNotSupported:
      return absl::StatusCode::kUnimplemented;
    case Code::kInvalidArgument:
      return absl::StatusCode::kInvalidArgument;
    case Code::kIOError:
    case Code::kBusy:
    case Code::kTryAgain:
      return absl::StatusCode::kUnavailable;
    case Code::kTimedOut:
      return absl::StatusCode::kDeadlineExceeded;
    case Code::kAborted:
      return absl::StatusCode::kAborted;
    case Code::kIncomplete:
      return absl::StatusCode::kFailedPrecondition;
    case Code::kShutdownInProgress:
      return absl::StatusCode::kCancelled;
    default:
      return absl::StatusCode::kInternal;
  }
}

}  // namespace

absl::Status FromRocksStatus(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  std::string message = status.ToString();
  if (!context.empty()) message = absl::StrCat(std::string(context), ": ", message);
  return absl::Status(CodeOf(status), message);
}

}  // namespace kg::storage
