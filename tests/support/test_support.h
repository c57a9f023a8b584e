// Helpers shared by the test binaries.
#pragma once

#include <filesystem>
#include <string>

namespace abis::testing {

// The shared test data folder (../shared/data), found by CMake; $ABIS_TEST_DATA overrides it.
// When it is missing the calling test is skipped, except under CI (CI=true) where missing data
// is a failure: a CI run must never pass by skipping.
std::filesystem::path test_data_dir();
bool have_test_data();

// The repository root ($ABIS_SOURCE_DIR overrides) and the built abis binary ($ABIS_BINARY).
std::filesystem::path source_dir();
std::filesystem::path abis_binary();

// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace abis::testing

// Skips (or, under CI, fails) the current test when the shared data is not present.
#define ABIS_REQUIRE_TEST_DATA()                                                         \
  do {                                                                                   \
    if (!::abis::testing::have_test_data()) {                                            \
      if (std::getenv("CI")) FAIL() << "shared test data not found (set ABIS_TEST_DATA)"; \
      GTEST_SKIP() << "shared test data not found (set ABIS_TEST_DATA)";                 \
    }                                                                                    \
  } while (0)
