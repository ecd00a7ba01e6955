// ScopedTempDir: a fresh directory for one test, removed with its contents afterwards,
// so that tests never share a database and can run in parallel.
#ifndef KG_TESTS_STORAGE_SCOPED_TEMP_DIR_H_
#define KG_TESTS_STORAGE_SCOPED_TEMP_DIR_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

#include "gtest/gtest.h"

namespace kg::testing {

class ScopedTempDir {
 public:
  // Creates <TempDir>/kg.<suite>.<test>.<pid>.<n>, named after the running test.
  ScopedTempDir() {
    static std::atomic<int> counter{0};
    std::string name = "kg";
    if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
      name += std::string(".") + info->test_suite_name() + "." + info->name();
    }
    name += "." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    for (char& c : name) {
      if (c == '/') c = '_';  // parameterised test names contain slashes
    }
    path_ = (std::filesystem::path(::testing::TempDir()) / name).string();
    std::error_code error;
    std::filesystem::remove_all(path_, error);
    std::filesystem::create_directories(path_, error);
    EXPECT_FALSE(error) << "cannot create " << path_ << ": " << error.message();
  }

  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  ~ScopedTempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }

  // The directory; it exists and starts empty.
  const std::string& path() const { return path_; }

  // A path inside the directory that does not exist yet.
  std::string Sub(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }

 private:
  std::string path_;
};

}  // namespace kg::testing

#endif  // KG_TESTS_STORAGE_SCOPED_TEMP_DIR_H_
