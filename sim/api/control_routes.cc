// The control endpoint: counters, the webhook log, faults and silent
// changes, for tests and benchmarks. No authentication.
#include "api/devices_api.h"
#include "api/pipeline.h"
#include "api/routes.h"

namespace nbr::sim {
namespace {

using nlohmann::json;

void Reply(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void ReplyApi(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  if (r.has_body) {
    res.set_content(r.body, "application/json");
  }
}

RequestInfo ControlInfo(const httplib::Request& req) {
  return {NewRequestId(), "admin", "http://" + req.get_header_value("Host")};
}

json Webhooks(const AppState& app) {
  return app.webhooks
             ? app.webhooks->Counts()
             : json{{"total", 0}, {"delivered", 0}, {"failed", 0}, {"queued", 0}};
}

void RegisterWebhookRoutes(httplib::Server& s, AppState& app) {
  s.Get("/_sim/webhooks", [&app](const httplib::Request& req, httplib::Response& res) {
    int64_t since = req.has_param("since") ? std::stoll(req.get_param_value("since")) : 0;
    Reply(res, app.webhooks ? app.webhooks->Log(since) : json::array());
  });
  s.Post("/_sim/webhooks/reset", [&app](const httplib::Request&, httplib::Response& res) {
    if (app.webhooks) {
      app.webhooks->ClearLog();
    }
    Reply(res, Webhooks(app));
  });
  s.Post("/_sim/webhooks/pause", [&app](const httplib::Request&, httplib::Response& res) {
    if (app.webhooks) {
      app.webhooks->Pause();
    }
    Reply(res, Webhooks(app));
  });
  s.Post("/_sim/webhooks/resume",
         [&app](const httplib::Request&, httplib::Response& res) {
           if (app.webhooks) {
             app.webhooks->Resume();
           }
           Reply(res, Webhooks(app));
         });
  s.Post("/_sim/webhooks/wait",
         [&app](const httplib::Request& req, httplib::Response& res) {
           int timeout = req.has_param("timeout_ms")
                             ? std::stoi(req.get_param_value("timeout_ms"))
                             : 10000;
           bool idle = !app.webhooks || app.webhooks->WaitIdle(timeout);
           Reply(res, {{"idle", idle}, {"webhooks", Webhooks(app)}});
         });
}

void RegisterDeviceRoutes(httplib::Server& s, AppState& app) {
  s.Post("/_sim/devices", [&app](const httplib::Request& req, httplib::Response& res) {
    ReplyApi(res, CreateDevices(app, req, ControlInfo(req), Notify::kSilent));
  });
  s.Patch(R"(/_sim/devices/(\d+))",
          [&app](const httplib::Request& req, httplib::Response& res) {
            int id = std::stoi(req.matches[1].str());
            ReplyApi(res, UpdateDevice(app, req, ControlInfo(req), id, Notify::kSilent));
          });
  s.Delete(R"(/_sim/devices/(\d+))",
           [&app](const httplib::Request& req, httplib::Response& res) {
             int id = std::stoi(req.matches[1].str());
             ReplyApi(res, DeleteDevice(app, req, ControlInfo(req), id, Notify::kSilent));
           });
}

}  // namespace

void RegisterControlRoutes(httplib::Server& s, AppState& app) {
  s.Get("/_sim/stats", [&app](const httplib::Request&, httplib::Response& res) {
    json stats = app.stats.ToJson();
    stats["webhooks"] = Webhooks(app);
    Reply(res, stats);
  });
  s.Post("/_sim/stats/reset", [&app](const httplib::Request&, httplib::Response& res) {
    app.stats.Reset();
    Reply(res, app.stats.ToJson());
  });
  s.Get("/_sim/faults", [&app](const httplib::Request&, httplib::Response& res) {
    Reply(res, app.faults.ToJson());
  });
  s.Post("/_sim/faults", [&app](const httplib::Request& req, httplib::Response& res) {
    json change = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    Status applied = change.is_discarded() ? Status::Error("body is not JSON")
                                           : app.faults.Apply(change);
    if (!applied.ok()) {
      return Reply(res, {{"error", applied.message()}}, 400);
    }
    Reply(res, app.faults.ToJson());
  });
  s.Delete("/_sim/faults", [&app](const httplib::Request&, httplib::Response& res) {
    app.faults.Apply({{"clear", true}});
    Reply(res, app.faults.ToJson());
  });
  s.Get("/_sim/config", [&app](const httplib::Request&, httplib::Response& res) {
    std::shared_lock lock(app.mu);
    Reply(res, {{"netbox_version", app.settings.version.FullVersion()},
                {"paginate_count", app.settings.paginate_count},
                {"max_page_size", app.settings.max_page_size},
                {"profile", app.cost.profile().ToJson()},
                {"devices", app.inventory.devices().size()},
                {"event_rules", app.webhooks ? app.webhooks->rules().size() : 0}});
  });
  RegisterWebhookRoutes(s, app);
  RegisterDeviceRoutes(s, app);
}

}  // namespace nbr::sim
