// create_node: enrolls a planned NetBox device as a node subscription, with
// the steps of the orchestrator workshop, in its order, wrapped as
// orchestrator-core wraps a create workflow:
//
//   init
//   construct_node_model           GET the device by id; it must be planned
//                                  and named; a subscription in `initial`
//   store_process_subscription     links the process (target create)
//   fetch_ip_address_information   GET the device by id; its primary IPv4/IPv6
//                                  become the loopbacks
//   provide_config_to_user         renders the router configuration into
//                                  state["router_config"]; auto: confirmed at
//                                  once; manual: suspends until Confirm with
//                                  {"config_put_on_router": true}
//   set_status(provisioning)
//   update_node_status_netbox      PATCH the device to active; fails unless
//                                  NetBox's answer says active
//   set_status(active)  resync  done
//
// The initial state is {"device_id": N}.
#pragma once

#include "engine/step.h"

namespace nbr::workflows {

engine::Workflow CreateNodeWorkflow();

}  // namespace nbr::workflows
