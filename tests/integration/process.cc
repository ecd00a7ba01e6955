// Child-process helpers for integration tests; see process.h.
#include "tests/integration/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

// fork + execv with stdout/stderr redirected to files; returns the child pid.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_path,
            const std::string& err_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    // The test runner may block signals; a daemon must start with a clean mask.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string UniqueName(const std::string& stem) {
  static std::atomic<int> counter{0};
  return absl::StrCat(stem, "-", getpid(), "-", counter++);
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string BinaryPath(const std::string& name) {
  return absl::StrCat(KG_BINARY_DIR, "/bin/", name);
}

TempDir::TempDir() {
  path_ = (fs::path(::testing::TempDir()) / UniqueName("kg-test")).string();
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

double TimeScale() {
  const char* text = std::getenv("KG_TEST_TIME_SCALE");
  if (text == nullptr) return 1;
  char* end = nullptr;
  const double scale = std::strtod(text, &end);
  return end != text && scale > 1 ? scale : 1;
}

absl::StatusOr<Daemon> Daemon::Start(const std::string& binary,
                                     const std::vector<std::string>& args,
                                     const std::string& work_dir, int port) {
  std::string name = UniqueName(fs::path(binary).filename().string());
  std::string port_file = absl::StrCat(work_dir, "/", name, ".port");
  Daemon daemon;
  daemon.log_path_ = absl::StrCat(work_dir, "/", name, ".log");
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back(absl::StrCat("--listen=127.0.0.1:", port));
  argv.push_back("--port-file=" + port_file);
  daemon.pid_ = Spawn(argv, "/dev/null", daemon.log_path_);
  if (daemon.pid_ < 0) return absl::InternalError("fork failed");

  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int64_t>(20000 * TimeScale()));
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(daemon.pid_, &status, WNOHANG) == daemon.pid_) {
      daemon.pid_ = -1;
      return absl::InternalError(absl::StrCat(binary, " exited with ", DecodeWaitStatus(status),
                                              ": ", daemon.Log()));
    }
    std::string text = ReadFile(port_file);
    if (!text.empty() && text.back() == '\n') {
      daemon.port_ = std::stoi(text);
      return daemon;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError(absl::StrCat(binary, " did not start: ", daemon.Log()));
}

Daemon::Daemon(Daemon&& other) noexcept { *this = std::move(other); }

Daemon& Daemon::operator=(Daemon&& other) noexcept {
  std::swap(pid_, other.pid_);
  std::swap(port_, other.port_);
  std::swap(log_path_, other.log_path_);
  return *this;
}

Daemon::~Daemon() {
  if (pid_ > 0) Stop(SIGKILL);
}

int Daemon::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return DecodeWaitStatus(status);
}

std::string Daemon::Log() const { return ReadFile(log_path_); }

absl::StatusOr<FrontDaemons> StartFrontDaemons(const std::string& store_address,
                                               const std::string& work_dir,
                                               const std::vector<std::string>& ingest_args) {
  std::vector<std::string> args = {"--store=" + store_address};
  args.insert(args.end(), ingest_args.begin(), ingest_args.end());
  absl::StatusOr<Daemon> ingest = Daemon::Start(BinaryPath("kg-ingestd"), args, work_dir);
  if (!ingest.ok()) return ingest.status();
  absl::StatusOr<Daemon> query =
      Daemon::Start(BinaryPath("kg-queryd"), {"--store=" + store_address}, work_dir);
  if (!query.ok()) return query.status();
  return FrontDaemons{*std::move(ingest), *std::move(query)};
}

absl::StatusOr<SplitDaemons> StartSplitDaemons(const std::string& work_dir,
                                               const std::vector<std::string>& store_args,
                                               const std::vector<std::string>& ingest_args) {
  absl::StatusOr<Daemon> store = Daemon::Start(BinaryPath("kg-stored"), store_args, work_dir);
  if (!store.ok()) return store.status();
  absl::StatusOr<FrontDaemons> front = StartFrontDaemons(store->address(), work_dir, ingest_args);
  if (!front.ok()) return front.status();
  return SplitDaemons{*std::move(store), std::move(front->ingest), std::move(front->query)};
}

CommandResult RunCommand(const std::vector<std::string>& argv, int timeout_seconds) {
  TempDir dir;
  std::string out_path = dir.path() + "/out";
  std::string err_path = dir.path() + "/err";
  pid_t pid = Spawn(argv, out_path, err_path);
  CommandResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      result.err = "timed out";
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  result.exit_code = DecodeWaitStatus(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

std::string HttpGetMetrics(const std::string& address) {
  auto colon = address.rfind(':');
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(std::stoi(address.substr(colon + 1)));
  inet_pton(AF_INET, address.substr(0, colon).c_str(), &addr.sin_addr);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    if (fd >= 0) close(fd);
    return "";
  }
  std::string request = "GET /metrics HTTP/1.0\r\nHost: " + address + "\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return "";
  }
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
  close(fd);
  return response;
}

}  // namespace kg::testing
