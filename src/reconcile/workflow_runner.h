// What the reconciler asks of the workflow engine: start a workflow and run
// it as far as it goes now. Implemented over engine::Engine by
// EngineWorkflowRunner (reconcile/engine_runner.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/types.h"

namespace nbr::reconcile {

// Where a process stood when the runner returned.
struct ProcessOutcome {
  int64_t process_id = 0;
  store::ProcessStatus status = store::ProcessStatus::kCreated;
  std::string failure_reason;
};

// Thread-safe: the reconciler calls it from several threads at once.
class WorkflowRunner {
 public:
  virtual ~WorkflowRunner() = default;

  // create_node for a device. Errors: AlreadyExists when the device has a
  // live subscription or an enrollment in flight.
  virtual Result<ProcessOutcome> Enroll(int64_t device_id,
                                        std::string_view started_by) = 0;

  // terminate_node for a subscription. Errors: Conflict when another process
  // works on it; NotFound.
  virtual Result<ProcessOutcome> Terminate(const std::string& subscription_id,
                                           std::string_view reason,
                                           std::string_view started_by) = 0;

  // modify_node: the subscription takes NetBox's current name and loopbacks.
  virtual Result<ProcessOutcome> Modify(const std::string& subscription_id,
                                        std::string_view started_by) = 0;
};

}  // namespace nbr::reconcile
