// A minimal JSON reader for the test data (the gold annotation files): objects, arrays,
// strings with escapes, numbers, booleans and null. Not for production input.
#ifndef KG_TESTS_SERVICES_INGEST_MINI_JSON_H_
#define KG_TESTS_SERVICES_INGEST_MINI_JSON_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::testing {

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  bool is_null() const { return kind == Kind::kNull; }
  // The member `key` of an object; a null value if absent or not an object.
  const JsonValue& operator[](const std::string& key) const;
};

// Parses a whole document; INVALID_ARGUMENT with the offset of the first error.
absl::StatusOr<JsonValue> ParseJson(std::string_view text);

}  // namespace kg::testing

#endif  // KG_TESTS_SERVICES_INGEST_MINI_JSON_H_
