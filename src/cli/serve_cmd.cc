#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"
#include "daemon/daemon.h"
#include "daemon/notify.h"
#include "log/logging.h"

namespace nbr::cli {
namespace {

// Blocks the signals the daemon handles in every thread (threads inherit the
// mask), so that the main thread alone takes them with sigtimedwait.
sigset_t BlockDaemonSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int Serve(const CommonOptions& common) {
  sigset_t signals = BlockDaemonSignals();

  // 1. Configuration and logging: fail fast on a bad file.
  auto config = config::LoadConfig(common.config_path);
  if (!config.ok()) {
    return ReportError(config.error());
  }
  log::Setup(config->log_level, log::DetectFormat());

  // 2. Database and listener.
  SystemClock clock;
  auto daemon = daemon::Daemon::Create(common.config_path, *config, clock);
  if (!daemon.ok()) {
    spdlog::error("cannot start: {}", daemon.error().message());
    return 1;
  }
  if (auto started = (*daemon)->Start(); !started.ok()) {
    spdlog::error("cannot start: {}", started.error().message());
    return 1;
  }

  // 3. Signals and the watchdog until asked to stop.
  auto watchdog = daemon::WatchdogInterval();
  timespec wait{};
  auto slice =
      watchdog ? std::min<std::chrono::microseconds>(*watchdog, std::chrono::seconds(1))
               : std::chrono::microseconds(std::chrono::seconds(1));
  wait.tv_sec = static_cast<time_t>(slice.count() / 1'000'000);
  wait.tv_nsec = static_cast<long>((slice.count() % 1'000'000) * 1000);
  while (true) {
    int sig = sigtimedwait(&signals, nullptr, &wait);
    if (sig == SIGHUP) {
      spdlog::info("SIGHUP: reloading the configuration");
      (void)(*daemon)->Reload();
    } else if (sig == SIGTERM || sig == SIGINT) {
      spdlog::info("{}: shutting down", sig == SIGTERM ? "SIGTERM" : "SIGINT");
      break;
    }
    if (watchdog) {
      daemon::NotifyWatchdog();
    }
  }
  (*daemon)->Stop();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, CommonOptions& common) {
  auto* serve = app.add_subcommand(
      "serve",
      "Run the daemon: webhook receiver, service API, periodic poll and workflows.\n"
      "SIGHUP reloads the configuration and secrets; SIGTERM stops cleanly.\n"
      "Exit codes: 0 stopped by a signal, 1 could not start (the log says why).");
  serve->callback([&common] { common.exit_code = Serve(common); });
}

}  // namespace nbr::cli
