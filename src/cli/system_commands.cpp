// abis config and abis calendar: inspect settings and the working-day calendar.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/data_options.h"
#include "core/working_calendar.h"
#include "registry/system.h"

namespace abis::cli {

void add_system_commands(CLI::App& app, CliContext& ctx) {
  auto c_opts = std::make_shared<DataOptions>();
  auto* config = app.add_subcommand("config", "Print every setting, its value and where it came from");
  add_data_options(config, *c_opts);
  config->callback([&ctx, c_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto cfg, load_config(*c_opts));
      for (const auto& k : core::known_config_keys()) {
        std::cout << k.key << " = " << cfg.get(k.key) << "\t# " << cfg.source_of(k.key) << "; " << k.description
                  << "\n";
      }
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto* cal = app.add_subcommand("calendar", "The working-day calendar of Kazakhstan");
  cal->require_subcommand(1);
  struct AddDaysOptions {
    std::string file, from;
    int days = 0;
  };
  auto a_opts = std::make_shared<AddDaysOptions>();
  auto* add_days = cal->add_subcommand("add-days", "The date N working days after a date (e.g. a 5-day deadline)");
  add_days->add_option("from", a_opts->from, "YYYY-MM-DD")->required();
  add_days->add_option("days", a_opts->days, "Working days")->required()->check(CLI::Range(0, 3650));
  add_days->add_option("--file", a_opts->file, "Calendar file (default: the shipped one)");
  add_days->callback([&ctx, a_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto from, core::Date::parse(a_opts->from));
      ABIS_ASSIGN_OR_RETURN(auto calendar, core::WorkingCalendar::load(
                                               a_opts->file.empty() ? registry::shipped_calendar_path() : std::filesystem::path(a_opts->file)));
      core::Date to = calendar.add_working_days(from, a_opts->days);
      std::cout << to.to_string() << "\n";
      if (!calendar.covers_year(to.year()) || !calendar.covers_year(from.year())) {
        std::cerr << "abis: warning: the calendar has no transfers or lunar holidays entered for "
                  << (calendar.covers_year(from.year()) ? to.year() : from.year()) << "\n";
      }
      return Status::ok();
    };
    finish(ctx, run());
  });
  auto check_file = std::make_shared<std::string>();
  auto* check = cal->add_subcommand("check", "Validate a calendar file and list its days off");
  check->add_option("file", *check_file, "Calendar file")->required();
  check->callback([&ctx, check_file] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto calendar, core::WorkingCalendar::load(*check_file));
      for (int year : calendar.complete_years()) {
        std::cout << "year " << year << ":\n";
        for (core::Date d(year, 1, 1); d.year() == year; d = d.plus_days(1)) {
          std::string why = calendar.day_off_reason(d);
          if (!why.empty() && why != "weekend") std::cout << "  " << d.to_string() << "  " << why << "\n";
        }
        std::cout << "  working days: " << calendar.working_days_between(core::Date(year - 1, 12, 31), core::Date(year, 12, 31))
                  << "\n";
      }
      return Status::ok();
    };
    finish(ctx, run());
  });
}

}  // namespace abis::cli
