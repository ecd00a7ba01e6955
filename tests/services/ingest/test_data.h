// Reads files under tests/data for the ingest tests.
#ifndef KG_TESTS_SERVICES_INGEST_TEST_DATA_H_
#define KG_TESTS_SERVICES_INGEST_TEST_DATA_H_

#include <fstream>
#include <sstream>
#include <string>

namespace kg::testing {

// The bytes of tests/data/<relative>; empty if the file cannot be read.
inline std::string ReadTestData(const std::string& relative) {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/tests/data/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace kg::testing

#endif  // KG_TESTS_SERVICES_INGEST_TEST_DATA_H_
