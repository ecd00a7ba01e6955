// kgctl's exit codes, the one place that defines them, and the mapping from the
// status a command ends with to the code the process exits with.
//
//   0  ok
//   1  nothing matched (NOT_FOUND); for `score`, a score below the bar it was given
//   2  usage error: bad flags or arguments
//   3  invalid input rejected by the server (INVALID_ARGUMENT, FAILED_PRECONDITION,
//      OUT_OF_RANGE)
//   4  server unreachable or timed out (UNAVAILABLE, DEADLINE_EXCEEDED)
//   5  any other server error
//   6  local I/O error (a file unreadable, stdout unwritable)
//   7  not allowed (UNAUTHENTICATED, PERMISSION_DENIED)
//   8  `check`: the store is inconsistent (the problems were printed)
//
// Scripts and the integration tests rely on these numbers: never renumber them.
#ifndef KG_CLIENTS_KGCTL_EXIT_CODES_H_
#define KG_CLIENTS_KGCTL_EXIT_CODES_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status_code_enum.h"

namespace kg::cli {

enum class ExitCode : int {
  kOk = 0,
  kNothingMatched = 1,
  kUsage = 2,
  kInvalidInput = 3,
  kUnavailable = 4,
  kServerError = 5,
  kLocalIo = 6,
  kNotAllowed = 7,
  kInconsistent = 8,
};

// The exit codes as `kgctl --help` prints them in its footer.
extern const char kExitCodesHelp[];

// The exit code for a gRPC status code returned by a server.
ExitCode ExitCodeForGrpcCode(grpc::StatusCode code);

// The exit code a command ending with `status` exits with: the code attached by
// UsageError/LocalIoError if any, else the mapping of the status code (absl status
// codes equal gRPC's, so server errors carried as absl::Status map by a cast).
ExitCode ExitCodeForStatus(const absl::Status& status);

// An error in the command line that the parser could not catch (a flag combination).
// Exits with kUsage.
absl::Status UsageError(absl::string_view message);

// A local I/O failure (input file, stdin, stdout). Exits with kLocalIo.
absl::Status LocalIoError(absl::string_view message);

// A measured score below the bar the command was given (`score --min-recall`): the
// answer was printed, but it fails the bar. Exits with kNothingMatched, so scripts
// and CI treat it as "no" rather than as an error of kgctl or the server.
absl::Status BelowBarError(absl::string_view message);

// `kgctl check` found broken invariants: the report was printed, and the store needs
// attention. Exits with kInconsistent.
absl::Status InconsistentError(absl::string_view message);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_EXIT_CODES_H_
