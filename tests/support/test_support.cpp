#include "support/test_support.h"

#include <cstdlib>

#include "core/ids.h"

namespace abis::testing {
namespace fs = std::filesystem;

fs::path test_data_dir() {
  const char* env = std::getenv("ABIS_TEST_DATA");
  return fs::path(env && *env ? env : ABIS_TEST_DATA_DEFAULT);
}

bool have_test_data() {
  fs::path dir = test_data_dir();
  return !dir.empty() && fs::exists(dir / "README.md");
}

fs::path source_dir() {
  const char* env = std::getenv("ABIS_SOURCE_DIR");
  return fs::path(env && *env ? env : ABIS_SOURCE_DIR_DEFAULT);
}

fs::path abis_binary() {
  const char* env = std::getenv("ABIS_BINARY");
  return fs::path(env && *env ? env : ABIS_BINARY_DEFAULT);
}

TempDir::TempDir() {
  path_ = fs::temp_directory_path() / ("abis-test-" + core::new_id());
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace abis::testing
