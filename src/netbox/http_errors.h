// NetBox's HTTP answers turned into Errors, per the contract in netbox/api.h.
// Pure functions, thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "common/result.h"

namespace nbr::netbox {

// The Error for a non-2xx answer to the request described by `what`
// ("GET /api/dcim/devices/7/"):
//   404 NotFound; 400 InvalidArgument with NetBox's body; 401/403
//   PermissionDenied with NetBox's `detail`; 409/412 Conflict;
//   408/429/5xx Unavailable, carrying Retry-After when given; anything else
//   Internal. The body is cut to a few hundred characters. The caller
//   redacts the token from the message.
Error ErrorFromAnswer(std::string_view what, int status, std::string_view body,
                      std::string_view retry_after);

// The Retry-After delay an Unavailable error from ErrorFromAnswer carries,
// when the server sent one in seconds.
std::optional<std::chrono::seconds> RetryAfterOf(const Error& error);

}  // namespace nbr::netbox
