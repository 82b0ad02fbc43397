#include "api/misc_api.h"

#include <mutex>

#include <unistd.h>

#include "api/paging.h"
#include "serial/interface_serializer.h"
#include "serial/ip_serializer.h"

namespace nbr::sim {
namespace {

using nlohmann::ordered_json;

// The status page of the releases the golden captures come from; other
// releases report the closest of the two.
ordered_json StatusBody(const NetBoxVersion& v) {
  if (!v.AtLeast(4, 0)) {
    return {{"django-version", "3.2.25"},
            {"installed-apps",
             {{"debug_toolbar", "3.8.1"},
              {"django_filters", "23.1"},
              {"django_prometheus", "2.2.0"},
              {"django_rq", "2.7.0"},
              {"django_tables2", "2.4.1"},
              {"graphene_django", "2.15.0"},
              {"graphiql_debug_toolbar", "0.2.0"},
              {"mptt", "0.13.2"},
              {"rest_framework", "3.14.0"},
              {"social_django", "5.0.0"},
              {"taggit", "3.1.0"},
              {"timezone_field", "5.0"}}},
            {"netbox-version", v.FullVersion()},
            {"plugins", ordered_json::object()},
            {"python-version", "3.11.2"},
            {"rq-workers-running", 1}};
  }
  ordered_json body = {{"django-version", "5.2.18"}};
  if (v.AtLeast(4, 4)) {
    char host[256] = "netbox-sim";
    gethostname(host, sizeof(host) - 1);
    body["hostname"] = std::string(host);
  }
  body["installed_apps"] = {{"django_filters", "25.1"},
                            {"django_prometheus", "2.5.0"},
                            {"django_rq", "4.2.0"},
                            {"django_tables2", "2.8.0"},
                            {"drf_spectacular", "0.29.0"},
                            {"drf_spectacular_sidecar", "2026.5.1"},
                            {"mptt", "0.18.0"},
                            {"rest_framework", "3.16.1"},
                            {"social_django", "6.0.1"},
                            {"taggit", "6.1.0"},
                            {"timezone_field", "7.2.2"}};
  body["netbox-version"] = v.FullVersion();
  if (v.AtLeast(4, 3)) {
    body["netbox-full-version"] = v.FullVersion();
  }
  body["plugins"] = ordered_json::object();
  body["python-version"] = "3.14.10";
  body["rq-workers-running"] = 1;
  return body;
}

// Writes {"count", "next", "previous", "results"} around `rows` rendered
// by `write`.
template <typename T, typename Write>
ApiResponse PagedList(AppState& app, const httplib::Request& req, const RequestInfo& info,
                      const std::vector<const T*>& rows, Write write) {
  QueryParams query(req.params.begin(), req.params.end());
  PagingSettings paging;
  paging.paginate_count = app.settings.paginate_count;
  paging.max_page_size = app.settings.max_page_size;
  Page page;
  std::string error;
  ParsePage(query, paging, page, error);
  int count = static_cast<int>(rows.size());
  auto next = NextUrl(info.base + req.path, query, page, count);
  auto previous = PreviousUrl(info.base + req.path, query, page);

  ApiResponse r;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  w.BeginObject();
  w.Key("count");
  w.Int(count);
  w.Key("next");
  next ? w.String(*next) : w.Null();
  w.Key("previous");
  previous ? w.String(*previous) : w.Null();
  w.Key("results");
  w.BeginArray();
  int end = page.limit ? std::min(count, page.offset + *page.limit) : count;
  for (int i = page.offset; i < end; ++i) {
    write(w, *rows[i]);
    ++r.work.objects;
  }
  w.EndArray();
  w.EndObject();
  return r;
}

}  // namespace

ApiResponse ApiRoot(AppState& app, const RequestInfo& info) {
  const NetBoxVersion& v = app.settings.version;
  std::vector<std::string> apps = {"circuits"};
  if (v.AtLeast(3, 5)) {
    apps.push_back("core");
  }
  for (const char* a : {"dcim", "extras", "ipam", "plugins", "status", "tenancy", "users",
                        "virtualization"}) {
    apps.push_back(a);
  }
  if (v.AtLeast(3, 7)) {
    apps.push_back("vpn");
  }
  apps.push_back("wireless");
  ordered_json body = ordered_json::object();
  for (const auto& a : apps) {
    body[a] = info.base + "/api/" + a + "/";
  }
  return ApiResponse::Json(200, body);
}

ApiResponse ApiStatus(AppState& app) {
  return ApiResponse::Json(200, StatusBody(app.settings.version));
}

ApiResponse ListIpAddresses(AppState& app, const httplib::Request& req,
                            const RequestInfo& info) {
  std::shared_lock lock(app.mu);
  const Inventory& inv = app.inventory;
  std::vector<const IpAddress*> rows;
  if (req.has_param("device_id")) {
    for (const auto& value :
         Values(QueryParams(req.params.begin(), req.params.end()), "device_id")) {
      int id = std::atoi(value.c_str());
      auto ips = inv.IpsOfDevice(id);
      rows.insert(rows.end(), ips.begin(), ips.end());
    }
  } else {
    for (int id = 1; id <= inv.MaxIpAddressId(); ++id) {
      if (const IpAddress* ip = inv.FindIpAddress(id)) {
        rows.push_back(ip);
      }
    }
  }
  RenderContext ctx{inv, app.settings.version, info.base};
  return PagedList(app, req, info, rows, [&ctx](JsonWriter& w, const IpAddress& ip) {
    WriteIpAddress(w, ctx, ip);
  });
}

ApiResponse GetIpAddress(AppState& app, const RequestInfo& info, int id) {
  std::shared_lock lock(app.mu);
  const IpAddress* ip = app.inventory.FindIpAddress(id);
  if (ip == nullptr) {
    return ApiResponse::Detail(404, app.settings.version.AtLeast(4, 0)
                                        ? "No IPAddress matches the given query."
                                        : "Not found.");
  }
  ApiResponse r;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  WriteIpAddress(w, RenderContext{app.inventory, app.settings.version, info.base}, *ip);
  r.work.objects = 1;
  return r;
}

ApiResponse ListInterfaces(AppState& app, const httplib::Request& req,
                           const RequestInfo& info) {
  std::shared_lock lock(app.mu);
  const Inventory& inv = app.inventory;
  std::vector<const Interface*> rows;
  if (req.has_param("device_id")) {
    for (const auto& value :
         Values(QueryParams(req.params.begin(), req.params.end()), "device_id")) {
      auto found = inv.InterfacesOfDevice(std::atoi(value.c_str()));
      rows.insert(rows.end(), found.begin(), found.end());
    }
  } else {
    for (int id = 1; id <= inv.MaxInterfaceId(); ++id) {
      if (const Interface* i = inv.FindInterface(id)) {
        rows.push_back(i);
      }
    }
  }
  RenderContext ctx{inv, app.settings.version, info.base};
  return PagedList(app, req, info, rows, [&ctx](JsonWriter& w, const Interface& i) {
    WriteInterface(w, ctx, i);
  });
}

ApiResponse GetInterface(AppState& app, const RequestInfo& info, int id) {
  std::shared_lock lock(app.mu);
  const Interface* i = app.inventory.FindInterface(id);
  if (i == nullptr) {
    return ApiResponse::Detail(404, app.settings.version.AtLeast(4, 0)
                                        ? "No Interface matches the given query."
                                        : "Not found.");
  }
  ApiResponse r;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  WriteInterface(w, RenderContext{app.inventory, app.settings.version, info.base}, *i);
  r.work.objects = 1;
  return r;
}

ApiResponse ListSites(AppState& app, const httplib::Request& req,
                      const RequestInfo& info) {
  std::shared_lock lock(app.mu);
  std::vector<const Related*> rows;
  auto slugs = Values(QueryParams(req.params.begin(), req.params.end()), "slug");
  for (const auto& [id, site] : app.inventory.All(Kind::kSite)) {
    if (slugs.empty() ||
        std::find(slugs.begin(), slugs.end(), site.slug) != slugs.end()) {
      rows.push_back(&site);
    }
  }
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->name < b->name; });
  RenderContext ctx{app.inventory, app.settings.version, info.base};
  return PagedList(app, req, info, rows, [&ctx](JsonWriter& w, const Related& site) {
    WriteSite(w, ctx, site);
  });
}

ApiResponse GetSite(AppState& app, const RequestInfo& info, int id) {
  std::shared_lock lock(app.mu);
  const Related* site = app.inventory.Find(Kind::kSite, id);
  if (site == nullptr) {
    return ApiResponse::Detail(404, app.settings.version.AtLeast(4, 0)
                                        ? "No Site matches the given query."
                                        : "Not found.");
  }
  ApiResponse r;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  WriteSite(w, RenderContext{app.inventory, app.settings.version, info.base}, *site);
  r.work.objects = 1;
  return r;
}

}  // namespace nbr::sim
