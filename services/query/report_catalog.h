// ReportCatalog: the stored reports as of one state of the store, indexed the ways
// questions need them; ReportCatalogCache: the catalog of the latest state seen, kept
// across questions.
//
// Every question scopes itself by the stored reports (report_scope.h). Listing them
// (one ListReports call, an RPC to kg-stored returning all of them) and labelling and
// sorting them costs time in proportion to the number of reports, on every question.
// Reports change only when one is written, so the catalog is built once per write
// generation (storage/read_generation.h) and shared, immutable, by the questions that
// see that generation. Whether the store is still in the cached state is asked with
// one cheap Stats() call, which names its state like every other read.
//
// One-state answers (one_state.h) stay sound: the probe is one of the question's reads,
// so a question answered from a cached catalog of generation G is kept only if all its
// other reads saw G too; otherwise it is asked again and finds the new catalog.
#ifndef KG_SERVICES_QUERY_REPORT_CATALOG_H_
#define KG_SERVICES_QUERY_REPORT_CATALOG_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/query/report_labels.h"
#include "storage/graph_store.h"

namespace kg::query {

class ReportCatalog {
 public:
  // Indexes `reports` (as ListReports returns them, in any order).
  static std::shared_ptr<const ReportCatalog> Build(std::vector<storage::ReportInfo> reports);
  // Reads the stored reports (one ListReports call) and indexes them.
  static absl::StatusOr<std::shared_ptr<const ReportCatalog>> Load(storage::GraphStore* store);

  // Every stored report, ordered by id.
  const std::vector<storage::ReportInfo>& all() const { return all_; }
  // Every stored report, ordered by region, year, edition (then id).
  const std::vector<storage::ReportInfo>& sorted() const { return sorted_; }
  // The stored report with this id; nullptr if none. O(1).
  const storage::ReportInfo* Find(storage::ReportId id) const;
  // Every stored report's label.
  const ReportLabels& labels() const { return labels_; }

 private:
  ReportCatalog() = default;

  std::vector<storage::ReportInfo> all_;
  std::vector<storage::ReportInfo> sorted_;
  std::unordered_map<storage::ReportId, size_t> index_;  // id -> position in all_
  ReportLabels labels_;
};

// The catalog of the latest store state seen, for the questions of one QueryEngine.
// Thread-safe.
class ReportCatalogCache {
 public:
  // The catalog of the store's current state: the cached one if a Stats() probe names
  // the cached state, else one built afresh (one ListReports call) and cached if that
  // read named its state. Both reads are noted to this thread's read observer, as the
  // question's own. A store that names no state (an older kg-stored) never reuses it.
  absl::StatusOr<std::shared_ptr<const ReportCatalog>> Get(storage::GraphStore* store);

 private:
  absl::Mutex mu_;
  // The generation `catalog_` was read at; meaningful only when catalog_ is set.
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  std::shared_ptr<const ReportCatalog> catalog_ ABSL_GUARDED_BY(mu_);
};

// "<region> <year>[ <edition>]".
std::string ReportLabel(const storage::ReportInfo& report);

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_REPORT_CATALOG_H_
