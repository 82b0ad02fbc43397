// Engine: starts and runs the node workflows (create_node, modify_node,
// terminate_node, validate_node) over the store, durably and resumably.
//
// Execution model
// - Start* records a process (status `created`) and returns its id; it does
//   not run it. RunProcess / Resume / Confirm run a process synchronously in
//   the calling thread until it completes, suspends, waits or fails, and
//   return it as it was left. Bounded parallelism is the caller's business
//   (the daemon's work queue): call these from as many threads as you like.
// - Each step's result and its step log row are committed in one
//   transaction. After a crash, a failure or a suspension the process
//   resumes at the step that did not complete, which runs again from scratch.
// - A runner holds a process under a lease (EngineOptions::lease) renewed at
//   every step; a second runner, in this process or another, gets Conflict.
//   A crashed runner's process becomes due again when its lease expires.
// - A retryable failure (NetBox unreachable, 5xx, 429, timeout) leaves the
//   process `waiting` with a backoff (config workflow.retry_initial/max,
//   doubling, jittered); ResumeDue() / DueProcesses() pick it up when due.
//   A permanent failure (404, 400, a check that failed) leaves it `failed`
//   with the reason; an operator may Resume it after fixing the cause.
// - Only one process works on a subscription at a time: starting modify or
//   terminate takes the subscription's insync flag (Conflict when false);
//   create_node holds it from its first step and releases it at `resync`. A
//   failed process leaves insync false on purpose, as in orchestrator-core.
//
// Thread safety: all methods are thread-safe. The Store, NetBoxApi and Clock
// passed in must outlive the Engine.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/result.h"
#include "config/config.h"
#include "engine/process_runner.h"
#include "netbox/api.h"
#include "store/store.h"

namespace nbr::engine {

struct EngineOptions {
  config::WorkflowSettings workflow;  // confirmation mode, single stack, retries
  std::chrono::seconds lease{300};    // longer than any one step can take
  // A created process is due for ResumeDue only this long after its start,
  // so that ResumeDue does not race the starter that is about to run it.
  std::chrono::seconds created_grace{60};
  std::string runner_id;     // empty: "<hostname>:<pid>:<random>"
  uint64_t jitter_seed = 0;  // 0: seeded at random
};

// What Validate found.
struct ValidationResult {
  store::ProcessId process_id = 0;
  store::ProcessStatus status = store::ProcessStatus::kCreated;  // completed: no
                                                                 // differences
  // [{"field": "node_name", "subscription": ..., "netbox": ...}, ...]
  nlohmann::json differences = nlohmann::json::array();
  std::string failure_reason;
};

class Engine {
 public:
  Engine(store::Store& store, netbox::NetBoxApi& netbox, const Clock& clock,
         EngineOptions options);

  // Records a create_node process for a NetBox device. Race-free across
  // threads and processes. Errors: AlreadyExists when the device has a live
  // subscription or an enrollment in flight; InvalidArgument for an id < 1.
  Result<store::ProcessId> StartCreateNode(int64_t device_id,
                                           std::string_view started_by);

  // Records a terminate_node process: lifecycle terminated, end date, the
  // reason in the note. Errors: NotFound; InvalidArgument when already
  // terminated; Conflict when the subscription is not in sync (another
  // process works on it, or one failed there).
  Result<store::ProcessId> StartTerminateNode(
      const store::SubscriptionId& subscription_id, std::string_view reason,
      std::string_view started_by);

  // Records a modify_node process: the subscription takes NetBox's current
  // name and loopbacks (by device id), recording before and after in the
  // state. Errors: as StartTerminateNode.
  Result<store::ProcessId> StartModifyNode(const store::SubscriptionId& subscription_id,
                                           std::string_view started_by);

  // Runs validate_node to its end now: compares the subscription with NetBox
  // (device missing, name, loopbacks, status) and records the differences in
  // the state; the process fails, naming them, when there are any. Does not
  // take the subscription's lock. Errors: NotFound; InvalidArgument when
  // terminated; store errors. A NetBox outage leaves the process waiting
  // (status kWaiting in the result).
  Result<ValidationResult> Validate(const store::SubscriptionId& subscription_id,
                                    std::string_view started_by);

  // Runs a created or waiting process (or one whose runner's lease expired).
  // Errors: NotFound; Conflict when it is held by another runner, suspended
  // (use Confirm), failed (use Resume) or finished; Internal for an unknown
  // workflow.
  Result<store::Process> RunProcess(store::ProcessId id);

  // As RunProcess, and also resumes a failed process at its failed step (an
  // operator's decision).
  Result<store::Process> Resume(store::ProcessId id);

  // Confirms a suspended process's input step and runs it on. For
  // create_node's provide_config_to_user the input must be
  // {"config_put_on_router": true} and may carry {"by": "<who>"}.
  // Errors: InvalidArgument for bad input (the process stays suspended);
  // Conflict when it is not suspended; NotFound.
  Result<store::Process> Confirm(store::ProcessId id, const nlohmann::json& input);

  // Aborts a process that is not running: an `abort` step, status aborted;
  // the subscription stays as it is. Errors: NotFound; Conflict.
  Status Abort(store::ProcessId id, std::string_view reason);

  // Processes due now (created over EngineOptions::created_grace ago,
  // waiting past their backoff, or orphaned by a dead runner), oldest first:
  // the daemon hands them to its threads.
  Result<std::vector<store::ProcessId>> DueProcesses();

  // Runs every due process in turn in this thread, skipping those another
  // runner holds; returns them as left. Errors: only when listing fails.
  Result<std::vector<store::Process>> ResumeDue();

  // For tests: called after every step commit (see StepObserver).
  void SetStepObserver(StepObserver observer);

  const std::string& runner_id() const { return options_.runner_id; }

 private:
  Result<store::Process> Claim(store::ProcessId id, store::ClaimFrom from);
  Result<store::Process> RunClaimed(store::Process process,
                                    std::optional<nlohmann::json> input);
  RunnerEnvironment Environment();
  double NextJitter();

  store::Store& store_;
  netbox::NetBoxApi& netbox_;
  const Clock& clock_;
  EngineOptions options_;

  std::mutex mu_;
  std::mt19937_64 random_;  // guarded by mu_
  StepObserver observer_;   // guarded by mu_
};

}  // namespace nbr::engine
