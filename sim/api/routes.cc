#include "api/routes.h"

#include "api/components_api.h"
#include "api/devices_api.h"
#include "api/misc_api.h"
#include "api/pipeline.h"

namespace nbr::sim {
namespace {

int IdOf(const httplib::Request& req) {
  return std::stoi(req.matches[1].str());
}

}  // namespace

void RegisterApiRoutes(httplib::Server& s, AppState& app) {
  auto serve = [&app](Auth auth, const char* allow, ApiHandler handler) {
    return [&app, auth, allow, handler](const httplib::Request& req,
                                        httplib::Response& res) {
      ServeApi(app, req, res, auth, allow, handler);
    };
  };
  const char* kDevices = R"(/api/dcim/devices/)";
  const char* kDevice = R"(/api/dcim/devices/(\d+)/)";

  Auth open = app.settings.login_required ? Auth::kRead : Auth::kAnonymousAllowed;
  s.Get("/api/", serve(open, kAllowReadOnly,
                       [&app](auto&, auto& info) { return ApiRoot(app, info); }));
  s.Get("/api/status/",
        serve(open, kAllowReadOnly, [&app](auto&, auto&) { return ApiStatus(app); }));

  s.Get(kDevices, serve(Auth::kRead, kAllowList, [&app](auto& req, auto& info) {
          return ListDevices(app, req, info);
        }));
  s.Post(kDevices, serve(Auth::kWrite, kAllowList, [&app](auto& req, auto& info) {
           return CreateDevices(app, req, info);
         }));
  auto bulk_update = serve(Auth::kWrite, kAllowList, [&app](auto& req, auto& info) {
    return BulkUpdateDevices(app, req, info);
  });
  s.Patch(kDevices, bulk_update);
  s.Put(kDevices, bulk_update);
  s.Delete(kDevices, serve(Auth::kWrite, kAllowList, [&app](auto& req, auto& info) {
             return BulkDeleteDevices(app, req, info);
           }));

  s.Get(kDevice, serve(Auth::kRead, kAllowDetail, [&app](auto& req, auto& info) {
          return GetDevice(app, req, info, IdOf(req));
        }));
  auto update = serve(Auth::kWrite, kAllowDetail, [&app](auto& req, auto& info) {
    return UpdateDevice(app, req, info, IdOf(req));
  });
  s.Patch(kDevice, update);
  s.Put(kDevice, update);
  s.Delete(kDevice, serve(Auth::kWrite, kAllowDetail, [&app](auto& req, auto& info) {
             return DeleteDevice(app, req, info, IdOf(req));
           }));

  s.Get("/api/ipam/ip-addresses/",
        serve(Auth::kRead, kAllowList,
              [&app](auto& req, auto& info) { return ListIpAddresses(app, req, info); }));
  s.Post("/api/ipam/ip-addresses/",
         serve(Auth::kWrite, kAllowList, [&app](auto& req, auto& info) {
           return CreateIpAddresses(app, req, info);
         }));
  s.Get(R"(/api/ipam/ip-addresses/(\d+)/)",
        serve(Auth::kRead, kAllowDetail, [&app](auto& req, auto& info) {
          return GetIpAddress(app, info, IdOf(req));
        }));
  const char* kInterfaces = "/api/dcim/interfaces/";
  s.Get(kInterfaces,
        serve(Auth::kRead, kAllowComponentList,
              [&app](auto& req, auto& info) { return ListInterfaces(app, req, info); }));
  s.Post(kInterfaces,
         serve(Auth::kWrite, kAllowComponentList, [&app](auto& req, auto& info) {
           return CreateInterfaces(app, req, info);
         }));
  s.Get(R"(/api/dcim/interfaces/(\d+)/)",
        serve(Auth::kRead, kAllowDetail, [&app](auto& req, auto& info) {
          return GetInterface(app, info, IdOf(req));
        }));
  s.Get("/api/dcim/sites/", serve(Auth::kRead, kAllowList, [&app](auto& req, auto& info) {
          return ListSites(app, req, info);
        }));
  s.Get(R"(/api/dcim/sites/(\d+)/)",
        serve(Auth::kRead, kAllowDetail,
              [&app](auto& req, auto& info) { return GetSite(app, info, IdOf(req)); }));

  // Anything else under /api/ is not served: NetBox's 404.
  s.Get(R"(/api/.*)", serve(Auth::kRead, kAllowReadOnly, [](auto&, auto&) {
          return ApiResponse::Detail(404, "Not found.");
        }));
}

}  // namespace nbr::sim
