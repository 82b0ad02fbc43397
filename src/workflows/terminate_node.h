// terminate_node: ends a node subscription whose device was deleted or
// decommissioned. It does not touch NetBox.
//
//   init  store_process_subscription(terminate)  unsync
//   record_termination_reason   the reason (state["reason"]) into the note
//   set_status(terminated)      lifecycle terminated, end date
//   resync  done
#pragma once

#include "engine/step.h"

namespace nbr::workflows {

engine::Workflow TerminateNodeWorkflow();

}  // namespace nbr::workflows
