// The webhook endpoint's logic, apart from HTTP: verify, parse, recognise
// echoes, write the delivery to the durable inbox, hand the device to the
// work queue, and say what to answer.
//
// Order of checks (nothing in the body is looked at before the signature):
//   1. X-Hook-Signature over the raw bytes against every configured secret
//      (401 when missing unless unsigned deliveries are allowed, 403 when it
//      matches none);
//   2. the JSON (400 when malformed);
//   3. what it is about: a device event goes on; another object type or a
//      custom body is acknowledged (202) and, if so configured, mapped to
//      its device or turned into a full pass;
//   4. the daemon's own change coming back (case C8): acknowledged, dropped;
//   5. the inbox (503 when the database cannot take it: NetBox records a
//      failure and the poll catches the change); then 202 and the queue.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "config/config.h"
#include "daemon/metrics.h"
#include "daemon/own_changes.h"
#include "store/store.h"

namespace nbr::daemon {

struct WebhookAnswer {
  int status = 202;
  std::string body;  // JSON
};

class WebhookReceiver {
 public:
  using EnqueueDevice = std::function<void(int64_t device_id)>;
  using EnqueueFullPass = std::function<void()>;

  WebhookReceiver(const config::WebhookSettings& settings, store::Store& store,
                  Metrics& metrics, const OwnChanges& own, const Clock& clock,
                  EnqueueDevice enqueue_device, EnqueueFullPass enqueue_full_pass);

  WebhookAnswer Handle(std::string_view body, std::optional<std::string_view> signature);

  // Replaces secrets and switches (SIGHUP).
  void UpdateSettings(const config::WebhookSettings& settings);

  // Inbox ids waiting for a device; taken by the worker that reconciles it.
  std::vector<int64_t> TakePending(int64_t device_id);
  // Gives ids back after a failed reconcile.
  void ReturnPending(int64_t device_id, const std::vector<int64_t>& ids);
  // Re-queues what the inbox still holds (after a restart). Returns how many
  // devices were queued.
  Result<size_t> Recover();

 private:
  config::WebhookSettings Settings() const;
  void Track(int64_t device_id, int64_t inbox_id);

  store::Store& store_;
  Metrics& metrics_;
  const OwnChanges& own_;
  const Clock& clock_;
  EnqueueDevice enqueue_device_;
  EnqueueFullPass enqueue_full_pass_;

  mutable std::mutex mu_;
  config::WebhookSettings settings_;                 // guarded by mu_
  std::map<int64_t, std::vector<int64_t>> pending_;  // guarded by mu_
};

}  // namespace nbr::daemon
