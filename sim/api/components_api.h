// POST of /api/dcim/interfaces/ and /api/ipam/ip-addresses/ (their reads
// are in misc_api.h): what an operator does to give a new router its
// loopback (an interface, its addresses, then the device's primary IPs).
#pragma once

#include <httplib.h>

#include "api/api_response.h"
#include "api/app_state.h"

namespace nbr::sim {

// POST of one object (201 with it and its Location) or of a list (201 with
// the list; all or nothing, errors as one dict per item). Interfaces send
// no webhooks; an IP address sends `created` to the rules that name
// ipam.ipaddress.
ApiResponse CreateInterfaces(AppState& app, const httplib::Request& req,
                             const RequestInfo& info);
ApiResponse CreateIpAddresses(AppState& app, const httplib::Request& req,
                              const RequestInfo& info);

}  // namespace nbr::sim
