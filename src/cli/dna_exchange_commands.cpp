// abis dna export: a profile as an ANSI/NIST-ITL transaction with one Type-18 DNA record, for
// exchange with other agencies. (Import needs no command of its own: `abis dna import`, `search`
// and the other commands read Type-18 records from any file that starts like a transaction.)
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli_context.h"
#include "core/file_io.h"
#include "genome/profile_files.h"
#include "genome/profile_nist.h"

namespace abis::cli {

using namespace abis::genome;

void add_dna_exchange_commands(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::string profile, out, loci, ori = "ABIS", dai = "ABIS", tcn;
    bool skip_unnumbered = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "export", "Write one profile as an ANSI/NIST-ITL transaction (Type-1 + Type-18 DNA record)");
  cmd->add_option("profile", o->profile, "the profile (JSON, CSV or ANSI/NIST file with one profile)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", o->out, "the transaction to write (.an2)")->required();
  cmd->add_option("--loci", o->loci,
                  "ANSI/NIST locus number table (\"<number> <locus>\" per line) instead of the "
                  "built-in verified numbers");
  cmd->add_flag("--skip-unnumbered", o->skip_unnumbered,
                "leave out loci that have no ANSI/NIST locus number instead of refusing");
  cmd->add_option("--ori", o->ori, "originating agency (1.008)");
  cmd->add_option("--dai", o->dai, "destination agency (1.007)");
  cmd->add_option("--tcn", o->tcn, "transaction control number (1.009); the profile id by default");
  cmd->callback([o, &ctx] {
    Status s = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(Profile profile, read_single_profile(o->profile));
      AnsiNistLocusNumbers numbers = AnsiNistLocusNumbers::builtin();
      if (!o->loci.empty()) {
        ABIS_ASSIGN_OR_RETURN(std::string text, core::read_text_file(o->loci));
        Result<AnsiNistLocusNumbers> table = AnsiNistLocusNumbers::parse(text);
        if (!table) return table.status().with_context(o->loci);
        numbers = std::move(*table);
      }
      NistExportOptions options;
      options.originating_agency = o->ori;
      options.destination_agency = o->dai;
      options.control_number = o->tcn;
      options.type18.skip_unnumbered = o->skip_unnumbered;
      ABIS_ASSIGN_OR_RETURN(NistExport out, write_profile_ansi_nist(profile, numbers, options));
      for (const std::string& n : out.notes) std::cerr << "abis: " << n << "\n";
      ABIS_RETURN_IF_ERROR(core::write_file_atomic(o->out, out.bytes));
      std::cout << "wrote " << o->out << " (" << out.bytes.size() << " bytes, profile " << profile.id
                << ")\n";
      return Status::ok();
    }();
    finish(ctx, s);
  });
}

}  // namespace abis::cli
