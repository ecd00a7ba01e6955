// Query latency and throughput over gRPC against one kgd, from one client process.
//
// Starts kgd (the one built beside this binary) on a free port over a fresh data
// directory and ingests the first report (tests/data/jinshan-2020.txt), or connects to a
// running server with --addr (ingesting the report there only if it holds none). Then, on
// one channel:
//
//   null       grpc.health.v1.Health/Check on the same server: the cost of an RPC
//   serves     QueryService.Serves 长三角一体化
//   1-hop      QueryService.Neighbors of one entity, depth 1
//   path       QueryService.Path 乐高乐园 -> 长三角一体化, at most 3 edges
//   search     QueryService.Search 乐高
//
// each --calls sequential calls after --warmup, as p50 and p99 latency and their ratio to
// the null RPC's; then the throughput of 1-hop calls against null calls with --threads
// client threads (one channel each) for --seconds, best of two rounds, as a ratio.
// Aims (issue 4): serves and 1-hop <= 1.3x null at p50 and <= 1.5x at p99; 1-hop
// throughput >= 0.7x null. --check exits 1 when an aim is missed.
//
//   query_bench [--addr HOST:PORT | --kgd PATH] [--source-dir DIR] [--calls N]
//               [--warmup N] [--threads N] [--seconds S] [--entity NAME] [--check]
//               [--only KIND] [--smoke]
//
// --only KIND: just the sequential calls of one kind (null, serves, 1-hop, path or
// search), no ratios or throughput; for profiling the server (e.g. under callgrind).
// --smoke: a few calls of each, to prove the bench runs (the ctest smoke test).
// Exit 0 on success, 1 on a failed call or a missed aim (--check), 2 on bad arguments.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "kg/v1/ingest.grpc.pb.h"
#include "kg/v1/query.grpc.pb.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr char kPhrase[] = "长三角一体化";
constexpr char kPathFrom[] = "乐高乐园";
constexpr char kSearchText[] = "乐高";

struct Options {
  std::string addr;  // empty: start kgd
  std::string kgd;   // empty: kgd beside this binary
  std::string source_dir = ".";
  int calls = 2000;
  int warmup = 200;
  int threads = 8;
  double seconds = 3;
  std::string entity = "深化产业发展互融";
  bool check = false;
  std::string only;  // empty: every kind
};

int Usage(const std::string& message) {
  std::cerr << "query_bench: " << message
            << "\nusage: query_bench [--addr HOST:PORT | --kgd PATH] [--source-dir DIR] "
               "[--calls N] [--warmup N] [--threads N] [--seconds S] [--entity NAME] "
               "[--check] [--only KIND] [--smoke]\n";
  return 2;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// kgd as a child process on a free port over a temporary data directory.
class KgdProcess {
 public:
  ~KgdProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (!dir_.empty()) {
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    }
  }

  // Starts `binary`; returns the address, or empty with a message on `err`.
  std::string Start(const std::string& binary, std::ostream& err) {
    char templ[] = "/tmp/kg-query-bench-XXXXXX";
    if (mkdtemp(templ) == nullptr) {
      err << "query_bench: cannot make a temporary directory\n";
      return "";
    }
    dir_ = templ;
    const std::string port_file = dir_ + "/port";
    const std::string log = dir_ + "/kgd.log";
    const std::vector<std::string> argv = {
        binary, "--listen=127.0.0.1:0", "--port-file=" + port_file, "--data-dir=" + dir_ + "/data"};
    pid_ = fork();
    if (pid_ == 0) {
      const int null_fd = open("/dev/null", O_RDWR);
      const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(null_fd, 0);
      dup2(null_fd, 1);
      dup2(log_fd, 2);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    if (pid_ < 0) {
      err << "query_bench: fork failed\n";
      return "";
    }
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        err << "query_bench: " << binary << " exited: " << ReadFile(log) << '\n';
        return "";
      }
      const std::string port = ReadFile(port_file);
      if (!port.empty() && port.back() == '\n') {
        return "127.0.0.1:" + port.substr(0, port.size() - 1);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    err << "query_bench: " << binary << " did not start: " << ReadFile(log) << '\n';
    return "";
  }

 private:
  pid_t pid_ = -1;
  std::string dir_;
};

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& addr, int index) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  // A distinct argument per channel keeps gRPC from sharing one connection between the
  // client threads' channels.
  args.SetInt("kg.bench.channel", index);
  return grpc::CreateCustomChannel(addr, grpc::InsecureChannelCredentials(), args);
}

void SetDeadline(grpc::ClientContext* context, int seconds) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

// Makes sure the server holds a report: ingests the first report if it holds none.
bool EnsureReport(const std::shared_ptr<grpc::Channel>& channel, const Options& options) {
  auto query = kg::v1::QueryService::NewStub(channel);
  grpc::ClientContext list_context;
  SetDeadline(&list_context, 30);
  kg::v1::ListReportsResponse reports;
  grpc::Status status = query->ListReports(&list_context, {}, &reports);
  if (!status.ok()) {
    std::cerr << "query_bench: ListReports: " << status.error_message() << '\n';
    return false;
  }
  if (reports.reports_size() > 0) return true;
  const std::string path = options.source_dir + "/tests/data/jinshan-2020.txt";
  kg::v1::IngestRequest request;
  request.set_content(ReadFile(path));
  request.set_source_name("jinshan-2020.txt");
  if (request.content().empty()) {
    std::cerr << "query_bench: cannot read " << path << " (--source-dir)\n";
    return false;
  }
  auto ingest = kg::v1::IngestService::NewStub(channel);
  grpc::ClientContext context;
  SetDeadline(&context, 120);
  kg::v1::IngestResponse response;
  status = ingest->Ingest(&context, request, &response);
  if (!status.ok()) {
    std::cerr << "query_bench: ingest of " << path << ": " << status.error_message() << '\n';
    return false;
  }
  return true;
}

// One kind of call, bound to its own stubs and messages (so one per thread).
using Call = std::function<grpc::Status()>;

struct CallFactory {
  std::string name;
  // Whether the ratio to null is held to the aims.
  bool aimed = false;
  std::function<Call(const std::shared_ptr<grpc::Channel>&)> make;
};

template <typename Request, typename Response, typename Stub>
Call MakeCall(std::shared_ptr<Stub> stub, Request request,
              grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*)) {
  return [stub, request, method] {
    grpc::ClientContext context;
    SetDeadline(&context, 10);
    Response response;
    return ((*stub).*method)(&context, request, &response);
  };
}

std::vector<CallFactory> Calls(const Options& options) {
  using kg::v1::QueryService;
  std::vector<CallFactory> calls;
  calls.push_back({"null (Health/Check)", false, [](const auto& channel) {
                     std::shared_ptr<grpc::health::v1::Health::Stub> stub =
                         grpc::health::v1::Health::NewStub(channel);
                     return MakeCall(stub, grpc::health::v1::HealthCheckRequest(),
                                     &grpc::health::v1::Health::Stub::Check);
                   }});
  calls.push_back({std::string("serves ") + kPhrase, true, [](const auto& channel) {
                     std::shared_ptr<QueryService::Stub> stub = QueryService::NewStub(channel);
                     kg::v1::ServesRequest request;
                     request.set_phrase(kPhrase);
                     return MakeCall(stub, request, &QueryService::Stub::Serves);
                   }});
  calls.push_back({"1-hop neighbors " + options.entity, true, [options](const auto& channel) {
                     std::shared_ptr<QueryService::Stub> stub = QueryService::NewStub(channel);
                     kg::v1::NeighborsRequest request;
                     request.set_name(options.entity);
                     request.set_depth(1);
                     return MakeCall(stub, request, &QueryService::Stub::Neighbors);
                   }});
  calls.push_back(
      {std::string("path ≤3 hops ") + kPathFrom + "→" + kPhrase, false, [](const auto& channel) {
         std::shared_ptr<QueryService::Stub> stub = QueryService::NewStub(channel);
         kg::v1::PathRequest request;
         request.set_from(kPathFrom);
         request.set_to(kPhrase);
         request.set_max_depth(3);
         return MakeCall(stub, request, &QueryService::Stub::Path);
       }});
  calls.push_back({std::string("search ") + kSearchText, false, [](const auto& channel) {
                     std::shared_ptr<QueryService::Stub> stub = QueryService::NewStub(channel);
                     kg::v1::SearchRequest request;
                     request.set_text(kSearchText);
                     return MakeCall(stub, request, &QueryService::Stub::Search);
                   }});
  return calls;
}

// One line on what each measured call answers, so the figures are known to be of real
// work (a path found, hits returned) and not of an early NOT_FOUND.
void DescribeAnswers(const std::shared_ptr<grpc::Channel>& channel, const Options& options) {
  auto stub = kg::v1::QueryService::NewStub(channel);
  std::cout << "answers:";
  {
    grpc::ClientContext context;
    SetDeadline(&context, 10);
    kg::v1::ServesRequest request;
    request.set_phrase(kPhrase);
    kg::v1::ServesResponse response;
    if (stub->Serves(&context, request, &response).ok()) {
      std::cout << " serves " << response.rows_size() << " tasks (" << response.ByteSizeLong()
                << " bytes);";
    }
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context, 10);
    kg::v1::NeighborsRequest request;
    request.set_name(options.entity);
    request.set_depth(1);
    kg::v1::NeighborsResponse response;
    if (stub->Neighbors(&context, request, &response).ok()) {
      std::cout << " 1-hop " << response.neighbors_size() << " neighbours ("
                << response.ByteSizeLong() << " bytes);";
    }
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context, 10);
    kg::v1::PathRequest request;
    request.set_from(kPathFrom);
    request.set_to(kPhrase);
    request.set_max_depth(3);
    kg::v1::PathResponse response;
    if (stub->Path(&context, request, &response).ok()) {
      std::cout << " path " << response.paths_size() << " path(s) of "
                << (response.paths_size() > 0 ? response.paths(0).steps_size() : 0) << " edges ("
                << response.ByteSizeLong() << " bytes);";
    }
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context, 10);
    kg::v1::SearchRequest request;
    request.set_text(kSearchText);
    kg::v1::SearchResponse response;
    if (stub->Search(&context, request, &response).ok()) {
      std::cout << " search " << response.results_size() << " hits (" << response.ByteSizeLong()
                << " bytes)";
    }
  }
  std::cout << "\n\n";
}

struct Latency {
  double p50_us = 0;
  double p99_us = 0;
};

// `warmup` then `calls` sequential calls; false (with a message) if any fails.
bool MeasureLatency(const Call& call, const std::string& name, int warmup, int calls,
                    Latency* latency) {
  for (int i = 0; i < warmup; ++i) {
    const grpc::Status status = call();
    if (!status.ok()) {
      std::cerr << "query_bench: " << name << ": " << status.error_code() << " "
                << status.error_message() << '\n';
      return false;
    }
  }
  std::vector<double> micros;
  micros.reserve(calls);
  for (int i = 0; i < calls; ++i) {
    const auto start = Clock::now();
    const grpc::Status status = call();
    const auto end = Clock::now();
    if (!status.ok()) {
      std::cerr << "query_bench: " << name << ": " << status.error_message() << '\n';
      return false;
    }
    micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) {
    return micros[std::min(micros.size() - 1, static_cast<size_t>(q * micros.size()))];
  };
  latency->p50_us = at(0.50);
  latency->p99_us = at(0.99);
  return true;
}

// Calls per second with `threads` threads, each on its own channel, for `seconds`.
// Returns a negative number if a call failed.
double MeasureThroughput(const CallFactory& factory, const std::string& addr, int threads,
                         double seconds) {
  std::vector<Call> calls;
  for (int i = 0; i < threads; ++i) {
    calls.push_back(factory.make(MakeChannel(addr, i + 1)));
    if (!calls.back()().ok()) return -1;  // connects and warms the channel up
  }
  std::atomic<bool> stop{false};
  std::atomic<bool> failed{false};
  std::vector<long> counts(threads, 0);
  std::vector<std::thread> workers;
  const auto start = Clock::now();
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      while (!stop.load(std::memory_order_relaxed)) {
        if (!calls[i]().ok()) failed = true;
        ++counts[i];
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& worker : workers) worker.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  long total = 0;
  for (long count : counts) total += count;
  return failed ? -1 : total / elapsed;
}

std::string Fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  return buffer;
}

// Pads `text` to `width` display columns (CJK characters take two).
std::string Pad(const std::string& text, size_t width) {
  size_t columns = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    columns += length == 3 && c != 0xE2 ? 2 : 1;  // U+2xxx (arrows) are narrow
    i += length;
  }
  return text + std::string(columns < width ? width - columns : 1, ' ');
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    try {
      if (arg == "--addr") {
        options.addr = value();
      } else if (arg == "--kgd") {
        options.kgd = value();
      } else if (arg == "--source-dir") {
        options.source_dir = value();
      } else if (arg == "--calls") {
        options.calls = std::stoi(value());
      } else if (arg == "--warmup") {
        options.warmup = std::stoi(value());
      } else if (arg == "--threads") {
        options.threads = std::stoi(value());
      } else if (arg == "--seconds") {
        options.seconds = std::stod(value());
      } else if (arg == "--entity") {
        options.entity = value();
      } else if (arg == "--only") {
        options.only = value();
      } else if (arg == "--check") {
        options.check = true;
      } else if (arg == "--smoke") {
        options.calls = 20;
        options.warmup = 5;
        options.threads = 2;
        options.seconds = 0.2;
      } else {
        return Usage("unknown argument " + arg);
      }
    } catch (const std::exception&) {
      return Usage("bad value for " + arg);
    }
  }
  if (options.calls < 1 || options.warmup < 0 || options.threads < 1 || options.seconds <= 0) {
    return Usage("--calls, --threads and --seconds must be positive");
  }

  KgdProcess kgd;
  std::string addr = options.addr;
  if (addr.empty()) {
    std::string binary = options.kgd;
    if (binary.empty()) binary = (fs::path(argv[0]).parent_path() / "kgd").string();
    addr = kgd.Start(binary, std::cerr);
    if (addr.empty()) return 1;
  }
  const std::shared_ptr<grpc::Channel> channel = MakeChannel(addr, 0);
  if (!EnsureReport(channel, options)) return 1;

  std::cout << "server: " << (options.addr.empty() ? "kgd started by the bench" : "given") << " at "
            << addr << "; " << options.calls << " sequential calls each after " << options.warmup
            << " warm-up calls; " << std::thread::hardware_concurrency() << " CPUs\n\n";
  const std::vector<CallFactory> factories = Calls(options);
  if (!options.only.empty()) {
    for (const CallFactory& factory : factories) {
      if (factory.name.rfind(options.only, 0) != 0) continue;
      Latency latency;
      if (!MeasureLatency(factory.make(channel), factory.name, options.warmup, options.calls,
                          &latency)) {
        return 1;
      }
      std::cout << Pad(factory.name, 36) << "p50 " << Fixed(latency.p50_us, 0) << " µs, p99 "
                << Fixed(latency.p99_us, 0) << " µs\n";
      return 0;
    }
    return Usage("--only: no call kind " + options.only +
                 " (null, serves, 1-hop, path or search)");
  }
  DescribeAnswers(channel, options);
  std::vector<Latency> latencies(factories.size());
  bool ok = true;
  for (size_t i = 0; i < factories.size(); ++i) {
    ok = MeasureLatency(factories[i].make(channel), factories[i].name, options.warmup,
                        options.calls, &latencies[i]) &&
         ok;
  }
  if (!ok) return 1;

  constexpr double kAimP50 = 1.3;
  constexpr double kAimP99 = 1.5;
  constexpr double kAimThroughput = 0.7;
  bool met = true;
  const Latency& null = latencies[0];
  std::cout << Pad("call", 36) << Pad("p50 µs", 10) << Pad("p99 µs", 10) << Pad("p50/null", 10)
            << Pad("p99/null", 10) << "aim\n";
  for (size_t i = 0; i < factories.size(); ++i) {
    const double r50 = latencies[i].p50_us / null.p50_us;
    const double r99 = latencies[i].p99_us / null.p99_us;
    std::string aim = "-";
    if (factories[i].aimed) {
      const bool hit = r50 <= kAimP50 && r99 <= kAimP99;
      met = met && hit;
      aim = std::string(hit ? "met" : "MISSED") + " (<=" + Fixed(kAimP50, 1) +
            "x, <=" + Fixed(kAimP99, 1) + "x)";
    }
    std::cout << Pad(factories[i].name, 36) << Pad(Fixed(latencies[i].p50_us, 0), 10)
              << Pad(Fixed(latencies[i].p99_us, 0), 10) << Pad(Fixed(r50, 2) + "x", 10)
              << Pad(Fixed(r99, 2) + "x", 10) << aim << '\n';
  }

  // Throughput: null and 1-hop alternately, best of two rounds each.
  double null_rate = 0;
  double hop_rate = 0;
  for (int round = 0; round < 2; ++round) {
    const double n = MeasureThroughput(factories[0], addr, options.threads, options.seconds);
    const double h = MeasureThroughput(factories[2], addr, options.threads, options.seconds);
    if (n < 0 || h < 0) {
      std::cerr << "query_bench: a call failed during the throughput runs\n";
      return 1;
    }
    null_rate = std::max(null_rate, n);
    hop_rate = std::max(hop_rate, h);
  }
  const double ratio = hop_rate / null_rate;
  const bool throughput_met = ratio >= kAimThroughput;
  met = met && throughput_met;
  std::cout << "\nthroughput, " << options.threads << " client threads (one channel each), "
            << Fixed(options.seconds, 1) << " s, best of 2:\n"
            << Pad("null (Health/Check)", 36) << Fixed(null_rate, 0) << " calls/s\n"
            << Pad(factories[2].name, 36) << Fixed(hop_rate, 0) << " calls/s\n"
            << Pad("1-hop / null", 36) << Fixed(ratio, 2) << "x  "
            << (throughput_met ? "met" : "MISSED") << " (>=" << Fixed(kAimThroughput, 1) << "x)\n";
  if (options.check && !met) {
    std::cout << "query_bench: an aim was missed\n";
    return 1;
  }
  return 0;
}
