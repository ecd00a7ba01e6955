// The report filter flags of the query commands.
#include "clients/kgctl/filter_flags.h"

#include "CLI/CLI.hpp"

namespace kg::cli {

void FilterFlags::AddTo(CLI::App* sub) {
  sub->add_option("--report", report_id, "Only this report (an id from `kgctl reports`)");
  sub->add_option("--region", region, "Only reports whose region contains this text");
  sub->add_option("--year", year, "Only reports of this year")->check(CLI::Range(1, 9999));
}

kg::v1::ReportFilter FilterFlags::ToProto() const {
  kg::v1::ReportFilter filter;
  filter.set_report_id(report_id);
  filter.set_region(region);
  filter.set_year(year);
  return filter;
}

}  // namespace kg::cli
