#include "daemon/daemon.h"

#include <spdlog/spdlog.h>

#include <random>

#include "daemon/notify.h"
#include "log/logging.h"
#include "netbox/http_client.h"
#include "store/json.h"

namespace nbr::daemon {
namespace {

using reconcile::Trigger;

constexpr std::chrono::seconds kResumerInterval{2};

std::chrono::milliseconds Jitter(std::chrono::seconds max) {
  if (max.count() <= 0) {
    return std::chrono::milliseconds(0);
  }
  static thread_local std::mt19937_64 random(std::random_device{}());
  std::uniform_int_distribution<long long> dist(0, max.count() * 1000);
  return std::chrono::milliseconds(dist(random));
}

}  // namespace

Daemon::Daemon(std::string config_path, config::Config config, const Clock& clock)
    : config_path_(std::move(config_path)), clock_(clock), config_(std::move(config)) {}

Daemon::~Daemon() {
  Stop();
}

Result<std::unique_ptr<Daemon>> Daemon::Create(std::string config_path,
                                               config::Config config,
                                               const Clock& clock) {
  std::unique_ptr<Daemon> daemon(
      new Daemon(std::move(config_path), std::move(config), clock));
  NBR_RETURN_IF_ERROR(daemon->Open());
  return daemon;
}

Status Daemon::Open() {
  const config::Config& config = config_;

  // 1. The database.
  NBR_ASSIGN_OR_RETURN(store_, store::Store::Open(config.database_path, clock_));

  // 2. NetBox, through a client that remembers our own writes (case C8).
  NBR_ASSIGN_OR_RETURN(
      auto client,
      netbox::MakeHttpClient(
          config.netbox, [this](const netbox::RequestRecord& r) { ObserveRequest(r); }));
  reloadable_ = std::make_unique<ReloadableNetBox>(std::move(client));
  netbox_ = std::make_unique<RememberingNetBox>(*reloadable_, own_changes_);

  // 3. The engine and the reconciler.
  engine::EngineOptions options;
  options.workflow = config.workflow;
  engine_ = std::make_unique<engine::Engine>(*store_, *netbox_, clock_, options);
  runner_ = std::make_unique<reconcile::EngineWorkflowRunner>(*engine_);
  reconciler_ = std::make_unique<reconcile::Reconciler>(*netbox_, *store_, *runner_,
                                                        config, clock_);

  // 4. The queue, the receiver and the listener.
  WorkQueueOptions queue_options;
  queue_options.workers = config.workflow.max_parallel + 1;
  queue_options.backoff.initial = config.workflow.retry_initial;
  queue_options.backoff.max = config.workflow.retry_max;
  queue_ = std::make_unique<WorkQueue>(
      queue_options, [this](int64_t key) { return HandleKey(key); }, clock_);
  receiver_ = std::make_unique<WebhookReceiver>(
      config.webhook, *store_, metrics_, own_changes_, clock_,
      [this](int64_t id) {
        queue_->Push(id);
        metrics_.SetQueueDepth(queue_->depth());
      },
      [this] { QueueFullPass(Trigger::kWebhook); });

  ServiceHooks hooks;
  hooks.not_ready_reason = [this] { return NotReadyReason(); };
  hooks.start_pass = [this] { QueueFullPass(Trigger::kOperator); };
  hooks.confirm = [this](int64_t id, const std::string& by) -> Result<nlohmann::json> {
    NBR_ASSIGN_OR_RETURN(
        auto process, engine_->Confirm(id, {{"config_put_on_router", true}, {"by", by}}));
    return store::ToJson(process);
  };
  http_ =
      std::make_unique<HttpService>(config.webhook, *receiver_, *store_, metrics_, hooks);
  return http_->Bind();
}

Status Daemon::Start() {
  {
    std::lock_guard lock(stop_mu_);
    started_ = true;
  }
  http_->Start();

  auto recovered = receiver_->Recover();
  if (!recovered.ok()) {
    return recovered.error().WithContext("reading the webhook inbox");
  }
  if (*recovered > 0) {
    spdlog::info("re-queued {} devices from undelivered inbox items", *recovered);
  }

  QueueFullPass(Trigger::kStartup);
  poll_thread_ = std::thread([this] { PollLoop(); });
  resumer_thread_ = std::thread([this] { ResumerLoop(); });

  spdlog::info("netbox-reconciler {} serving on {}:{} (webhooks at {})", NBR_VERSION,
               config_.webhook.listen_address, http_->port(), config_.webhook.path);
  NotifyReady();
  NotifyStatus("serving");
  return Status::Ok();
}

Status Daemon::Reload() {
  NotifyReloading();
  auto loaded = config::LoadConfig(config_path_);
  if (!loaded.ok()) {
    spdlog::error("reload refused, keeping the running configuration: {}",
                  loaded.error().message());
    NotifyReady();
    return loaded.error();
  }
  config::Config config = std::move(loaded).value();
  {
    std::lock_guard lock(config_mu_);
    if (config.webhook.listen_address != config_.webhook.listen_address ||
        config.webhook.listen_port != config_.webhook.listen_port ||
        config.webhook.path != config_.webhook.path ||
        config.database_path != config_.database_path) {
      spdlog::warn(
          "listen address, webhook path and database path change only on restart");
    }
    if (config.netbox.url != config_.netbox.url ||
        !(config.netbox.token == config_.netbox.token)) {
      NBR_ASSIGN_OR_RETURN(
          auto client,
          netbox::MakeHttpClient(config.netbox, [this](const netbox::RequestRecord& r) {
            ObserveRequest(r);
          }));
      reloadable_->Replace(std::move(client));
    }
    config_ = config;
  }
  log::Setup(config.log_level, log::DetectFormat());
  reconciler_->UpdateConfig(config);
  receiver_->UpdateSettings(config.webhook);
  http_->UpdateSettings(config.webhook);
  spdlog::info("configuration reloaded from {}", config_path_);
  NotifyReady();
  return Status::Ok();
}

void Daemon::Stop() {
  {
    std::lock_guard lock(stop_mu_);
    if (stopping_ || !started_) {
      stopping_ = true;
      return;
    }
    stopping_ = true;
  }
  NotifyStopping();
  spdlog::info("stopping: no new requests; letting running work finish");

  // 1. No new deliveries; 2. no new passes; 3. running work finishes.
  http_->Stop();
  stop_cv_.notify_all();
  if (poll_thread_.joinable()) {
    poll_thread_.join();
  }
  if (resumer_thread_.joinable()) {
    resumer_thread_.join();
  }
  queue_->Stop();
  spdlog::info("stopped cleanly");
}

std::string Daemon::NotReadyReason() {
  if (!store_->SchemaVersion().ok()) {
    return "the database cannot be read";
  }
  if (!contacted_) {
    return "NetBox has not been reached yet";
  }
  if (!last_contact_ok_) {
    return "the last request to NetBox failed";
  }
  return "";
}

void Daemon::ObserveRequest(const netbox::RequestRecord& record) {
  metrics_.RecordNetBoxRequest(record);
  bool ok = record.status > 0 && record.status < 500 && record.status != 429;
  contacted_ = contacted_ || ok;
  last_contact_ok_ = ok;
  if (ok) {
    metrics_.SetLastNetBoxContact(
        std::chrono::duration<double>(clock_.Now().time_since_epoch()).count());
  }
}

void Daemon::QueueFullPass(Trigger trigger) {
  next_pass_trigger_ = static_cast<int>(trigger);
  queue_->Push(kFullPassKey);
  metrics_.SetQueueDepth(queue_->depth());
}

Status Daemon::HandleKey(int64_t key) {
  Status status = key == kFullPassKey ? HandleFullPass() : HandleDevice(key);
  metrics_.SetQueueDepth(queue_->depth());
  return status;
}

Status Daemon::HandleFullPass() {
  auto trigger = static_cast<Trigger>(
      next_pass_trigger_.exchange(static_cast<int>(Trigger::kSchedule)));
  auto report = reconciler_->RunPass(trigger, reconcile::Mode::kApply);
  if (!report.ok()) {
    metrics_.RecordPassFailure(reconcile::TriggerName(trigger));
    spdlog::error("{} pass failed: {}", reconcile::TriggerName(trigger),
                  report.error().message());
    return report.error();
  }
  metrics_.RecordPass(*report, report->errors.empty());
  return Status::Ok();
}

Status Daemon::HandleDevice(int64_t device_id) {
  // The inbox items this reconcile answers for: those received before it
  // reads NetBox. Later ones re-queue the device (the queue re-runs it).
  std::vector<int64_t> items = receiver_->TakePending(device_id);
  auto report = reconciler_->ReconcileDevice(device_id, Trigger::kWebhook);
  if (!report.ok()) {
    receiver_->ReturnPending(device_id, items);
    spdlog::warn("reconcile of device {} failed, will retry: {}", device_id,
                 report.error().message());
    return report.error();
  }
  metrics_.RecordPass(*report, true);
  std::string outcome = report->findings.empty()
                            ? "in agreement"
                            : std::to_string(report->findings.size()) +
                                  " findings (report " + std::to_string(report->id) + ")";
  for (int64_t id : items) {
    if (auto done = store_->MarkInboxDone(id, outcome); !done.ok()) {
      spdlog::warn("inbox item {} not marked done: {}", id, done.error().message());
    }
  }
  return Status::Ok();
}

void Daemon::PollLoop() {
  while (true) {
    std::chrono::seconds interval, jitter;
    {
      std::lock_guard lock(config_mu_);
      interval = config_.poll_interval;
      jitter = config_.poll_jitter;
    }
    std::unique_lock lock(stop_mu_);
    if (stop_cv_.wait_for(lock, interval + Jitter(jitter),
                          [this] { return stopping_; })) {
      return;
    }
    lock.unlock();
    QueueFullPass(Trigger::kSchedule);
  }
}

void Daemon::ResumerLoop() {
  while (true) {
    {
      std::unique_lock lock(stop_mu_);
      if (stop_cv_.wait_for(lock, kResumerInterval, [this] { return stopping_; })) {
        return;
      }
    }
    // Waiting processes whose backoff ran out, and those of a dead runner.
    auto due = engine_->DueProcesses();
    if (due.ok()) {
      for (store::ProcessId id : *due) {
        auto process = engine_->RunProcess(id);
        if (process.ok()) {
          spdlog::info("process {} ({}) resumed: {}", id, process->workflow,
                       store::ProcessStatusName(process->status));
        }
      }
    }
    // Process counts for the metrics: one counting query.
    if (auto counts = store_->CountProcessesByStatus(); counts.ok()) {
      for (auto status :
           {store::ProcessStatus::kCreated, store::ProcessStatus::kRunning,
            store::ProcessStatus::kSuspended, store::ProcessStatus::kWaiting,
            store::ProcessStatus::kFailed, store::ProcessStatus::kAborted,
            store::ProcessStatus::kCompleted}) {
        auto it = counts->find(status);
        metrics_.SetProcesses(
            store::ProcessStatusName(status),
            it == counts->end() ? 0.0 : static_cast<double>(it->second));
      }
    }
  }
}

}  // namespace nbr::daemon
