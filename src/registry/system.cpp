#include "registry/system.h"

#include <sys/stat.h>
#include <unistd.h>

#include "core/file_io.h"
#include "core/log.h"
#include "security/password.h"
#include "store/migrations.h"
#include "store/sqlite_database.h"

namespace abis::registry {
namespace fs = std::filesystem;

namespace {

constexpr const char* kCalendarFile = "kazakhstan.calendar";

Result<security::SecuritySettings> security_settings(const core::Config& c) {
  security::SecuritySettings s;
  ABIS_ASSIGN_OR_RETURN(auto ttl, c.get_int("security.session_ttl_minutes", 1, 7 * 24 * 60));
  ABIS_ASSIGN_OR_RETURN(auto idle, c.get_int("security.idle_timeout_minutes", 1, 24 * 60));
  ABIS_ASSIGN_OR_RETURN(auto failures, c.get_int("security.max_failed_logins", 1, 100));
  ABIS_ASSIGN_OR_RETURN(auto lockout, c.get_int("security.lockout_minutes", 1, 7 * 24 * 60));
  ABIS_ASSIGN_OR_RETURN(auto min_len, c.get_int("security.min_password_length", 8, 128));
  s.session_ttl_seconds = ttl * 60;
  s.idle_timeout_seconds = idle * 60;
  s.max_failed_logins = static_cast<int>(failures);
  s.lockout_seconds = lockout * 60;
  s.min_password_length = static_cast<int>(min_len);
  return s;
}

// A generated password that meets the policy: 20 characters from four classes.
std::string generate_password() {
  std::string secret = security::new_secret();  // url-safe base64
  return "Ab1-" + secret.substr(0, 20);
}

}  // namespace

fs::path shipped_calendar_path() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) {
    candidates.push_back(exe.parent_path() / "../share/abis/calendar" / kCalendarFile);
    candidates.push_back(exe.parent_path() / "../data/calendar" / kCalendarFile);
  }
  candidates.push_back(fs::path(ABIS_SOURCE_DATA_DIR) / "calendar" / kCalendarFile);
  for (const auto& c : candidates) {
    if (fs::exists(c, ec)) return fs::weakly_canonical(c, ec);
  }
  return candidates.back();
}

System::~System() = default;

Result<std::unique_ptr<System>> System::open(const SystemOptions& options) {
  std::unique_ptr<System> sys(new System());
  sys->data_dir_ = options.data_dir;
  sys->config_ = options.config;
  sys->clock_ = options.clock;
  std::error_code ec;
  if (!fs::exists(sys->data_dir_, ec)) {
    fs::create_directories(sys->data_dir_, ec);
    if (ec) return io_error("cannot create data folder " + sys->data_dir_.string() + ": " + ec.message());
    ::chmod(sys->data_dir_.c_str(), 0700);
  } else if (!fs::is_directory(sys->data_dir_, ec)) {
    return invalid_argument(sys->data_dir_.string() + " is not a folder");
  }

  // Calendar: the operator's copy in the data folder, seeded from the shipped one.
  fs::path calendar_file = sys->config_.get("calendar.file");
  if (calendar_file.empty()) {
    calendar_file = sys->data_dir_ / kCalendarFile;
    if (!fs::exists(calendar_file, ec)) {
      ABIS_ASSIGN_OR_RETURN(std::string shipped, core::read_text_file(shipped_calendar_path(), 1 << 20));
      ABIS_RETURN_IF_ERROR(core::write_file_atomic(calendar_file, shipped));
    }
  }
  ABIS_ASSIGN_OR_RETURN(sys->calendar_, core::WorkingCalendar::load(calendar_file));

  std::string synchronous = sys->config_.get("store.synchronous");
  if (synchronous != "full" && synchronous != "normal") {
    return invalid_argument("store.synchronous must be full or normal, not '" + synchronous + "'");
  }
  ABIS_ASSIGN_OR_RETURN(auto db, store::SqliteDatabase::open(sys->data_dir_ / "abis.db", 10000, synchronous == "full"));
  sys->db_ = std::move(db);
  ABIS_RETURN_IF_ERROR(store::apply_migrations(
      *sys->db_, {security::security_migrations(), registry_migrations(), genome_migrations()}));
  ABIS_ASSIGN_OR_RETURN(sys->audit_, security::AuditLog::open(sys->data_dir_, *sys->clock_));
  ABIS_ASSIGN_OR_RETURN(auto settings, security_settings(sys->config_));
  sys->access_ = std::make_unique<security::AccessControl>(*sys->db_, *sys->audit_, *sys->clock_, settings);
  sys->persons_ = std::make_unique<PersonRegistry>(*sys->db_, *sys->audit_, *sys->access_, *sys->clock_);
  ABIS_ASSIGN_OR_RETURN(auto genomic_years, sys->config_.get_int("retention.genomic_years", 1, 100));
  sys->dna_ = std::make_unique<DnaRegistry>(*sys->db_, *sys->audit_, *sys->access_, *sys->clock_,
                                            DnaSettings{static_cast<int>(genomic_years)});
  return sys;
}

Result<std::optional<BootstrapCredentials>> System::bootstrap(const std::string& admin_password,
                                                              const std::string& console_key) {
  ABIS_ASSIGN_OR_RETURN(bool empty, access_->has_no_users());
  if (!empty) return std::optional<BootstrapCredentials>();
  security::Principal console = security::Principal::console();
  BootstrapCredentials creds;
  creds.admin_username = "admin";
  creds.console_workstation = "console";
  std::string password = admin_password.empty() ? generate_password() : admin_password;
  ABIS_ASSIGN_OR_RETURN(auto ws, access_->register_workstation(console, creds.console_workstation,
                                                              "Administrator's console, created at first start",
                                                              "server", console_key));
  security::NewUser admin{creds.admin_username, "Administrator", {security::Role::kAdministrator}, password,
                          {creds.console_workstation}};
  auto user = access_->create_user(console, admin);
  if (!user.is_ok()) return user.status().with_context("creating the administrator (ABIS_ADMIN_PASSWORD?)");
  if (admin_password.empty()) creds.admin_password = password;
  if (console_key.empty()) creds.console_key = ws.key;
  core::log::info("bootstrap", {{"admin", creds.admin_username}, {"workstation", creds.console_workstation}});
  return std::optional<BootstrapCredentials>(creds);
}

}  // namespace abis::registry
