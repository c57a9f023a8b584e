// abis audit ...: check and read the audit trail.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/data_options.h"

namespace abis::cli {

void add_audit_commands(CLI::App& app, CliContext& ctx) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);

  struct VerifyOptions {
    DataOptions data;
    bool json = false;
  };
  auto v_opts = std::make_shared<VerifyOptions>();
  auto* verify = audit->add_subcommand("verify", "Check every entry of the chain; exit 6 if it was tampered with");
  add_data_options(verify, v_opts->data);
  verify->add_flag("--json", v_opts->json, "Print the report as JSON");
  verify->callback([&ctx, v_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(v_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto report, sys->audit().verify(sys->db()));
      if (v_opts->json) {
        nlohmann::json problems = nlohmann::json::array();
        for (const auto& p : report.problems) problems.push_back({{"seq", p.seq}, {"message", p.message}});
        std::cout << nlohmann::json{{"ok", report.ok()},
                                    {"entries_checked", report.entries_checked},
                                    {"last_seq", report.last_seq},
                                    {"problems", problems}}
                         .dump()
                  << "\n";
      } else {
        for (const auto& p : report.problems) std::cout << "TAMPERED at entry " << p.seq << ": " << p.message << "\n";
        std::cout << report.entries_checked << " entries checked, "
                  << (report.ok() ? "chain intact" : std::to_string(report.problems.size()) + " problems") << "\n";
      }
      if (!report.ok()) return data_corrupt("the audit trail has been tampered with");
      return Status::ok();
    };
    finish(ctx, run());
  });

  struct ListOptions {
    DataOptions data;
    std::int64_t after = 0;
    int limit = 100;
    std::string user, object;
    bool json = false;
  };
  auto l_opts = std::make_shared<ListOptions>();
  auto* list = audit->add_subcommand("list", "Print audit entries");
  add_data_options(list, l_opts->data);
  list->add_option("--after", l_opts->after, "Entries after this sequence number")->capture_default_str();
  list->add_option("--limit", l_opts->limit, "Most entries")->capture_default_str()->check(CLI::Range(1, 100000));
  list->add_option("--user", l_opts->user, "Only this user");
  list->add_option("--object", l_opts->object, "Only this object id (person, user...)");
  list->add_flag("--json", l_opts->json, "One JSON object per line");
  list->callback([&ctx, l_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(l_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto entries,
                            sys->audit().list(sys->db(), l_opts->after, l_opts->limit, l_opts->user, l_opts->object));
      for (const auto& e : entries) {
        if (l_opts->json) {
          std::cout << nlohmann::json{{"seq", e.seq}, {"at", e.at}, {"user", e.user}, {"workstation", e.workstation},
                                      {"action", e.action}, {"object_type", e.object_type}, {"object_id", e.object_id},
                                      {"outcome", e.outcome}, {"detail", e.detail}}
                           .dump()
                    << "\n";
        } else {
          std::cout << e.seq << "\t" << e.at << "\t" << e.user << "@" << e.workstation << "\t" << e.action << "\t"
                    << e.object_id << "\t" << e.outcome << "\t" << e.detail << "\n";
        }
      }
      // Reading the trail through the console is itself recorded.
      return sys->audit().record(sys->db(), security::Principal::console(),
                                 {"audit.list", "audit", "", security::AuditOutcome::kOk,
                                  std::to_string(entries.size()) + " entries"});
    };
    finish(ctx, run());
  });
}

}  // namespace abis::cli
