// WorkflowRunner over the workflow engine: start a process and run it in the
// calling thread until it completes, suspends, waits or fails.
#pragma once

#include "engine/engine.h"
#include "reconcile/workflow_runner.h"

namespace nbr::reconcile {

class EngineWorkflowRunner final : public WorkflowRunner {
 public:
  explicit EngineWorkflowRunner(engine::Engine& engine) : engine_(engine) {}

  Result<ProcessOutcome> Enroll(int64_t device_id, std::string_view started_by) override;
  Result<ProcessOutcome> Terminate(const std::string& subscription_id,
                                   std::string_view reason,
                                   std::string_view started_by) override;
  Result<ProcessOutcome> Modify(const std::string& subscription_id,
                                std::string_view started_by) override;

 private:
  Result<ProcessOutcome> Run(Result<store::ProcessId> started);

  engine::Engine& engine_;
};

}  // namespace nbr::reconcile
