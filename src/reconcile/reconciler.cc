#include "reconcile/reconciler.h"

#include <spdlog/spdlog.h>

#include <set>
#include <unordered_set>

#include "reconcile/executor.h"

namespace nbr::reconcile {
namespace {

const std::vector<store::ProcessStatus> kOpenStatuses = {
    store::ProcessStatus::kCreated, store::ProcessStatus::kRunning,
    store::ProcessStatus::kSuspended, store::ProcessStatus::kWaiting,
    store::ProcessStatus::kFailed};

std::string StartedBy(Trigger trigger) {
  return "reconciler:" + std::string(TriggerName(trigger));
}

void LogSummary(const PassReport& r) {
  std::string counts;
  for (const auto& [kind, n] : r.CountsByKind()) {
    if (n > 0) {
      counts += (counts.empty() ? "" : ", ") + kind + "=" + std::to_string(n);
    }
  }
  spdlog::info("{} {} finished: {} devices, {} findings{}{}, {} requests",
               r.scope_device_id ? "device reconcile" : "pass", TriggerName(r.trigger),
               r.device_count, r.findings.size(), counts.empty() ? "" : ": ", counts,
               r.requests);
}

}  // namespace

Reconciler::Reconciler(netbox::NetBoxApi& netbox, store::Store& store,
                       WorkflowRunner& runner, const config::Config& config,
                       const Clock& clock)
    : netbox_(netbox), store_(store), runner_(runner), clock_(clock), config_(config) {}

void Reconciler::UpdateConfig(const config::Config& config) {
  std::lock_guard lock(config_mu_);
  config_ = config;
}

config::Config Reconciler::ConfigCopy() const {
  std::lock_guard lock(config_mu_);
  return config_;
}

Result<PassReport> Reconciler::RunPass(Trigger trigger, Mode mode) {
  config::Config config = ConfigCopy();
  PassReport report;
  report.started_at = clock_.Now();
  report.trigger = trigger;
  report.mode = mode;
  uint64_t requests_before = netbox_.RequestCount();

  // 1. Read NetBox and the store.
  Snapshot snapshot;
  NBR_RETURN_IF_ERROR(GatherAll(report, snapshot));

  // 2. Decide, then act unless planning.
  report.findings = Decide(snapshot, config, clock_.Now(), mode);
  if (mode == Mode::kApply) {
    Executor(netbox_, runner_, config, StartedBy(trigger)).Run(report.findings);
  }

  // 3. Keep the report.
  NBR_RETURN_IF_ERROR(Finish(
      report, mode == Mode::kPlan ? StoreReport::kWhenFindings : StoreReport::kAlways,
      requests_before));
  return report;
}

Result<PassReport> Reconciler::ReconcileDevice(int64_t device_id, Trigger trigger) {
  config::Config config = ConfigCopy();
  PassReport report;
  report.started_at = clock_.Now();
  report.trigger = trigger;
  report.scope_device_id = device_id;
  uint64_t requests_before = netbox_.RequestCount();

  // 1. The device as NetBox has it now, and what we hold for it.
  NBR_ASSIGN_OR_RETURN(Snapshot snapshot, GatherDevice(device_id, report));

  // 2. The same rules as a full pass, on this one device.
  report.findings = Decide(snapshot, config, clock_.Now(), Mode::kApply);
  std::erase_if(report.findings, [&](const Finding& f) {
    return f.kind == FindingKind::kStuckProcess && f.device_id != device_id;
  });
  Executor(netbox_, runner_, config, StartedBy(trigger)).Run(report.findings);

  NBR_RETURN_IF_ERROR(Finish(report, StoreReport::kWhenFindings, requests_before));
  return report;
}

Status Reconciler::GatherAll(PassReport& report, Snapshot& snapshot) {
  config::Config config = ConfigCopy();

  // 1. The NetBox version (it picks the fields to ask for).
  auto status = netbox_.GetStatus();
  if (status.ok()) {
    report.netbox_version = status->netbox_version;
  } else {
    report.errors.push_back("NetBox status: " + status.error().message());
  }

  // 2. Every device, in pages.
  netbox::DeviceListOptions options;
  options.page_size = config.netbox.page_size;
  auto listing = netbox_.ListDevices(options);
  if (listing.ok()) {
    report.pages = listing->pages;
    report.duplicates_dropped = listing->duplicates_dropped;
    snapshot.devices = std::move(listing->devices);
  } else {
    snapshot.listing_complete = false;
    report.listing_complete = false;
    report.errors.push_back("device listing failed, nothing destructive was done: " +
                            listing.error().message());
    spdlog::warn("device listing failed; skipping everything destructive this pass: {}",
                 listing.error().message());
  }
  report.device_count = static_cast<int64_t>(snapshot.devices.size());

  // 3. What the store holds.
  NBR_RETURN_IF_ERROR(LoadStoreState(snapshot, std::nullopt));
  report.subscription_count = static_cast<int64_t>(snapshot.live_subscriptions.size());
  if (!snapshot.listing_complete) {
    return Status::Ok();
  }

  // 4. A subscription whose device the listing did not show is asked for
  // directly: only a 404 makes it gone.
  std::unordered_set<int64_t> listed;
  for (const auto& d : snapshot.devices) {
    listed.insert(d.id);
  }
  std::set<int64_t> missing;
  for (const auto& s : snapshot.live_subscriptions) {
    if (s.node_id && !listed.contains(*s.node_id)) {
      missing.insert(*s.node_id);
    }
  }
  for (int64_t id : missing) {
    auto device = netbox_.GetDevice(id);
    if (device.ok()) {
      snapshot.devices.push_back(std::move(device).value());
    } else if (device.error().kind() == ErrorKind::kNotFound) {
      snapshot.gone.insert(id);
    } else {
      report.errors.push_back("device " + std::to_string(id) + ": " +
                              device.error().message());
    }
  }
  return Status::Ok();
}

Result<Snapshot> Reconciler::GatherDevice(int64_t device_id, PassReport& report) {
  Snapshot snapshot;
  auto device = netbox_.GetDevice(device_id);
  if (device.ok()) {
    snapshot.devices.push_back(std::move(device).value());
    report.device_count = 1;
  } else if (device.error().kind() == ErrorKind::kNotFound) {
    snapshot.gone.insert(device_id);
  } else {
    return device.error().WithContext("device " + std::to_string(device_id));
  }
  NBR_RETURN_IF_ERROR(LoadStoreState(snapshot, device_id));
  report.subscription_count = static_cast<int64_t>(snapshot.live_subscriptions.size());
  return snapshot;
}

Status Reconciler::LoadStoreState(Snapshot& snapshot, std::optional<int64_t> device_id) {
  store::SubscriptionQuery subscriptions;
  subscriptions.live = store::SubscriptionQuery::Live::kLiveOnly;
  subscriptions.device_id = device_id;
  NBR_ASSIGN_OR_RETURN(snapshot.live_subscriptions,
                       store_.ListSubscriptions(subscriptions));

  store::ProcessQuery processes;
  processes.statuses = kOpenStatuses;
  processes.device_id = device_id;
  processes.limit = 1'000'000;
  NBR_ASSIGN_OR_RETURN(snapshot.open_processes, store_.ListProcesses(processes));
  return Status::Ok();
}

Status Reconciler::Finish(PassReport& report, StoreReport store_report,
                          uint64_t requests_before) {
  report.finished_at = clock_.Now();
  report.requests = netbox_.RequestCount() - requests_before;
  bool keep =
      store_report == StoreReport::kAlways || report.HasDrift() || !report.errors.empty();
  if (keep && report.mode == Mode::kApply) {
    store::Report row;
    row.started_at = report.started_at;
    row.finished_at = report.finished_at;
    row.trigger = std::string(TriggerName(report.trigger));
    row.summary = report.Summary();
    row.report_json = ToJson(report).dump();
    // The JSON is written before the id exists: readers take the id from
    // the row (see LoadReport).
    NBR_ASSIGN_OR_RETURN(report.id, store_.SaveReport(row));
  }
  LogSummary(report);
  return Status::Ok();
}

}  // namespace nbr::reconcile
