// See raw_write_bench.h.
#include "bench/raw_write_bench.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <random>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"

namespace kg::bench {
namespace {

uint32_t RecordBytes(const storage::Attrs& attrs, size_t spans, size_t fixed) {
  size_t bytes = fixed + 14 * spans;
  for (const auto& [k, v] : attrs) bytes += k.size() + v.size() + 4;
  return static_cast<uint32_t>(bytes);
}

// Code points of UTF-8 text.
size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

BatchShape ShapeOf(const storage::ReportGraph& graph) {
  BatchShape shape;
  auto& e = shape.entries;
  for (const storage::Node& node : graph.nodes) {
    const uint32_t name = static_cast<uint32_t>(node.name.size());
    e.push_back({8, RecordBytes(node.attrs, node.spans.size(), name + node.type.size() + 24)});
    e.push_back({name + 9, 0});  // name index entry
    const size_t chars = CodePoints(node.name);
    for (size_t i = 1; i < chars; ++i) e.push_back({15, 0});  // a bigram posting
  }
  for (const storage::Edge& edge : graph.edges) {
    const uint32_t value = RecordBytes(edge.attrs, edge.spans.size(), 40);
    e.push_back({25, value});  // out-edge
    e.push_back({25, value});  // in-edge
  }
  e.push_back({9, static_cast<uint32_t>(graph.text.size())});
  e.push_back({9, 200});  // manifest
  e.push_back({1, 40});   // counters
  return shape;
}

absl::StatusOr<std::unique_ptr<RawWriter>> RawWriter::Open(const std::string& dir) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, &raw);
  if (!s.ok()) return absl::UnavailableError(absl::StrCat("raw rocksdb: ", s.ToString()));
  return std::unique_ptr<RawWriter>(new RawWriter(std::unique_ptr<rocksdb::DB>(raw)));
}

RawWriter::RawWriter(std::unique_ptr<rocksdb::DB> db) : db_(std::move(db)) {
  // Keys start with 8 random bytes, as the store's hash ids do; values are printable
  // text, which compresses about as the store's records do.
  for (int i = 0; filler_.size() < (1 << 20); ++i) {
    absl::StrAppend(&filler_, "node ", i, " 上海市金山区 task goal serves ");
  }
}

RawWriter::~RawWriter() {
  if (db_ != nullptr) db_->Close().PermitUncheckedError();
}

absl::StatusOr<double> RawWriter::Write(const BatchShape& shape) {
  rocksdb::WriteBatch batch;
  for (const auto& [key_bytes, value_bytes] : shape.entries) {
    key_.assign(std::max<uint32_t>(key_bytes, 8), '\0');
    const uint64_t r = rng_();
    std::memcpy(key_.data(), &r, 8);
    const size_t at = rng_() % (filler_.size() - value_bytes - 1);
    batch.Put(key_, rocksdb::Slice(filler_.data() + at, value_bytes));
  }
  rocksdb::WriteOptions write;
  write.sync = true;
  const auto start = std::chrono::steady_clock::now();
  rocksdb::Status s = db_->Write(write, &batch);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) return absl::UnavailableError(absl::StrCat("raw write: ", s.ToString()));
  return seconds;
}

}  // namespace kg::bench
