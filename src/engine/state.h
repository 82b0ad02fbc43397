// Helpers for the parts of a workflow state that the engine knows about.
// The subscription a process works on travels in the state as
// `state["subscription"]` (store/json.h's form), as in orchestrator-core.
#pragma once

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "store/types.h"

namespace nbr::engine {

// The state's subscription. Errors: Internal when the state has none or it
// does not parse (a step ran out of order: a bug).
Result<store::Subscription> SubscriptionInState(const nlohmann::json& state);

// Replaces the state's subscription.
void PutSubscriptionInState(nlohmann::json& state,
                            const store::Subscription& subscription);

// "device 7 (loc1-core)", for messages and logs; the name is left out when
// unknown.
std::string DescribeDevice(int64_t device_id, const std::optional<std::string>& name);

}  // namespace nbr::engine
