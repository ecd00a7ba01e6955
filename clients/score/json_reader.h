// A small JSON reader for the files kg's tools read: gold annotations
// (tests/data/**/*.gold.json) and the export contract's JSON lines (`kgctl export`).
// It reads objects, arrays, strings with every escape (surrogate pairs included),
// numbers, booleans and null, and refuses anything else with the offset of the error.
//
// No JSON library is in the project's fixed dependency set; kgctl writes JSON with
// clients/kgctl/json_writer.h and reads it with this file.
//
// Thread-safety: ParseJson keeps no state; JsonValue is a plain value.
#ifndef KG_CLIENTS_SCORE_JSON_READER_H_
#define KG_CLIENTS_SCORE_JSON_READER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::score {

// One parsed JSON value. Only the member matching `kind` is meaningful; object keys are
// kept sorted (a duplicated key keeps its last value).
struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_number() const { return kind == Kind::kNumber; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }
  // Whether an object has the member `key`.
  bool has(const std::string& key) const;
  // The member `key` of an object; a null value if absent or not an object.
  const JsonValue& operator[](const std::string& key) const;
};

// Parses one whole document (surrounding whitespace allowed). INVALID_ARGUMENT
// "bad JSON at offset N: <what>" for anything else, including trailing text, raw
// control characters inside strings, and nesting deeper than 200 levels.
absl::StatusOr<JsonValue> ParseJson(std::string_view text);

}  // namespace kg::score

#endif  // KG_CLIENTS_SCORE_JSON_READER_H_
