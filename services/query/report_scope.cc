// Report filters; see report_scope.h.
#include "services/query/report_scope.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::query {

absl::StatusOr<ReportScope> ReportScope::Load(storage::GraphStore* store,
                                              const ReportFilter& filter,
                                              ReportCatalogCache* cache) {
  ReportScope scope;
  scope.filter_ = filter;
  if (cache != nullptr) {
    KG_ASSIGN_OR_RETURN(scope.catalog_, cache->Get(store));
  } else {
    KG_ASSIGN_OR_RETURN(scope.catalog_, ReportCatalog::Load(store));
  }
  if (filter.empty()) return scope;

  auto passes = [&filter](const storage::ReportInfo& r) {
    if (filter.report != 0 && r.id != filter.report) return false;
    if (filter.year != 0 && r.year != filter.year) return false;
    return filter.region.empty() || r.region.find(filter.region) != std::string::npos;
  };
  if (filter.report != 0) {
    // By id: one look-up, not a pass over every report.
    const storage::ReportInfo* r = scope.catalog_->Find(filter.report);
    if (r != nullptr && passes(*r)) scope.selected_.push_back(*r);
  } else {
    // The catalog's sorted list, filtered, stays sorted.
    for (const auto& r : scope.catalog_->sorted()) {
      if (passes(r)) scope.selected_.push_back(r);
    }
  }
  for (const auto& r : scope.selected_) scope.selected_ids_.insert(r.id);
  // A filter that keeps every stored report scopes nothing: asking the store for all
  // of them by id would only make the look-ups dearer (and the request longer).
  if (scope.selected_.size() < scope.catalog_->all().size()) {
    scope.store_reports_.assign(scope.selected_ids_.begin(), scope.selected_ids_.end());
    std::sort(scope.store_reports_.begin(), scope.store_reports_.end());
  }
  return scope;
}

bool ReportScope::Contains(storage::ReportId report) const {
  if (report == 0) return true;
  if (filter_.empty()) return catalog_->Find(report) != nullptr;
  return selected_ids_.count(report) > 0;
}

std::string ReportScope::Describe() const {
  if (filter_.empty()) return "";
  std::string out = " in the reports";
  if (filter_.report != 0) absl::StrAppend(&out, " with id ", storage::IdToHex(filter_.report));
  if (filter_.year != 0) absl::StrAppend(&out, " of ", filter_.year);
  if (!filter_.region.empty()) absl::StrAppend(&out, " of regions containing ", filter_.region);
  absl::StrAppend(&out, " (", selected().size(), " of ", all().size(), " stored)");
  return out;
}

}  // namespace kg::query
