#include "reconcile/engine_runner.h"

namespace nbr::reconcile {

Result<ProcessOutcome> EngineWorkflowRunner::Run(Result<store::ProcessId> started) {
  if (!started.ok()) {
    return started.error();
  }
  auto process = engine_.RunProcess(*started);
  if (!process.ok()) {
    // Another runner took it first (the daemon's resumer): it is in hand.
    if (process.error().kind() == ErrorKind::kConflict) {
      return ProcessOutcome{*started, store::ProcessStatus::kRunning, ""};
    }
    return process.error();
  }
  return ProcessOutcome{process->id, process->status, process->failure_reason};
}

Result<ProcessOutcome> EngineWorkflowRunner::Enroll(int64_t device_id,
                                                    std::string_view started_by) {
  return Run(engine_.StartCreateNode(device_id, started_by));
}

Result<ProcessOutcome> EngineWorkflowRunner::Terminate(const std::string& subscription_id,
                                                       std::string_view reason,
                                                       std::string_view started_by) {
  return Run(engine_.StartTerminateNode(subscription_id, reason, started_by));
}

Result<ProcessOutcome> EngineWorkflowRunner::Modify(const std::string& subscription_id,
                                                    std::string_view started_by) {
  return Run(engine_.StartModifyNode(subscription_id, started_by));
}

}  // namespace nbr::reconcile
