#include "support/test_support.h"

#include <cstdlib>

#include "core/ids.h"

namespace abis::testing {
namespace fs = std::filesystem;

fs::path test_data_dir() {
  const char* env = std::getenv("ABIS_TEST_DATA");
  return env ? fs::path(env) : fs::path();
}

bool have_test_data() {
  fs::path dir = test_data_dir();
  return !dir.empty() && fs::exists(dir / "README.md");
}

fs::path source_dir() {
  const char* env = std::getenv("ABIS_SOURCE_DIR");
  return env ? fs::path(env) : fs::current_path();
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
