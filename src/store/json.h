// JSON forms of the store's records: how a subscription travels inside a
// workflow's state, and what `--json` prints. Timestamps use FormatTimestamp;
// absent optionals are null.
#pragma once

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "store/types.h"

namespace nbr::store {

nlohmann::json ToJson(const Subscription& subscription);
nlohmann::json ToJson(const Process& process);  // without the state
nlohmann::json ToJson(const StepLogEntry& entry);

// The inverse of ToJson(Subscription). Errors: InvalidArgument naming the bad
// field. created_at and updated_at may be absent.
Result<Subscription> SubscriptionFromJson(const nlohmann::json& json);

}  // namespace nbr::store
