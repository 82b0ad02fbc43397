// A workflow is a named list of steps over a JSON state (as in
// orchestrator-core). A step reads the state, may call NetBox, and returns
// the new state plus what the engine must write for it; the engine commits
// the step's result and its step log row in one transaction.
//
// Every step must be idempotent: a step that failed, or whose run was cut off
// by a crash before its commit, runs again from scratch with the state of the
// last committed step.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/result.h"
#include "config/config.h"
#include "netbox/api.h"
#include "store/types.h"

namespace nbr::engine {

// What a step may use. Valid only during the step's run.
struct StepContext {
  const store::Process& process;
  netbox::NetBoxApi& netbox;
  const config::WorkflowSettings& settings;
  const Clock& clock;
  // The operator's input when an input step is resumed by Confirm; nullopt
  // on every other run.
  const std::optional<nlohmann::json>& input;
};

// Whether the engine writes `state["subscription"]` to the subscriptions
// table with the step's commit.
enum class SubscriptionWrite { kNone, kSave };

// The successful result of a step.
struct StepOutcome {
  store::StepStatus status = store::StepStatus::kSuccess;  // success, skipped,
                                                           // suspend or complete
  nlohmann::json state;
  SubscriptionWrite write = SubscriptionWrite::kNone;
  std::optional<store::Target> link;  // link the process to the state's subscription

  static StepOutcome Success(nlohmann::json state) {
    return With(store::StepStatus::kSuccess, std::move(state));
  }
  // The process suspends after committing `state`; the same step runs again,
  // with the operator's input, when the process is confirmed.
  static StepOutcome Suspend(nlohmann::json state) {
    return With(store::StepStatus::kSuspend, std::move(state));
  }
  static StepOutcome Complete(nlohmann::json state) {
    return With(store::StepStatus::kComplete, std::move(state));
  }
  static StepOutcome With(store::StepStatus status, nlohmann::json state) {
    StepOutcome outcome;
    outcome.status = status;
    outcome.state = std::move(state);
    return outcome;
  }
  StepOutcome& SavingSubscription() {
    write = SubscriptionWrite::kSave;
    return *this;
  }
  StepOutcome& Linking(store::Target target) {
    link = target;
    return *this;
  }
};

// A step: an error fails it. A retryable error (Unavailable) puts the
// process in `waiting` to be resumed after a backoff; any other fails the
// process with the error as its reason.
using StepFunction =
    std::function<Result<StepOutcome>(const StepContext& context, nlohmann::json state)>;

// Validates an operator's input for an input step before the step runs with
// it: InvalidArgument saying what is expected.
using InputCheck = std::function<Status(const nlohmann::json& input)>;

struct Step {
  Step(std::string step_name, StepFunction step_run, InputCheck input_check = {})
      : name(std::move(step_name)),
        run(std::move(step_run)),
        check_input(std::move(input_check)) {}

  std::string name;
  StepFunction run;
  InputCheck check_input;  // set only on input steps (that may suspend)
};

struct Workflow {
  std::string name;
  store::Target target = store::Target::kCreate;
  std::vector<Step> steps;
};

}  // namespace nbr::engine
