// The NetBox REST API as the daemon uses it. Implemented over HTTP by
// HttpNetBoxClient (netbox/http_client.h); tests may substitute their own.
//
// Error contract for every call:
//   NotFound           NetBox answered 404 for the object itself;
//   InvalidArgument    400 (the message carries NetBox's error body);
//   PermissionDenied   401/403;
//   Conflict           412 (If-Match mismatch);
//   Unavailable        no answer, timeout, 429, 5xx: retryable;
//   Internal           an answer that is not what NetBox sends.
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "netbox/types.h"

namespace nbr::netbox {

class NetBoxApi {
 public:
  virtual ~NetBoxApi() = default;

  // GET /api/status/.
  virtual Result<ServerInfo> GetStatus() = 0;

  // GET /api/dcim/devices/{id}/.
  virtual Result<Device> GetDevice(int64_t id) = 0;

  // Lists devices, following `next` as given until it is null. Any page that
  // fails fails the whole listing: a partial listing is never returned.
  virtual Result<DeviceListing> ListDevices(const DeviceListOptions& options) = 0;

  // PATCH /api/dcim/devices/{id}/ {"status": status}; returns the device as
  // NetBox answered it (the caller checks that the status took).
  virtual Result<Device> SetDeviceStatus(int64_t id, std::string_view status) = 0;

  // PATCH /api/dcim/devices/ [{"id": N, "status": status}, ...] for all ids
  // in one request; the answer is checked id by id.
  virtual Result<BulkStatusResult> BulkSetStatus(const std::vector<int64_t>& ids,
                                                 std::string_view status) = 0;

  // GET /api/ipam/ip-addresses/?device_id={id}, every page.
  virtual Result<std::vector<IpAddress>> ListDeviceIps(int64_t device_id) = 0;

  // Number of HTTP requests made so far (for reports).
  virtual uint64_t RequestCount() const = 0;
};

}  // namespace nbr::netbox
