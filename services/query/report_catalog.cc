// The stored reports, indexed once per store state; see report_catalog.h.
#include "services/query/report_catalog.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "storage/read_generation.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

// The one state `seen` names, if it names exactly one with certainty.
bool NamesOneState(const storage::ReadGenerations& seen) {
  return seen.calls > 0 && !seen.uncertain && seen.min == seen.max;
}

}  // namespace

std::string ReportLabel(const storage::ReportInfo& report) {
  std::string label = absl::StrCat(report.region, " ", report.year);
  if (!report.edition.empty()) absl::StrAppend(&label, " ", report.edition);
  return label;
}

std::shared_ptr<const ReportCatalog> ReportCatalog::Build(
    std::vector<storage::ReportInfo> reports) {
  // Not make_shared: the constructor is private.
  std::shared_ptr<ReportCatalog> catalog(new ReportCatalog());
  std::sort(reports.begin(), reports.end(),
            [](const storage::ReportInfo& a, const storage::ReportInfo& b) { return a.id < b.id; });
  catalog->all_ = std::move(reports);
  catalog->index_.reserve(catalog->all_.size());
  ReportLabels::Map labels;
  for (size_t i = 0; i < catalog->all_.size(); ++i) {
    const storage::ReportInfo& r = catalog->all_[i];
    catalog->index_.emplace(r.id, i);
    labels.emplace_hint(labels.end(), r.id, ReportLabel(r));
  }
  catalog->labels_ = ReportLabels(std::make_shared<const ReportLabels::Map>(std::move(labels)));
  // Stable over the id order: reports with equal keys keep a fixed order.
  catalog->sorted_ = catalog->all_;
  std::stable_sort(catalog->sorted_.begin(), catalog->sorted_.end(),
                   [](const storage::ReportInfo& a, const storage::ReportInfo& b) {
                     return std::tie(a.region, a.year, a.edition) <
                            std::tie(b.region, b.year, b.edition);
                   });
  return catalog;
}

absl::StatusOr<std::shared_ptr<const ReportCatalog>> ReportCatalog::Load(
    storage::GraphStore* store) {
  KG_ASSIGN_OR_RETURN(auto reports, store->ListReports());
  return Build(std::move(reports));
}

const storage::ReportInfo* ReportCatalog::Find(storage::ReportId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &all_[it->second];
}

absl::StatusOr<std::shared_ptr<const ReportCatalog>> ReportCatalogCache::Get(
    storage::GraphStore* store) {
  // The probe. Its observer, on leaving scope, passes what it saw on to the question's
  // observer (ScopedReadObserver nests), so the probe counts as one of its reads.
  storage::ReadGenerations probe;
  absl::StatusOr<storage::StoreStats> stats;
  {
    storage::ScopedReadObserver observer(&probe);
    stats = store->Stats();
  }
  // A failed probe proves nothing about the state; the listing below decides.
  if (stats.ok() && NamesOneState(probe)) {
    absl::MutexLock lock(&mu_);
    // The report count too, as a second guard: a store names its generations from the
    // wall clock at each opening (rocks_engine.cc), so a restarted or restored store
    // does not reuse an earlier run's numbers unless its clock went back.
    if (catalog_ != nullptr && generation_ == probe.min &&
        catalog_->all().size() == stats->reports) {
      return catalog_;
    }
  }

  storage::ReadGenerations listed;
  absl::StatusOr<std::shared_ptr<const ReportCatalog>> catalog;
  {
    storage::ScopedReadObserver observer(&listed);
    catalog = ReportCatalog::Load(store);
  }
  KG_RETURN_IF_ERROR(catalog.status());
  if (NamesOneState(listed)) {
    absl::MutexLock lock(&mu_);
    generation_ = listed.min;
    catalog_ = *catalog;
  }
  return catalog;
}

}  // namespace kg::query
