// libFuzzer target for kg's Cypher parser and planner (services/query/cypher): any
// bytes must give a planned query or an INVALID_ARGUMENT error that says where
// ("line L, column C: …"), never a crash, a hang or a leak. Accepted queries are planned
// and explained too, since the planner walks whatever the parser built.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "services/query/cypher/lexer.h"
#include "services/query/cypher/parser.h"
#include "services/query/cypher/planner.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto query = kg::cypher::Parse(text);
  if (!query.ok()) {
    KG_FUZZ_CHECK(query.status().code() == absl::StatusCode::kInvalidArgument,
                  "parse errors are INVALID_ARGUMENT");
    const std::string message(query.status().message());
    KG_FUZZ_CHECK(absl::StartsWith(message, "line ") || size > kg::cypher::kMaxQueryBytes,
                  "parse errors give a position");
    return 0;
  }
  auto plan = kg::cypher::MakePlan(*query);
  KG_FUZZ_CHECK(plan.ok(), "a parsed query can be planned");
  KG_FUZZ_CHECK(!kg::cypher::ExplainPlan(*plan).empty(), "a plan explains itself");
  return 0;
}
