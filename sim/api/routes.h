// Binds the emulated REST API and the control endpoint to an HTTP server.
#pragma once

#include <httplib.h>

#include "api/app_state.h"

namespace nbr::sim {

void RegisterApiRoutes(httplib::Server& server, AppState& app);
// /_sim/...: no authentication (docs/netbox-sim.md lists every call).
void RegisterControlRoutes(httplib::Server& server, AppState& app);

}  // namespace nbr::sim
