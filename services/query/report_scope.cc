// Report filters and labels; see report_scope.h.
#include "services/query/report_scope.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::query {

std::string ReportLabel(const storage::ReportInfo& report) {
  std::string label = absl::StrCat(report.region, " ", report.year);
  if (!report.edition.empty()) absl::StrAppend(&label, " ", report.edition);
  return label;
}

absl::StatusOr<ReportScope> ReportScope::Load(storage::GraphStore* store,
                                              const ReportFilter& filter) {
  ReportScope scope;
  scope.filter_ = filter;
  KG_ASSIGN_OR_RETURN(scope.all_, store->ListReports());
  for (const auto& r : scope.all_) {
    scope.labels_[r.id] = ReportLabel(r);
    if (filter.report != 0 && r.id != filter.report) continue;
    if (filter.year != 0 && r.year != filter.year) continue;
    if (!filter.region.empty() && r.region.find(filter.region) == std::string::npos) continue;
    scope.selected_.push_back(r);
    scope.selected_ids_.insert(r.id);
  }
  std::sort(scope.selected_.begin(), scope.selected_.end(),
            [](const storage::ReportInfo& a, const storage::ReportInfo& b) {
              return std::tie(a.region, a.year, a.edition) < std::tie(b.region, b.year, b.edition);
            });
  return scope;
}

const storage::ReportInfo* ReportScope::Find(storage::ReportId id) const {
  for (const auto& r : all_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string ReportScope::Describe() const {
  if (filter_.empty()) return "";
  std::string out = " in the reports";
  if (filter_.report != 0) absl::StrAppend(&out, " with id ", storage::IdToHex(filter_.report));
  if (filter_.year != 0) absl::StrAppend(&out, " of ", filter_.year);
  if (!filter_.region.empty()) absl::StrAppend(&out, " of regions containing ", filter_.region);
  absl::StrAppend(&out, " (", selected_.size(), " of ", all_.size(), " stored)");
  return out;
}

}  // namespace kg::query
