// ReportLabels: report id -> "<region> <year>[ <edition>]", as answers carry it.
//
// A handle on an immutable map shared by every answer from one state of the store
// (report_catalog.h): copying it into an answer costs one reference count, not a copy
// of a label per stored report.
#ifndef KG_SERVICES_QUERY_REPORT_LABELS_H_
#define KG_SERVICES_QUERY_REPORT_LABELS_H_

#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "storage/graph_types.h"

namespace kg::query {

class ReportLabels {
 public:
  using Map = std::map<storage::ReportId, std::string>;
  using const_iterator = Map::const_iterator;
  using value_type = Map::value_type;

  ReportLabels() = default;
  // Implicit, so that code and tests building labels by hand still read naturally.
  ReportLabels(Map labels)  // NOLINT(google-explicit-constructor)
      : map_(std::make_shared<const Map>(std::move(labels))) {}
  ReportLabels(std::initializer_list<value_type> labels) : ReportLabels(Map(labels)) {}
  explicit ReportLabels(std::shared_ptr<const Map> labels) : map_(std::move(labels)) {}

  const_iterator find(storage::ReportId id) const { return map().find(id); }
  const_iterator begin() const { return map().begin(); }
  const_iterator end() const { return map().end(); }
  size_t count(storage::ReportId id) const { return map().count(id); }
  // Throws std::out_of_range for an unknown id, as std::map does (tests only).
  const std::string& at(storage::ReportId id) const { return map().at(id); }
  size_t size() const { return map().size(); }
  bool empty() const { return map().empty(); }
  void clear() { map_.reset(); }

  // The map itself, e.g. to compare whole label sets in tests.
  const Map& map() const { return map_ != nullptr ? *map_ : Empty(); }

 private:
  static const Map& Empty() {
    static const Map* const empty = new Map();
    return *empty;
  }

  std::shared_ptr<const Map> map_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_REPORT_LABELS_H_
