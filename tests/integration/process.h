// Test helpers that run kg's real binaries as child processes: daemons on free ports
// (port 0, the bound port read back from --port-file) and one-shot commands (kgctl)
// with their output captured.
#ifndef KG_TESTS_INTEGRATION_PROCESS_H_
#define KG_TESTS_INTEGRATION_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::testing {

// How much slower than a plain build this one runs: KG_TEST_TIME_SCALE from the
// environment (scripts/test-sanitized.sh sets it for ASan and UBSan builds), at least 1.
// Integration tests multiply their start-up waits, deadlines and timed runs by it, so
// that a slower build gets proportionally more time instead of failing on a clock.
double TimeScale();

// Path of a built binary (build/bin/NAME).
std::string BinaryPath(const std::string& name);

// A fresh, empty directory under the test temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A daemon child process. The destructor kills it (SIGKILL) if still running.
class Daemon {
 public:
  // Starts `binary` with `args` plus --listen HOST:PORT (port 0 unless given) and
  // --port-file, waits up to 20 s for it to serve, and returns it. stderr goes to
  // `log_path`.
  static absl::StatusOr<Daemon> Start(const std::string& binary,
                                      const std::vector<std::string>& args,
                                      const std::string& work_dir, int port = 0);
  Daemon(Daemon&& other) noexcept;
  Daemon& operator=(Daemon&& other) noexcept;
  ~Daemon();

  // HOST:PORT it serves on.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits for the exit; returns the exit code (128+N if killed by N).
  int Stop(int signal);
  // The daemon's stderr so far (its JSON log lines).
  std::string Log() const;

 private:
  Daemon() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// The split deployment, each daemon its own process, as most integration tests run it.
// The front: kg-ingestd (given `ingest_args` too) and kg-queryd, both using the kg-stored
// at `store_address`, logging into `work_dir`. For tests that start (and restart) the
// store themselves.
struct FrontDaemons {
  Daemon ingest;
  Daemon query;
};
absl::StatusOr<FrontDaemons> StartFrontDaemons(const std::string& store_address,
                                               const std::string& work_dir,
                                               const std::vector<std::string>& ingest_args = {});
// The whole of it: kg-stored started with `store_args` (its --data-dir among them), then
// the front daemons using it.
struct SplitDaemons {
  Daemon store;
  Daemon ingest;
  Daemon query;
};
absl::StatusOr<SplitDaemons> StartSplitDaemons(const std::string& work_dir,
                                               const std::vector<std::string>& store_args,
                                               const std::vector<std::string>& ingest_args = {});

// The whole file at `path` ("" if it cannot be read).
std::string ReadFile(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// GET http://ADDRESS/metrics with a plain socket (HTTP/1.0, so the server closes); the
// whole response, headers included, or "" if the daemon cannot be reached.
std::string HttpGetMetrics(const std::string& address);

// Runs a command to completion (at most `timeout_seconds`), capturing its output.
CommandResult RunCommand(const std::vector<std::string>& argv, int timeout_seconds = 120);

}  // namespace kg::testing

#endif  // KG_TESTS_INTEGRATION_PROCESS_H_
