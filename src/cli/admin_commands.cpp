// abis user ... and abis workstation ...: accounts and workstations, on the data folder directly.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/data_options.h"

namespace abis::cli {
namespace {

struct UserAddOptions {
  DataOptions data;
  std::string username;
  std::string display_name;
  std::string roles;
  std::string password;
  bool password_stdin = false;
  std::vector<std::string> workstations;
};

Status user_add(const UserAddOptions& o) {
  ABIS_ASSIGN_OR_RETURN(auto sys, open_system(o.data));
  auto roles = security::roles_from_string(o.roles);
  if (!roles) {
    return invalid_argument("--role '" + o.roles +
                            "': give one or more of administrator, migration_officer, fingerprint_examiner, "
                            "dna_officer, penitentiary_officer, auditor (comma-separated)");
  }
  std::string password = o.password;
  if (o.password_stdin) std::getline(std::cin, password);
  if (password.empty()) return invalid_argument("give the password with --password-stdin (or --password)");
  security::NewUser nu{o.username, o.display_name.empty() ? o.username : o.display_name, *roles, password,
                       o.workstations};
  ABIS_ASSIGN_OR_RETURN(auto user, sys->access().create_user(security::Principal::console(), nu));
  std::cout << "created user " << user.username << " (" << security::roles_to_string(user.roles) << ") id "
            << user.id << "\n";
  return Status::ok();
}

}  // namespace

void add_admin_commands(CLI::App& app, CliContext& ctx) {
  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);

  auto add_opts = std::make_shared<UserAddOptions>();
  auto* add = user->add_subcommand("add", "Create a user");
  add_data_options(add, add_opts->data);
  add->add_option("username", add_opts->username, "Login name (a-z, 0-9, . _ -)")->required();
  add->add_option("--role", add_opts->roles, "Role(s), comma-separated")->required();
  add->add_option("--display-name", add_opts->display_name, "Full name shown in the audit trail and UI");
  add->add_option("--password", add_opts->password, "Password (prefer --password-stdin: shells keep history)");
  add->add_flag("--password-stdin", add_opts->password_stdin, "Read the password from the first line of stdin");
  add->add_option("--workstation", add_opts->workstations, "Workstation the user may work from (repeatable)");
  add->callback([&ctx, add_opts] { finish(ctx, user_add(*add_opts)); });

  auto list_opts = std::make_shared<DataOptions>();
  auto* list = user->add_subcommand("list", "List users");
  add_data_options(list, *list_opts);
  list->callback([&ctx, list_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(*list_opts));
      ABIS_ASSIGN_OR_RETURN(auto users, sys->access().list_users(security::Principal::console()));
      for (const auto& u : users) {
        std::cout << u.username << "\t" << security::roles_to_string(u.roles) << "\t"
                  << (u.disabled ? "disabled" : u.locked ? "locked" : "active") << "\t" << u.display_name;
        std::string ws;
        for (const auto& w : u.workstations) ws += (ws.empty() ? "" : ",") + w;
        std::cout << "\t" << (ws.empty() ? "-" : ws) << "\n";
      }
      return Status::ok();
    };
    finish(ctx, run());
  });

  struct DisableOptions {
    DataOptions data;
    std::string username;
  };
  auto dis_opts = std::make_shared<DisableOptions>();
  auto* dis = user->add_subcommand("disable", "Disable a user and end their sessions");
  add_data_options(dis, dis_opts->data);
  dis->add_option("username", dis_opts->username, "Login name")->required();
  dis->callback([&ctx, dis_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(dis_opts->data));
      ABIS_RETURN_IF_ERROR(sys->access().disable_user(security::Principal::console(), dis_opts->username));
      std::cout << "disabled user " << dis_opts->username << "\n";
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto* ws = app.add_subcommand("workstation", "Manage registered workstations");
  ws->require_subcommand(1);
  struct WsAddOptions {
    DataOptions data;
    std::string name, description, location;
  };
  auto ws_add_opts = std::make_shared<WsAddOptions>();
  auto* ws_add = ws->add_subcommand("add", "Register a workstation and print its key (once)");
  add_data_options(ws_add, ws_add_opts->data);
  ws_add->add_option("name", ws_add_opts->name, "Workstation name (a-z, 0-9, . _ -)")->required();
  ws_add->add_option("--description", ws_add_opts->description, "What it is");
  ws_add->add_option("--location", ws_add_opts->location, "Where it is (office, room)");
  ws_add->callback([&ctx, ws_add_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(ws_add_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto reg, sys->access().register_workstation(security::Principal::console(),
                                                                          ws_add_opts->name, ws_add_opts->description,
                                                                          ws_add_opts->location));
      std::cout << "registered workstation " << reg.workstation.name << " id " << reg.workstation.id << "\n"
                << "key (shown once; configure it on the workstation): " << reg.key << "\n";
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto ws_list_opts = std::make_shared<DataOptions>();
  auto* ws_list = ws->add_subcommand("list", "List registered workstations");
  add_data_options(ws_list, *ws_list_opts);
  ws_list->callback([&ctx, ws_list_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(*ws_list_opts));
      ABIS_ASSIGN_OR_RETURN(auto list, sys->access().list_workstations(security::Principal::console()));
      for (const auto& w : list) {
        std::cout << w.name << "\t" << (w.disabled ? "disabled" : "active") << "\t" << w.location << "\t"
                  << w.description << "\n";
      }
      return Status::ok();
    };
    finish(ctx, run());
  });

  struct AllowOptions {
    DataOptions data;
    std::string name, username;
  };
  auto allow_opts = std::make_shared<AllowOptions>();
  auto* allow = ws->add_subcommand("allow", "Allow a user to work from a workstation");
  add_data_options(allow, allow_opts->data);
  allow->add_option("name", allow_opts->name, "Workstation name")->required();
  allow->add_option("username", allow_opts->username, "User")->required();
  allow->callback([&ctx, allow_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(allow_opts->data));
      ABIS_RETURN_IF_ERROR(sys->access().allow_workstation(security::Principal::console(), allow_opts->username,
                                                           allow_opts->name));
      std::cout << "user " << allow_opts->username << " may now work from " << allow_opts->name << "\n";
      return Status::ok();
    };
    finish(ctx, run());
  });
}

}  // namespace abis::cli
