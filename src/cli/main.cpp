// The `abis` command: one binary for the server and every operator and examiner tool.
// Each command group lives in its own file (src/cli/*_commands.cpp) and adds itself here.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  CLI::App app{"abis - automated biometric identification system (dactyloscopic and genomic)",
               "abis"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("abis ") + abis::cli::kVersion);
  app.footer("Run 'abis COMMAND --help' for the options of a command.");
  abis::cli::CliContext ctx;

  abis::cli::add_serve_command(app, ctx);
  abis::cli::add_admin_commands(app, ctx);
  abis::cli::add_person_commands(app, ctx);
  abis::cli::add_audit_commands(app, ctx);
  abis::cli::add_system_commands(app, ctx);
  abis::cli::add_version_commands(app, ctx);
  abis::cli::add_dna_commands(app, ctx);
  abis::cli::add_wsq_commands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // bad usage: same code as invalid input
  }
  if (argc == 1) {
    std::cout << app.help();
    return 2;
  }
  return ctx.exit_code;
}
