// Validation of device bodies (PATCH, PUT, POST and the items of a bulk
// PATCH) with NetBox's field errors, and the model-level checks.
#pragma once

#include <nlohmann/json.hpp>

#include "model/inventory.h"
#include "model/version.h"

namespace nbr::sim {

enum class WriteMode { kCreate, kUpdate };

// Applies the writable fields of `body` to `device`; unknown and read-only
// keys are ignored. On invalid input returns false and fills `errors` with
// NetBox's 400 body for this object ({"status": ["bogus is not a valid
// choice."]}); `device` is then unspecified. Primary and out-of-band IPs
// set by the body must exist, be of the key's family and sit on one of the
// device's interfaces.
bool ApplyDeviceBody(const nlohmann::json& body, const Inventory& inventory,
                     const NetBoxVersion& version, WriteMode mode, Device& device,
                     nlohmann::ordered_json& errors);

}  // namespace nbr::sim
