// The step loop: runs a claimed process's steps from `next_step` on, committing
// each, until the process completes, suspends, waits or fails. Internal to the
// engine; use engine::Engine.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "engine/step.h"
#include "store/store.h"

namespace nbr::engine {

// Called after each step's commit, with the process id and the step's name.
// For tests that simulate a crash between two steps (by throwing).
using StepObserver = std::function<void(store::ProcessId, const std::string&)>;

struct RunnerEnvironment {
  store::Store& store;
  netbox::NetBoxApi& netbox;
  const Clock& clock;
  const config::WorkflowSettings& settings;
  std::string owner;               // the lease holder's name
  std::chrono::seconds lease;      // renewed at every commit
  std::function<double()> jitter;  // in [0, 1)
  StepObserver after_commit;       // may be empty
};

// Runs `process` (claimed by env.owner) to its next stop and returns it as it
// was left. `input` goes to the first step run only. Errors: those of the
// store (Conflict when the lease was lost); a step's own error is not an
// error here but the process's outcome.
Result<store::Process> RunSteps(const RunnerEnvironment& env, const Workflow& workflow,
                                store::Process process,
                                std::optional<nlohmann::json> input);

}  // namespace nbr::engine
