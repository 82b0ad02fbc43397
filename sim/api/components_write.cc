// POST of interfaces and IP addresses, with NetBox's field errors.
#include <arpa/inet.h>

#include <algorithm>
#include <mutex>

#include "api/components_api.h"
#include "serial/interface_serializer.h"
#include "serial/ip_serializer.h"

namespace nbr::sim {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// The fields of one posted object and the errors found in them.
struct Fields {
  const json& body;
  ordered_json& errors;

  const json* Get(const char* key) const {
    auto it = body.find(key);
    return it == body.end() ? nullptr : &*it;
  }
  void Fail(const std::string& key, const std::string& message) {
    errors[key] = ordered_json::array({message});
  }
  void Required(std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
      if (Get(key) == nullptr) {
        Fail(key, "This field is required.");
      }
    }
  }
  // A string field; `blank`: whether "" is allowed.
  void Text(const char* key, std::string& out, bool blank) {
    const json* v = Get(key);
    if (v == nullptr) {
      return;
    }
    if (v->is_null()) {
      Fail(key, "This field may not be null.");
    } else if (!v->is_string() && !v->is_number()) {
      Fail(key, "Not a valid string.");
    } else if (!blank && v->is_string() && v->get<std::string>().empty()) {
      Fail(key, "This field may not be blank.");
    } else {
      out = v->is_string() ? v->get<std::string>() : v->dump();
    }
  }
  void Bool(const char* key, bool& out) {
    const json* v = Get(key);
    if (v != nullptr && v->is_boolean()) {
      out = v->get<bool>();
    } else if (v != nullptr) {
      Fail(key, "Must be a valid boolean.");
    }
  }
  // A choice among `values` (all accepted when empty); null when `nullable`.
  void Choice(const char* key, std::string& out, const std::vector<std::string>& values,
              bool nullable) {
    const json* v = Get(key);
    if (v == nullptr) {
      return;
    }
    if (v->is_object() || v->is_array()) {
      Fail(key,
           "Value must be passed directly (e.g. \"foo\": 123); do not use a dictionary "
           "or list.");
      return;
    }
    if (v->is_null() || (v->is_string() && v->get<std::string>().empty())) {
      nullable ? void(out = "") : Fail(key, "This field may not be null.");
      return;
    }
    std::string value = v->is_string() ? v->get<std::string>() : v->dump();
    if (!values.empty() &&
        std::find(values.begin(), values.end(), value) == values.end()) {
      Fail(key, value + " is not a valid choice.");
      return;
    }
    out = value;
  }
};

// NetBox's writable nested field: a numeric id or {"id": N}.
int RelatedId(Fields& f, const char* key, bool exists(const Inventory&, int),
              const Inventory& inv) {
  const json* v = f.Get(key);
  if (v == nullptr) {
    return 0;
  }
  if (v->is_null()) {
    f.Fail(key, "This field may not be null.");
    return 0;
  }
  const json* id = v->is_object() && v->contains("id") ? &(*v)["id"] : v;
  if (!id->is_number_integer()) {
    f.Fail(key,
           "Related objects must be referenced by numeric ID or by dictionary of "
           "attributes. Received an unrecognized value: " +
               (id->is_string() ? id->get<std::string>() : id->dump()));
    return 0;
  }
  if (!exists(inv, id->get<int>())) {
    f.Fail(key, "Related object not found using the provided numeric ID: " +
                    std::to_string(id->get<int>()));
    return 0;
  }
  return id->get<int>();
}

bool DeviceExists(const Inventory& inv, int id) {
  return inv.FindDevice(id) != nullptr;
}

// "10.0.0.6/32" (or without a mask: a host) -> netaddr's text and family.
bool ParseCidr(const std::string& text, std::string& out, int& family) {
  auto slash = text.find('/');
  std::string host = text.substr(0, slash);
  unsigned char buf[16];
  char canonical[INET6_ADDRSTRLEN];
  int af = host.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (inet_pton(af, host.c_str(), buf) != 1 ||
      inet_ntop(af, buf, canonical, sizeof(canonical)) == nullptr) {
    return false;
  }
  int max = af == AF_INET ? 32 : 128;
  int length = max;
  if (slash != std::string::npos) {
    std::string mask = text.substr(slash + 1);
    if (mask.empty() || mask.size() > 3 ||
        mask.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(mask) > max) {
      return false;
    }
    length = std::stoi(mask);
  }
  family = af == AF_INET ? 4 : 6;
  out = std::string(canonical) + "/" + std::to_string(length);
  return true;
}

bool ApplyInterface(const json& body, const Inventory& inv, const NetBoxVersion& v,
                    Interface& i, ordered_json& errors) {
  Fields f{body, errors};
  f.Required({"device", "name", "type"});
  i.device = RelatedId(f, "device", DeviceExists, inv);
  f.Text("name", i.name, false);
  f.Text("label", i.label, true);
  f.Choice("type", i.type, {}, false);
  f.Bool("enabled", i.enabled);
  if (const json* mtu = f.Get("mtu")) {
    mtu->is_number_integer() ? void(i.mtu = mtu->get<int64_t>())
    : mtu->is_null()         ? void(i.mtu = std::nullopt)
                             : f.Fail("mtu", "A valid integer is required.");
  }
  f.Bool("mgmt_only", i.mgmt_only);
  f.Text("description", i.description, true);
  if (!errors.empty()) {
    return false;
  }
  // The model's constraint: one name per device.
  for (const Interface* other : inv.InterfacesOfDevice(i.device)) {
    if (other->name == i.name) {
      v.AtLeast(4, 0)
          ? f.Fail("__all__", "Interface name must be unique per device.")
          : f.Fail("non_field_errors", "The fields device, name must make a unique set.");
      return false;
    }
  }
  return true;
}

bool ApplyIpAddress(const json& body, const Inventory& inv, IpAddress& ip,
                    ordered_json& errors) {
  Fields f{body, errors};
  f.Required({"address"});
  if (const json* a = f.Get("address")) {
    std::string text = a->is_string() ? a->get<std::string>() : a->dump();
    if (!ParseCidr(text, ip.address, ip.family)) {
      f.Fail("address", "Invalid IP address format: " + text);
    } else if (ip.address.substr(ip.address.find('/')) == "/0") {
      f.Fail("address", "Cannot create IP address with /0 mask.");
    }
  }
  f.Choice("status", ip.status, {"active", "reserved", "deprecated", "dhcp", "slaac"},
           false);
  f.Choice("role", ip.role,
           {"loopback", "secondary", "anycast", "vip", "vrrp", "hsrp", "glbp", "carp"},
           true);
  const json* type = f.Get("assigned_object_type");
  if (type != nullptr && !type->is_null() && *type != "dcim.interface") {
    f.Fail("assigned_object_type",
           "Invalid content type: " +
               (type->is_string() ? type->get<std::string>() : type->dump()));
  }
  const json* id = f.Get("assigned_object_id");
  if (type != nullptr && *type == "dcim.interface" && id != nullptr && !id->is_null()) {
    if (!id->is_number_integer()) {
      f.Fail("assigned_object_id", "A valid integer is required.");
    } else if (inv.FindInterface(id->get<int>()) == nullptr) {
      f.Fail("assigned_object_id",
             "Related object not found using the provided numeric ID: " + id->dump());
    } else {
      ip.interface = id->get<int>();
    }
  }
  f.Text("dns_name", ip.dns_name, true);
  f.Text("description", ip.description, true);
  f.Text("comments", ip.comments, true);
  return errors.empty();
}

// One object of a POST: validates and stores it; returns its id, or 0 with
// `errors` filled.
using CreateFn = int (*)(AppState&, const json&, const httplib::Request&,
                         const RequestInfo&, ordered_json&);
using RenderFn = void (*)(JsonWriter&, const RenderContext&, AppState&, int);

int CreateInterface(AppState& app, const json& body, const httplib::Request&,
                    const RequestInfo&, ordered_json& errors) {
  Interface i;
  if (!ApplyInterface(body, app.inventory, app.settings.version, i, errors)) {
    return 0;
  }
  i.id = app.inventory.MaxInterfaceId() + 1;
  i.created = i.last_updated = Timestamp::Now();
  app.inventory.PutInterface(i);
  return i.id;
}

int CreateIp(AppState& app, const json& body, const httplib::Request&, const RequestInfo&,
             ordered_json& errors) {
  IpAddress ip;
  if (!ApplyIpAddress(body, app.inventory, ip, errors)) {
    return 0;
  }
  ip.id = app.inventory.MaxIpAddressId() + 1;
  ip.created = ip.last_updated = Timestamp::Now();
  app.inventory.PutIpAddress(ip);
  return ip.id;
}

// Queues the `created` webhooks of a stored IP address.
void NotifyIpCreated(AppState& app, const httplib::Request& req, const RequestInfo& info,
                     int id) {
  if (!app.webhooks) {
    return;
  }
  ChangeEvent e;
  e.event = "created";
  e.timestamp = Timestamp::Now();
  e.username = info.username;
  e.request_id = info.request_id;
  e.method = req.method;
  e.path = req.path;
  e.object_type = "ipam.ipaddress";
  e.ip_postchange = *app.inventory.FindIpAddress(id);
  app.webhooks->Enqueue(app.inventory, e);
}

using NotifyFn = void (*)(AppState&, const httplib::Request&, const RequestInfo&, int);

ApiResponse Create(AppState& app, const httplib::Request& req, const RequestInfo& info,
                   const char* path, CreateFn create, RenderFn render, NotifyFn notify) {
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return ApiResponse::Detail(400, std::string("JSON parse error - ") + e.what());
  }
  auto one = [&](const json& item, ordered_json& errors) {
    if (!item.is_object()) {
      errors = {{"non_field_errors",
                 {"Invalid data. Expected a dictionary, but got " +
                  std::string(item.type_name()) + "."}}};
      return 0;
    }
    return create(app, item, req, info, errors);
  };
  std::unique_lock lock(app.mu);
  RenderContext ctx{app.inventory, app.settings.version, info.base};
  ApiResponse r;
  r.status = 201;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  if (!body.is_array()) {
    ordered_json errors = ordered_json::object();
    int id = one(body, errors);
    if (id == 0) {
      return ApiResponse::Json(400, errors);
    }
    if (notify) {
      notify(app, req, info, id);
    }
    render(w, ctx, app, id);
    r.headers.emplace_back("Location", info.base + path + std::to_string(id) + "/");
    r.work = {1, 0, 1};
    return r;
  }

  // A list: all or nothing; the webhooks go once all are stored.
  bool failed = false;
  Inventory before = app.inventory;
  std::vector<int> ids;
  ordered_json all_errors = ordered_json::array();
  for (const auto& item : body) {
    ordered_json errors = ordered_json::object();
    int id = one(item, errors);
    all_errors.push_back(errors);
    failed = failed || id == 0;
    ids.push_back(id);
  }
  if (failed) {
    app.inventory = std::move(before);
    return ApiResponse::Json(400, all_errors);
  }
  w.BeginArray();
  for (int id : ids) {
    if (notify) {
      notify(app, req, info, id);
    }
    render(w, ctx, app, id);
  }
  w.EndArray();
  r.work = {static_cast<int>(ids.size()), 0, static_cast<int>(ids.size())};
  return r;
}

}  // namespace

ApiResponse CreateInterfaces(AppState& app, const httplib::Request& req,
                             const RequestInfo& info) {
  return Create(
      app, req, info, "/api/dcim/interfaces/", CreateInterface,
      [](JsonWriter& w, const RenderContext& ctx, AppState& a, int id) {
        WriteInterface(w, ctx, *a.inventory.FindInterface(id));
      },
      nullptr);
}

ApiResponse CreateIpAddresses(AppState& app, const httplib::Request& req,
                              const RequestInfo& info) {
  return Create(
      app, req, info, "/api/ipam/ip-addresses/", CreateIp,
      [](JsonWriter& w, const RenderContext& ctx, AppState& a, int id) {
        WriteIpAddress(w, ctx, *a.inventory.FindIpAddress(id));
      },
      NotifyIpCreated);
}

}  // namespace nbr::sim
