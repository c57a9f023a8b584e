// Config: the settings of one abis installation, merged from three layers, later ones winning:
//   1. defaults (the table in config.cpp, which is also the documentation of every key),
//   2. a file of `key = value` lines (DATA_DIR/abis.conf, or --config FILE),
//   3. environment variables ABIS_<KEY> with dots as underscores (ABIS_SERVER_LISTEN),
//   4. command-line flags (--set key=value, and the few dedicated flags such as --listen).
// Unknown keys are refused, so a typo never silently falls back to a default.
// Immutable after building: safe to share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace abis::core {

struct ConfigKey {
  std::string_view key;
  std::string_view default_value;
  std::string_view description;
};

// Every key abis knows, with its default and meaning.
const std::vector<ConfigKey>& known_config_keys();

class Config {
 public:
  // Defaults only.
  Config();

  // Layer 2: a `key = value` file ('#' starts a comment). Missing file is not an error when
  // `optional` is true.
  Status merge_file(const std::filesystem::path& path, bool optional);
  // Layer 3: ABIS_* variables from the process environment (ABIS_ADMIN_PASSWORD and other
  // non-config variables are ignored).
  Status merge_environment();
  Status set(std::string_view key, std::string_view value);

  std::string get(std::string_view key) const;
  Result<std::int64_t> get_int(std::string_view key, std::int64_t min, std::int64_t max) const;
  Result<bool> get_bool(std::string_view key) const;

  // Where each value came from ("default", a file path, "environment", "flag"), for `abis config`.
  const std::string& source_of(std::string_view key) const;

 private:
  struct Entry {
    std::string value;
    std::string source;
  };
  Status set_from(std::string_view key, std::string_view value, std::string source);
  std::map<std::string, Entry, std::less<>> values_;
};

}  // namespace abis::core
