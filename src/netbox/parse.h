// Reading NetBox's JSON answers into the daemon's types. Every version's
// shape from 3.1 to 4.7 is accepted: optional keys may be missing (as after
// `fields=`), nested IP `family` may be an int or {value, label}, `role` and
// `device_role` are both ignored. Nothing here throws; pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "netbox/types.h"

namespace nbr::netbox {

// Parses a body; Internal naming `what` when it is not JSON.
Result<nlohmann::json> ParseJsonBody(std::string_view body, std::string_view what);

// A device object. Internal when it is not an object or has no integer id.
// `status` is status.value (a plain string status is taken as is).
Result<Device> ParseDevice(const nlohmann::json& object);

// An IP address object. Internal when it has no integer id or no address.
Result<IpAddress> ParseIpAddress(const nlohmann::json& object);

// One page of a list endpoint.
struct Page {
  nlohmann::json results;  // always an array
  std::optional<std::string> next;
  std::optional<int64_t> count;
};

// {"count", "next", "previous", "results"}; Internal when `results` is not
// an array or `next` is neither a string nor null.
Result<Page> ParsePage(const nlohmann::json& body);

// The answer of /api/status/: its `netbox-version`.
Result<ServerInfo> ParseServerInfo(const nlohmann::json& body);

}  // namespace nbr::netbox
