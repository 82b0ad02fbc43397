// validate_node: compares a subscription with NetBox and records the
// differences; read-only (see engine::ValidateWorkflow).
//
//   init  store_process_subscription(validate)
//   compare_with_netbox    GET the device by id; state["differences"] is a
//                          list of {"field", "subscription", "netbox"}: the
//                          device itself when NetBox answers 404, node_name,
//                          ipv4_loopback, ipv6_loopback, and status (an
//                          active subscription expects an active device)
//   check_no_differences   fails, naming them, when there are any
//   done
#pragma once

#include <nlohmann/json.hpp>

#include "engine/step.h"
#include "netbox/types.h"
#include "store/types.h"

namespace nbr::workflows {

engine::Workflow ValidateNodeWorkflow();

// The differences between a subscription and its device (nullopt: the device
// is gone), as validate_node records them.
nlohmann::json CompareWithDevice(const store::Subscription& subscription,
                                 const std::optional<netbox::Device>& device);

}  // namespace nbr::workflows
