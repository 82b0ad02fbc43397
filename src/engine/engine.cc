#include "engine/engine.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "workflows/registry.h"

namespace nbr::engine {
namespace {

std::string DefaultRunnerId(uint64_t random) {
  char host[256] = "host";
  ::gethostname(host, sizeof(host) - 1);
  char suffix[17];
  std::snprintf(suffix, sizeof(suffix), "%08llx",
                static_cast<unsigned long long>(random & 0xffffffffULL));
  return std::string(host) + ":" + std::to_string(::getpid()) + ":" + suffix;
}

Result<const Workflow*> WorkflowOf(const store::Process& process) {
  const Workflow* workflow = workflows::FindWorkflow(process.workflow);
  if (workflow == nullptr) {
    return Internal("process " + std::to_string(process.id) + " has unknown workflow '" +
                    process.workflow + "'");
  }
  return workflow;
}

store::NewProcess MakeProcess(std::string_view workflow, store::Target target,
                              std::string_view started_by, nlohmann::json state) {
  store::NewProcess process;
  process.workflow = std::string(workflow);
  process.target = target;
  process.started_by = std::string(started_by);
  process.state = std::move(state);
  return process;
}

}  // namespace

Engine::Engine(store::Store& store, netbox::NetBoxApi& netbox, const Clock& clock,
               EngineOptions options)
    : store_(store), netbox_(netbox), clock_(clock), options_(std::move(options)) {
  uint64_t seed = options_.jitter_seed;
  if (seed == 0) {
    seed = (static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  }
  random_.seed(seed);
  if (options_.runner_id.empty()) {
    options_.runner_id = DefaultRunnerId(random_());
  }
}

Result<store::ProcessId> Engine::StartCreateNode(int64_t device_id,
                                                 std::string_view started_by) {
  if (device_id < 1) {
    return InvalidArgument("not a NetBox device id: " + std::to_string(device_id));
  }
  auto process = MakeProcess(workflows::kCreateNode, store::Target::kCreate, started_by,
                             {{"device_id", device_id}});
  process.device_id = device_id;
  NBR_ASSIGN_OR_RETURN(store::ProcessId id, store_.CreateEnrollmentProcess(process));
  spdlog::info("process {} create_node for device {} started by {}", id, device_id,
               started_by);
  return id;
}

Result<store::ProcessId> Engine::StartTerminateNode(
    const store::SubscriptionId& subscription_id, std::string_view reason,
    std::string_view started_by) {
  auto process = MakeProcess(workflows::kTerminateNode, store::Target::kTerminate,
                             started_by, {{"reason", reason}});
  NBR_ASSIGN_OR_RETURN(store::ProcessId id,
                       store_.CreateSubscriptionProcess(process, subscription_id,
                                                        store::SubscriptionLock::kTake));
  spdlog::info("process {} terminate_node for subscription {} started by {}: {}", id,
               subscription_id, started_by, reason);
  return id;
}

Result<store::ProcessId> Engine::StartModifyNode(
    const store::SubscriptionId& subscription_id, std::string_view started_by) {
  auto process = MakeProcess(workflows::kModifyNode, store::Target::kModify, started_by,
                             nlohmann::json::object());
  NBR_ASSIGN_OR_RETURN(store::ProcessId id,
                       store_.CreateSubscriptionProcess(process, subscription_id,
                                                        store::SubscriptionLock::kTake));
  spdlog::info("process {} modify_node for subscription {} started by {}", id,
               subscription_id, started_by);
  return id;
}

Result<ValidationResult> Engine::Validate(const store::SubscriptionId& subscription_id,
                                          std::string_view started_by) {
  auto process = MakeProcess(workflows::kValidateNode, store::Target::kValidate,
                             started_by, nlohmann::json::object());
  NBR_ASSIGN_OR_RETURN(store::ProcessId id,
                       store_.CreateSubscriptionProcess(process, subscription_id,
                                                        store::SubscriptionLock::kNone));
  NBR_ASSIGN_OR_RETURN(store::Process ran, RunProcess(id));

  ValidationResult result;
  result.process_id = id;
  result.status = ran.status;
  result.failure_reason = ran.failure_reason;
  if (ran.state.contains("differences")) {
    result.differences = ran.state["differences"];
  }
  return result;
}

Result<store::Process> Engine::RunProcess(store::ProcessId id) {
  NBR_ASSIGN_OR_RETURN(auto process, Claim(id, store::ClaimFrom::kRunnable));
  return RunClaimed(std::move(process), std::nullopt);
}

Result<store::Process> Engine::Resume(store::ProcessId id) {
  NBR_ASSIGN_OR_RETURN(auto process, Claim(id, store::ClaimFrom::kRunnableOrFailed));
  spdlog::info("process {} {} resumed at step {}", id, process.workflow,
               process.next_step);
  return RunClaimed(std::move(process), std::nullopt);
}

Result<store::Process> Engine::Confirm(store::ProcessId id, const nlohmann::json& input) {
  // 1. Check the input against the suspended step before touching the process.
  NBR_ASSIGN_OR_RETURN(auto current, store_.GetProcess(id));
  if (current.status != store::ProcessStatus::kSuspended) {
    return Conflict("process " + std::to_string(id) + " is " +
                    std::string(store::ProcessStatusName(current.status)) +
                    ", not suspended");
  }
  NBR_ASSIGN_OR_RETURN(const Workflow* workflow, WorkflowOf(current));
  if (static_cast<size_t>(current.next_step) >= workflow->steps.size()) {
    return Internal("process " + std::to_string(id) + " is suspended past its last step");
  }
  const Step& step = workflow->steps[static_cast<size_t>(current.next_step)];
  if (step.check_input) {
    NBR_RETURN_IF_ERROR(step.check_input(input));
  }

  // 2. Claim it and run on with the input.
  NBR_ASSIGN_OR_RETURN(auto process, Claim(id, store::ClaimFrom::kSuspended));
  spdlog::info("process {} {} confirmed at {}", id, process.workflow, step.name);
  return RunClaimed(std::move(process), input);
}

Status Engine::Abort(store::ProcessId id, std::string_view reason) {
  NBR_RETURN_IF_ERROR(store_.AbortProcess(id, reason));
  spdlog::info("process {} aborted: {}", id, reason);
  return Status::Ok();
}

Result<std::vector<store::ProcessId>> Engine::DueProcesses() {
  const TimePoint now = clock_.Now();
  return store_.DueProcesses(now, now - options_.created_grace);
}

Result<std::vector<store::Process>> Engine::ResumeDue() {
  NBR_ASSIGN_OR_RETURN(auto due, DueProcesses());
  std::vector<store::Process> ran;
  for (store::ProcessId id : due) {
    auto process = RunProcess(id);
    if (process.ok()) {
      ran.push_back(std::move(process).value());
    } else if (process.error().kind() == ErrorKind::kConflict) {
      spdlog::debug("process {} skipped: {}", id, process.error().message());
    } else {
      spdlog::warn("process {} could not be resumed: {}", id, process.error().ToString());
    }
  }
  return ran;
}

void Engine::SetStepObserver(StepObserver observer) {
  std::lock_guard lock(mu_);
  observer_ = std::move(observer);
}

Result<store::Process> Engine::Claim(store::ProcessId id, store::ClaimFrom from) {
  NBR_ASSIGN_OR_RETURN(auto current, store_.GetProcess(id));
  NBR_RETURN_IF_ERROR(WorkflowOf(current));
  return store_.ClaimProcess(id, from, options_.runner_id, clock_.Now() + options_.lease);
}

Result<store::Process> Engine::RunClaimed(store::Process process,
                                          std::optional<nlohmann::json> input) {
  NBR_ASSIGN_OR_RETURN(const Workflow* workflow, WorkflowOf(process));
  return RunSteps(Environment(), *workflow, std::move(process), std::move(input));
}

RunnerEnvironment Engine::Environment() {
  StepObserver observer;
  {
    std::lock_guard lock(mu_);
    observer = observer_;
  }
  return RunnerEnvironment{store_,
                           netbox_,
                           clock_,
                           options_.workflow,
                           options_.runner_id,
                           options_.lease,
                           [this] { return NextJitter(); },
                           std::move(observer)};
}

double Engine::NextJitter() {
  std::lock_guard lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

}  // namespace nbr::engine
