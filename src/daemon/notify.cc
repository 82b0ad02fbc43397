#include "daemon/notify.h"

#include <systemd/sd-daemon.h>

#include <string>

namespace nbr::daemon {

void NotifyReady() {
  sd_notify(0, "READY=1");
}
void NotifyReloading() {
  sd_notify(0, "RELOADING=1");
}
void NotifyStopping() {
  sd_notify(0, "STOPPING=1");
}
void NotifyWatchdog() {
  sd_notify(0, "WATCHDOG=1");
}

void NotifyStatus(std::string_view status) {
  std::string message = "STATUS=" + std::string(status);
  sd_notify(0, message.c_str());
}

std::optional<std::chrono::microseconds> WatchdogInterval() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
    return std::nullopt;
  }
  return std::chrono::microseconds(usec / 2);
}

}  // namespace nbr::daemon
