#include "engine/process_runner.h"

#include <spdlog/spdlog.h>

#include "engine/backoff.h"
#include "engine/state.h"

namespace nbr::engine {
namespace {

using store::ProcessStatus;
using store::StepStatus;

// Runs one step, turning an exception that escaped it (a JSON type error, a
// bad_alloc) into an Internal error: exceptions stop at the engine.
Result<StepOutcome> RunOneStep(const Step& step, const StepContext& context,
                               const nlohmann::json& state) {
  try {
    return step.run(context, state);
  } catch (const std::exception& e) {
    return Internal("step " + step.name + " threw: " + e.what());
  }
}

// The parts of a commit that every outcome shares.
store::StepCommit BaseCommit(const RunnerEnvironment& env, const store::Process& process,
                             const Step& step, TimePoint started) {
  store::StepCommit commit;
  commit.process_id = process.id;
  commit.lease_owner = env.owner;
  commit.log.step_index = process.next_step;
  commit.log.name = step.name;
  commit.log.retries = process.retries;
  commit.log.started_at = started;
  commit.log.completed_at = env.clock.Now();
  commit.next_step = process.next_step;
  commit.state = process.state;
  commit.retries = process.retries;
  return commit;
}

// A step failed: wait and retry if the error is retryable, else fail.
store::StepCommit FailureCommit(const RunnerEnvironment& env,
                                const store::Process& process, const Step& step,
                                TimePoint started, const Error& error) {
  store::StepCommit commit = BaseCommit(env, process, step, started);
  commit.log.state = process.state;
  commit.log.error = error.ToString();
  commit.failure_reason = step.name + ": " + error.ToString();
  if (error.retryable()) {
    commit.retries = process.retries + 1;
    auto delay = RetryDelay(commit.retries, env.settings.retry_initial,
                            env.settings.retry_max, env.jitter());
    commit.next_attempt_at = env.clock.Now() + delay;
    commit.log.status = StepStatus::kWaiting;
    commit.status = ProcessStatus::kWaiting;
  } else {
    commit.log.status = StepStatus::kFailed;
    commit.status = ProcessStatus::kFailed;
  }
  return commit;
}

// A step succeeded (or suspended, or completed the process).
Result<store::StepCommit> SuccessCommit(const RunnerEnvironment& env,
                                        const store::Process& process, const Step& step,
                                        TimePoint started, const StepOutcome& outcome,
                                        size_t step_count) {
  store::StepCommit commit = BaseCommit(env, process, step, started);
  commit.state = outcome.state;
  commit.log.state = outcome.state;
  commit.log.status = outcome.status;
  commit.retries = 0;

  if (outcome.status == StepStatus::kSuspend) {
    commit.status = ProcessStatus::kSuspended;  // the same step runs on confirm
  } else {
    commit.next_step = process.next_step + 1;
    bool last = static_cast<size_t>(commit.next_step) >= step_count;
    commit.status = last ? ProcessStatus::kCompleted : ProcessStatus::kRunning;
    if (commit.status == ProcessStatus::kRunning) {
      commit.lease_until = env.clock.Now() + env.lease;
    }
  }

  if (outcome.write == SubscriptionWrite::kSave || outcome.link) {
    NBR_ASSIGN_OR_RETURN(auto subscription, SubscriptionInState(outcome.state));
    if (outcome.write == SubscriptionWrite::kSave) {
      commit.subscription = subscription;
    }
    if (outcome.link) {
      commit.link_target = outcome.link;
      commit.link_subscription_id = subscription.id;
    }
  }
  return commit;
}

void LogStop(const store::Process& process, const store::StepCommit& commit) {
  const std::string device = process.device_id ? std::to_string(*process.device_id) : "-";
  switch (commit.status) {
    case ProcessStatus::kCompleted:
      spdlog::info("process {} {} (device {}) completed", process.id, process.workflow,
                   device);
      break;
    case ProcessStatus::kSuspended:
      spdlog::info("process {} {} (device {}) suspended at {}: waiting for confirmation",
                   process.id, process.workflow, device, commit.log.name);
      break;
    case ProcessStatus::kWaiting:
      spdlog::warn(
          "process {} {} (device {}) waiting after {} (attempt {}): {}; retry at {}",
          process.id, process.workflow, device, commit.log.name, commit.retries,
          commit.log.error, FormatTimestamp(commit.next_attempt_at.value()));
      break;
    case ProcessStatus::kFailed:
      spdlog::error("process {} {} (device {}) failed: {}", process.id, process.workflow,
                    device, commit.failure_reason);
      break;
    default:
      break;
  }
}

}  // namespace

Result<store::Process> RunSteps(const RunnerEnvironment& env, const Workflow& workflow,
                                store::Process process,
                                std::optional<nlohmann::json> input) {
  while (static_cast<size_t>(process.next_step) < workflow.steps.size()) {
    const Step& step = workflow.steps[static_cast<size_t>(process.next_step)];

    // 1. Run the step; its input is for this run only.
    const TimePoint started = env.clock.Now();
    StepContext context{process, env.netbox, env.settings, env.clock, input};
    auto outcome = RunOneStep(step, context, process.state);
    input.reset();

    // 2. Commit its result and log row together.
    store::StepCommit commit;
    if (outcome.ok()) {
      NBR_ASSIGN_OR_RETURN(commit, SuccessCommit(env, process, step, started,
                                                 outcome.value(), workflow.steps.size()));
    } else {
      commit = FailureCommit(env, process, step, started, outcome.error());
    }
    auto committed = env.store.CommitStep(commit);
    if (!committed.ok() && committed.error().kind() == ErrorKind::kAlreadyExists) {
      // The step's writes broke a uniqueness rule (a second live subscription
      // for the device): the step failed for good.
      commit = FailureCommit(env, process, step, started, committed.error());
      committed = env.store.CommitStep(commit);
    }
    NBR_RETURN_IF_ERROR(committed);
    spdlog::debug("process {} step {} {}", process.id, step.name,
                  store::StepStatusName(commit.log.status));
    if (env.after_commit) {
      env.after_commit(process.id, step.name);
    }

    // 3. Go on, or stop where the commit left the process.
    if (commit.status != ProcessStatus::kRunning) {
      LogStop(process, commit);
      return env.store.GetProcess(process.id);
    }
    process.state = std::move(commit.state);
    process.next_step = commit.next_step;
    process.retries = 0;
  }
  return env.store.GetProcess(process.id);
}

}  // namespace nbr::engine
