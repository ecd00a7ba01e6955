// The --report/--region/--year flags that restrict a query to some reports, shared by
// the query commands so that they read the same everywhere.
#ifndef KG_CLIENTS_KGCTL_FILTER_FLAGS_H_
#define KG_CLIENTS_KGCTL_FILTER_FLAGS_H_

#include <string>

#include "kg/v1/query.pb.h"

namespace CLI {
class App;
}  // namespace CLI

namespace kg::cli {

// Values of the filter flags; empty or 0 restricts nothing.
struct FilterFlags {
  std::string report_id;
  std::string region;
  int year = 0;

  // Declares --report, --region and --year on `sub`, bound to this object.
  void AddTo(CLI::App* sub);
  kg::v1::ReportFilter ToProto() const;
};

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_FILTER_FLAGS_H_
