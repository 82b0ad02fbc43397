#include "api/device_writes.h"

namespace nbr::sim {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr char kNotDirect[] =
    "Value must be passed directly (e.g. \"foo\": 123); do not use a dictionary or list.";

struct Ctx {
  const json& body;
  const Inventory& inv;
  const NetBoxVersion& version;
  WriteMode mode;
  Device& d;
  ordered_json& errors;

  void Fail(const std::string& key, const std::string& message) {
    errors[key] = ordered_json::array({message});
  }
  const json* Get(const char* key) const {
    auto it = body.find(key);
    return it == body.end() ? nullptr : &*it;
  }
};

void String(Ctx& c, const char* key, std::string Device::*member) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_string()) {
    c.d.*member = v->get<std::string>();
  } else if (v->is_null()) {
    c.Fail(key, "This field may not be null.");
  } else if (v->is_number() || v->is_boolean()) {
    c.d.*member = v->dump();
  } else {
    c.Fail(key, "Not a valid string.");
  }
}

void OptionalString(Ctx& c, const char* key, std::optional<std::string> Device::*member) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_null()) {
    c.d.*member = std::nullopt;
  } else if (v->is_string()) {
    c.d.*member = v->get<std::string>();
  } else {
    c.Fail(key, "Not a valid string.");
  }
}

// A foreign key: a pk, {"id": pk}, {attr: value}, or null when nullable.
void ForeignKey(Ctx& c, const char* key, Kind kind, int Device::*member, bool nullable) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_null()) {
    nullable ? void(c.d.*member = 0) : c.Fail(key, "This field may not be null.");
    return;
  }
  if (v->is_object() && v->contains("id")) {
    v = &(*v)["id"];
  } else if (v->is_object()) {
    for (const auto& [id, r] : c.inv.All(kind)) {
      bool all = true;
      for (auto it = v->begin(); it != v->end(); ++it) {
        json own = r.fields.value(it.key(), json());
        all = all && own == it.value();
      }
      if (all) {
        c.d.*member = id;
        return;
      }
    }
    std::string attrs;
    for (auto it = v->begin(); it != v->end(); ++it) {
      attrs += (attrs.empty() ? "'" : ", '") + it.key() + "': " +
               (it.value().is_string() ? "'" + it.value().get<std::string>() + "'"
                                       : it.value().dump());
    }
    c.Fail(key,
           "Related object not found using the provided attributes: {" + attrs + "}");
    return;
  }
  if (!v->is_number_integer()) {
    c.Fail(key, std::string("Incorrect type. Expected pk value, received ") +
                    (v->is_string() ? "str" : v->type_name()) + ".");
    return;
  }
  int id = v->get<int>();
  if (c.inv.Find(kind, id) == nullptr) {
    c.Fail(key, "Invalid pk \"" + std::to_string(id) + "\" - object does not exist.");
    return;
  }
  c.d.*member = id;
}

void IpKey(Ctx& c, const char* key, int Device::*member) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_null()) {
    c.d.*member = 0;
    return;
  }
  const json* id = v->is_object() && v->contains("id") ? &(*v)["id"] : v;
  if (!id->is_number_integer() || c.inv.FindIpAddress(id->get<int>()) == nullptr) {
    c.Fail(key, "Invalid pk \"" +
                    (id->is_string() ? id->get<std::string>() : id->dump()) +
                    "\" - object does not exist.");
    return;
  }
  c.d.*member = id->get<int>();
}

// A choice field; `labels` is null for free-form choices (face, airflow).
void Choice(Ctx& c, const char* key, std::string Device::*member, bool is_status) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_object() || v->is_array()) {
    c.Fail(key, kNotDirect);
    return;
  }
  if (v->is_null() || (v->is_string() && v->get<std::string>().empty())) {
    is_status ? c.Fail(key, "This field may not be null.") : void(c.d.*member = "");
    return;
  }
  std::string value = v->is_string() ? v->get<std::string>() : v->dump();
  if (is_status && DeviceStatusLabel(value) == nullptr) {
    c.Fail(key, value + " is not a valid choice.");
    return;
  }
  c.d.*member = value;
}

void Number(Ctx& c, const char* key, std::optional<double> Device::*member) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_null()) {
    c.d.*member = std::nullopt;
  } else if (v->is_number()) {
    c.d.*member = v->get<double>();
  } else {
    c.Fail(key, "A valid number is required.");
  }
}

void Integer(Ctx& c, const char* key, std::optional<int64_t> Device::*member) {
  const json* v = c.Get(key);
  if (v == nullptr) {
    return;
  }
  if (v->is_null()) {
    c.d.*member = std::nullopt;
  } else if (v->is_number_integer()) {
    c.d.*member = v->get<int64_t>();
  } else {
    c.Fail(key, "A valid integer is required.");
  }
}

void Tags(Ctx& c) {
  const json* v = c.Get("tags");
  if (v == nullptr) {
    return;
  }
  if (!v->is_array()) {
    c.Fail("tags", "Expected a list of items but got type \"" +
                       std::string(v->type_name()) + "\".");
    return;
  }
  std::vector<int> tags;
  for (const auto& item : *v) {
    int found = 0;
    for (const auto& [id, tag] : c.inv.All(Kind::kTag)) {
      bool match = (item.is_number_integer() && item.get<int>() == id) ||
                   (item.is_object() && ((item.contains("id") && item["id"] == id) ||
                                         item.value("name", "\x01") == tag.name ||
                                         item.value("slug", "\x01") == tag.slug));
      found = match ? id : found;
    }
    if (found == 0) {
      c.Fail("tags",
             "Related object not found using the provided attributes: " + item.dump());
      return;
    }
    tags.push_back(found);
  }
  c.d.tags = tags;
}

void Json(Ctx& c) {
  if (const json* v = c.Get("local_context_data")) {
    c.d.local_context_data = *v;
  }
  if (const json* v = c.Get("custom_fields")) {
    if (!v->is_object()) {
      c.Fail("custom_fields", "Invalid data. Expected a dictionary, but got " +
                                  std::string(v->type_name()) + ".");
      return;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
      c.d.custom_fields[it.key()] = it.value();
    }
  }
}

void Required(Ctx& c, const std::vector<std::pair<const char*, bool>>& fields) {
  for (const auto& [key, required] : fields) {
    if (required && c.Get(key) == nullptr) {
      c.Fail(key, "This field is required.");
    }
  }
}

// NetBox: a repeated name at one site is refused; null names never clash.
void UniqueName(Ctx& c) {
  if (!c.d.name) {
    return;
  }
  // Devices with this name sit together in the order index.
  const auto& order = c.inv.device_order();
  std::string natural = Naturalize(*c.d.name);
  for (auto it = order.lower_bound({false, natural, 0});
       it != order.end() && !it->unnamed && it->natural == natural; ++it) {
    const Device& other = *c.inv.FindDevice(it->id);
    if (other.id != c.d.id && other.site == c.d.site && other.name == c.d.name &&
        other.tenant == c.d.tenant) {
      if (c.version.AtLeast(4, 0)) {
        c.Fail("__all__", "Device name must be unique per site.");
      } else {
        c.Fail("name", "A device with this name already exists.");
      }
      return;
    }
  }
}

// NetBox's Device.clean(): a primary (or out-of-band) IP must be of the
// key's family and assigned to one of the device's own interfaces. Checked
// for the keys the body sets (a loaded inventory is taken as it is).
void AssignedIp(Ctx& c, const char* key, int Device::*member, int family) {
  const json* v = c.Get(key);
  const IpAddress* ip = c.inv.FindIpAddress(c.d.*member);
  if (v == nullptr || v->is_null() || ip == nullptr) {
    return;
  }
  if (family != 0 && ip->family != family) {
    c.Fail(key, ip->address + " is not an IPv" + std::to_string(family) + " address.");
    return;
  }
  const Interface* iface = c.inv.FindInterface(ip->interface);
  if (iface == nullptr || c.d.id == 0 || iface->device != c.d.id) {
    c.Fail(key, "The specified IP address (" + ip->address +
                    ") is not assigned to this device.");
  }
}

std::string RoleKey(const Ctx& c) {
  if (!c.version.HasDeviceRoleKey()) {
    return "role";
  }
  if (!c.version.HasRoleKey()) {
    return "device_role";
  }
  return c.Get("role") ? "role" : "device_role";
}

}  // namespace

bool ApplyDeviceBody(const json& body, const Inventory& inventory,
                     const NetBoxVersion& version, WriteMode mode, Device& device,
                     ordered_json& errors) {
  errors = ordered_json::object();
  Ctx c{body, inventory, version, mode, device, errors};
  std::string role_key = RoleKey(c);

  // First, the fields, in the serializer's order.
  if (mode == WriteMode::kCreate) {
    Required(c, {{"name", version.NameRequiredOnCreate()},
                 {"device_type", true},
                 {role_key.c_str(), true},
                 {"site", true}});
  }
  OptionalString(c, "name", &Device::name);
  ForeignKey(c, "device_type", Kind::kDeviceType, &Device::device_type, false);
  ForeignKey(c, role_key.c_str(), Kind::kRole, &Device::role, false);
  ForeignKey(c, "tenant", Kind::kTenant, &Device::tenant, true);
  ForeignKey(c, "platform", Kind::kPlatform, &Device::platform, true);
  String(c, "serial", &Device::serial);
  OptionalString(c, "asset_tag", &Device::asset_tag);
  ForeignKey(c, "site", Kind::kSite, &Device::site, false);
  ForeignKey(c, "location", Kind::kLocation, &Device::location, true);
  ForeignKey(c, "rack", Kind::kRack, &Device::rack, true);
  Number(c, "position", &Device::position);
  Choice(c, "face", &Device::face, false);
  Number(c, "latitude", &Device::latitude);
  Number(c, "longitude", &Device::longitude);
  Choice(c, "status", &Device::status, true);
  Choice(c, "airflow", &Device::airflow, false);
  IpKey(c, "primary_ip4", &Device::primary_ip4);
  IpKey(c, "primary_ip6", &Device::primary_ip6);
  IpKey(c, "oob_ip", &Device::oob_ip);
  ForeignKey(c, "cluster", Kind::kCluster, &Device::cluster, true);
  ForeignKey(c, "virtual_chassis", Kind::kVirtualChassis, &Device::virtual_chassis, true);
  Integer(c, "vc_position", &Device::vc_position);
  Integer(c, "vc_priority", &Device::vc_priority);
  String(c, "description", &Device::description);
  String(c, "comments", &Device::comments);
  ForeignKey(c, "config_template", Kind::kConfigTemplate, &Device::config_template, true);
  Tags(c);
  Json(c);
  if (!errors.empty()) {
    return false;
  }

  // Then, the model's own checks.
  UniqueName(c);
  AssignedIp(c, "primary_ip4", &Device::primary_ip4, 4);
  AssignedIp(c, "primary_ip6", &Device::primary_ip6, 6);
  AssignedIp(c, "oob_ip", &Device::oob_ip, 0);
  return errors.empty();
}

}  // namespace nbr::sim
