// System: one running abis installation, assembled from its parts. The composition root shared
// by `abis serve` and every CLI command that works on a data folder:
//
//   DATA_DIR/abis.db                the store (SQLite, WAL)
//   DATA_DIR/abis.conf              optional settings (core/config.h)
//   DATA_DIR/audit.key, audit.anchor the audit chain's key and head (security/audit_log.h)
//   DATA_DIR/kazakhstan.calendar    the working-day calendar the operator updates yearly
//
// open() creates the folder on first use, applies the schema migrations of every module and
// loads the calendar. Thread-safe after open(): the parts are.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/working_calendar.h"
#include "registry/dna_registry.h"
#include "registry/person_registry.h"
#include "security/access_control.h"
#include "security/audit_log.h"
#include "store/database.h"

namespace abis::registry {

struct SystemOptions {
  std::filesystem::path data_dir = "abis-data";
  core::Config config;
  const core::Clock* clock = &core::SystemClock::instance();
};

// What the first start created, to be shown once.
struct BootstrapCredentials {
  std::string admin_username;
  std::string admin_password;  // empty when it came from ABIS_ADMIN_PASSWORD
  std::string console_workstation;
  std::string console_key;     // empty when it came from ABIS_CONSOLE_KEY
};

class System {
 public:
  static Result<std::unique_ptr<System>> open(const SystemOptions& options);
  ~System();

  // On first start (no users yet): creates the administrator and the "console" workstation the
  // administrator may log in from. Passwords/keys come from the arguments when non-empty, else are
  // generated. Returns nullopt when users already exist.
  Result<std::optional<BootstrapCredentials>> bootstrap(const std::string& admin_password,
                                                        const std::string& console_key);

  store::Database& db() { return *db_; }
  security::AuditLog& audit() { return *audit_; }
  security::AccessControl& access() { return *access_; }
  PersonRegistry& persons() { return *persons_; }
  DnaRegistry& dna() { return *dna_; }
  const core::WorkingCalendar& calendar() const { return calendar_; }
  const core::Config& config() const { return config_; }
  const core::Clock& clock() const { return *clock_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  System() = default;

  std::filesystem::path data_dir_;
  core::Config config_;
  const core::Clock* clock_ = nullptr;
  core::WorkingCalendar calendar_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<security::AuditLog> audit_;
  std::unique_ptr<security::AccessControl> access_;
  std::unique_ptr<PersonRegistry> persons_;
  std::unique_ptr<DnaRegistry> dna_;
};

// The calendar shipped with abis (data/calendar/kazakhstan.calendar), found next to the binary
// or in the source tree it was built from.
std::filesystem::path shipped_calendar_path();

}  // namespace abis::registry
