// What every request of the emulated REST API goes through, in order:
// request id, faults, a server worker, authentication, the handler, the
// simulated cost, NetBox's headers, and the request counters.
#pragma once

#include <functional>

#include <httplib.h>

#include "api/api_response.h"
#include "api/app_state.h"

namespace nbr::sim {

enum class Auth { kAnonymousAllowed, kRead, kWrite };

using ApiHandler =
    std::function<ApiResponse(const httplib::Request&, const RequestInfo&)>;

void ServeApi(AppState& app, const httplib::Request& req, httplib::Response& res,
              Auth auth, const char* allow, const ApiHandler& handler);

// A random version 4 UUID.
std::string NewRequestId();

}  // namespace nbr::sim
