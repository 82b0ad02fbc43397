// Talking to systemd (sd_notify): readiness, watchdog pings, stopping and a
// one-line status. Every call is a no-op when not started by systemd
// (NOTIFY_SOCKET unset). Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace nbr::daemon {

void NotifyReady();
void NotifyReloading();
void NotifyStopping();
void NotifyWatchdog();
void NotifyStatus(std::string_view status);

// The interval at which to ping the watchdog (half of WatchdogSec), or
// nullopt when the unit has no watchdog.
std::optional<std::chrono::microseconds> WatchdogInterval();

}  // namespace nbr::daemon
