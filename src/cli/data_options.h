// The options every command that works on a data folder shares (--data, --config, --set) and
// the opening of the system from them. Keeps CLI11 out of the header.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "registry/system.h"

namespace CLI {
class App;
}

namespace abis::cli {

struct DataOptions {
  std::string data_dir = "abis-data";
  std::string config_file;        // default DATA_DIR/abis.conf when it exists
  std::vector<std::string> sets;  // key=value
};

void add_data_options(CLI::App* command, DataOptions& options);

// Config from defaults, the file, the environment and --set, in that order.
Result<core::Config> load_config(const DataOptions& options);
Result<std::unique_ptr<registry::System>> open_system(const DataOptions& options);

}  // namespace abis::cli
