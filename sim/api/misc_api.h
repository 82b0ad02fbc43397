// Read handlers of /api/, /api/status/, /api/ipam/ip-addresses/,
// /api/dcim/interfaces/ and /api/dcim/sites/.
#pragma once

#include <httplib.h>

#include "api/api_response.h"
#include "api/app_state.h"

namespace nbr::sim {

ApiResponse ApiRoot(AppState& app, const RequestInfo& info);
ApiResponse ApiStatus(AppState& app);
ApiResponse ListIpAddresses(AppState& app, const httplib::Request& req,
                            const RequestInfo& info);
ApiResponse GetIpAddress(AppState& app, const RequestInfo& info, int id);
// By id; `device_id` (repeatable) keeps the interfaces of those devices.
ApiResponse ListInterfaces(AppState& app, const httplib::Request& req,
                           const RequestInfo& info);
ApiResponse GetInterface(AppState& app, const RequestInfo& info, int id);
ApiResponse ListSites(AppState& app, const httplib::Request& req,
                      const RequestInfo& info);
ApiResponse GetSite(AppState& app, const RequestInfo& info, int id);

}  // namespace nbr::sim
