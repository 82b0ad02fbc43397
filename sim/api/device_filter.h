// The query filters of /api/dcim/devices/ (NETBOX-API.md, "Device filters").
// Unknown parameters are ignored, as NetBox does.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/query.h"
#include "model/inventory.h"
#include "model/version.h"

namespace nbr::sim {

class DeviceFilter {
 public:
  // Builds the filter. On an invalid value, returns false and fills
  // `error` with NetBox's 400 body ({"status": ["Select a valid ..."]}).
  static bool Parse(const QueryParams& query, const Inventory& inventory,
                    const NetBoxVersion& version, DeviceFilter& out,
                    nlohmann::ordered_json& error);

  bool Matches(const Device& device) const;
  bool empty() const { return tests_.empty(); }

 private:
  std::vector<std::function<bool(const Device&)>> tests_;
};

}  // namespace nbr::sim
