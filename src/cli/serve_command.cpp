// abis serve: start the API server on a data folder.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "api/server.h"
#include "cli/cli_context.h"
#include "cli/data_options.h"
#include "cli/version.h"
#include "core/log.h"

namespace abis::cli {
namespace {

struct ServeOptions {
  DataOptions data;
  std::string listen;
};

Status serve(const ServeOptions& opts) {
  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  ABIS_ASSIGN_OR_RETURN(auto system, open_system(opts.data));
  const char* admin_password = std::getenv("ABIS_ADMIN_PASSWORD");
  const char* console_key = std::getenv("ABIS_CONSOLE_KEY");
  ABIS_ASSIGN_OR_RETURN(auto created, system->bootstrap(admin_password ? admin_password : "",
                                                        console_key ? console_key : ""));
  if (created) {
    std::cout << "abis: first start: created administrator '" << created->admin_username
              << "' and workstation '" << created->console_workstation << "'\n";
    if (!created->admin_password.empty()) {
      std::cout << "abis: administrator password (shown once, store it safely): " << created->admin_password << "\n";
    }
    if (!created->console_key.empty()) {
      std::cout << "abis: console workstation key (shown once): " << created->console_key << "\n";
    }
  }
  core::Config config = system->config();
  if (!opts.listen.empty()) ABIS_RETURN_IF_ERROR(config.set("server.listen", opts.listen));
  ABIS_ASSIGN_OR_RETURN(auto options, api::server_options_from_config(config));
  options.version = kVersion;
  ABIS_ASSIGN_OR_RETURN(auto server, api::ApiServer::create(*system, options));
  ABIS_ASSIGN_OR_RETURN(int port, server->bind());
  std::cout << "abis: listening on " << (server->tls() ? "https" : "http") << "://" << options.host << ":" << port
            << "/api/v1 (data in " << opts.data.data_dir << ")" << std::endl;
  core::log::info("serve", {{"host", options.host}, {"port", std::to_string(port)}});

  std::thread waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    core::log::info("stopping", {{"signal", std::to_string(sig)}});
    server->stop();
  });
  Status s = server->run();
  // The server stopped for a reason other than a signal: release the waiter.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return s;
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Start the HTTP API server");
  add_data_options(cmd, opts->data);
  cmd->add_option("--listen", opts->listen, "host:port to listen on (default: server.listen, 127.0.0.1:8080)");
  cmd->callback([&ctx, opts] { finish(ctx, serve(*opts)); });
}

}  // namespace abis::cli
