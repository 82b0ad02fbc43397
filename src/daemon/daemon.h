// The daemon (`netbox-reconciler serve`): wires the store, the NetBox client,
// the engine, the reconciler, the work queue, the webhook receiver, the
// service API, the poll and the resumer of waiting processes.
//
// Lifecycle: Create() checks everything that can be checked before serving
// (configuration, database, listen address); Start() serves; Reload()
// re-reads the configuration and secrets (a bad file changes nothing);
// Stop() stops taking requests, lets running work finish and closes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/clock.h"
#include "config/config.h"
#include "daemon/http_service.h"
#include "daemon/metrics.h"
#include "daemon/own_changes.h"
#include "daemon/reloadable_netbox.h"
#include "daemon/webhook_receiver.h"
#include "daemon/work_queue.h"
#include "engine/engine.h"
#include "reconcile/engine_runner.h"
#include "reconcile/reconciler.h"
#include "store/store.h"

namespace nbr::daemon {

class Daemon {
 public:
  // Opens the database and binds the listener. Errors: those of
  // Store::Open, MakeHttpClient and HttpService::Bind.
  static Result<std::unique_ptr<Daemon>> Create(std::string config_path,
                                                config::Config config,
                                                const Clock& clock);
  ~Daemon();

  // Starts serving: the listener, the workers, a start-up pass, the poll and
  // the resumer. Re-queues what the inbox held at the last stop.
  Status Start();

  // Re-reads the configuration file. Returns the error and keeps the
  // running configuration when the file or a secret is bad.
  Status Reload();

  // Stops taking requests, lets running work finish, closes. Idempotent.
  void Stop();

  int port() const { return http_->port(); }
  // "" when ready (database open, last NetBox contact went well).
  std::string NotReadyReason();

 private:
  Daemon(std::string config_path, config::Config config, const Clock& clock);
  Status Open();

  Status HandleKey(int64_t key);
  Status HandleDevice(int64_t device_id);
  Status HandleFullPass();
  void QueueFullPass(reconcile::Trigger trigger);
  void PollLoop();
  void ResumerLoop();
  void ObserveRequest(const netbox::RequestRecord& record);

  const std::string config_path_;
  const Clock& clock_;
  std::mutex config_mu_;
  config::Config config_;  // guarded by config_mu_

  Metrics metrics_;
  OwnChanges own_changes_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ReloadableNetBox> reloadable_;
  std::unique_ptr<RememberingNetBox> netbox_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<reconcile::EngineWorkflowRunner> runner_;
  std::unique_ptr<reconcile::Reconciler> reconciler_;
  std::unique_ptr<WebhookReceiver> receiver_;
  std::unique_ptr<WorkQueue> queue_;
  std::unique_ptr<HttpService> http_;

  std::atomic<int> next_pass_trigger_{static_cast<int>(reconcile::Trigger::kStartup)};
  std::atomic<bool> contacted_{false};
  std::atomic<bool> last_contact_ok_{false};

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // guarded by stop_mu_
  bool started_ = false;   // guarded by stop_mu_
  std::thread poll_thread_;
  std::thread resumer_thread_;
};

}  // namespace nbr::daemon
