#include "model/dumpdata_loader.h"

#include <fstream>
#include <map>
#include <optional>

namespace nbr::sim {
namespace {

using nlohmann::json;

const std::map<std::string, Kind>& RelatedModels() {
  static const std::map<std::string, Kind> models = {
      {"dcim.site", Kind::kSite},
      {"dcim.manufacturer", Kind::kManufacturer},
      {"dcim.devicetype", Kind::kDeviceType},
      {"dcim.devicerole", Kind::kRole},
      {"tenancy.tenant", Kind::kTenant},
      {"dcim.platform", Kind::kPlatform},
      {"dcim.location", Kind::kLocation},
      {"dcim.rack", Kind::kRack},
      {"extras.tag", Kind::kTag},
      {"dcim.virtualchassis", Kind::kVirtualChassis},
      {"extras.configtemplate", Kind::kConfigTemplate},
      {"virtualization.cluster", Kind::kCluster},
  };
  return models;
}

// Id offsets of one file, taken before any of its rows is added.
struct Offsets {
  std::array<int, static_cast<size_t>(Kind::kCount)> related{};
  int device = 0;
  int interface = 0;
  int ip = 0;

  int Of(Kind kind) const { return related[static_cast<size_t>(kind)]; }
};

std::string Str(const json& fields, const char* key) {
  auto it = fields.find(key);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<std::string> OptStr(const json& fields, const char* key) {
  auto it = fields.find(key);
  if (it == fields.end() || !it->is_string()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

// A foreign key, re-keyed by `offset`; 0 when null or absent.
int Fk(const json& fields, const char* key, int offset) {
  auto it = fields.find(key);
  return it != fields.end() && it->is_number_integer() ? it->get<int>() + offset : 0;
}

std::optional<int64_t> OptInt(const json& fields, const char* key) {
  auto it = fields.find(key);
  if (it == fields.end() || !it->is_number_integer()) {
    return std::nullopt;
  }
  return it->get<int64_t>();
}

// Decimals are strings in dumpdata and numbers in the API.
std::optional<double> OptDecimal(const json& fields, const char* key) {
  auto it = fields.find(key);
  if (it == fields.end() || it->is_null()) {
    return std::nullopt;
  }
  if (it->is_number()) {
    return it->get<double>();
  }
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

Timestamp Time(const json& fields, const char* key) {
  auto parsed = Timestamp::Parse(Str(fields, key));
  return parsed ? *parsed : Timestamp{};
}

Related ToRelated(Kind kind, int pk, const json& fields, const Offsets& off) {
  Related r;
  r.id = pk;
  r.name = Str(fields, kind == Kind::kDeviceType ? "model" : "name");
  r.slug = Str(fields, "slug");
  r.description = Str(fields, "description");
  r.color = Str(fields, "color");
  if (auto status = OptStr(fields, "status")) {
    r.status = *status;
  }
  if (kind == Kind::kDeviceType) {
    r.parent = Fk(fields, "manufacturer", off.Of(Kind::kManufacturer));
  } else if (kind == Kind::kLocation || kind == Kind::kRack) {
    r.parent = Fk(fields, "site", off.Of(Kind::kSite));
  } else if (kind == Kind::kVirtualChassis) {
    r.parent = Fk(fields, "master", off.device);
  }
  r.depth = static_cast<int>(OptInt(fields, "level").value_or(0));
  r.created = Time(fields, "created");
  r.last_updated = Time(fields, "last_updated");
  r.fields = fields;
  return r;
}

Device ToDevice(int pk, const json& fields, const Offsets& off) {
  Device d;
  d.id = pk;
  d.name = OptStr(fields, "name");
  d.device_type = Fk(fields, "device_type", off.Of(Kind::kDeviceType));
  d.role = fields.contains("role") ? Fk(fields, "role", off.Of(Kind::kRole))
                                   : Fk(fields, "device_role", off.Of(Kind::kRole));
  d.tenant = Fk(fields, "tenant", off.Of(Kind::kTenant));
  d.platform = Fk(fields, "platform", off.Of(Kind::kPlatform));
  d.serial = Str(fields, "serial");
  d.asset_tag = OptStr(fields, "asset_tag");
  d.site = Fk(fields, "site", off.Of(Kind::kSite));
  d.location = Fk(fields, "location", off.Of(Kind::kLocation));
  d.rack = Fk(fields, "rack", off.Of(Kind::kRack));
  d.position = OptDecimal(fields, "position");
  d.face = Str(fields, "face");
  d.latitude = OptDecimal(fields, "latitude");
  d.longitude = OptDecimal(fields, "longitude");
  d.status = Str(fields, "status");
  d.airflow = Str(fields, "airflow");
  d.primary_ip4 = Fk(fields, "primary_ip4", off.ip);
  d.primary_ip6 = Fk(fields, "primary_ip6", off.ip);
  d.oob_ip = Fk(fields, "oob_ip", off.ip);
  d.cluster = Fk(fields, "cluster", off.Of(Kind::kCluster));
  d.virtual_chassis = Fk(fields, "virtual_chassis", off.Of(Kind::kVirtualChassis));
  d.vc_position = OptInt(fields, "vc_position");
  d.vc_priority = OptInt(fields, "vc_priority");
  d.description = Str(fields, "description");
  d.comments = Str(fields, "comments");
  d.config_template = Fk(fields, "config_template", off.Of(Kind::kConfigTemplate));
  d.local_context_data = fields.value("local_context_data", json());
  d.custom_fields = fields.value("custom_field_data", json::object());
  d.created = Time(fields, "created");
  d.last_updated = Time(fields, "last_updated");
  return d;
}

IpAddress ToIp(int pk, const json& fields, const Offsets& off, bool on_interface) {
  IpAddress ip;
  ip.id = pk;
  ip.address = Str(fields, "address");
  ip.family = ip.address.find(':') != std::string::npos ? 6 : 4;
  ip.status = Str(fields, "status");
  ip.role = Str(fields, "role");
  ip.interface = on_interface ? Fk(fields, "assigned_object_id", off.interface) : 0;
  ip.vrf = 0;
  ip.tenant = Fk(fields, "tenant", off.Of(Kind::kTenant));
  ip.dns_name = Str(fields, "dns_name");
  ip.description = Str(fields, "description");
  ip.comments = Str(fields, "comments");
  ip.created = Time(fields, "created");
  ip.last_updated = Time(fields, "last_updated");
  return ip;
}

Offsets TakeOffsets(const Inventory& inventory) {
  Offsets off;
  for (size_t k = 0; k < off.related.size(); ++k) {
    off.related[k] = inventory.MaxId(static_cast<Kind>(k));
  }
  off.device = inventory.MaxDeviceId();
  off.interface = inventory.MaxInterfaceId();
  off.ip = inventory.MaxIpAddressId();
  return off;
}

}  // namespace

Status LoadDumpdata(const json& rows, Inventory& inventory) {
  if (!rows.is_array()) {
    return Status::Error("a dumpdata file is a JSON list of rows");
  }

  // First, the content types: IPs and tagged items refer to them by id.
  std::map<int, std::string> content_types;
  for (const auto& row : rows) {
    if (row.is_object() && row.value("model", "") == "contenttypes.contenttype" &&
        row.contains("pk") && row["pk"].is_number_integer()) {
      const auto& f = row["fields"];
      content_types[row["pk"].get<int>()] = Str(f, "app_label") + "." + Str(f, "model");
    }
  }
  // A content type is an id or, with natural keys, ["app_label", "model"].
  auto content_type = [&content_types](const json& fields, const char* key) {
    auto it = fields.find(key);
    if (it != fields.end() && it->is_array() && it->size() == 2) {
      return (*it)[0].get<std::string>() + "." + (*it)[1].get<std::string>();
    }
    return content_types[Fk(fields, key, 0)];
  };

  // Then every row, re-keyed past what the inventory already holds.
  Offsets off = TakeOffsets(inventory);
  std::vector<const json*> tagged_items;
  for (const auto& row : rows) {
    if (row.is_object() && row.value("model", "") == "contenttypes.contenttype") {
      continue;
    }
    if (!row.is_object() || !row.contains("pk") || !row["pk"].is_number_integer() ||
        !row.contains("fields") || !row["fields"].is_object()) {
      return Status::Error("malformed dumpdata row: " + row.dump().substr(0, 200));
    }
    std::string model = row.value("model", "");
    int pk = row["pk"].get<int>();
    const json& fields = row["fields"];
    auto related = RelatedModels().find(model);
    if (related != RelatedModels().end()) {
      Kind kind = related->second;
      inventory.Put(kind, ToRelated(kind, pk + off.Of(kind), fields, off));
    } else if (model == "dcim.device") {
      inventory.PutDevice(ToDevice(pk + off.device, fields, off));
    } else if (model == "dcim.interface") {
      inventory.PutInterface({pk + off.interface, Fk(fields, "device", off.device),
                              Str(fields, "name"), Str(fields, "description")});
    } else if (model == "ipam.ipaddress") {
      bool on_interface =
          content_type(fields, "assigned_object_type") == "dcim.interface";
      inventory.PutIpAddress(ToIp(pk + off.ip, fields, off, on_interface));
    } else if (model == "extras.taggeditem") {
      tagged_items.push_back(&fields);
    }
  }

  // Last, the tags of devices, once the devices exist.
  for (const json* fields : tagged_items) {
    if (content_type(*fields, "content_type") != "dcim.device") {
      continue;
    }
    const Device* device = inventory.FindDevice(Fk(*fields, "object_id", off.device));
    if (device != nullptr) {
      Device copy = *device;
      copy.tags.push_back(Fk(*fields, "tag", off.Of(Kind::kTag)));
      inventory.PutDevice(std::move(copy));
    }
  }
  return Status::Ok();
}

Status LoadDumpdataFile(const std::string& path, Inventory& inventory) {
  std::ifstream in(path);
  if (!in) {
    return Status::Error("cannot read inventory '" + path + "'");
  }
  json rows = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (rows.is_discarded()) {
    return Status::Error("inventory '" + path + "' is not valid JSON");
  }
  Status status = Status::Ok();
  try {
    status = LoadDumpdata(rows, inventory);
  } catch (const nlohmann::json::exception& e) {
    status = Status::Error(e.what());
  }
  if (!status.ok()) {
    return Status::Error(path + ": " + status.message());
  }
  return status;
}

}  // namespace nbr::sim
