#include "reconcile/executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

namespace nbr::reconcile {
namespace {

bool IsWorkflowAction(Action a) {
  return a == Action::kEnroll || a == Action::kAdopt || a == Action::kTerminate ||
         a == Action::kModify || a == Action::kTerminateExtra;
}

void Fail(Finding& f, const Error& error) {
  f.outcome =
      error.kind() == ErrorKind::kAlreadyExists ? Outcome::kSkipped : Outcome::kFailed;
  f.detail = error.message();
}

}  // namespace

void ApplyOutcome(const ProcessOutcome& outcome, Finding& f) {
  f.process_id = outcome.process_id;
  switch (outcome.status) {
    case store::ProcessStatus::kCompleted:
      f.outcome = Outcome::kDone;
      break;
    case store::ProcessStatus::kSuspended:
      f.outcome = Outcome::kPending;
      f.detail = "awaiting operator confirmation (processes confirm " +
                 std::to_string(outcome.process_id) + ")";
      break;
    case store::ProcessStatus::kWaiting:
    case store::ProcessStatus::kCreated:
    case store::ProcessStatus::kRunning:
      f.outcome = Outcome::kPending;
      f.detail = outcome.failure_reason.empty()
                     ? "will be retried"
                     : "will be retried: " + outcome.failure_reason;
      break;
    case store::ProcessStatus::kFailed:
    case store::ProcessStatus::kAborted:
      f.outcome = Outcome::kFailed;
      f.detail = outcome.failure_reason;
      break;
  }
}

Executor::Executor(netbox::NetBoxApi& netbox, WorkflowRunner& runner,
                   const config::Config& config, std::string started_by)
    : netbox_(netbox),
      runner_(runner),
      config_(config),
      started_by_(std::move(started_by)) {}

void Executor::Run(std::vector<Finding>& findings) {
  std::vector<size_t> set_active, workflows;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].outcome != Outcome::kPlanned) {
      continue;
    }
    if (findings[i].action == Action::kSetActive) {
      set_active.push_back(i);
    } else if (IsWorkflowAction(findings[i].action)) {
      workflows.push_back(i);
    }
  }

  // Status fixes first: they are cheap in bulk. Then the workflows, which may
  // include terminations for devices that vanished during the bulk update.
  size_t before = findings.size();
  SetActive(std::move(set_active), findings);
  for (size_t i = before; i < findings.size(); ++i) {
    if (findings[i].outcome == Outcome::kPlanned) {
      workflows.push_back(i);
    }
  }
  RunWorkflows(workflows, findings);
}

void Executor::SetActive(std::vector<size_t> indexes, std::vector<Finding>& findings) {
  std::vector<Finding> added;
  size_t batch = static_cast<size_t>(std::max(1, config_.netbox.bulk_batch_size));
  for (size_t start = 0; start < indexes.size(); start += batch) {
    size_t end = std::min(indexes.size(), start + batch);
    std::vector<int64_t> ids;
    for (size_t k = start; k < end; ++k) {
      ids.push_back(findings[indexes[k]].device_id);
    }

    auto result = netbox_.BulkSetStatus(ids, "active");
    for (size_t k = start; k < end; ++k) {
      Finding& f = findings[indexes[k]];
      if (!result.ok()) {
        Fail(f, result.error());
        continue;
      }
      auto updated =
          std::find_if(result->updated.begin(), result->updated.end(),
                       [&](const netbox::Device& d) { return d.id == f.device_id; });
      if (updated == result->updated.end()) {
        ConfirmVanished(f, added);
      } else if (updated->status != "active") {
        f.outcome = Outcome::kFailed;
        f.detail = "NetBox answered status '" + updated->status + "'";
      } else {
        f.outcome = Outcome::kDone;
        spdlog::info("device {} ({}) set active again in NetBox", f.device_id,
                     f.device_name);
      }
    }
  }
  for (auto& f : added) {
    findings.push_back(std::move(f));
  }
}

// NetBox left a device out of a bulk answer: ask it directly whether the
// device is gone (case C9). Nothing claims that it was updated.
void Executor::ConfirmVanished(Finding& f, std::vector<Finding>& added) {
  auto device = netbox_.GetDevice(f.device_id);
  if (device.ok()) {
    f.outcome = Outcome::kFailed;
    f.detail = "NetBox skipped the device in the bulk update; it will be retried";
    return;
  }
  if (device.error().kind() != ErrorKind::kNotFound) {
    Fail(f, device.error());
    return;
  }
  f.outcome = Outcome::kFailed;
  f.detail = "device vanished before its status could be set (404)";
  spdlog::warn("device {} ({}) vanished during the status update", f.device_id,
               f.device_name);

  Finding orphan;
  orphan.kind = FindingKind::kOrphanedSubscription;
  orphan.device_id = f.device_id;
  orphan.device_name = f.device_name;
  orphan.subscription_id = f.subscription_id;
  orphan.before = {{"status", "planned"}};
  orphan.after = {{"device", "not found (404)"}};
  orphan.policy = config_.drift.orphaned_subscription;
  bool fix = orphan.policy == config::Policy::kFix;
  orphan.action = fix ? Action::kTerminate : Action::kNone;
  orphan.outcome = fix ? Outcome::kPlanned : Outcome::kReported;
  orphan.detail = "found gone during the status update";
  if (orphan.policy != config::Policy::kIgnore) {
    added.push_back(std::move(orphan));
  }
}

void Executor::RunWorkflows(const std::vector<size_t>& indexes,
                            std::vector<Finding>& findings) {
  if (indexes.empty()) {
    return;
  }
  size_t threads = std::min<size_t>(
      indexes.size(), static_cast<size_t>(std::max(1, config_.workflow.max_parallel)));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k = next++; k < indexes.size(); k = next++) {
      RunOne(findings[indexes[k]]);
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) {
    pool.emplace_back(work);
  }
  work();
  for (auto& t : pool) {
    t.join();
  }
}

void Executor::RunOne(Finding& f) {
  switch (f.action) {
    case Action::kEnroll:
    case Action::kAdopt: {
      auto outcome = runner_.Enroll(f.device_id, started_by_);
      outcome.ok() ? ApplyOutcome(*outcome, f) : Fail(f, outcome.error());
      return;
    }
    case Action::kTerminate: {
      std::string reason = f.detail.empty() ? "device not found in NetBox" : f.detail;
      auto outcome = runner_.Terminate(*f.subscription_id, reason, started_by_);
      outcome.ok() ? ApplyOutcome(*outcome, f) : Fail(f, outcome.error());
      return;
    }
    case Action::kModify: {
      auto outcome = runner_.Modify(*f.subscription_id, started_by_);
      outcome.ok() ? ApplyOutcome(*outcome, f) : Fail(f, outcome.error());
      return;
    }
    case Action::kTerminateExtra: {
      std::string keep = f.after.value("keep", "");
      f.outcome = Outcome::kDone;
      for (const auto& id : f.before.value("subscriptions", nlohmann::json::array())) {
        if (id == keep) {
          continue;
        }
        auto outcome = runner_.Terminate(
            id.get<std::string>(), "duplicate subscription for the device", started_by_);
        if (!outcome.ok()) {
          Fail(f, outcome.error());
          return;
        }
        ApplyOutcome(*outcome, f);
        if (f.outcome != Outcome::kDone) {
          return;
        }
      }
      return;
    }
    case Action::kNone:
    case Action::kSetActive:
      return;
  }
}

}  // namespace nbr::reconcile
