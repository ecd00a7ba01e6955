// Throughput of the whole extraction: BuildReportGraph (decode, clean, extract, with the
// gazetteer the daemons load for place names) over the bundled reports (tests/data/jinshan-2020.txt
// and tests/data/dev/*.txt), repeated until the corpus reaches --mb megabytes of UTF-8 text, on one
// thread. Prints MB/s of UTF-8 text, so the figure compares with a segmenter fed the same text
// (--write-corpus writes it; scripts/bench-extract.sh runs jieba on it).
//
//   extract_bench [--source-dir DIR] [--gazetteer DIR|none] [--mb N] [--repeat N]
//                 [--write-corpus FILE] [--once]
//
// --gazetteer defaults to DIR/third_party/gazetteer when it exists (scripts/setup.sh
// installs it); without one, places are found by form and curated regions only.
// --once extracts each report once and checks the results (the ctest smoke test).
// Exit 0 on success, 1 if a report fails to extract, 2 on bad arguments.
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "services/ingest/ingest_pipeline.h"
#include "services/ingest/places/gazetteer.h"
#include "services/ingest/text_decoder.h"

namespace {

struct Report {
  std::string path;
  std::string bytes;      // as stored (UTF-8 or GBK)
  size_t utf8_bytes = 0;  // size of its decoded UTF-8 text
  std::string utf8;       // the decoded text, for --write-corpus
};

struct Options {
  std::string source_dir = ".";
  std::string gazetteer_dir;  // empty: the source's third_party/gazetteer if present
  double mb = 4;
  int repeat = 5;  // timed runs over the corpus; the best is reported
  std::string corpus_file;
  bool once = false;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

// The report texts: the first report and every dev/*.txt, in name order.
std::vector<std::string> ReportPaths(const std::string& source_dir) {
  std::vector<std::string> paths = {source_dir + "/tests/data/jinshan-2020.txt"};
  const std::string dev = source_dir + "/tests/data/dev";
  std::vector<std::string> dev_paths;
  if (DIR* dir = opendir(dev.c_str())) {
    while (dirent* entry = readdir(dir)) {
      const std::string name = entry->d_name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) {
        dev_paths.push_back(dev + "/" + name);
      }
    }
    closedir(dir);
  }
  std::sort(dev_paths.begin(), dev_paths.end());
  paths.insert(paths.end(), dev_paths.begin(), dev_paths.end());
  return paths;
}

int Usage(const char* message) {
  std::cerr << "extract_bench: " << message
            << "\nusage: extract_bench [--source-dir DIR] [--gazetteer DIR|none] [--mb N] "
               "[--repeat N] [--write-corpus FILE] [--once]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--source-dir") {
      const char* v = value();
      if (v == nullptr) return Usage("--source-dir needs a directory");
      options.source_dir = v;
    } else if (arg == "--gazetteer") {
      const char* v = value();
      if (v == nullptr) return Usage("--gazetteer needs a directory or none");
      options.gazetteer_dir = v;
    } else if (arg == "--mb") {
      const char* v = value();
      if (v == nullptr || std::atof(v) <= 0) return Usage("--mb needs a positive number");
      options.mb = std::atof(v);
    } else if (arg == "--repeat") {
      const char* v = value();
      if (v == nullptr || std::atoi(v) <= 0) return Usage("--repeat needs a positive number");
      options.repeat = std::atoi(v);
    } else if (arg == "--write-corpus") {
      const char* v = value();
      if (v == nullptr) return Usage("--write-corpus needs a file");
      options.corpus_file = v;
    } else if (arg == "--once") {
      options.once = true;
    } else {
      return Usage(("unknown argument " + arg).c_str());
    }
  }

  // The gazetteer, loaded once outside the timing, as a daemon loads it at start.
  std::unique_ptr<const kg::ingest::places::Gazetteer> gazetteer;
  std::string gazetteer_dir = options.gazetteer_dir;
  if (gazetteer_dir.empty()) {
    const std::string fallback = options.source_dir + "/third_party/gazetteer";
    if (DIR* dir = opendir(fallback.c_str())) {
      closedir(dir);
      gazetteer_dir = fallback;
    }
  }
  if (!gazetteer_dir.empty() && gazetteer_dir != "none") {
    auto loaded = kg::ingest::places::Gazetteer::Load(gazetteer_dir);
    if (!loaded.ok()) {
      std::cerr << "extract_bench: gazetteer " << gazetteer_dir << ": " << loaded.status() << "\n";
      return 1;
    }
    gazetteer = *std::move(loaded);
  }
  std::cout << "gazetteer: " << (gazetteer ? gazetteer_dir : "none") << "\n";

  std::vector<Report> reports;
  for (const std::string& path : ReportPaths(options.source_dir)) {
    Report r;
    r.path = path;
    if (!ReadFile(path, &r.bytes)) {
      std::cerr << "extract_bench: cannot read " << path << "\n";
      return 1;
    }
    auto decoded = kg::ingest::DecodeReport(r.bytes, "");
    if (!decoded.ok()) {
      std::cerr << "extract_bench: " << path << ": " << decoded.status() << "\n";
      return 1;
    }
    r.utf8 = std::move(decoded->utf8);
    r.utf8_bytes = r.utf8.size();
    reports.push_back(std::move(r));
  }

  // One pass, checked: every report extracts (this also warms ICU, OpenCC and caches).
  size_t nodes = 0;
  for (const Report& r : reports) {
    auto result = kg::ingest::BuildReportGraph(r.bytes, {}, gazetteer.get());
    if (!result.ok()) {
      std::cerr << "extract_bench: " << r.path << ": " << result.status() << "\n";
      return 1;
    }
    nodes += result->graph.nodes.size();
  }
  if (options.once) {
    std::cout << "extract_bench: " << reports.size() << " reports extracted, " << nodes
              << " nodes\n";
    return 0;
  }

  // The corpus: the reports in turn until it holds options.mb MB of UTF-8 text.
  std::vector<const Report*> corpus;
  size_t corpus_bytes = 0;
  const size_t target = static_cast<size_t>(options.mb * 1e6);
  while (corpus_bytes < target) {
    for (const Report& r : reports) {
      corpus.push_back(&r);
      corpus_bytes += r.utf8_bytes;
    }
  }
  if (!options.corpus_file.empty()) {
    std::ofstream out(options.corpus_file, std::ios::binary);
    for (const Report* r : corpus) out << r->utf8 << "\n";
    if (!out) {
      std::cerr << "extract_bench: cannot write " << options.corpus_file << "\n";
      return 1;
    }
  }

  double best = 1e300;
  size_t sink = 0;
  for (int run = 0; run < options.repeat; ++run) {
    const auto start = std::chrono::steady_clock::now();
    for (const Report* r : corpus) {
      auto result = kg::ingest::BuildReportGraph(r->bytes, {}, gazetteer.get());
      if (!result.ok()) return 1;
      sink += result->graph.edges.size();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  const double mb = static_cast<double>(corpus_bytes) / 1e6;
  std::printf(
      "extract: %zu reports (%zu distinct), %.2f MB UTF-8, best of %d runs %.3f s, "
      "%.2f MB/s (edges %zu)\n",
      corpus.size(), reports.size(), mb, options.repeat, best, mb / best,
      sink / static_cast<size_t>(options.repeat));
  std::printf("MBPS %.3f\n", mb / best);
  return 0;
}
