// The `abis` command: one binary for the server and every operator and examiner tool.
// Each command group lives in its own file (src/cli/*_commands.cpp) and adds itself here.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/version.h"

int main(int argc, char** argv) {
#if defined(ABIS_NEEDS_X86_64_V3) && (defined(__x86_64__) || defined(_M_X64))
  // The engines are compiled for x86-64-v3 (AVX2, FMA, BMI2): refuse clearly rather than die on an
  // illegal instruction on an older processor.
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma") || !__builtin_cpu_supports("bmi2")) {
    std::cerr << "abis: this build needs a processor with AVX2, FMA and BMI2 (x86-64-v3); rebuild with "
                 "cmake -DABIS_PORTABLE_ISA=ON\n";
    return 1;
  }
#endif
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
  abis::cli::add_fp_commands(app, ctx);
  abis::cli::add_fp_search_commands(app, ctx);
  abis::cli::add_wsq_commands(app, ctx);
  abis::cli::add_nist_commands(app, ctx);
  abis::cli::add_chip_commands(app, ctx);

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
