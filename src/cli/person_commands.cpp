// abis person ...: the person registry from the command line.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.h"
#include "cli/data_options.h"
#include "core/file_io.h"
#include "core/json_reader.h"
#include "registry/person_json.h"

namespace abis::cli {
namespace {

struct PersonFields {
  std::string json_file;
  std::string iin, surname, given_name, patronymic, birth_date, birth_place, sex, citizenship, category;
  std::string surname_kk, given_name_kk, surname_ru, given_name_ru;
  std::string reason;
};

void add_person_field_options(CLI::App* cmd, PersonFields& f) {
  cmd->add_option("--json", f.json_file, "Read the person from a JSON file (docs/formats/person.md)");
  cmd->add_option("--iin", f.iin, "IIN (12 digits)");
  cmd->add_option("--surname", f.surname, "Surname, Latin transliteration");
  cmd->add_option("--given-name", f.given_name, "Given name, Latin transliteration");
  cmd->add_option("--patronymic", f.patronymic, "Patronymic, Latin transliteration");
  cmd->add_option("--surname-kk", f.surname_kk, "Surname in Kazakh");
  cmd->add_option("--given-name-kk", f.given_name_kk, "Given name in Kazakh");
  cmd->add_option("--surname-ru", f.surname_ru, "Surname in Russian");
  cmd->add_option("--given-name-ru", f.given_name_ru, "Given name in Russian");
  cmd->add_option("--birth-date", f.birth_date, "YYYY-MM-DD");
  cmd->add_option("--birth-place", f.birth_place, "Place of birth");
  cmd->add_option("--sex", f.sex, "male, female or unknown");
  cmd->add_option("--citizenship", f.citizenship, "ISO 3166-1 alpha-3 (KAZ, UZB, ...)");
  cmd->add_option("--category", f.category, "citizen, foreigner or stateless");
  cmd->add_option("--reason", f.reason, "Why the record is created or changed");
}

// Builds the same JSON the API takes, so that one parser validates both.
Result<registry::PersonData> person_from_fields(const PersonFields& f) {
  nlohmann::json j = nlohmann::json::object();
  if (!f.json_file.empty()) {
    ABIS_ASSIGN_OR_RETURN(std::string text, core::read_text_file(f.json_file, 1 << 20));
    ABIS_ASSIGN_OR_RETURN(j, core::parse_json(text));
  }
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  auto put_name = [&](const char* key, const std::string& surname, const std::string& given, const std::string& pat) {
    if (surname.empty() && given.empty() && pat.empty()) return;
    j[key] = {{"surname", surname}, {"given_name", given}};
    if (!pat.empty()) j[key]["patronymic"] = pat;
  };
  put("iin", f.iin);
  put_name("name_latin", f.surname, f.given_name, f.patronymic);
  put_name("name_kk", f.surname_kk, f.given_name_kk, "");
  put_name("name_ru", f.surname_ru, f.given_name_ru, "");
  put("birth_date", f.birth_date);
  put("birth_place", f.birth_place);
  put("sex", f.sex);
  put("citizenship", f.citizenship);
  put("category", f.category);
  return registry::person_data_from_json(j);
}

void print_person(const registry::PersonRecord& rec, bool json) {
  if (json) {
    std::cout << registry::person_record_to_json(rec).dump(2) << "\n";
    return;
  }
  const auto& p = rec.data;
  auto name = [](const registry::PersonName& n) {
    return n.surname + " " + n.given_name + (n.patronymic.empty() ? "" : " " + n.patronymic);
  };
  std::cout << "person    " << rec.id << " (version " << rec.version << ", " << registry::person_state_name(rec.state)
            << ")\n";
  if (p.iin) std::cout << "iin       " << *p.iin << "\n";
  if (!p.name_kk.empty()) std::cout << "name kk   " << name(p.name_kk) << "\n";
  if (!p.name_ru.empty()) std::cout << "name ru   " << name(p.name_ru) << "\n";
  if (!p.name_latin.empty()) std::cout << "name lat  " << name(p.name_latin) << "\n";
  if (p.birth_date) std::cout << "born      " << p.birth_date->to_string() << (p.birth_place.empty() ? "" : ", " + p.birth_place) << "\n";
  std::cout << "sex       " << registry::sex_name(p.sex) << "\n";
  std::cout << "category  " << registry::category_name(p.category)
            << (p.citizenship.empty() ? "" : " (" + p.citizenship + ")") << "\n";
  for (const auto& d : p.documents) std::cout << "document  " << d.type << " " << d.number << "\n";
}

struct ShowOptions {
  DataOptions data;
  std::string id;
  bool json = false;
};

struct FindOptions {
  DataOptions data;
  std::string iin, name, birth_date;
  int limit = 50;
  bool json = false;
};

struct UpdateOptions {
  DataOptions data;
  std::string id;
  PersonFields fields;
  int expected_version = 0;
};

}  // namespace

void add_person_commands(CLI::App& app, CliContext& ctx) {
  auto* person = app.add_subcommand("person", "The person registry");
  person->require_subcommand(1);

  struct AddOptions {
    DataOptions data;
    PersonFields fields;
    bool json = false;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add = person->add_subcommand("add", "Register a person");
  add_data_options(add, add_opts->data);
  add_person_field_options(add, add_opts->fields);
  add->add_flag("--json-output", add_opts->json, "Print the record as JSON");
  add->callback([&ctx, add_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto data, person_from_fields(add_opts->fields));
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(add_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto rec, sys->persons().create(security::Principal::console(), data,
                                                            add_opts->fields.reason.empty() ? "registration"
                                                                                            : add_opts->fields.reason));
      print_person(rec, add_opts->json);
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto upd_opts = std::make_shared<UpdateOptions>();
  auto* upd = person->add_subcommand("update", "Change a person (a new version; the old one is archived)");
  add_data_options(upd, upd_opts->data);
  upd->add_option("id", upd_opts->id, "Person id")->required();
  add_person_field_options(upd, upd_opts->fields);
  upd->add_option("--expected-version", upd_opts->expected_version, "Refuse if the current version is not this one");
  upd->callback([&ctx, upd_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto data, person_from_fields(upd_opts->fields));
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(upd_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto rec, sys->persons().update(security::Principal::console(), upd_opts->id, data,
                                                            upd_opts->expected_version, upd_opts->fields.reason));
      print_person(rec, false);
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto show_opts = std::make_shared<ShowOptions>();
  auto* show = person->add_subcommand("show", "Show a person's current version");
  add_data_options(show, show_opts->data);
  show->add_option("id", show_opts->id, "Person id")->required();
  show->add_flag("--json", show_opts->json, "Print JSON");
  show->callback([&ctx, show_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(show_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto rec, sys->persons().get(security::Principal::console(), show_opts->id));
      print_person(rec, show_opts->json);
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto find_opts = std::make_shared<FindOptions>();
  auto* find = person->add_subcommand("find", "Search by IIN, name prefix (any script) and/or birth date");
  add_data_options(find, find_opts->data);
  find->add_option("--iin", find_opts->iin, "IIN");
  find->add_option("--name", find_opts->name, "Start of a surname, given name or full name");
  find->add_option("--birth-date", find_opts->birth_date, "YYYY-MM-DD");
  find->add_option("--limit", find_opts->limit, "Most results")->capture_default_str();
  find->add_flag("--json", find_opts->json, "Print JSON");
  find->callback([&ctx, find_opts] {
    auto run = [&]() -> Status {
      registry::PersonQuery q;
      if (!find_opts->iin.empty()) q.iin = find_opts->iin;
      if (!find_opts->name.empty()) q.name = find_opts->name;
      if (!find_opts->birth_date.empty()) {
        ABIS_ASSIGN_OR_RETURN(auto d, core::Date::parse(find_opts->birth_date));
        q.birth_date = d;
      }
      q.limit = find_opts->limit;
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(find_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto found, sys->persons().find(security::Principal::console(), q));
      if (find_opts->json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : found) list.push_back(registry::person_record_to_json(r));
        std::cout << list.dump(2) << "\n";
      } else {
        for (const auto& r : found) {
          const auto& n = !r.data.name_latin.empty() ? r.data.name_latin
                          : !r.data.name_ru.empty()  ? r.data.name_ru
                                                     : r.data.name_kk;
          std::cout << r.id << "\t" << r.data.iin.value_or("-") << "\t" << n.surname << " " << n.given_name << "\t"
                    << (r.data.birth_date ? r.data.birth_date->to_string() : "-") << "\n";
        }
        std::cout << found.size() << " found\n";
      }
      return Status::ok();
    };
    finish(ctx, run());
  });

  auto hist_opts = std::make_shared<ShowOptions>();
  auto* hist = person->add_subcommand("history", "List every version of a person (the archive)");
  add_data_options(hist, hist_opts->data);
  hist->add_option("id", hist_opts->id, "Person id")->required();
  hist->add_flag("--json", hist_opts->json, "Print JSON");
  hist->callback([&ctx, hist_opts] {
    auto run = [&]() -> Status {
      ABIS_ASSIGN_OR_RETURN(auto sys, open_system(hist_opts->data));
      ABIS_ASSIGN_OR_RETURN(auto versions, sys->persons().history(security::Principal::console(), hist_opts->id));
      if (hist_opts->json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : versions) list.push_back(registry::person_version_to_json(v));
        std::cout << list.dump(2) << "\n";
      } else {
        for (const auto& v : versions) {
          std::cout << "version " << v.version << "\t" << v.changed_at << "\t" << v.changed_by << "@"
                    << v.workstation << "\t" << v.reason << "\n";
        }
      }
      return Status::ok();
    };
    finish(ctx, run());
  });
}

}  // namespace abis::cli
