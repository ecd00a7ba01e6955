// Opening a kg store's RocksDB instance and reading typed records; see rocks_engine.h.
#include "storage/rocks_engine.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/write_buffer_manager.h"
#include "rocksdb/table.h"
#include "storage/record_codec.h"
#include "storage/rocks_status.h"
#include "storage/status_macros.h"

namespace kg::storage {
namespace {

struct ColumnSpec {
  Column column;
  const char* name;
};

constexpr ColumnSpec kColumns[kColumnCount] = {
    {Column::kNodes, kNodesColumn},       {Column::kOutEdges, kOutEdgesColumn},
    {Column::kInEdges, kInEdgesColumn},   {Column::kNames, kNamesColumn},
    {Column::kPostings, kPostingsColumn}, {Column::kMeta, kMetaColumn},
    {Column::kShares, kSharesColumn},
};

bool IsEdgeColumn(Column column) {
  return column == Column::kOutEdges || column == Column::kInEdges;
}

rocksdb::ColumnFamilyOptions OptionsFor(Column column,
                                        const std::shared_ptr<rocksdb::Cache>& block_cache) {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache;
  // Bloom filters make point reads of absent nodes and seeks of nodes without edges
  // skip most SST files; on the edge families they are built on the prefix.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  if (IsEdgeColumn(column)) {
    options.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kEdgePrefixLength));
    options.memtable_prefix_bloom_size_ratio = 0.1;
    table.whole_key_filtering = false;  // edges are only ever found by prefix
  } else if (column == Column::kNodes) {
    // Nodes are read by id: a hash index in each data block finds the entry without the
    // binary search and linear scan of its block (RocksDB's "data block hash index";
    // readers of blocks without one still work, so this is not a format change).
    table.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
    table.data_block_hash_table_util_ratio = 0.75;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

// What is in `dir` before opening.
enum class DirState { kFresh, kRocksDb, kOther };

absl::StatusOr<DirState> InspectDir(const std::string& dir,
                                    std::vector<std::string>* column_names) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    if (error) return absl::UnavailableError(absl::StrCat(dir, ": ", error.message()));
    return DirState::kFresh;
  }
  if (!std::filesystem::is_directory(dir, error)) return DirState::kOther;
  if (std::filesystem::is_empty(dir, error)) return DirState::kFresh;
  if (error) return absl::UnavailableError(absl::StrCat(dir, ": ", error.message()));
  rocksdb::Status listed = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, column_names);
  return listed.ok() ? DirState::kRocksDb : DirState::kOther;
}

absl::Status NotAStore(const std::string& dir, std::string_view why) {
  return absl::FailedPreconditionError(
      absl::StrCat(dir, " is not a kg store (", std::string(why), ")"));
}

// Absent stays absent; present bytes must parse.
template <typename Record>
absl::StatusOr<std::optional<Record>> ParseIfPresent(const std::optional<std::string>& value,
                                                     std::string_view what) {
  if (!value.has_value()) return std::nullopt;
  return ParseRecord<Record>(*value, what);
}

}  // namespace

const char* ColumnName(Column column) {
  for (const ColumnSpec& spec : kColumns) {
    if (spec.column == column) return spec.name;
  }
  return "unknown";
}

absl::StatusOr<std::unique_ptr<RocksEngine>> RocksEngine::Open(const std::string& dir) {
  std::vector<std::string> existing_columns;
  KG_ASSIGN_OR_RETURN(const DirState state, InspectDir(dir, &existing_columns));
  if (state == DirState::kOther) return NotAStore(dir, "not an empty directory or RocksDB");
  const bool fresh = state == DirState::kFresh;
  if (fresh) {
    // RocksDB creates only the last path component; a data directory may be deeper.
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) return absl::UnavailableError(absl::StrCat("creating ", dir, ": ", error.message()));
  } else {
    std::vector<std::string> missing;
    for (const ColumnSpec& spec : kColumns) {
      if (std::find(existing_columns.begin(), existing_columns.end(), spec.name) ==
          existing_columns.end()) {
        missing.push_back(spec.name);
      }
    }
    if (missing == std::vector<std::string>{kSharesColumn}) {
      // Format 1 had every family but `shares`.
      return absl::FailedPreconditionError(absl::StrCat(
          dir, " is a kg store of format version 1, written by an older kg; this kg reads "
               "version ", kFormatVersion, ": ingest the reports again into a new data directory"));
    }
    if (!missing.empty()) return NotAStore(dir, absl::StrCat("no column family ", missing[0]));
  }
  rocksdb::DBOptions db_options;
  // Tickers only (no timers): the block-cache hit rate operators ask for costs an atomic
  // increment per look-up, not a clock read.
  std::shared_ptr<rocksdb::Statistics> statistics = rocksdb::CreateDBStatistics();
  statistics->set_stats_level(rocksdb::StatsLevel::kExceptTimers);
  db_options.statistics = statistics;
  // One budget for the memtables of all seven families: each would otherwise fill to its
  // own 64 MiB before a flush, and a store under steady writes grew by hundreds of MiB
  // before its memory levelled off.
  db_options.write_buffer_manager = std::make_shared<rocksdb::WriteBufferManager>(64 << 20);
  // A WAL file is kept until every family with data in it has flushed, and `meta` (one
  // small counters write per batch) rarely fills a memtable: without a cap the WAL grew
  // to 3 GB, three times the SST files, in a bulk load. Past the cap RocksDB flushes the
  // families holding the oldest WAL, which bounds disk use and recovery time.
  db_options.max_total_wal_size = 256 << 20;
  db_options.create_if_missing = fresh;
  db_options.create_missing_column_families = fresh;
  // One LRU block cache for all families, so that the hot family of the moment (edges
  // during walks, postings during searches) can use all of it; RocksDB's default is an
  // 8 MiB cache per family, which a 100k-node store already outgrew (43% misses on
  // 1-hop reads). Its size is the read memory kg-stored may hold beyond its memtables.
  std::shared_ptr<rocksdb::Cache> block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (const ColumnSpec& spec : kColumns) {
    descriptors.emplace_back(spec.name, OptionsFor(spec.column, block_cache));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  KG_RETURN_IF_ERROR(FromRocksStatus(rocksdb::DB::Open(db_options, dir, descriptors, &handles, &db),
                                     absl::StrCat("opening ", dir)));

  std::unique_ptr<RocksEngine> engine(new RocksEngine());
  engine->db_.reset(db);
  engine->statistics_ = std::move(statistics);
  // Generations name states to readers across calls (read_generation.h), also to
  // kg-queryd caching what it read at one (its report catalog). Starting each opening at
  // twice the wall clock in microseconds (even: no batch landing) keeps a restarted
  // store from naming a new state with a number an earlier run used.
  const auto since_epoch = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  engine->commit_generation_.store(2 * static_cast<uint64_t>(since_epoch.count()));
  engine->block_cache_ = std::move(block_cache);
  engine->default_handle_ = handles[0];
  for (int i = 0; i < kColumnCount; ++i) {
    engine->handles_[static_cast<int>(kColumns[i].column)] = handles[i + 1];
  }

  const std::string expected_version = absl::StrCat(kFormatVersion);
  if (fresh) {
    rocksdb::WriteBatch batch;
    batch.Put(engine->Handle(Column::kMeta), kFormatVersionKey, expected_version);
    KG_RETURN_IF_ERROR(engine->Write(&batch));
    return engine;
  }
  KG_ASSIGN_OR_RETURN(std::optional<std::string> version,
                      engine->Get(nullptr, Column::kMeta, kFormatVersionKey));
  if (!version.has_value()) return NotAStore(dir, "no format version");
  if (*version != expected_version) {
    return absl::FailedPreconditionError(absl::StrCat(dir, " has store format version ", *version,
                                                      "; this build reads ", expected_version));
  }
  return engine;
}

RocksEngine::~RocksEngine() { Close().IgnoreError(); }

absl::Status RocksEngine::Close() {
  if (db_ == nullptr) return absl::OkStatus();
  absl::Status status;
  for (rocksdb::ColumnFamilyHandle*& handle : handles_) {
    if (handle != nullptr) status.Update(FromRocksStatus(db_->DestroyColumnFamilyHandle(handle)));
    handle = nullptr;
  }
  if (default_handle_ != nullptr) {
    status.Update(FromRocksStatus(db_->DestroyColumnFamilyHandle(default_handle_)));
    default_handle_ = nullptr;
  }
  status.Update(FromRocksStatus(db_->Close(), "closing store"));
  db_.reset();
  return status;
}

EngineFigures RocksEngine::Figures() const {
  EngineFigures figures;
  if (db_ == nullptr) return figures;
  for (const ColumnSpec& spec : kColumns) {
    rocksdb::ColumnFamilyHandle* handle = Handle(spec.column);
    uint64_t value = 0;
    if (db_->GetIntProperty(handle, rocksdb::DB::Properties::kTotalSstFilesSize, &value)) {
      figures.sst_bytes += value;
    }
    if (db_->GetIntProperty(handle, rocksdb::DB::Properties::kCurSizeAllMemTables, &value)) {
      figures.memtable_bytes += value;
    }
    if (db_->GetIntProperty(handle, rocksdb::DB::Properties::kEstimateNumKeys, &value)) {
      figures.estimated_keys[static_cast<int>(spec.column)] = value;
    }
  }
  // One cache serves every family.
  figures.block_cache_bytes = block_cache_->GetUsage();
  rocksdb::VectorLogPtr wal_files;
  if (db_->GetSortedWalFiles(wal_files).ok()) {
    for (const std::unique_ptr<rocksdb::LogFile>& file : wal_files) {
      figures.wal_bytes += file->SizeFileBytes();
    }
  }
  if (statistics_ != nullptr) {
    figures.block_cache_hits = statistics_->getTickerCount(rocksdb::BLOCK_CACHE_HIT);
    figures.block_cache_misses = statistics_->getTickerCount(rocksdb::BLOCK_CACHE_MISS);
  }
  return figures;
}

std::unique_ptr<rocksdb::ManagedSnapshot> RocksEngine::NewSnapshot() {
  return std::make_unique<rocksdb::ManagedSnapshot>(db_.get());
}

absl::StatusOr<std::optional<std::string>> RocksEngine::Get(const rocksdb::Snapshot* snapshot,
                                                            Column column,
                                                            std::string_view key) const {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  std::string value;
  rocksdb::Status status =
      db_->Get(options, Handle(column), rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return std::nullopt;
  KG_RETURN_IF_ERROR(FromRocksStatus(status));
  return value;
}

absl::Status RocksEngine::Scan(
    const rocksdb::Snapshot* snapshot, Column column, std::string_view prefix,
    const std::function<bool(std::string_view key, std::string_view value)>& fn) const {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  // The edge families' prefix extractor only applies to seeks of a whole node id;
  // anything shorter (a full scan) must ignore it or keys would be skipped.
  const bool use_prefix = IsEdgeColumn(column) && prefix.size() >= kEdgePrefixLength;
  options.prefix_same_as_start = use_prefix;
  options.total_order_seek = !use_prefix;
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  if (!upper.empty()) options.iterate_upper_bound = &upper_slice;

  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, Handle(column)));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    const rocksdb::Slice value = it->value();
    if (!fn(std::string_view(key.data(), key.size()),
            std::string_view(value.data(), value.size()))) {
      break;
    }
  }
  return FromRocksStatus(it->status(), "scanning");
}

absl::Status RocksEngine::ScanPrefixes(
    const rocksdb::Snapshot* snapshot, Column column, const std::vector<std::string>& prefixes,
    const std::function<bool(std::string_view key, std::string_view value)>& fn) const {
  if (prefixes.empty()) return absl::OkStatus();
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  options.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, Handle(column)));
  for (const std::string& prefix : prefixes) {
    const rocksdb::Slice wanted(prefix);
    for (it->Seek(wanted); it->Valid() && it->key().starts_with(wanted); it->Next()) {
      const rocksdb::Slice key = it->key();
      const rocksdb::Slice value = it->value();
      if (!fn(std::string_view(key.data(), key.size()),
              std::string_view(value.data(), value.size()))) {
        return FromRocksStatus(it->status(), "scanning");
      }
    }
    if (!it->status().ok()) break;
  }
  return FromRocksStatus(it->status(), "scanning");
}

absl::StatusOr<std::optional<NodeRecord>> RocksEngine::ReadNode(const rocksdb::Snapshot* snapshot,
                                                                NodeId id) const {
  KG_ASSIGN_OR_RETURN(auto value, Get(snapshot, Column::kNodes, EncodeNodeKey(id)));
  return ParseIfPresent<NodeRecord>(value, "node");
}

absl::StatusOr<std::vector<std::optional<Node>>> RocksEngine::ReadNodes(
    const rocksdb::Snapshot* snapshot, const std::vector<NodeId>& ids) const {
  std::vector<std::optional<Node>> nodes(ids.size());
  if (ids.empty()) return nodes;
  std::vector<std::string> keys;
  keys.reserve(ids.size());
  for (NodeId id : ids) keys.push_back(EncodeNodeKey(id));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(ids.size());
  std::vector<rocksdb::Status> statuses(ids.size());
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  if (ids.size() <= kPointReadBatch) {
    // The nodes family's data-block hash index serves Get only (MultiGet searches each
    // block), and a 1-hop asks for a handful of nodes. Several Gets need a snapshot to
    // see one state.
    std::unique_ptr<rocksdb::ManagedSnapshot> own;
    if (snapshot == nullptr && ids.size() > 1) {
      own = std::make_unique<rocksdb::ManagedSnapshot>(db_.get());
      options.snapshot = own->snapshot();
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      statuses[i] = db_->Get(options, Handle(Column::kNodes), slices[i], &values[i]);
    }
  } else {
    db_->MultiGet(options, Handle(Column::kNodes), ids.size(), slices.data(), values.data(),
                  statuses.data());
  }
  RecordDecoder decoder;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    KG_RETURN_IF_ERROR(FromRocksStatus(statuses[i]));
    KG_ASSIGN_OR_RETURN(nodes[i],
                        decoder.DecodeNode(std::string_view(values[i].data(), values[i].size())));
  }
  return nodes;
}

absl::StatusOr<std::optional<EdgeRecord>> RocksEngine::ReadEdge(const rocksdb::Snapshot* snapshot,
                                                                const EdgeKey& key) const {
  KG_ASSIGN_OR_RETURN(auto value, Get(snapshot, Column::kOutEdges, EncodeOutEdgeKey(key)));
  return ParseIfPresent<EdgeRecord>(value, "edge");
}

absl::StatusOr<std::optional<ReportManifest>> RocksEngine::ReadManifest(
    const rocksdb::Snapshot* snapshot, ReportId report) const {
  KG_ASSIGN_OR_RETURN(auto value, Get(snapshot, Column::kMeta, EncodeManifestKey(report)));
  return ParseIfPresent<ReportManifest>(value, "report manifest");
}

absl::StatusOr<std::optional<std::string>> RocksEngine::ReadText(const rocksdb::Snapshot* snapshot,
                                                                 ReportId report) const {
  return Get(snapshot, Column::kMeta, EncodeTextKey(report));
}

absl::StatusOr<StoreCounters> RocksEngine::ReadCounters(const rocksdb::Snapshot* snapshot) const {
  KG_ASSIGN_OR_RETURN(auto value, Get(snapshot, Column::kMeta, kCountersKey));
  KG_ASSIGN_OR_RETURN(std::optional<StoreCounters> counters,
                      ParseIfPresent<StoreCounters>(value, "counters"));
  return counters.value_or(StoreCounters());
}

absl::Status RocksEngine::Compact() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    KG_RETURN_IF_ERROR(FromRocksStatus(db_->Flush(rocksdb::FlushOptions(), handle), "flushing"));
    rocksdb::CompactRangeOptions options;
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    KG_RETURN_IF_ERROR(
        FromRocksStatus(db_->CompactRange(options, handle, nullptr, nullptr), "compacting"));
  }
  return absl::OkStatus();
}

absl::Status RocksEngine::Checkpoint(const std::string& dir) {
  rocksdb::Checkpoint* raw = nullptr;
  KG_RETURN_IF_ERROR(FromRocksStatus(rocksdb::Checkpoint::Create(db_.get(), &raw), "checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // Flushing the memtables first (log_size_for_flush 0) keeps the copy free of WAL
  // replay work when it is opened.
  return FromRocksStatus(checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0),
                         absl::StrCat("creating checkpoint in ", dir));
}

absl::Status RocksEngine::Write(rocksdb::WriteBatch* batch) {
  rocksdb::WriteOptions options;
  options.sync = true;
  commit_generation_.fetch_add(1);  // odd: a batch may be landing
  rocksdb::Status status = db_->Write(options, batch);
  commit_generation_.fetch_add(1);
  return FromRocksStatus(status, "writing");
}

}  // namespace kg::storage
