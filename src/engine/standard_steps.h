// The engine's own steps, which wrap every workflow as orchestrator-core
// does, and the wrappers that put them around a workflow's steps.
#pragma once

#include <string>
#include <vector>

#include "engine/step.h"

namespace nbr::engine {

// "init": records the initial state.
Step InitStep();
// "store_process_subscription": links the process to the state's
// subscription with `target`.
Step StoreProcessSubscription(store::Target target);
// "unsync" / "resync": the subscription's insync flag to false / true.
Step UnsyncStep();
Step ResyncStep();
// "set_status(<lifecycle>)": the subscription's lifecycle; the first move to
// active sets start_date, the move to terminated sets end_date.
Step SetStatusStep(store::Lifecycle lifecycle);
// "done": completes the process.
Step DoneStep();

// init >> steps >> set_status(active) >> resync >> done.
Workflow CreateWorkflow(std::string name, std::vector<Step> steps);
// init >> store_process_subscription(MODIFY) >> unsync >> steps >> resync >> done.
Workflow ModifyWorkflow(std::string name, std::vector<Step> steps);
// init >> store_process_subscription(TERMINATE) >> unsync >> steps
//   >> set_status(terminated) >> resync >> done.
Workflow TerminateWorkflow(std::string name, std::vector<Step> steps);
// init >> store_process_subscription(VALIDATE) >> steps >> done. Unlike the
// original, validation only reads: it neither unsyncs nor resyncs, so a
// failed validation does not lock the subscription against the modify that
// mends it.
Workflow ValidateWorkflow(std::string name, std::vector<Step> steps);

}  // namespace nbr::engine
