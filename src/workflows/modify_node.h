// modify_node: the subscription takes NetBox's current name and loopbacks, so
// that the reconciler can mend a node whose device was renamed or
// re-addressed:
//
//   init  store_process_subscription(modify)  unsync
//   update_subscription_from_netbox   GET the device by id; name, description
//                                     and loopbacks from it; the values before
//                                     and after go to state["modification"]
//   resync  done
#pragma once

#include "engine/step.h"

namespace nbr::workflows {

engine::Workflow ModifyNodeWorkflow();

}  // namespace nbr::workflows
