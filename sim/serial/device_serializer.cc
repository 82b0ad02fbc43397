#include "serial/device_serializer.h"

#include <functional>
#include <unordered_map>

#include "serial/nested.h"

namespace nbr::sim {
namespace {

const char* kCountFields[] = {"console_port_count", "console_server_port_count",
                              "power_port_count",   "power_outlet_count",
                              "interface_count",    "front_port_count",
                              "rear_port_count",    "device_bay_count",
                              "module_bay_count",   "inventory_item_count"};

FieldWriter Fk(Kind kind, int Device::*member) {
  return [kind, member](JsonWriter& w, const RenderContext& ctx, const Device& d) {
    WriteNested(w, ctx, kind, d.*member);
  };
}

FieldWriter Ip(int Device::*member) {
  return [member](JsonWriter& w, const RenderContext& ctx, const Device& d) {
    WriteNestedIp(w, ctx, d.*member);
  };
}

FieldWriter Text(std::string Device::*member) {
  return [member](JsonWriter& w, const RenderContext&, const Device& d) {
    w.String(d.*member);
  };
}

FieldWriter OptionalChoice(std::string Device::*member) {
  return [member](JsonWriter& w, const RenderContext&, const Device& d) {
    const std::string& value = d.*member;
    value.empty() ? w.Null() : WriteChoice(w, value, ChoiceLabel(value));
  };
}

void WriteConfigContext(JsonWriter& w, const RenderContext&, const Device& d) {
  if (d.local_context_data.is_object()) {
    w.Value(d.local_context_data);
  } else {
    w.BeginObject();
    w.EndObject();
  }
}

void WriteCreated(JsonWriter& w, const RenderContext& ctx, const Device& d) {
  bool as_date = d.created.date_only || !ctx.version.CreatedIsDateTime();
  w.String(as_date ? d.created.Date() : d.created.Rest());
}

const std::unordered_map<std::string, FieldWriter>& Writers() {
  static const auto* writers = [] {
    auto* m = new std::unordered_map<std::string, FieldWriter>{
        {"id", [](JsonWriter& w, const RenderContext&, const Device& d) { w.Int(d.id); }},
        {"url", [](JsonWriter& w, const RenderContext& ctx,
                   const Device& d) { w.String(ctx.Url("/api/dcim/devices/", d.id)); }},
        {"display_url",
         [](JsonWriter& w, const RenderContext& ctx, const Device& d) {
           w.String(ctx.base + "/dcim/devices/" + std::to_string(d.id) + "/");
         }},
        {"display", [](JsonWriter& w, const RenderContext& ctx,
                       const Device& d) { w.String(DeviceDisplay(ctx.inventory, d)); }},
        {"name", [](JsonWriter& w, const RenderContext&,
                    const Device& d) { w.OptString(d.name); }},
        {"device_type", Fk(Kind::kDeviceType, &Device::device_type)},
        {"role", Fk(Kind::kRole, &Device::role)},
        {"device_role", Fk(Kind::kRole, &Device::role)},
        {"tenant", Fk(Kind::kTenant, &Device::tenant)},
        {"platform", Fk(Kind::kPlatform, &Device::platform)},
        {"serial", Text(&Device::serial)},
        {"asset_tag", [](JsonWriter& w, const RenderContext&,
                         const Device& d) { w.OptString(d.asset_tag); }},
        {"site", Fk(Kind::kSite, &Device::site)},
        {"location", Fk(Kind::kLocation, &Device::location)},
        {"rack", Fk(Kind::kRack, &Device::rack)},
        {"position", [](JsonWriter& w, const RenderContext&,
                        const Device& d) { w.OptDouble(d.position); }},
        {"face", OptionalChoice(&Device::face)},
        {"latitude", [](JsonWriter& w, const RenderContext&,
                        const Device& d) { w.OptDouble(d.latitude); }},
        {"longitude", [](JsonWriter& w, const RenderContext&,
                         const Device& d) { w.OptDouble(d.longitude); }},
        {"parent_device",
         [](JsonWriter& w, const RenderContext&, const Device&) { w.Null(); }},
        {"status",
         [](JsonWriter& w, const RenderContext&, const Device& d) {
           const char* label = DeviceStatusLabel(d.status);
           WriteChoice(w, d.status, label ? label : ChoiceLabel(d.status));
         }},
        {"airflow", OptionalChoice(&Device::airflow)},
        {"primary_ip",
         [](JsonWriter& w, const RenderContext& ctx, const Device& d) {
           WriteNestedIp(w, ctx, d.primary_ip6 ? d.primary_ip6 : d.primary_ip4);
         }},
        {"primary_ip4", Ip(&Device::primary_ip4)},
        {"primary_ip6", Ip(&Device::primary_ip6)},
        {"oob_ip", Ip(&Device::oob_ip)},
        {"cluster", Fk(Kind::kCluster, &Device::cluster)},
        {"virtual_chassis", Fk(Kind::kVirtualChassis, &Device::virtual_chassis)},
        {"vc_position", [](JsonWriter& w, const RenderContext&,
                           const Device& d) { w.OptInt(d.vc_position); }},
        {"vc_priority", [](JsonWriter& w, const RenderContext&,
                           const Device& d) { w.OptInt(d.vc_priority); }},
        {"description", Text(&Device::description)},
        {"owner", [](JsonWriter& w, const RenderContext&, const Device&) { w.Null(); }},
        {"comments", Text(&Device::comments)},
        {"config_template", Fk(Kind::kConfigTemplate, &Device::config_template)},
        {"config_context", WriteConfigContext},
        {"local_context_data", [](JsonWriter& w, const RenderContext&,
                                  const Device& d) { w.Value(d.local_context_data); }},
        {"tags", [](JsonWriter& w, const RenderContext& ctx,
                    const Device& d) { WriteNestedTags(w, ctx, d.tags); }},
        {"custom_fields", [](JsonWriter& w, const RenderContext&,
                             const Device& d) { w.Value(d.custom_fields); }},
        {"created", WriteCreated},
        {"last_updated", [](JsonWriter& w, const RenderContext&,
                            const Device& d) { w.String(d.last_updated.Rest()); }},
    };
    for (const char* count : kCountFields) {
      bool interfaces = std::string(count) == "interface_count";
      (*m)[count] = [interfaces](JsonWriter& w, const RenderContext& ctx,
                                 const Device& d) {
        w.Int(interfaces ? ctx.inventory.InterfaceCount(d.id) : 0);
      };
    }
    return m;
  }();
  return *writers;
}

}  // namespace

std::vector<std::string> DeviceFieldOrder(const NetBoxVersion& v) {
  std::vector<std::string> f = {"id", "url"};
  auto add = [&f](bool when, std::initializer_list<const char*> names) {
    if (when) {
      f.insert(f.end(), names.begin(), names.end());
    }
  };
  add(v.HasDisplayUrl(), {"display_url"});
  add(true, {"display", "name", "device_type"});
  add(v.HasRoleKey(), {"role"});
  add(v.HasDeviceRoleKey(), {"device_role"});
  add(true, {"tenant", "platform", "serial", "asset_tag", "site", "location", "rack",
             "position", "face"});
  add(v.HasLatLong(), {"latitude", "longitude"});
  add(true,
      {"parent_device", "status", "airflow", "primary_ip", "primary_ip4", "primary_ip6"});
  add(v.HasOobIp(), {"oob_ip"});
  add(true, {"cluster", "virtual_chassis", "vc_position", "vc_priority"});
  add(v.HasDescription(), {"description"});
  add(v.HasOwner(), {"owner"});
  add(true, {"comments"});
  if (v.AtLeast(4, 0)) {
    add(true, {"config_template", "config_context", "local_context_data", "tags",
               "custom_fields", "created", "last_updated"});
    f.insert(f.end(), std::begin(kCountFields), std::end(kCountFields));
  } else {
    add(v.HasConfigTemplate(), {"config_template"});
    add(true, {"local_context_data", "tags", "custom_fields", "config_context", "created",
               "last_updated"});
  }
  return f;
}

std::vector<std::string> SelectDeviceFields(const NetBoxVersion& version,
                                            const DeviceFieldSelection& selection) {
  if (selection.brief) {
    std::vector<std::string> brief = {"id", "url", "display", "name"};
    if (version.AtLeast(4, 0)) {
      brief.push_back("description");
    }
    return brief;
  }
  std::vector<std::string> out;
  for (auto& field : DeviceFieldOrder(version)) {
    if (!selection.only.empty()) {
      if (selection.only.count(field)) {
        out.push_back(field);
      }
      continue;
    }
    if (selection.omit.count(field) ||
        (field == "config_context" && !selection.config_context)) {
      continue;
    }
    out.push_back(field);
  }
  return out;
}

void WriteDeviceFields(JsonWriter& w, const RenderContext& ctx, const Device& device,
                       const std::vector<std::string>& fields) {
  const auto& writers = Writers();
  w.BeginObject();
  for (const auto& field : fields) {
    w.Key(field);
    writers.at(field)(w, ctx, device);
  }
  w.EndObject();
}

DeviceWriter::DeviceWriter(const NetBoxVersion& version,
                           const DeviceFieldSelection& selection) {
  const auto& writers = Writers();
  for (auto& field : SelectDeviceFields(version, selection)) {
    fields_.emplace_back(field, &writers.at(field));
  }
}

void DeviceWriter::Write(JsonWriter& w, const RenderContext& ctx,
                         const Device& device) const {
  w.BeginObject();
  for (const auto& [name, writer] : fields_) {
    w.Key(name);
    (*writer)(w, ctx, device);
  }
  w.EndObject();
}

void WriteDevice(JsonWriter& w, const RenderContext& ctx, const Device& device,
                 const DeviceFieldSelection& selection) {
  WriteDeviceFields(w, ctx, device, SelectDeviceFields(ctx.version, selection));
}

}  // namespace nbr::sim
