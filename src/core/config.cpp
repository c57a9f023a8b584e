#include "core/config.h"

#include <cstdlib>
#include <sstream>

#include "core/file_io.h"

extern char** environ;

namespace abis::core {

const std::vector<ConfigKey>& known_config_keys() {
  static const std::vector<ConfigKey> keys = {
      {"server.listen", "127.0.0.1:8080", "address:port the HTTP API listens on"},
      {"server.threads", "8", "worker threads of the HTTP server"},
      {"server.max_body_bytes", "67108864",
       "largest request body accepted (64 MiB: a ten-print transaction with 1000 ppi images)"},
      {"server.max_json_bytes", "1048576", "largest JSON body accepted on JSON-only routes (1 MiB)"},
      {"server.tls_cert", "", "PEM certificate; with server.tls_key the server speaks HTTPS only"},
      {"server.tls_key", "", "PEM private key for server.tls_cert"},
      {"store.synchronous", "full",
       "full: every commit reaches the disk before it is acknowledged (survives power loss); normal: "
       "survives a killed process, the last commits may be lost in a power cut, several times faster"},
      {"security.session_ttl_minutes", "480", "a session ends this long after login (one shift)"},
      {"security.idle_timeout_minutes", "30", "a session ends after this long without a request"},
      {"security.max_failed_logins", "5", "failed logins in a row before the account is locked"},
      {"security.lockout_minutes", "15", "how long a locked account stays locked"},
      {"security.min_password_length", "12", "shortest password accepted for a user"},
      {"retention.genomic_years", "25",
       "years genomic information is kept from collection (gov.kz: 25 years)"},
      {"retention.dactyloscopic_years", "0",
       "years dactyloscopic information is kept (Law Art. 15); 0 means until removed by decision"},
      {"dactyl.gallery", "",
       "gallery file searched by POST /api/v1/dactyl/identify (abis fp gallery build); empty: no 1:N search"},
      {"calendar.file", "",
       "working-day calendar file; empty means the calendar shipped in data/calendar"},
      {"log.level", "info", "trace, debug, info, warn, error"},
      {"log.format", "text", "text (key=value) or json (one object per line)"},
  };
  return keys;
}

Config::Config() {
  for (const auto& k : known_config_keys()) {
    values_[std::string(k.key)] = {std::string(k.default_value), "default"};
  }
}

Status Config::set_from(std::string_view key, std::string_view value, std::string source) {
  auto it = values_.find(key);
  if (it == values_.end()) {
    return invalid_argument("unknown setting '" + std::string(key) +
                            "' (run 'abis config' for the list)");
  }
  it->second = {std::string(value), std::move(source)};
  return Status::ok();
}

Status Config::set(std::string_view key, std::string_view value) {
  return set_from(key, value, "flag");
}

Status Config::merge_file(const std::filesystem::path& path, bool optional) {
  if (optional && !std::filesystem::exists(path)) return Status::ok();
  ABIS_ASSIGN_OR_RETURN(std::string text, read_text_file(path, 1 << 20));
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  auto trim = [](std::string s) {
    auto b = s.find_first_not_of(" \t\r");
    auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  while (std::getline(in, line)) {
    ++line_no;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    auto eq = line.find('=');
    std::string where = path.string() + ":" + std::to_string(line_no);
    if (eq == std::string::npos) return invalid_argument(where + ": expected 'key = value'");
    ABIS_RETURN_IF_ERROR(
        set_from(trim(line.substr(0, eq)), trim(line.substr(eq + 1)), path.string())
            .with_context(where));
  }
  return Status::ok();
}

Status Config::merge_environment() {
  for (const auto& k : known_config_keys()) {
    std::string var = "ABIS_";
    for (char c : k.key) var += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const char* v = std::getenv(var.c_str())) {
      ABIS_RETURN_IF_ERROR(set_from(k.key, v, "environment " + var));
    }
  }
  return Status::ok();
}

std::string Config::get(std::string_view key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second.value;
}

const std::string& Config::source_of(std::string_view key) const {
  static const std::string unknown = "unknown";
  auto it = values_.find(key);
  return it == values_.end() ? unknown : it->second.source;
}

Result<std::int64_t> Config::get_int(std::string_view key, std::int64_t min, std::int64_t max) const {
  std::string v = get(key);
  std::int64_t out = 0;
  std::size_t used = 0;
  try {
    out = std::stoll(v, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != v.size()) {
    return invalid_argument("setting " + std::string(key) + " = '" + v + "' is not a whole number");
  }
  if (out < min || out > max) {
    return invalid_argument("setting " + std::string(key) + " = " + v + " is outside " +
                            std::to_string(min) + ".." + std::to_string(max));
  }
  return out;
}

Result<bool> Config::get_bool(std::string_view key) const {
  std::string v = get(key);
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off" || v.empty()) return false;
  return invalid_argument("setting " + std::string(key) + " = '" + v + "' is not true or false");
}

}  // namespace abis::core
