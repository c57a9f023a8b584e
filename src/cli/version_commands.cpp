#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/version.h"

namespace abis::cli {

void add_version_commands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("version", "Print the version of abis");
  cmd->callback([&ctx] {
    std::cout << "abis " << kVersion << "\n";
    finish(ctx, Status::ok());
  });
}

}  // namespace abis::cli
