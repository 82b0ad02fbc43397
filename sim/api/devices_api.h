// Handlers of /api/dcim/devices/ and /api/dcim/devices/{id}/.
#pragma once

#include <httplib.h>

#include "api/api_response.h"
#include "api/app_state.h"

namespace nbr::sim {

// Whether a change sends webhooks (the control endpoint changes devices
// silently, to play a lost webhook).
enum class Notify { kWebhooks, kSilent };

ApiResponse ListDevices(AppState& app, const httplib::Request& req,
                        const RequestInfo& info);
ApiResponse GetDevice(AppState& app, const httplib::Request& req, const RequestInfo& info,
                      int id);
ApiResponse CreateDevices(AppState& app, const httplib::Request& req,
                          const RequestInfo& info, Notify notify = Notify::kWebhooks);
ApiResponse UpdateDevice(AppState& app, const httplib::Request& req,
                         const RequestInfo& info, int id,
                         Notify notify = Notify::kWebhooks);
ApiResponse BulkUpdateDevices(AppState& app, const httplib::Request& req,
                              const RequestInfo& info);
ApiResponse DeleteDevice(AppState& app, const httplib::Request& req,
                         const RequestInfo& info, int id,
                         Notify notify = Notify::kWebhooks);
ApiResponse BulkDeleteDevices(AppState& app, const httplib::Request& req,
                              const RequestInfo& info);

}  // namespace nbr::sim
