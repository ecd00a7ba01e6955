// Fuzzes what a user types into a question: name folding and bigrams (storage/
// fulltext.h), page tokens and sizes (services/query/paging.h), and the resolver and
// the phrase questions (resolver.h, query_engine.h) over a small RocksGraphStore holding
// two real reports, built once in a temporary directory.
//
// Input: fields separated by '\n' —
//   op      first byte picks the question: r resolve, s search, m mentions, t term,
//           v serves, p path, n neighbors, w show; anything else only folds and pages
//   phrase  the name or phrase
//   token   a page token ("p50")
//   size    a page size, as decimal text (negative and huge sizes included)
//   extra   the second name of path, the region filter of the others
// (path takes the token field as the one edge type to walk, when given)
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "services/ingest/ingest_pipeline.h"
#include "services/query/paging.h"
#include "services/query/query_engine.h"
#include "services/query/report_scope.h"
#include "services/query/resolver.h"
#include "storage/fulltext.h"
#include "storage/rocks_graph_store.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace fs = std::filesystem;

// Real reports, so that names, terms and goals look like what users ask about.
constexpr const char* kReports[] = {"tests/data/jinshan-2020.txt",
                                    "tests/data/dev/2022-baoding-city.txt"};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "query fuzz: %s\n", what.c_str());
  std::abort();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string& StoreDir() {
  static std::string dir;
  return dir;
}

void RemoveStoreDir() {
  std::error_code ignored;
  if (!StoreDir().empty()) fs::remove_all(StoreDir(), ignored);
}

kg::storage::GraphStore* Store() {
  static kg::storage::RocksGraphStore* store = [] {
    std::string templ = (fs::temp_directory_path() / "kg-query-fuzz-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) Die("mkdtemp failed");
    StoreDir() = templ;
    std::atexit(RemoveStoreDir);
    auto opened = kg::storage::RocksGraphStore::Open(templ + "/store");
    if (!opened.ok()) Die("cannot open the store: " + opened.status().ToString());
    for (const char* report : kReports) {
      auto extracted = kg::ingest::BuildReportGraph(
          ReadFile(std::string(KG_SOURCE_DIR "/") + report), kg::ingest::IngestOptions{});
      if (!extracted.ok()) Die(std::string(report) + ": " + extracted.status().ToString());
      bool replaced = false;
      auto put = (*opened)->PutReport(extracted->graph, &replaced);
      if (!put.ok()) Die(std::string(report) + ": " + put.status().ToString());
    }
    return opened->release();
  }();
  return store;
}

void CheckFolding(const std::string& phrase) {
  const std::string folded = kg::storage::FoldText(phrase);
  KG_FUZZ_CHECK(kg::fuzz::IsValidUtf8(folded), "folded text is UTF-8");
  for (const std::string& token : kg::storage::Bigrams(folded)) {
    KG_FUZZ_CHECK(!token.empty(), "tokens are not empty");
    KG_FUZZ_CHECK(kg::storage::CodePointCount(token) <= 2, "tokens are one or two code points");
  }
  // The code point helpers agree with each other on any bytes, valid UTF-8 or not.
  const std::vector<size_t> offsets = kg::storage::CodePointByteOffsets(phrase);
  const size_t count = kg::storage::CodePointCount(phrase);
  KG_FUZZ_CHECK(offsets.size() == count + 1, "one offset per code point, and the end");
  KG_FUZZ_CHECK(offsets.back() == phrase.size(), "the last offset is the end");
  const kg::storage::CodePointIndex index(phrase);
  KG_FUZZ_CHECK(index.size() == count, "the index counts what CodePointCount counts");
  for (size_t cp = 0; cp <= count; ++cp) {
    KG_FUZZ_CHECK(index.ByteOffset(phrase, cp) == offsets[cp], "index offsets agree");
  }
}

kg::query::PageRequest Page(const std::string& token, const std::string& size) {
  kg::query::PageRequest page;
  page.token = token;
  int32_t parsed = 0;
  if (absl::SimpleAtoi(size, &parsed)) page.size = parsed;
  auto window = kg::query::ParsePage(page);
  if (window.ok()) {
    KG_FUZZ_CHECK(window->size >= 1 && window->size <= kg::query::kMaxPageSize, "page size");
  } else {
    KG_FUZZ_CHECK(absl::IsInvalidArgument(window.status()), "bad pages are INVALID_ARGUMENT");
  }
  return page;
}

// A question may refuse the input or find nothing; anything else is the engine's fault.
template <typename T>
void CheckAnswer(const absl::StatusOr<T>& answer) {
  if (answer.ok()) return;
  const absl::Status& status = answer.status();
  if (!absl::IsInvalidArgument(status) && !absl::IsNotFound(status)) {
    std::fprintf(stderr, "unexpected status: %s\n", status.ToString().c_str());
    KG_FUZZ_CHECK(false, "questions answer, or say INVALID_ARGUMENT or NOT_FOUND");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Store();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> fields = absl::StrSplit(
      absl::string_view(reinterpret_cast<const char*>(data), size), absl::MaxSplits('\n', 4));
  fields.resize(5);
  const std::string& op = fields[0];
  const std::string& phrase = fields[1];
  const std::string& extra = fields[4];

  CheckFolding(phrase);
  const kg::query::PageRequest page = Page(fields[2], fields[3]);

  kg::storage::GraphStore* store = Store();
  kg::query::QueryEngine engine(store);
  kg::query::ReportFilter filter;
  filter.region = extra;
  switch (op.empty() ? '\0' : op[0]) {
    case 'r': {
      auto scope = kg::query::ReportScope::Load(store, filter);
      if (!scope.ok()) return 0;  // a filter matching no report
      kg::query::Resolver resolver(store, &*scope);
      CheckAnswer(resolver.Resolve(phrase, kg::query::ResolveOptions{}));
      break;
    }
    case 's': {
      kg::query::SearchOptions options;
      options.filter = filter;
      options.page = page;
      CheckAnswer(engine.Search(phrase, options));
      break;
    }
    case 'm': {
      kg::query::MentionsOptions options;
      options.filter = filter;
      options.page = page;
      CheckAnswer(engine.Mentions(phrase, options));
      break;
    }
    case 't': {
      kg::query::TermOptions options;
      options.filter = filter;
      options.page = page;
      CheckAnswer(engine.Term(phrase, options));
      break;
    }
    case 'v': {
      kg::query::ServesOptions options;
      options.filter = filter;
      options.page = page;
      CheckAnswer(engine.Serves(phrase, options));
      break;
    }
    case 'p': {
      // The token field, when given, is the one edge type to walk (kgctl path --edge-type).
      kg::query::PathOptions options;
      if (!fields[2].empty()) options.edge_types.push_back(fields[2]);
      CheckAnswer(engine.Path(phrase, extra, options));
      break;
    }
    case 'n': {
      kg::query::NeighborsOptions options;
      options.depth = 2;
      CheckAnswer(engine.Neighbors(phrase, options));
      break;
    }
    case 'w':
      CheckAnswer(engine.Show(phrase, filter));
      break;
    default:
      break;
  }
  return 0;
}
