// How kg's store keeps its speed as the graph grows, in one run: fills a RocksGraphStore
// with synthetic reports (bench/synthetic_reports.h: the bundled reports through the real
// ingest pipeline, copied under other identities) to each of several sizes in nodes, and
// at each size measures
//   - 1-hop: GetEdges out and in of a random node, then GetNodes of the neighbours;
//   - the engine's floor under the same 1-hops (bench/engine_floor.h: the same RocksDB
//     reads on a checkpoint of the store, raw), so that the store's growth with size can
//     be set against what RocksDB and the caches grow alone, and the least read any
//     layout's 1-hop makes (one node Get, one edge seek), raw;
//   - serves: QueryEngine::Serves of a goal name taken from the data, in a random report;
//   - next to the same graph in SQLite (bench/sqlite_graph.h, when built with SQLite):
//     1-hop (with the skeleton columns only, and with whole edge and node records as ours
//     returns them), distinct nodes within 3 hops (our BFS over GetEdges against a recursive CTE),
//     shortest path length (our bidirectional BFS against a recursive CTE);
// and, over the whole fill, edges per second through PutReport against the raw rate of
// RocksDB WriteBatches of the same number of similar keys and values, each report's raw
// batch written right after its PutReport (both sides meet the machine alike).
//
// Every latency pass is warm: the pass runs once untimed, then the same calls run timed.
// The store is opened without its read cache (read_cache.h; --read-cache turns it on):
// how often that cache hits depends on how many of the store's nodes the sampled calls
// revisit, which is higher in a small store, so with it the sizes would not compare. So
// the timed figures are of RocksDB reads with its block cache and the OS page cache warm;
// the SQLite side gets the same warm-up pass.
//
//   scale_bench [--source-dir DIR] [--gazetteer DIR|none] [--sizes N,N,...] [--dir DIR]
//               [--calls N] [--heavy-calls N] [--sqlite-cache-mb N] [--no-sqlite]
//               [--read-cache] [--compact] [--keep]
// --compact flushes and compacts the store before measuring each size (a store at rest).
//
// --sizes (or KG_SCALE_SIZES) defaults to 10000,100000,1000000. --dir is a scratch
// directory (default: a new one under $TMPDIR), removed at the end unless --keep.
// Exit 0 on success, 1 on a failure (or an answer SQLite gives differently), 2 on bad
// arguments.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "bench/engine_floor.h"
#include "bench/graph_walks.h"
#include "bench/raw_write_bench.h"
#include "bench/synthetic_reports.h"
#include "services/ingest/places/gazetteer.h"
#include "services/query/query_engine.h"
#include "storage/engine_figures.h"
#include "storage/rocks_graph_store.h"
#ifdef KG_HAVE_SQLITE
#include "bench/sqlite_graph.h"
#endif

namespace {

using Clock = std::chrono::steady_clock;
using kg::storage::NodeId;

struct Options {
  std::string source_dir = ".";
  std::string gazetteer_dir;
  std::vector<uint64_t> sizes = {10000, 100000, 1000000};
  std::string dir;
  int calls = 2000;       // 1-hop calls per pass
  int serves_calls = 300;
  int heavy_calls = 100;  // 3-hop and path calls per pass
  int sqlite_cache_mb = 256;
  bool sqlite = true;
  bool read_cache = false;
  bool compact = false;
  bool keep = false;
};

struct Latency {
  double p50_us = 0, p99_us = 0;
};

Latency Percentiles(std::vector<double> us) {
  Latency l;
  if (us.empty()) return l;
  std::sort(us.begin(), us.end());
  l.p50_us = us[us.size() / 2];
  l.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  return l;
}

double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// Runs `call(i)` for i in [0, n) once untimed, then `between()`, then timed.
template <typename Call, typename Between>
absl::StatusOr<Latency> WarmPass(int n, const Call& call, const Between& between) {
  for (int i = 0; i < n; ++i) {
    if (absl::Status s = call(i); !s.ok()) return s;
  }
  if (absl::Status s = between(); !s.ok()) return s;
  std::vector<double> us;
  us.reserve(n);
  for (int i = 0; i < n; ++i) {
    const auto start = Clock::now();
    if (absl::Status s = call(i); !s.ok()) return s;
    us.push_back(MicrosSince(start));
  }
  return Percentiles(std::move(us));
}

// Times `answer(i)` (a StatusOr<T>) for i in [0, n) as WarmPass does, into *latency,
// and returns the answers of the timed pass.
template <typename T, typename Answer, typename Between>
absl::StatusOr<std::vector<T>> TimedAnswers(int n, const Answer& answer, const Between& between,
                                           Latency* latency) {
  std::vector<T> answers(n);
  auto call = [&](int i) -> absl::Status {
    absl::StatusOr<T> a = answer(i);
    if (!a.ok()) return a.status();
    answers[i] = *a;
    return absl::OkStatus();
  };
  absl::StatusOr<Latency> timed = WarmPass(n, call, between);
  if (!timed.ok()) return timed.status();
  *latency = *timed;
  return answers;
}

// Figures at one size.
struct SizeFigures {
  uint64_t target = 0;
  kg::storage::StoreStats stats;
  uint64_t reports = 0;
  Latency one_hop, serves;
  Latency floor_one_hop;  // the engine's floor under the same 1-hop calls
  // The least read a 1-hop makes on RocksDB, whatever the layout (engine_floor.h).
  Latency floor_point_read, floor_first_edge;
  int floor_mismatches = 0;
  double one_hop_cache_miss = 0;  // block-cache miss share during the timed 1-hop pass
  double ingest_eps = 0;          // PutReport edges/s while filling up to this size
  double raw_eps = 0;             // raw WriteBatch edges/s over the same reports
  int heavy = 0;                  // 3-hop and path calls per pass
  std::string load;               // /proc/loadavg when measuring
  double shared_spans_mean = 0;   // spans per shared node (they grow with copies)
  size_t shared_spans_max = 0;
  double mean_degree = 0;
  double serves_goals = 0;  // goals a serves answer held, on average
  bool have_sqlite = false;
  Latency sql_one_hop, sql_one_hop_records, reach3, reach3_edges, sql_reach3, path, path_edges,
      sql_path;
  double mean_reach3 = 0;
  int path_mismatches = 0, reach_mismatches = 0, hop_mismatches = 0;
};

int Usage(const std::string& message) {
  std::cerr << "scale_bench: " << message
            << "\nusage: scale_bench [--source-dir DIR] [--gazetteer DIR|none] [--sizes N,N,...]"
               " [--dir DIR] [--calls N] [--heavy-calls N] [--sqlite-cache-mb N] [--no-sqlite]"
               " [--read-cache] [--compact] [--keep]\n";
  return 2;
}

bool ParseSizes(const std::string& text, std::vector<uint64_t>* sizes) {
  sizes->clear();
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    uint64_t n = 0;
    if (!absl::SimpleAtoi(part, &n) || n == 0) return false;
    sizes->push_back(n);
  }
  std::sort(sizes->begin(), sizes->end());
  return !sizes->empty();
}

void PrintLatency(const char* what, const Latency& l) {
  std::printf("  %-34s p50 %9.1f us   p99 %9.1f us\n", what, l.p50_us, l.p99_us);
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one + " " + five;
}

int Fail(const absl::Status& status) {
  std::cerr << "scale_bench: " << status << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (const char* env = std::getenv("KG_SCALE_SIZES"); env != nullptr && *env != '\0') {
    if (!ParseSizes(env, &options.sizes)) return Usage("bad KG_SCALE_SIZES");
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    auto count = [&](int* out) {
      const char* v = value();
      return v != nullptr && absl::SimpleAtoi(v, out) && *out > 0;
    };
    if (arg == "--source-dir") {
      const char* v = value();
      if (v == nullptr) return Usage("--source-dir needs a directory");
      options.source_dir = v;
    } else if (arg == "--gazetteer") {
      const char* v = value();
      if (v == nullptr) return Usage("--gazetteer needs a directory or none");
      options.gazetteer_dir = v;
    } else if (arg == "--sizes") {
      const char* v = value();
      if (v == nullptr || !ParseSizes(v, &options.sizes)) return Usage("bad --sizes");
    } else if (arg == "--dir") {
      const char* v = value();
      if (v == nullptr) return Usage("--dir needs a directory");
      options.dir = v;
    } else if (arg == "--calls") {
      if (!count(&options.calls)) return Usage("--calls needs a positive number");
    } else if (arg == "--serves-calls") {
      if (!count(&options.serves_calls)) return Usage("--serves-calls needs a positive number");
    } else if (arg == "--heavy-calls") {
      if (!count(&options.heavy_calls)) return Usage("--heavy-calls needs a positive number");
    } else if (arg == "--sqlite-cache-mb") {
      if (!count(&options.sqlite_cache_mb)) return Usage("--sqlite-cache-mb needs a number");
    } else if (arg == "--no-sqlite") {
      options.sqlite = false;
    } else if (arg == "--compact") {
      options.compact = true;
    } else if (arg == "--read-cache") {
      options.read_cache = true;
    } else if (arg == "--keep") {
      options.keep = true;
    } else {
      return Usage("unknown argument " + arg);
    }
  }
#ifndef KG_HAVE_SQLITE
  if (options.sqlite) std::printf("sqlite: not built (libsqlite3-dev missing); skipped\n");
  options.sqlite = false;
#endif

  // The gazetteer, as the daemons load it.
  std::unique_ptr<const kg::ingest::places::Gazetteer> gazetteer;
  std::string gazetteer_dir = options.gazetteer_dir;
  if (gazetteer_dir.empty() &&
      std::filesystem::is_directory(options.source_dir + "/third_party/gazetteer")) {
    gazetteer_dir = options.source_dir + "/third_party/gazetteer";
  }
  if (!gazetteer_dir.empty() && gazetteer_dir != "none") {
    auto loaded = kg::ingest::places::Gazetteer::Load(gazetteer_dir);
    if (!loaded.ok()) return Fail(loaded.status());
    gazetteer = *std::move(loaded);
  }
  auto bases = kg::bench::ExtractReports(kg::bench::BundledReportPaths(options.source_dir),
                                         gazetteer.get());
  if (!bases.ok()) return Fail(bases.status());
  std::printf("base reports (gazetteer: %s):", gazetteer ? gazetteer_dir.c_str() : "none");
  for (const auto& b : *bases) {
    std::printf(" %s %d (%zu nodes, %zu edges);", b.info.region.c_str(), b.info.year,
                b.nodes.size(), b.edges.size());
  }
  std::printf("\n");

  // Goal names to ask `serves` about, per base report: each is in every copy of it.
  std::vector<std::vector<std::string>> goal_phrases(bases->size());
  for (size_t i = 0; i < bases->size(); ++i) {
    for (const auto& n : (*bases)[i].nodes) {
      if (n.type == "goal" && !n.name.empty()) goal_phrases[i].push_back(n.name);
    }
  }
  if (std::all_of(goal_phrases.begin(), goal_phrases.end(),
                  [](const auto& phrases) { return phrases.empty(); })) {
    return Fail(absl::FailedPreconditionError("no goals in the bundled reports"));
  }

  std::string dir = options.dir;
  bool made_dir = false;
  if (dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/kg-scale-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return Fail(absl::UnavailableError("mkdtemp"));
    dir = pattern;
    made_dir = true;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir + "/kg", ignored);
  std::filesystem::remove_all(dir + "/raw", ignored);
  kg::storage::RocksGraphStore::Options store_options;
  store_options.read_cache = options.read_cache;
  auto opened = kg::storage::RocksGraphStore::Open(dir + "/kg", store_options);
  if (!opened.ok()) return Fail(opened.status());
  std::unique_ptr<kg::storage::RocksGraphStore> store = *std::move(opened);
  kg::query::QueryEngine engine(store.get());
#ifdef KG_HAVE_SQLITE
  std::unique_ptr<kg::bench::SqliteGraph> sql;
  if (options.sqlite) {
    auto created = kg::bench::SqliteGraph::Create(dir + "/graph.sqlite", options.sqlite_cache_mb);
    if (!created.ok()) return Fail(created.status());
    sql = *std::move(created);
  }
#endif
  std::printf("scratch: %s\nstore read cache: %s\n", dir.c_str(),
              options.read_cache ? "on" : "off (every read goes to RocksDB)");

  // Every node id stored, for random starting nodes; and each report's own nodes, for
  // path ends within one report.
  std::vector<NodeId> all_nodes;
  absl::flat_hash_set<NodeId> shared_seen;
  std::vector<std::vector<NodeId>> report_nodes;
  std::vector<kg::storage::ReportId> report_ids;
  std::vector<size_t> report_base;  // index into *bases
  std::mt19937_64 rng(20261128);

  const kg::storage::ReportGraph tiny = kg::bench::TinyReport();
  auto flush_read_cache = [&]() -> absl::Status {
    bool replaced = false;
    return store->PutReport(tiny, &replaced).status();
  };

  double ingest_seconds = 0, sqlite_load_seconds = 0;
  uint64_t ingest_edges = 0;
  double raw_seconds = 0;
  auto raw_writer = kg::bench::RawWriter::Open(dir + "/raw");
  if (!raw_writer.ok()) return Fail(raw_writer.status());
  int variant = 0;
  std::vector<SizeFigures> figures;

  for (uint64_t target : options.sizes) {
    SizeFigures f;
    f.target = target;
    const uint64_t edges_before = ingest_edges;
    const double seconds_before = ingest_seconds;
    const double raw_before = raw_seconds;
#ifdef KG_HAVE_SQLITE
    if (sql) {
      if (absl::Status s = sql->Begin(); !s.ok()) return Fail(s);
    }
#endif
    for (;;) {
      auto stats = store->Stats();
      if (!stats.ok()) return Fail(stats.status());
      if (stats->nodes >= target) {
        f.stats = *stats;
        break;
      }
      ++variant;
      const kg::storage::ReportGraph graph =
          kg::bench::VaryReport((*bases)[(variant - 1) % bases->size()], variant);
      bool replaced = false;
      const auto start = Clock::now();
      auto put = store->PutReport(graph, &replaced);
      ingest_seconds += MicrosSince(start) / 1e6;
      if (!put.ok()) return Fail(put.status());
      ingest_edges += graph.edges.size();
      auto raw = (*raw_writer)->Write(kg::bench::ShapeOf(graph));
      if (!raw.ok()) return Fail(raw.status());
      raw_seconds += *raw;
      report_ids.push_back(graph.info.id);
      report_base.push_back((variant - 1) % bases->size());
      report_nodes.emplace_back();
      for (const auto& n : graph.nodes) {
        if (n.report == 0) {
          if (shared_seen.insert(n.id).second) all_nodes.push_back(n.id);
        } else {
          all_nodes.push_back(n.id);
          report_nodes.back().push_back(n.id);
        }
      }
#ifdef KG_HAVE_SQLITE
      if (sql) {
        const auto sql_start = Clock::now();
        if (absl::Status s = sql->AddReport(graph); !s.ok()) return Fail(s);
        sqlite_load_seconds += MicrosSince(sql_start) / 1e6;
      }
#endif
    }
#ifdef KG_HAVE_SQLITE
    if (sql) {
      const auto sql_start = Clock::now();
      if (absl::Status s = sql->Commit(); !s.ok()) return Fail(s);
      sqlite_load_seconds += MicrosSince(sql_start) / 1e6;
    }
#endif
    f.reports = report_ids.size();
    f.ingest_eps = (ingest_edges - edges_before) / (ingest_seconds - seconds_before);
    f.raw_eps = (ingest_edges - edges_before) / (raw_seconds - raw_before);
    f.load = LoadAverage();
    {
      // How many spans a shared node has, growing with the copies that name it. The store
      // keeps them apart from the node's record (one entry per report, graph_store.h
      // GetSpans), so this is what a read of all of them costs, no longer a record size.
      std::vector<NodeId> shared(shared_seen.begin(), shared_seen.end());
      auto per_node = store->GetSpans(shared, {}, kg::bench::kNoLimit);
      if (!per_node.ok()) return Fail(per_node.status());
      size_t spans = 0;
      for (const auto& node_spans : *per_node) {
        spans += node_spans.size();
        f.shared_spans_max = std::max(f.shared_spans_max, node_spans.size());
      }
      f.shared_spans_mean = Ratio(spans, per_node->size());
    }
    std::printf("size %llu: %llu reports, %llu nodes, %llu edges; ingest so far %.1f s, "
                "%.0f edges/s for this step (raw WriteBatch %.0f); load average %s\n"
                "  %zu shared nodes, spans per shared node: mean %.0f, max %zu\n",
                static_cast<unsigned long long>(target),
                static_cast<unsigned long long>(f.reports),
                static_cast<unsigned long long>(f.stats.nodes),
                static_cast<unsigned long long>(f.stats.edges), ingest_seconds, f.ingest_eps,
                f.raw_eps, f.load.c_str(), shared_seen.size(), f.shared_spans_mean, f.shared_spans_max);
    std::fflush(stdout);
    if (options.compact) {
      // Measure the store at rest: what background compaction tends to once writes stop.
      const auto start = std::chrono::steady_clock::now();
      if (absl::Status s = store->Compact(); !s.ok()) return Fail(s);
      std::printf("  compacted in %.1f s\n",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }

    // Random starting nodes, the same for every store.
    std::uniform_int_distribution<size_t> pick_node(0, all_nodes.size() - 1);
    std::vector<NodeId> starts(options.calls);
    for (NodeId& id : starts) id = all_nodes[pick_node(rng)];

    // 1-hop through the store API.
    uint64_t degree_sum = 0;
    std::vector<size_t> our_degree(options.calls);
    auto one_hop = [&](int i) -> absl::Status {
      std::vector<NodeId> ids;
      for (auto direction : {kg::storage::Direction::kOut, kg::storage::Direction::kIn}) {
        bool truncated = false;
        auto edges = store->GetEdges(starts[i], direction, "", kg::bench::kNoLimit, &truncated);
        if (!edges.ok()) return edges.status();
        for (const auto& e : *edges) {
          ids.push_back(direction == kg::storage::Direction::kOut ? e.dst : e.src);
        }
      }
      auto nodes = store->GetNodes(ids);
      if (!nodes.ok()) return nodes.status();
      degree_sum += nodes->size();
      our_degree[i] = nodes->size();
      return absl::OkStatus();
    };
    kg::storage::EngineFigures engine_before;
    auto flush_and_count = [&]() -> absl::Status {
      if (absl::Status s = flush_read_cache(); !s.ok()) return s;
      auto figures = store->Figures();
      if (!figures.ok()) return figures.status();
      engine_before = *figures;
      return absl::OkStatus();
    };
    auto latency = WarmPass(options.calls, one_hop, flush_and_count);
    if (!latency.ok()) return Fail(latency.status());
    f.one_hop = *latency;
    auto engine_after = store->Figures();
    if (!engine_after.ok()) return Fail(engine_after.status());
    const double hits = engine_after->block_cache_hits - engine_before.block_cache_hits;
    const double misses = engine_after->block_cache_misses - engine_before.block_cache_misses;
    f.one_hop_cache_miss = Ratio(misses, hits + misses);
    f.mean_degree = static_cast<double>(degree_sum) / (2.0 * options.calls);

    // Passes with nothing to do between their warm and timed runs.
    const auto no_op = [] { return absl::OkStatus(); };

    // The engine's floor under the same calls, on a checkpoint (hard links) of the store,
    // closed and removed before anything else is measured.
    {
      auto floor = kg::bench::EngineFloor::Open(store.get(), dir + "/floor");
      if (!floor.ok()) return Fail(floor.status());
      std::vector<bool> differs(options.calls);
      auto floor_one_hop = [&](int i) -> absl::Status {
        auto found = (*floor)->OneHop(starts[i]);
        if (!found.ok()) return found.status();
        differs[i] = *found != our_degree[i];
        return absl::OkStatus();
      };
      latency = WarmPass(options.calls, floor_one_hop, no_op);
      if (!latency.ok()) return Fail(latency.status());
      f.floor_one_hop = *latency;
      f.floor_mismatches = std::count(differs.begin(), differs.end(), true);

      auto point_read = [&](int i) -> absl::Status {
        auto found = (*floor)->PointRead(starts[i]);
        if (!found.ok()) return found.status();
        if (!*found) return absl::DataLossError("a sampled node has no record");
        return absl::OkStatus();
      };
      latency = WarmPass(options.calls, point_read, no_op);
      if (!latency.ok()) return Fail(latency.status());
      f.floor_point_read = *latency;
      auto first_edge = [&](int i) { return (*floor)->FirstOutEdge(starts[i]).status(); };
      latency = WarmPass(options.calls, first_edge, no_op);
      if (!latency.ok()) return Fail(latency.status());
      f.floor_first_edge = *latency;
    }

    // serves: a goal name of a random report (skipping reports without goals), asked
    // within that report. A goal's name may match no goal (a lower score); NOT_FOUND is
    // an answer too.
    std::uniform_int_distribution<size_t> pick_report(0, report_ids.size() - 1);
    std::vector<std::pair<std::string, kg::storage::ReportId>> asks;
    while (asks.size() < static_cast<size_t>(options.serves_calls)) {
      const size_t r = pick_report(rng);
      const auto& phrases = goal_phrases[report_base[r]];
      if (phrases.empty()) continue;
      std::uniform_int_distribution<size_t> pick_phrase(0, phrases.size() - 1);
      asks.push_back({phrases[pick_phrase(rng)], report_ids[r]});
    }
    uint64_t goal_sum = 0;
    auto serves = [&](int i) -> absl::Status {
      kg::query::ServesOptions serves_options;
      serves_options.filter.report = asks[i].second;
      auto answer = engine.Serves(asks[i].first, serves_options);
      if (!answer.ok() && !absl::IsNotFound(answer.status())) return answer.status();
      if (answer.ok()) goal_sum += answer->goals.size();
      return absl::OkStatus();
    };
    latency = WarmPass(options.serves_calls, serves, flush_read_cache);
    if (!latency.ok()) return Fail(latency.status());
    f.serves = *latency;
    f.serves_goals = static_cast<double>(goal_sum) / (2.0 * options.serves_calls);

#ifdef KG_HAVE_SQLITE
    if (sql) {
      f.have_sqlite = true;
      auto sql_one_hop = [&](int i) -> absl::Status { return sql->OneHop(starts[i]).status(); };
      latency = WarmPass(options.calls, sql_one_hop, no_op);
      if (!latency.ok()) return Fail(latency.status());
      f.sql_one_hop = *latency;
      std::vector<size_t> their_degree(options.calls);
      auto sql_one_hop_records = [&](int i) -> absl::Status {
        auto hops = sql->OneHopRecords(starts[i]);
        if (!hops.ok()) return hops.status();
        their_degree[i] = hops->size();
        return absl::OkStatus();
      };
      latency = WarmPass(options.calls, sql_one_hop_records, no_op);
      if (!latency.ok()) return Fail(latency.status());
      f.sql_one_hop_records = *latency;
      for (int i = 0; i < options.calls; ++i) {
        if (our_degree[i] != their_degree[i]) ++f.hop_mismatches;
      }

      // 3 hops from the first heavy_calls starting nodes; both answers must agree.
      // Fewer at large sizes, where one 3-hop walk or CTE can take seconds.
      const int heavy = std::max<int>(std::min<int>(20, options.heavy_calls),
                                      std::min<uint64_t>(options.heavy_calls,
                                                         options.heavy_calls * 100000 / target));
      f.heavy = heavy;
      // Each walk over links (as the product's), over whole edges (what links save), and
      // SQLite's; all three answers must agree.
      using kg::bench::EdgeReads;
      auto reach = [&](EdgeReads reads) {
        return [&, reads](int i) { return kg::bench::ReachableWithin(store.get(), starts[i], 3, reads); };
      };
      auto ours = TimedAnswers<int64_t>(heavy, reach(EdgeReads::kLinks), flush_read_cache, &f.reach3);
      if (!ours.ok()) return Fail(ours.status());
      auto ours_edges = TimedAnswers<int64_t>(heavy, reach(EdgeReads::kWholeEdges),
                                              flush_read_cache, &f.reach3_edges);
      if (!ours_edges.ok()) return Fail(ours_edges.status());
      auto theirs = TimedAnswers<int64_t>(
          heavy, [&](int i) { return sql->ReachableWithin(starts[i], 3); }, no_op, &f.sql_reach3);
      if (!theirs.ok()) return Fail(theirs.status());
      int64_t reach_sum = 0;
      for (int i = 0; i < heavy; ++i) {
        reach_sum += (*ours)[i];
        if ((*ours)[i] != (*theirs)[i] || (*ours_edges)[i] != (*theirs)[i]) ++f.reach_mismatches;
      }
      f.mean_reach3 = static_cast<double>(reach_sum) / heavy;

      // Shortest paths between two nodes of one random report, at most kPathDepth long.
      std::vector<std::pair<NodeId, NodeId>> pairs(heavy);
      for (auto& pair : pairs) {
        const auto& nodes = report_nodes[pick_report(rng)];
        std::uniform_int_distribution<size_t> pick(0, nodes.size() - 1);
        pair = {nodes[pick(rng)], nodes[pick(rng)]};
      }
      auto path = [&](EdgeReads reads) {
        return [&, reads](int i) {
          return kg::bench::ShortestPathLength(store.get(), pairs[i].first, pairs[i].second,
                                               kg::bench::kPathDepth, reads);
        };
      };
      auto our_len = TimedAnswers<int>(heavy, path(EdgeReads::kLinks), flush_read_cache, &f.path);
      if (!our_len.ok()) return Fail(our_len.status());
      auto our_len_edges = TimedAnswers<int>(heavy, path(EdgeReads::kWholeEdges), flush_read_cache,
                                             &f.path_edges);
      if (!our_len_edges.ok()) return Fail(our_len_edges.status());
      auto their_len = TimedAnswers<int>(
          heavy,
          [&](int i) { return sql->ShortestPath(pairs[i].first, pairs[i].second, kg::bench::kPathDepth); },
          no_op, &f.sql_path);
      if (!their_len.ok()) return Fail(their_len.status());
      for (int i = 0; i < heavy; ++i) {
        if ((*our_len)[i] != (*their_len)[i] || (*our_len_edges)[i] != (*their_len)[i]) {
          ++f.path_mismatches;
        }
      }
    }
#endif

    PrintLatency("1-hop (GetEdges out+in, GetNodes)", f.one_hop);
    PrintLatency("engine floor 1-hop (raw reads)", f.floor_one_hop);
    PrintLatency("least read: one node Get (raw)", f.floor_point_read);
    PrintLatency("least read: one edge seek (raw)", f.floor_first_edge);
    std::printf("  block-cache misses in the timed 1-hop pass: %.1f%%\n",
                100 * f.one_hop_cache_miss);
    PrintLatency("serves (QueryEngine, one report)", f.serves);
    std::printf("  mean goals per serves answer %.1f\n", f.serves_goals);
    if (f.have_sqlite) {
      PrintLatency("sqlite 1-hop (skeleton columns)", f.sql_one_hop);
      PrintLatency("sqlite 1-hop (whole records)", f.sql_one_hop_records);
      PrintLatency("3-hop reach (BFS over GetLinks)", f.reach3);
      PrintLatency("3-hop reach (BFS over GetEdges, whole edges)", f.reach3_edges);
      PrintLatency("sqlite 3-hop reach (CTE)", f.sql_reach3);
      PrintLatency("path (bidirectional BFS over GetLinks)", f.path);
      PrintLatency("path (bidirectional BFS over GetEdges, whole edges)", f.path_edges);
      PrintLatency("sqlite path (CTE)", f.sql_path);
      std::printf("  mean 1-hop degree %.1f, mean 3-hop reach %.0f nodes (%d calls), "
                  "disagreements: 1-hop %d, 3-hop %d, path %d\n",
                  f.mean_degree, f.mean_reach3, f.heavy, f.hop_mismatches, f.reach_mismatches,
                  f.path_mismatches);
    }
    std::fflush(stdout);
    figures.push_back(f);
  }

  // Bulk ingest against raw WriteBatches of the same shape, written alongside.
  raw_writer->reset();
  const double ours_eps = ingest_edges / ingest_seconds;
  const double raw_eps = ingest_edges / raw_seconds;

  std::printf("\n| nodes | edges | reports | 1-hop p50/p99 us | serves p50/p99 us");
  if (options.sqlite) {
    std::printf(" | sqlite 1-hop | sqlite 1-hop records | 3-hop ours | 3-hop sqlite | path ours | path sqlite");
  }
  std::printf(" |\n");
  for (const SizeFigures& f : figures) {
    std::printf("| %llu | %llu | %llu | %.0f / %.0f | %.0f / %.0f",
                static_cast<unsigned long long>(f.stats.nodes),
                static_cast<unsigned long long>(f.stats.edges),
                static_cast<unsigned long long>(f.reports), f.one_hop.p50_us, f.one_hop.p99_us,
                f.serves.p50_us, f.serves.p99_us);
    if (f.have_sqlite) {
      std::printf(" | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f",
                  f.sql_one_hop.p50_us, f.sql_one_hop.p99_us, f.sql_one_hop_records.p50_us,
                  f.sql_one_hop_records.p99_us, f.reach3.p50_us, f.reach3.p99_us,
                  f.sql_reach3.p50_us, f.sql_reach3.p99_us, f.path.p50_us, f.path.p99_us,
                  f.sql_path.p50_us, f.sql_path.p99_us);
    }
    std::printf(" |\n");
  }
  std::printf("\n");
  const SizeFigures& small = figures.front();
  const SizeFigures& large = figures.back();
  std::printf("RATIO one_hop_p50 %llu/%llu %.2f (aim <= 1.2)\n",
              static_cast<unsigned long long>(large.target),
              static_cast<unsigned long long>(small.target),
              Ratio(large.one_hop.p50_us, small.one_hop.p50_us));
  std::printf("RATIO one_hop_p99 %.2f\n", Ratio(large.one_hop.p99_us, small.one_hop.p99_us));
  std::printf("RATIO engine_floor_one_hop_p50 %llu/%llu %.2f (RocksDB's reads alone)\n",
              static_cast<unsigned long long>(large.target),
              static_cast<unsigned long long>(small.target),
              Ratio(large.floor_one_hop.p50_us, small.floor_one_hop.p50_us));
  std::printf("RATIO least_read_p50 %llu/%llu: one Get %.2f, one seek %.2f (any layout's "
              "1-hop makes at least one)\n",
              static_cast<unsigned long long>(large.target),
              static_cast<unsigned long long>(small.target),
              Ratio(large.floor_point_read.p50_us, small.floor_point_read.p50_us),
              Ratio(large.floor_first_edge.p50_us, small.floor_first_edge.p50_us));
  for (const SizeFigures& f : figures) {
    std::printf("RATIO ours/engine floor 1-hop p50 at %llu nodes %.2f (%.1f vs %.1f us)\n",
                static_cast<unsigned long long>(f.stats.nodes),
                Ratio(f.one_hop.p50_us, f.floor_one_hop.p50_us), f.one_hop.p50_us,
                f.floor_one_hop.p50_us);
  }
  std::printf("RATIO serves_p50 %.2f (aim <= 1.2)\n", Ratio(large.serves.p50_us, small.serves.p50_us));
  std::printf("RATIO serves_p99 %.2f\n", Ratio(large.serves.p99_us, small.serves.p99_us));
  std::printf("INGEST %llu edges in %.1f s: %.0f edges/s; raw WriteBatch %.1f s: %.0f edges/s;"
              " RATIO ingest %.2f (aim >= 0.5)\n",
              static_cast<unsigned long long>(ingest_edges), ingest_seconds, ours_eps, raw_seconds,
              raw_eps, Ratio(ours_eps, raw_eps));
  for (const SizeFigures& f : figures) {
    std::printf("RATIO ingest while filling to %llu nodes %.2f (%.0f vs %.0f edges/s)\n",
                static_cast<unsigned long long>(f.target), Ratio(f.ingest_eps, f.raw_eps),
                f.ingest_eps, f.raw_eps);
  }
  if (options.sqlite) {
    std::printf("SQLITE load (one transaction per size step) %.1f s: %.0f edges/s\n",
                sqlite_load_seconds,
                ingest_edges / sqlite_load_seconds);
    for (const SizeFigures& f : figures) {
      std::printf("RATIO sqlite/ours at %llu nodes: 1-hop p50 %.2f p99 %.2f; 1-hop whole records "
                  "p50 %.2f p99 %.2f; 3-hop p50 %.2f p99 %.2f; path p50 %.2f p99 %.2f "
                  "(aim: >= 1)\n",
                  static_cast<unsigned long long>(f.stats.nodes),
                  Ratio(f.sql_one_hop.p50_us, f.one_hop.p50_us),
                  Ratio(f.sql_one_hop.p99_us, f.one_hop.p99_us),
                  Ratio(f.sql_one_hop_records.p50_us, f.one_hop.p50_us),
                  Ratio(f.sql_one_hop_records.p99_us, f.one_hop.p99_us),
                  Ratio(f.sql_reach3.p50_us, f.reach3.p50_us),
                  Ratio(f.sql_reach3.p99_us, f.reach3.p99_us),
                  Ratio(f.sql_path.p50_us, f.path.p50_us), Ratio(f.sql_path.p99_us, f.path.p99_us));
      std::printf("RATIO whole edges/links at %llu nodes: 3-hop p50 %.2f, path p50 %.2f\n",
                  static_cast<unsigned long long>(f.stats.nodes),
                  Ratio(f.reach3_edges.p50_us, f.reach3.p50_us),
                  Ratio(f.path_edges.p50_us, f.path.p50_us));
    }
  }
  std::printf("DISK kg %s\n", std::to_string(kg::bench::DirectoryBytes(dir + "/kg") >> 20).c_str());

  store.reset();
  if (!options.keep) {
    if (made_dir) {
      std::filesystem::remove_all(dir, ignored);
    } else {
      std::filesystem::remove_all(dir + "/kg", ignored);
      std::filesystem::remove_all(dir + "/raw", ignored);
      std::filesystem::remove(dir + "/graph.sqlite", ignored);
      std::filesystem::remove(dir + "/graph.sqlite-wal", ignored);
      std::filesystem::remove(dir + "/graph.sqlite-shm", ignored);
    }
  }
  // The comparison means nothing if the two stores answered differently.
  // Nor does the floor, if it read other neighbours than the store's 1-hop.
  int disagreements = 0, floor_disagreements = 0;
  for (const SizeFigures& f : figures) {
    disagreements += f.hop_mismatches + f.reach_mismatches + f.path_mismatches;
    floor_disagreements += f.floor_mismatches;
  }
  if (floor_disagreements > 0) {
    std::fprintf(stderr, "scale_bench: %d engine-floor 1-hops read other neighbours than the "
                         "store's\n", floor_disagreements);
    return 1;
  }
  if (disagreements > 0) {
    std::fprintf(stderr, "scale_bench: %d answers differ between kg and SQLite\n", disagreements);
    return 1;
  }
  return 0;
}
