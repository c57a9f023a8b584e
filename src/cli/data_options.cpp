#include "cli/data_options.h"

#include <CLI/CLI.hpp>

#include "core/log.h"

namespace abis::cli {

void add_data_options(CLI::App* command, DataOptions& options) {
  command->add_option("--data", options.data_dir, "Data folder (created on first use)")->capture_default_str();
  command->add_option("--config", options.config_file, "Settings file (default: DATA/abis.conf if present)");
  command->add_option("--set", options.sets, "Override a setting: --set key=value (repeatable)");
}

Result<core::Config> load_config(const DataOptions& options) {
  core::Config config;
  if (!options.config_file.empty()) {
    ABIS_RETURN_IF_ERROR(config.merge_file(options.config_file, false));
  } else {
    ABIS_RETURN_IF_ERROR(config.merge_file(std::filesystem::path(options.data_dir) / "abis.conf", true));
  }
  ABIS_RETURN_IF_ERROR(config.merge_environment());
  for (const auto& kv : options.sets) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) return invalid_argument("--set needs key=value, not '" + kv + "'");
    ABIS_RETURN_IF_ERROR(config.set(kv.substr(0, eq), kv.substr(eq + 1)));
  }
  return config;
}

Result<std::unique_ptr<registry::System>> open_system(const DataOptions& options) {
  ABIS_ASSIGN_OR_RETURN(core::Config config, load_config(options));
  core::log::configure(config.get("log.level"), config.get("log.format"));
  registry::SystemOptions sys;
  sys.data_dir = options.data_dir;
  sys.config = config;
  auto system = registry::System::open(sys);
  if (!system.is_ok()) return system.status().with_context("data folder " + options.data_dir);
  return system;
}

}  // namespace abis::cli
