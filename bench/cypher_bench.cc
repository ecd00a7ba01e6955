// Cypher against the typed question it generalises, in process over one RocksGraphStore
// holding the first report (tests/data/jinshan-2020.txt as the ingest pipeline extracts
// it): no gRPC, so the ratio is the engines' alone (over gRPC both pay the same RPC).
//
//   serves   QueryEngine::Serves 长三角一体化 (goals by full text, their serving tasks,
//            each task's area and the quoted sentence)
//   cypher   CypherEngine::Run of the selective two-hop pattern answering the same:
//              MATCH (g:goal)<-[:serves]-(t:task)-[:part_of]->(area)
//              WHERE search(g, '长三角一体化') RETURN DISTINCT t, area
//
//   explain  the same query under EXPLAIN: parsing and planning alone
//
// each --calls sequential calls after --warmup, as p50 and p99 latency; then the ratio
// cypher / serves at p50 and p99. Aim (issue 7): within 2x at p50. --check exits 1 when
// the aim is missed.
//
//   cypher_bench [--source-dir DIR] [--gazetteer DIR] [--calls N] [--warmup N] [--check]
//                [--smoke]
//
// Exit 0 on success, 1 on a failed call or a missed aim (--check), 2 on bad arguments.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/places/gazetteer.h"
#include "services/query/cypher/cypher_engine.h"
#include "services/query/query_engine.h"
#include "storage/rocks_graph_store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr char kPhrase[] = "长三角一体化";
constexpr char kPattern[] =
    "MATCH (g:goal)<-[:serves]-(t:task)-[:part_of]->(area) "
    "WHERE search(g, '长三角一体化') RETURN DISTINCT t, area";

struct Options {
  std::string source_dir = ".";
  std::string gazetteer;  // empty: <source-dir>/third_party/gazetteer
  int calls = 2000;
  int warmup = 200;
  bool check = false;
};

int Usage(const std::string& message) {
  std::cerr << "cypher_bench: " << message
            << "\nusage: cypher_bench [--source-dir DIR] [--gazetteer DIR] [--calls N] "
               "[--warmup N] [--check] [--smoke]\n";
  return 2;
}

struct Latency {
  double p50_us = 0;
  double p99_us = 0;
};

// Runs `call` warmup + calls times; false if any call failed.
bool Measure(const std::function<bool()>& call, const Options& o, Latency* out) {
  for (int i = 0; i < o.warmup; ++i) {
    if (!call()) return false;
  }
  std::vector<double> us;
  us.reserve(o.calls);
  for (int i = 0; i < o.calls; ++i) {
    auto start = Clock::now();
    if (!call()) return false;
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(us.begin(), us.end());
  out->p50_us = us[us.size() / 2];
  out->p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--source-dir") {
      const char* v = value();
      if (!v) return Usage("--source-dir needs a directory");
      o.source_dir = v;
    } else if (arg == "--gazetteer") {
      const char* v = value();
      if (!v) return Usage("--gazetteer needs a directory");
      o.gazetteer = v;
    } else if (arg == "--calls" || arg == "--warmup") {
      const char* v = value();
      if (!v || std::atoi(v) <= 0) return Usage(arg + " needs a positive number");
      (arg == "--calls" ? o.calls : o.warmup) = std::atoi(v);
    } else if (arg == "--check") {
      o.check = true;
    } else if (arg == "--smoke") {
      o.calls = 20;
      o.warmup = 2;
    } else {
      return Usage("unknown argument " + arg);
    }
  }
  if (o.gazetteer.empty()) o.gazetteer = o.source_dir + "/third_party/gazetteer";

  std::ifstream in(o.source_dir + "/tests/data/jinshan-2020.txt", std::ios::binary);
  if (!in) return Usage("cannot read tests/data/jinshan-2020.txt under " + o.source_dir);
  std::stringstream text;
  text << in.rdbuf();
  auto gazetteer = kg::ingest::places::Gazetteer::Load(o.gazetteer);
  if (!gazetteer.ok()) {
    std::cerr << "cypher_bench: " << gazetteer.status().message() << "\n";
    return 1;
  }
  auto extracted = kg::ingest::BuildReportGraph(text.str(), {}, gazetteer->get());
  if (!extracted.ok()) {
    std::cerr << "cypher_bench: " << extracted.status().message() << "\n";
    return 1;
  }
  fs::path dir = fs::temp_directory_path() / ("cypher-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto store = kg::storage::RocksGraphStore::Open(dir.string());
  if (!store.ok()) {
    std::cerr << "cypher_bench: " << store.status().message() << "\n";
    return 1;
  }
  bool replaced = false;
  if (auto put = (*store)->PutReport(extracted->graph, &replaced); !put.ok()) {
    std::cerr << "cypher_bench: " << put.status().message() << "\n";
    return 1;
  }

  kg::query::QueryEngine engine(store->get());
  kg::cypher::CypherEngine cypher(store->get());
  size_t serves_rows = 0, cypher_rows = 0;
  std::string failure;
  auto serves_call = [&] {
    auto answer = engine.Serves(kPhrase, {});
    if (!answer.ok()) failure = std::string(answer.status().message());
    serves_rows = answer.ok() ? answer->rows.size() : 0;
    return answer.ok();
  };
  auto cypher_call = [&] {
    auto answer = cypher.Run(kPattern, {});
    if (!answer.ok()) failure = std::string(answer.status().message());
    cypher_rows = answer.ok() ? answer->rows.size() : 0;
    return answer.ok();
  };
  // The same query under EXPLAIN: parsing and planning alone, no store reads.
  auto explain_call = [&] {
    auto answer = cypher.Run(std::string("EXPLAIN ") + kPattern, {});
    if (!answer.ok()) failure = std::string(answer.status().message());
    return answer.ok();
  };
  Latency serves, pattern, explain;
  bool ok = Measure(serves_call, o, &serves) && Measure(cypher_call, o, &pattern) &&
            Measure(explain_call, o, &explain);
  store->reset();
  fs::remove_all(dir);
  if (!ok) {
    std::cerr << "cypher_bench: a call failed: " << failure << "\n";
    return 1;
  }
  const double ratio50 = pattern.p50_us / serves.p50_us;
  const double ratio99 = pattern.p99_us / serves.p99_us;
  std::printf("%-8s %10s %10s %6s\n", "kind", "p50_us", "p99_us", "rows");
  std::printf("%-8s %10.1f %10.1f %6zu\n", "serves", serves.p50_us, serves.p99_us, serves_rows);
  std::printf("%-8s %10.1f %10.1f %6zu\n", "cypher", pattern.p50_us, pattern.p99_us, cypher_rows);
  std::printf("%-8s %10.1f %10.1f %6s\n", "explain", explain.p50_us, explain.p99_us, "-");
  std::printf("cypher/serves: %.2fx at p50, %.2fx at p99 (aim: within 2x at p50)\n", ratio50,
              ratio99);
  if (o.check && ratio50 > 2.0) {
    std::cerr << "cypher_bench: aim missed\n";
    return 1;
  }
  return 0;
}
