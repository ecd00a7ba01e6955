// See store_metrics.h.
#include "services/store/store_metrics.h"

#include <string>
#include <utility>

#include "prometheus/client_metric.h"
#include "prometheus/metric_type.h"

namespace kg::store {
namespace {

prometheus::MetricFamily Family(std::string name, std::string help, prometheus::MetricType type) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  return family;
}

void AddGauge(prometheus::MetricFamily* family, double value,
              std::vector<prometheus::ClientMetric::Label> labels = {}) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  metric.gauge.value = value;
  family->metric.push_back(std::move(metric));
}

void AddCounter(prometheus::MetricFamily* family, double value) {
  prometheus::ClientMetric metric;
  metric.counter.value = value;
  family->metric.push_back(std::move(metric));
}

}  // namespace

std::vector<prometheus::MetricFamily> StoreMetrics::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> families;

  // A closed or failing store exports nothing rather than zeros that would read as an
  // emptied database.
  absl::StatusOr<storage::StoreStats> stats = store_->Stats();
  if (stats.ok()) {
    auto records = Family("kg_store_records", "Records the store holds, by kind", MetricType::Gauge);
    AddGauge(&records, static_cast<double>(stats->reports), {{"kind", "reports"}});
    AddGauge(&records, static_cast<double>(stats->nodes), {{"kind", "nodes"}});
    AddGauge(&records, static_cast<double>(stats->edges), {{"kind", "edges"}});
    AddGauge(&records, static_cast<double>(stats->name_entries), {{"kind", "name_entries"}});
    AddGauge(&records, static_cast<double>(stats->postings), {{"kind", "postings"}});
    families.push_back(std::move(records));
  }

  absl::StatusOr<storage::EngineFigures> figures = store_->Figures();
  if (!figures.ok()) return families;

  auto bytes = Family("kg_store_size_bytes",
                      "Database size: SST files and live WAL files on disk; memtables and "
                      "block cache in memory",
                      MetricType::Gauge);
  AddGauge(&bytes, static_cast<double>(figures->sst_bytes), {{"part", "sst"}});
  AddGauge(&bytes, static_cast<double>(figures->wal_bytes), {{"part", "wal"}});
  AddGauge(&bytes, static_cast<double>(figures->memtable_bytes), {{"part", "memtable"}});
  AddGauge(&bytes, static_cast<double>(figures->block_cache_bytes), {{"part", "block_cache"}});
  families.push_back(std::move(bytes));

  auto keys = Family("kg_store_estimated_keys",
                     "RocksDB's estimate of the keys in each column family", MetricType::Gauge);
  for (int i = 0; i < storage::kColumnCount; ++i) {
    AddGauge(&keys, static_cast<double>(figures->estimated_keys[i]),
             {{"column", storage::ColumnName(static_cast<storage::Column>(i))}});
  }
  families.push_back(std::move(keys));

  auto hits = Family("kg_store_block_cache_hits_total",
                     "RocksDB block-cache hits since the store opened", MetricType::Counter);
  AddCounter(&hits, static_cast<double>(figures->block_cache_hits));
  families.push_back(std::move(hits));
  auto misses = Family("kg_store_block_cache_misses_total",
                       "RocksDB block-cache misses since the store opened", MetricType::Counter);
  AddCounter(&misses, static_cast<double>(figures->block_cache_misses));
  families.push_back(std::move(misses));

  // The ratio since open, for dashboards without PromQL rate(); 0 before any look-up.
  const uint64_t lookups = figures->block_cache_hits + figures->block_cache_misses;
  auto ratio = Family("kg_store_block_cache_hit_ratio",
                      "Block-cache hits / look-ups since the store opened", MetricType::Gauge);
  AddGauge(&ratio, lookups == 0 ? 0.0
                                : static_cast<double>(figures->block_cache_hits) /
                                      static_cast<double>(lookups));
  families.push_back(std::move(ratio));
  return families;
}

}  // namespace kg::store
