#include "serial/webhook_body.h"

#include <algorithm>

#include "json/json_writer.h"
#include "serial/device_serializer.h"
#include "serial/ip_serializer.h"

namespace nbr::sim {
namespace {

void FkOrNull(JsonWriter& w, int id) {
  id ? w.Int(id) : w.Null();
}

void WriteSnapshotTags(JsonWriter& w, const Inventory& inventory, const Device& d) {
  std::vector<std::string> names;
  for (int id : d.tags) {
    if (const Related* tag = inventory.Find(Kind::kTag, id)) {
      names.push_back(tag->name);
    }
  }
  std::sort(names.begin(), names.end());
  w.BeginArray();
  for (const auto& name : names) {
    w.String(name);
  }
  w.EndArray();
}

// The model fields between the change-logging head and the custom fields.
void WriteDeviceColumns(JsonWriter& w, const NetBoxVersion& v, const Device& d) {
  w.Key("device_type");
  FkOrNull(w, d.device_type);
  w.Key(v.AtLeast(3, 6) ? "role" : "device_role");
  FkOrNull(w, d.role);
  w.Key("tenant");
  FkOrNull(w, d.tenant);
  w.Key("platform");
  FkOrNull(w, d.platform);
  w.Key("name");
  w.OptString(d.name);
  w.Key("serial");
  w.String(d.serial);
  w.Key("asset_tag");
  w.OptString(d.asset_tag);
  w.Key("site");
  FkOrNull(w, d.site);
  w.Key("location");
  FkOrNull(w, d.location);
  w.Key("rack");
  FkOrNull(w, d.rack);
  w.Key("position");
  w.OptDouble(d.position);
  w.Key("face");
  w.String(d.face);
  w.Key("status");
  w.String(d.status);
  w.Key("airflow");
  if (v.AtLeast(4, 0) && d.airflow.empty()) {
    w.Null();
  } else {
    w.String(d.airflow);
  }
  w.Key("primary_ip4");
  FkOrNull(w, d.primary_ip4);
  w.Key("primary_ip6");
  FkOrNull(w, d.primary_ip6);
  if (v.HasOobIp()) {
    w.Key("oob_ip");
    FkOrNull(w, d.oob_ip);
  }
  w.Key("cluster");
  FkOrNull(w, d.cluster);
  w.Key("virtual_chassis");
  FkOrNull(w, d.virtual_chassis);
  w.Key("vc_position");
  w.OptInt(d.vc_position);
  w.Key("vc_priority");
  w.OptInt(d.vc_priority);
}

void WriteSnapshotDevice(JsonWriter& w, const Inventory& inventory,
                         const NetBoxVersion& v, const Device& d) {
  w.BeginObject();
  w.Key("created");
  w.String(d.created.date_only || !v.CreatedIsDateTime() ? d.created.Date()
                                                         : d.created.Snapshot());
  if (!v.AtLeast(4, 0)) {
    w.Key("last_updated");
    w.String(d.last_updated.Snapshot());
  }
  if (v.HasOwner()) {
    w.Key("owner");
    w.Null();
  }
  if (v.HasDescription()) {
    w.Key("description");
    w.String(d.description);
    w.Key("comments");
    w.String(d.comments);
  }
  w.Key("local_context_data");
  w.Value(d.local_context_data);
  if (v.HasConfigTemplate()) {
    w.Key("config_template");
    FkOrNull(w, d.config_template);
  }
  WriteDeviceColumns(w, v, d);
  if (!v.HasDescription()) {
    w.Key("comments");
    w.String(d.comments);
  }
  if (v.HasLatLong()) {
    w.Key("latitude");
    w.OptDouble(d.latitude);
    w.Key("longitude");
    w.OptDouble(d.longitude);
  }
  if (v.HasComponentCounts()) {
    for (const char* count :
         {"console_port_count", "console_server_port_count", "power_port_count",
          "power_outlet_count", "interface_count", "front_port_count", "rear_port_count",
          "device_bay_count", "module_bay_count", "inventory_item_count"}) {
      w.Key(count);
      w.Int(std::string(count) == "interface_count" ? inventory.InterfaceCount(d.id) : 0);
    }
  }
  w.Key("custom_fields");
  w.Value(d.custom_fields);
  w.Key("tags");
  WriteSnapshotTags(w, inventory, d);
  w.EndObject();
}

void WriteSnapshotOrNull(JsonWriter& w, const Inventory& inventory,
                         const NetBoxVersion& v, const std::optional<Device>& d) {
  d ? WriteSnapshotDevice(w, inventory, v, *d) : w.Null();
}

// The content type id of dcim.interface in the captured installations.
constexpr int kInterfaceContentType = 20;

// Inferred from the model's fields (not captured): change-logging head,
// then the IP's own columns.
void WriteSnapshotIp(JsonWriter& w, const NetBoxVersion& v, const IpAddress& ip) {
  w.BeginObject();
  w.Key("created");
  w.String(ip.created.date_only || !v.CreatedIsDateTime() ? ip.created.Date()
                                                          : ip.created.Snapshot());
  if (!v.AtLeast(4, 0)) {
    w.Key("last_updated");
    w.String(ip.last_updated.Snapshot());
  }
  if (v.HasOwner()) {
    w.Key("owner");
    w.Null();
  }
  if (v.AtLeast(3, 5)) {
    w.Key("description");
    w.String(ip.description);
    w.Key("comments");
    w.String(ip.comments);
  }
  w.Key("address");
  w.String(ip.address);
  w.Key("vrf");
  FkOrNull(w, ip.vrf);
  w.Key("tenant");
  FkOrNull(w, ip.tenant);
  w.Key("status");
  w.String(ip.status);
  w.Key("role");
  ip.role.empty() ? w.Null() : w.String(ip.role);
  w.Key("assigned_object_type");
  FkOrNull(w, ip.interface ? kInterfaceContentType : 0);
  w.Key("assigned_object_id");
  FkOrNull(w, ip.interface);
  w.Key("nat_inside");
  w.Null();
  w.Key("dns_name");
  w.String(ip.dns_name);
  if (!v.AtLeast(3, 5)) {
    w.Key("description");
    w.String(ip.description);
  }
  w.Key("custom_fields");
  w.BeginObject();
  w.EndObject();
  w.Key("tags");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
}

void WriteIpSnapshotOrNull(JsonWriter& w, const NetBoxVersion& v,
                           const std::optional<IpAddress>& ip) {
  ip ? WriteSnapshotIp(w, v, *ip) : w.Null();
}

bool IsIp(const ChangeEvent& e) {
  return e.object_type == "ipam.ipaddress";
}

void WriteRequest(JsonWriter& w, const NetBoxVersion& v, const ChangeEvent& e) {
  w.BeginObject();
  w.Key("id");
  w.String(e.request_id);
  if (v.AtLeast(4, 7)) {
    w.Key("path");
    w.String(e.path);
    w.Key("path_info");
    w.String(e.path);
    w.Key("method");
    w.String(e.method);
    w.Key("GET");
    w.BeginObject();
    w.EndObject();
  } else {
    w.Key("method");
    w.String(e.method);
    w.Key("path");
    w.String(e.path);
  }
  w.Key("user");
  w.String(e.username);
  w.EndObject();
}

}  // namespace

int ChangeEvent::ObjectId() const {
  if (IsIp(*this)) {
    return ip_postchange ? ip_postchange->id : ip_prechange ? ip_prechange->id : 0;
  }
  return postchange ? postchange->id : prechange ? prechange->id : 0;
}

std::string RenderSnapshot(const Inventory& inventory, const NetBoxVersion& version,
                           const Device& device) {
  std::string out;
  JsonWriter w(JsonStyle::kPython, &out);
  WriteSnapshotDevice(w, inventory, version, device);
  return out;
}

std::string RenderWebhookBody(const Inventory& inventory, const NetBoxVersion& v,
                              const ChangeEvent& e) {
  std::string out;
  out.reserve(4096);
  JsonWriter w(JsonStyle::kPython, &out);
  RenderContext ctx{inventory, v, ""};

  // First, the head: which event, when, of what, by whom.
  w.BeginObject();
  w.Key("event");
  w.String(e.event);
  w.Key("timestamp");
  w.String(e.timestamp.Python(!v.WebhookTimestampHasT()));
  if (v.AtLeast(4, 4)) {
    w.Key("object_type");
    w.String(e.object_type);
  }
  if (!v.AtLeast(4, 5)) {
    w.Key("model");
    w.String(IsIp(e) ? "ipaddress" : "device");
  }
  if (!v.AtLeast(4, 7)) {
    w.Key("username");
    w.String(e.username);
    w.Key("request_id");
    w.String(e.request_id);
  }

  // Then the object in its REST shape, without config_context.
  w.Key("data");
  if (IsIp(e)) {
    WriteIpAddress(w, ctx, e.ip_postchange ? *e.ip_postchange : *e.ip_prechange);
  } else {
    DeviceFieldSelection selection;
    selection.config_context = false;
    WriteDevice(w, ctx, e.postchange ? *e.postchange : *e.prechange, selection);
  }
  if (v.AtLeast(4, 6)) {
    w.Key("request");
    WriteRequest(w, v, e);
  }

  // Last, the flat snapshots.
  w.Key("snapshots");
  w.BeginObject();
  w.Key("prechange");
  IsIp(e) ? WriteIpSnapshotOrNull(w, v, e.ip_prechange)
          : WriteSnapshotOrNull(w, inventory, v, e.prechange);
  w.Key("postchange");
  IsIp(e) ? WriteIpSnapshotOrNull(w, v, e.ip_postchange)
          : WriteSnapshotOrNull(w, inventory, v, e.postchange);
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace nbr::sim
