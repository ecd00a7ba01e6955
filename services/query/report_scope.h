// ReportScope: which stored reports a question is restricted to (its ReportFilter), and
// how each report is named in answers ("上海市金山区 2020").
#ifndef KG_SERVICES_QUERY_REPORT_SCOPE_H_
#define KG_SERVICES_QUERY_REPORT_SCOPE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/report_catalog.h"
#include "services/query/report_labels.h"
#include "storage/graph_store.h"

namespace kg::query {

// Restricts answers to some reports; empty fields restrict nothing.
struct ReportFilter {
  storage::ReportId report = 0;
  std::string region;  // substring of the report's region
  int32_t year = 0;
  bool empty() const { return report == 0 && region.empty() && year == 0; }
};

class ReportScope {
 public:
  // Takes the stored reports from `cache` (report_catalog.h: one Stats() call while
  // the store's state is unchanged) or, when it is null, reads them afresh (one
  // ListReports call), and applies `filter`. An empty filter or one by report id then
  // costs the same however many reports are stored; a region or year filter one pass
  // over them.
  static absl::StatusOr<ReportScope> Load(storage::GraphStore* store, const ReportFilter& filter,
                                          ReportCatalogCache* cache = nullptr);

  // Whether a record of `report` passes the filter; shared records (report 0) always do.
  bool Contains(storage::ReportId report) const;
  // The reports that pass, ordered by region, then year.
  const std::vector<storage::ReportInfo>& selected() const {
    return filter_.empty() ? catalog_->sorted() : selected_;
  }
  // Whether the filter selects no stored report at all. Store look-ups must then not
  // be made (an empty ReportSet would mean every report): the answer is "nothing".
  bool SelectsNone() const { return !filter_.empty() && selected_.empty(); }
  // The reports a store look-up (LookupName, SearchText, GetSpans) is limited to: empty
  // for an empty filter (every report), else the selected ids, ascending. Meaningless
  // when SelectsNone(); check that first.
  const storage::ReportSet& store_reports() const { return store_reports_; }
  // Every stored report, ordered by id.
  const std::vector<storage::ReportInfo>& all() const { return catalog_->all(); }
  // The stored report with this id; nullptr if none.
  const storage::ReportInfo* Find(storage::ReportId id) const { return catalog_->Find(id); }
  // Every stored report's label; a shared handle, cheap to copy into an answer.
  const ReportLabels& labels() const { return catalog_->labels(); }
  const ReportFilter& filter() const { return filter_; }

  // "in the reports of 2019 in regions containing 金山" — for NOT_FOUND messages; empty
  // for an empty filter.
  std::string Describe() const;

 private:
  ReportScope() = default;

  ReportFilter filter_;
  // The stored reports; shared with other questions, never null after Load.
  std::shared_ptr<const ReportCatalog> catalog_;
  // For a non-empty filter only (an empty one selects the catalog's sorted list).
  std::vector<storage::ReportInfo> selected_;
  std::unordered_set<storage::ReportId> selected_ids_;
  storage::ReportSet store_reports_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_REPORT_SCOPE_H_
