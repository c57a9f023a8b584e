#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <regex>
#include <thread>

#include "support/test_support.h"

extern char** environ;

namespace abis::testing {
namespace {

std::vector<std::string> make_env(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos && extra.count(kv.substr(0, eq))) continue;
    env.push_back(kv);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env_extra, int in_fd,
            int out_fd, int err_fd) {
  std::vector<std::string> argv_s{abis_binary().string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  auto env_s = make_env(env_extra);
  auto argv = c_strings(argv_s);
  auto envp = c_strings(env_s);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::string drain(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  return s;
}

}  // namespace

CommandResult run_abis(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                       const std::string& stdin_text) {
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) return {};
  pid_t pid = spawn(args, env, in[0], out[1], err[1]);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!stdin_text.empty()) {
    // The command may exit before reading its input (bad arguments): the write then fails with
    // EPIPE, which must not kill the test with SIGPIPE.
    static const bool sigpipe_ignored = [] { return ::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)sigpipe_ignored;
    (void)!::write(in[1], stdin_text.data(), stdin_text.size());
  }
  ::close(in[1]);
  CommandResult r;
  // Read both pipes without deadlocking on a full one.
  std::thread err_reader([&] { r.err = drain(err[0]); });
  r.out = drain(out[0]);
  err_reader.join();
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

ServerProcess::ServerProcess(std::filesystem::path data_dir, std::vector<std::string> extra_args)
    : data_dir_(std::move(data_dir)), extra_args_(std::move(extra_args)) {}

ServerProcess::~ServerProcess() { stop(); }

bool ServerProcess::start() {
  log_.clear();
  port_ = 0;
  int out[2];
  if (pipe(out)) return false;
  int devnull = ::open("/dev/null", O_RDONLY);
  std::vector<std::string> args{"serve", "--data", data_dir_.string(), "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  pid_ = spawn(args, {{"ABIS_ADMIN_PASSWORD", kAdminPassword}, {"ABIS_CONSOLE_KEY", kConsoleKey}}, devnull, out[1],
               out[1]);
  ::close(devnull);
  ::close(out[1]);
  out_fd_ = out[0];
  if (pid_ <= 0) return false;
  std::regex listening("listening on https?://127\\.0\\.0\\.1:(\\d+)");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 200) > 0) {
      char buf[4096];
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) break;  // the server exited
      log_.append(buf, static_cast<std::size_t>(n));
      std::smatch m;
      if (std::regex_search(log_, m, listening)) {
        port_ = std::stoi(m[1].str());
        // Keep draining the output so the server never blocks on a full pipe.
        int fd = out_fd_;
        std::thread([fd] {
          char sink[4096];
          while (::read(fd, sink, sizeof sink) > 0) {
          }
          ::close(fd);
        }).detach();
        out_fd_ = -1;
        return true;
      }
    }
  }
  kill_hard();
  return false;
}

void ServerProcess::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill_hard();
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (out_fd_ >= 0) {
    ::close(out_fd_);
    out_fd_ = -1;
  }
}

}  // namespace abis::testing
