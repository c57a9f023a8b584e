// What every `abis` subcommand shares, kept free of CLI11 so that command files stay cheap to
// compile: the exit code to return and how a failure is reported.
#pragma once

#include <string>

#include "core/status.h"

namespace CLI {
class App;
}

namespace abis::cli {

struct CliContext {
  int exit_code = 0;
};

// Prints "abis: <message>" to stderr when status is an error, stores the matching exit code
// (core/status.h: exit_code_for) in ctx, and returns it.
int finish(CliContext& ctx, const Status& status);

// Replaces the block between "<!-- NAME:begin -->" and "<!-- NAME:end -->" in a Markdown file
// (docs/CONFORMANCE.md) with section, or appends the block; the file is created if missing.
Status write_marked_section(const std::string& path, const std::string& name, const std::string& section);

// Each command group adds itself to the root command. One function per file in src/cli/.
void add_version_commands(CLI::App& app, CliContext& ctx);
void add_serve_command(CLI::App& app, CliContext& ctx);
void add_admin_commands(CLI::App& app, CliContext& ctx);   // user, workstation
void add_person_commands(CLI::App& app, CliContext& ctx);
void add_audit_commands(CLI::App& app, CliContext& ctx);
void add_system_commands(CLI::App& app, CliContext& ctx);  // config, calendar
void add_dna_commands(CLI::App& app, CliContext& ctx);
void add_dna_exchange_commands(CLI::App& dna, CliContext& ctx);  // under `dna`
void add_fp_commands(CLI::App& app, CliContext& ctx);
void add_fp_search_commands(CLI::App& app, CliContext& ctx);  // after add_fp_commands
void add_wsq_commands(CLI::App& app, CliContext& ctx);
void add_nist_commands(CLI::App& app, CliContext& ctx);  // ANSI/NIST-ITL transactions
void add_chip_commands(CLI::App& app, CliContext& ctx);  // ICAO 9303 DG3

}  // namespace abis::cli
