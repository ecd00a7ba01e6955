// A small JSON writer for kgctl's -o json and -o jsonl output.
//
// No JSON library is in the project's fixed dependency set, and the export contract
// needs an exact shape and key order, so kgctl writes JSON itself. The output is
// compact (no whitespace), keys appear in the order they are written, and UTF-8 passes
// through unescaped except for quotes, backslashes and control characters; invalid
// UTF-8 becomes U+FFFD so the output is always valid JSON.
//
// Thread-safety: a JsonWriter is not safe for concurrent use.
#ifndef KG_CLIENTS_KGCTL_JSON_WRITER_H_
#define KG_CLIENTS_KGCTL_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::cli {

// Appends `text` to *out as a JSON string literal, quotes included.
void AppendJsonString(std::string_view text, std::string* out);

// `text` as a JSON string literal, quotes included.
std::string JsonString(std::string_view text);

// Builds one JSON value into a string. Commas are inserted automatically; the caller
// pairs every Begin with its End and writes Key before each value inside an object.
class JsonWriter {
 public:
  JsonWriter() = default;

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The key of the next value; only inside an object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  // Shortest-ish decimal form (%.6g, so scores read as 0.5, 1, 0.833333); NaN and
  // infinities, which JSON cannot express, are written as null.
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // The text written so far.
  const std::string& str() const { return out_; }
  // Moves the text out; the writer is empty afterwards.
  std::string Release();

 private:
  // Writes the comma separating this value from the previous one, if any.
  void BeforeValue();
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);

  std::string out_;
  // One entry per open object or array: true until its first element is written.
  std::vector<bool> first_in_container_;
  // True between Key and the value it names (no comma before that value).
  bool after_key_ = false;
};

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_JSON_WRITER_H_
