// ReportScope: which stored reports a question is restricted to (its ReportFilter), and
// how each report is named in answers ("上海市金山区 2020").
#ifndef KG_SERVICES_QUERY_REPORT_SCOPE_H_
#define KG_SERVICES_QUERY_REPORT_SCOPE_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/graph_store.h"

namespace kg::query {

// Restricts answers to some reports; empty fields restrict nothing.
struct ReportFilter {
  storage::ReportId report = 0;
  std::string region;  // substring of the report's region
  int32_t year = 0;
  bool empty() const { return report == 0 && region.empty() && year == 0; }
};

// Report id -> "<region> <year>[ <edition>]", for every stored report.
using ReportLabels = std::map<storage::ReportId, std::string>;

class ReportScope {
 public:
  // Reads the stored reports (one store call) and applies `filter`.
  static absl::StatusOr<ReportScope> Load(storage::GraphStore* store, const ReportFilter& filter);

  // Whether a record of `report` passes the filter; shared records (report 0) always do.
  bool Contains(storage::ReportId report) const {
    return report == 0 || selected_ids_.count(report) > 0;
  }
  // The reports that pass, ordered by region, then year.
  const std::vector<storage::ReportInfo>& selected() const { return selected_; }
  // Every stored report, ordered by id.
  const std::vector<storage::ReportInfo>& all() const { return all_; }
  // The stored report with this id; nullptr if none.
  const storage::ReportInfo* Find(storage::ReportId id) const;
  const ReportLabels& labels() const { return labels_; }
  const ReportFilter& filter() const { return filter_; }

  // "in the reports of 2019 in regions containing 金山" — for NOT_FOUND messages; empty
  // for an empty filter.
  std::string Describe() const;

 private:
  ReportFilter filter_;
  std::vector<storage::ReportInfo> all_;
  std::vector<storage::ReportInfo> selected_;
  std::set<storage::ReportId> selected_ids_;
  ReportLabels labels_;
};

// "<region> <year>[ <edition>]".
std::string ReportLabel(const storage::ReportInfo& report);

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_REPORT_SCOPE_H_
