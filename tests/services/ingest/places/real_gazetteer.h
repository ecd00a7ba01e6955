// The real gazetteer (third_party/gazetteer, installed by scripts/setup.sh) for tests
// that extract whole reports: loaded once per test binary and shared.
#ifndef KG_TESTS_SERVICES_INGEST_PLACES_REAL_GAZETTEER_H_
#define KG_TESTS_SERVICES_INGEST_PLACES_REAL_GAZETTEER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/ingest/places/gazetteer.h"

namespace kg::testing {

inline std::string RealGazetteerDir() {
  return std::string(KG_SOURCE_DIR) + "/third_party/gazetteer";
}

// The loaded gazetteer, or the error that kept it from loading (tests must fail, not
// skip, on it: the message says to run scripts/setup.sh).
inline const absl::StatusOr<std::unique_ptr<const ingest::places::Gazetteer>>& RealGazetteer() {
  static const auto* loaded = new absl::StatusOr<std::unique_ptr<const ingest::places::Gazetteer>>(
      ingest::places::Gazetteer::Load(RealGazetteerDir()));
  return *loaded;
}

// The loaded gazetteer; null when it is missing (the places tests fail on that).
inline const ingest::places::Gazetteer* RealGazetteerOrNull() {
  return RealGazetteer().ok() ? RealGazetteer()->get() : nullptr;
}

inline std::string MissingGazetteerMessage() {
  return "the gazetteer is not installed at " + RealGazetteerDir() + " (" +
         std::string(RealGazetteer().status().message()) +
         "): run scripts/setup.sh (it runs scripts/fetch-gazetteer.sh)";
}

}  // namespace kg::testing

#endif  // KG_TESTS_SERVICES_INGEST_PLACES_REAL_GAZETTEER_H_
