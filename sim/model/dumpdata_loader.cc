#include "model/dumpdata_loader.h"

#include <algorithm>
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

// New ids of one file: per model, its pks in order, numbered after the
// largest id of that kind already loaded. An inventory whose pks are 1..n
// (the golden captures) keeps them; the workshop's devices 7..11 become 1..5.
class Rekey {
 public:
  void Add(const std::string& model, int pk) { pks_[model].push_back(pk); }

  void Number(const std::string& model, int after) {
    auto& pks = pks_[model];
    std::sort(pks.begin(), pks.end());
    auto& ids = ids_[model];
    for (int pk : pks) {
      ids.emplace(pk, ++after);
    }
  }

  // The new id of a row, or of the object a foreign key points at; 0 when
  // the target is not in this file.
  int Of(const std::string& model, int pk) const {
    auto m = ids_.find(model);
    if (m == ids_.end()) {
      return 0;
    }
    auto it = m->second.find(pk);
    return it == m->second.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, std::vector<int>> pks_;
  std::map<std::string, std::map<int, int>> ids_;
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

// A raw integer field; 0 when null or absent.
int Raw(const json& fields, const char* key) {
  auto it = fields.find(key);
  return it != fields.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// A foreign key to `model`, re-keyed; 0 when null, absent or dangling.
int Fk(const Rekey& rekey, const json& fields, const char* key,
       const std::string& model) {
  int pk = Raw(fields, key);
  return pk ? rekey.Of(model, pk) : 0;
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

std::string ModelOf(Kind kind) {
  for (const auto& [model, k] : RelatedModels()) {
    if (k == kind) {
      return model;
    }
  }
  return "";
}

Related ToRelated(Kind kind, int pk, const json& fields, const Rekey& off) {
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
    r.parent = Fk(off, fields, "manufacturer", ModelOf(Kind::kManufacturer));
  } else if (kind == Kind::kLocation || kind == Kind::kRack) {
    r.parent = Fk(off, fields, "site", ModelOf(Kind::kSite));
  } else if (kind == Kind::kVirtualChassis) {
    r.parent = Fk(off, fields, "master", "dcim.device");
  }
  r.depth = static_cast<int>(OptInt(fields, "level").value_or(0));
  r.created = Time(fields, "created");
  r.last_updated = Time(fields, "last_updated");
  r.fields = fields;
  return r;
}

Device ToDevice(int pk, const json& fields, const Rekey& off) {
  Device d;
  d.id = pk;
  d.name = OptStr(fields, "name");
  d.device_type = Fk(off, fields, "device_type", ModelOf(Kind::kDeviceType));
  d.role = fields.contains("role") ? Fk(off, fields, "role", ModelOf(Kind::kRole))
                                   : Fk(off, fields, "device_role", ModelOf(Kind::kRole));
  d.tenant = Fk(off, fields, "tenant", ModelOf(Kind::kTenant));
  d.platform = Fk(off, fields, "platform", ModelOf(Kind::kPlatform));
  d.serial = Str(fields, "serial");
  d.asset_tag = OptStr(fields, "asset_tag");
  d.site = Fk(off, fields, "site", ModelOf(Kind::kSite));
  d.location = Fk(off, fields, "location", ModelOf(Kind::kLocation));
  d.rack = Fk(off, fields, "rack", ModelOf(Kind::kRack));
  d.position = OptDecimal(fields, "position");
  d.face = Str(fields, "face");
  d.latitude = OptDecimal(fields, "latitude");
  d.longitude = OptDecimal(fields, "longitude");
  d.status = Str(fields, "status");
  d.airflow = Str(fields, "airflow");
  d.primary_ip4 = Fk(off, fields, "primary_ip4", "ipam.ipaddress");
  d.primary_ip6 = Fk(off, fields, "primary_ip6", "ipam.ipaddress");
  d.oob_ip = Fk(off, fields, "oob_ip", "ipam.ipaddress");
  d.cluster = Fk(off, fields, "cluster", ModelOf(Kind::kCluster));
  d.virtual_chassis = Fk(off, fields, "virtual_chassis", ModelOf(Kind::kVirtualChassis));
  d.vc_position = OptInt(fields, "vc_position");
  d.vc_priority = OptInt(fields, "vc_priority");
  d.description = Str(fields, "description");
  d.comments = Str(fields, "comments");
  d.config_template = Fk(off, fields, "config_template", ModelOf(Kind::kConfigTemplate));
  d.local_context_data = fields.value("local_context_data", json());
  d.custom_fields = fields.value("custom_field_data", json::object());
  d.created = Time(fields, "created");
  d.last_updated = Time(fields, "last_updated");
  return d;
}

IpAddress ToIp(int pk, const json& fields, const Rekey& off, bool on_interface) {
  IpAddress ip;
  ip.id = pk;
  ip.address = Str(fields, "address");
  ip.family = ip.address.find(':') != std::string::npos ? 6 : 4;
  ip.status = Str(fields, "status");
  ip.role = Str(fields, "role");
  ip.interface =
      on_interface ? Fk(off, fields, "assigned_object_id", "dcim.interface") : 0;
  ip.vrf = 0;
  ip.tenant = Fk(off, fields, "tenant", ModelOf(Kind::kTenant));
  ip.dns_name = Str(fields, "dns_name");
  ip.description = Str(fields, "description");
  ip.comments = Str(fields, "comments");
  ip.created = Time(fields, "created");
  ip.last_updated = Time(fields, "last_updated");
  return ip;
}

Interface ToInterface(int pk, const json& fields, const Rekey& off) {
  Interface i;
  i.id = pk;
  i.device = Fk(off, fields, "device", "dcim.device");
  i.name = Str(fields, "name");
  i.description = Str(fields, "description");
  i.type = fields.contains("type") ? Str(fields, "type") : i.type;
  i.label = Str(fields, "label");
  auto flag = [&fields](const char* key, bool absent) {
    auto it = fields.find(key);
    return it != fields.end() && it->is_boolean() ? it->get<bool>() : absent;
  };
  i.enabled = flag("enabled", true);
  i.mgmt_only = flag("mgmt_only", false);
  i.mtu = OptInt(fields, "mtu");
  i.created = Time(fields, "created");
  i.last_updated = Time(fields, "last_updated");
  return i;
}

bool Served(const std::string& model) {
  return RelatedModels().count(model) || model == "dcim.device" ||
         model == "dcim.interface" || model == "ipam.ipaddress";
}

// Numbers every served row of the file after what `inventory` holds.
Rekey NumberRows(const json& rows, const Inventory& inventory) {
  Rekey rekey;
  for (const auto& row : rows) {
    std::string model = row.value("model", "");
    if (Served(model)) {
      rekey.Add(model, row["pk"].get<int>());
    }
  }
  for (const auto& [model, kind] : RelatedModels()) {
    rekey.Number(model, inventory.MaxId(kind));
  }
  rekey.Number("dcim.device", inventory.MaxDeviceId());
  rekey.Number("dcim.interface", inventory.MaxInterfaceId());
  rekey.Number("ipam.ipaddress", inventory.MaxIpAddressId());
  return rekey;
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
    return content_types[Raw(fields, key)];
  };

  // Then every row, re-keyed past what the inventory already holds.
  for (const auto& row : rows) {
    bool content_type_row =
        row.is_object() && row.value("model", "") == "contenttypes.contenttype";
    if (!content_type_row &&
        (!row.is_object() || !row.contains("pk") || !row["pk"].is_number_integer() ||
         !row.contains("fields") || !row["fields"].is_object())) {
      return Status::Error("malformed dumpdata row: " + row.dump().substr(0, 200));
    }
  }
  Rekey off = NumberRows(rows, inventory);
  std::vector<const json*> tagged_items;
  for (const auto& row : rows) {
    std::string model = row.value("model", "");
    if (model == "contenttypes.contenttype") {
      continue;
    }
    int pk = row["pk"].get<int>();
    const json& fields = row["fields"];
    auto related = RelatedModels().find(model);
    if (related != RelatedModels().end()) {
      Kind kind = related->second;
      inventory.Put(kind, ToRelated(kind, off.Of(model, pk), fields, off));
    } else if (model == "dcim.device") {
      inventory.PutDevice(ToDevice(off.Of(model, pk), fields, off));
    } else if (model == "dcim.interface") {
      inventory.PutInterface(ToInterface(off.Of(model, pk), fields, off));
    } else if (model == "ipam.ipaddress") {
      bool on_interface =
          content_type(fields, "assigned_object_type") == "dcim.interface";
      inventory.PutIpAddress(ToIp(off.Of(model, pk), fields, off, on_interface));
    } else if (model == "extras.taggeditem") {
      tagged_items.push_back(&fields);
    }
  }

  // Last, the tags of devices, once the devices exist.
  for (const json* fields : tagged_items) {
    if (content_type(*fields, "content_type") != "dcim.device") {
      continue;
    }
    const Device* device =
        inventory.FindDevice(Fk(off, *fields, "object_id", "dcim.device"));
    if (device != nullptr) {
      Device copy = *device;
      copy.tags.push_back(Fk(off, *fields, "tag", "extras.tag"));
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
