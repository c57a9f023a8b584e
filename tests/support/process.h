// Running the real `abis` binary from tests: one-shot commands and a server in the background.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace abis::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `abis args...` to completion with extra environment variables and optional stdin text.
CommandResult run_abis(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                       const std::string& stdin_text = {});

// `abis serve` on a free loopback port. The constructor does not start it; start() does and
// waits until it listens. Destroying the object stops the server (SIGTERM, then SIGKILL).
class ServerProcess {
 public:
  static constexpr const char* kAdminPassword = "Admin-Passw0rd-Test";
  static constexpr const char* kConsoleKey = "console-key-for-tests-0123456789";

  ServerProcess(std::filesystem::path data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();

  // Starts and waits for "listening on"; returns false (with the output in log()) on failure.
  bool start();
  void stop();                // SIGTERM and wait
  void kill_hard();           // SIGKILL, no cleanup: a crash
  int port() const { return port_; }
  bool running() const { return pid_ > 0; }
  const std::string& log() const { return log_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  std::filesystem::path data_dir_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
  std::string log_;
};

}  // namespace abis::testing
