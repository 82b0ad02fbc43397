// The daemon's one HTTP listener (cpp-httplib): the webhook endpoint and the
// service API.
//
//   POST <webhook path>                 NetBox deliveries (WebhookReceiver)
//   GET  /healthz                       200 while the process serves
//   GET  /readyz                        200 when the database is open and the
//                                       last NetBox contact went well; 503 and
//                                       the reason otherwise
//   GET  /metrics                       Prometheus text format
//   GET  /api/v1/reports[/latest|/ID]   stored reconciliation reports
//   GET  /api/v1/subscriptions          live and past subscriptions
//   GET  /api/v1/processes[?status=S]   workflow processes
//   POST /api/v1/passes                 start a full pass        (admin token)
//   POST /api/v1/processes/ID/confirm   confirm a suspended one  (admin token)
//
// Admin calls need `Authorization: Bearer <admin token>`; without a
// configured admin token they are refused (403).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "common/result.h"
#include "config/config.h"
#include "daemon/metrics.h"
#include "daemon/webhook_receiver.h"
#include "store/store.h"

namespace httplib {
class Server;
}

namespace nbr::daemon {

struct ServiceHooks {
  // Returns "" when ready, or why not.
  std::function<std::string()> not_ready_reason;
  // Queues a full pass (operator).
  std::function<void()> start_pass;
  // Confirms a suspended process and runs it on; returns its JSON.
  std::function<Result<nlohmann::json>(int64_t process_id, const std::string& by)>
      confirm;
};

class HttpService {
 public:
  HttpService(const config::WebhookSettings& settings, WebhookReceiver& webhooks,
              store::Store& store, Metrics& metrics, ServiceHooks hooks);
  ~HttpService();

  // Binds the listen address (port 0: any free port). Errors: Unavailable
  // naming the address when it cannot be bound.
  Status Bind();
  int port() const { return port_; }

  // Serves in a background thread until Stop().
  void Start();
  // Stops accepting, lets requests in progress finish, joins. Idempotent.
  void Stop();

  // Replaces the admin token (SIGHUP).
  void UpdateSettings(const config::WebhookSettings& settings);

 private:
  void Routes();
  bool Authorized(const std::string& header) const;

  config::WebhookSettings settings_;
  mutable std::mutex settings_mu_;
  WebhookReceiver& webhooks_;
  store::Store& store_;
  Metrics& metrics_;
  ServiceHooks hooks_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace nbr::daemon
