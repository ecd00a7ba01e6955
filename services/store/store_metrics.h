// The store's own Prometheus figures, read when /metrics is scraped: what the store holds
// (reports, nodes, edges, from the counters every write keeps), its size on disk and in
// memory and RocksDB's key estimates per column family, and the RocksDB block cache's
// hits and misses with their ratio. Nothing is scanned: a scrape costs a few property
// reads.
#ifndef KG_SERVICES_STORE_STORE_METRICS_H_
#define KG_SERVICES_STORE_STORE_METRICS_H_

#include <memory>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "storage/rocks_graph_store.h"

namespace kg::store {

class StoreMetrics : public prometheus::Collectable {
 public:
  // `store` must outlive every Collect() call (the metrics endpoint stops before the
  // daemon closes its store).
  explicit StoreMetrics(storage::RocksGraphStore* store) : store_(store) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  storage::RocksGraphStore* store_;
};

}  // namespace kg::store

#endif  // KG_SERVICES_STORE_STORE_METRICS_H_
