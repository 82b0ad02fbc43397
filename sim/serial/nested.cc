#include "serial/nested.h"

#include <algorithm>

namespace nbr::sim {
namespace {

void WriteHead(JsonWriter& w, const RenderContext& ctx, Kind kind, const Related& r,
               const std::string& display) {
  w.BeginObject();
  w.Key("id");
  w.Int(r.id);
  w.Key("url");
  w.String(ctx.Url(ApiPath(kind), r.id));
  w.Key("display");
  w.String(display);
}

void WriteDescription(JsonWriter& w, const RenderContext& ctx, const Related& r) {
  if (ctx.version.NestedHasDescription()) {
    w.Key("description");
    w.String(r.description);
  }
}

void WriteNameSlug(JsonWriter& w, const Related& r) {
  w.Key("name");
  w.String(r.name);
  w.Key("slug");
  w.String(r.slug);
}

void WriteDeviceType(JsonWriter& w, const RenderContext& ctx, const Related& r) {
  const Related* mfr = ctx.inventory.Find(Kind::kManufacturer, r.parent);
  WriteHead(w, ctx, Kind::kDeviceType, r, r.name);
  w.Key("manufacturer");
  WriteNested(w, ctx, Kind::kManufacturer, mfr ? mfr->id : 0);
  w.Key("model");
  w.String(r.name);
  w.Key("slug");
  w.String(r.slug);
  WriteDescription(w, ctx, r);
  if (ctx.version.NestedHasDescription()) {
    w.Key("device_count");
    w.Int(ctx.inventory.DeviceCountOfType(r.id));
  }
  w.EndObject();
}

void WriteRole(JsonWriter& w, const RenderContext& ctx, const Related& r) {
  WriteHead(w, ctx, Kind::kRole, r, r.name);
  WriteNameSlug(w, r);
  WriteDescription(w, ctx, r);
  if (ctx.version.AtLeast(4, 0)) {
    // NetBox's nested role carries unannotated counts: always 0.
    w.Key("device_count");
    w.Int(0);
    w.Key("virtualmachine_count");
    w.Int(0);
  }
  if (ctx.version.AtLeast(4, 3)) {
    w.Key("_depth");
    w.Int(r.depth);
  }
  w.EndObject();
}

void WriteVirtualChassis(JsonWriter& w, const RenderContext& ctx, const Related& r) {
  WriteHead(w, ctx, Kind::kVirtualChassis, r, r.name);
  w.Key("name");
  w.String(r.name);
  w.Key("master");
  WriteNestedDevice(w, ctx, r.parent);
  WriteDescription(w, ctx, r);
  int members = 0;
  for (const auto& [id, device] : ctx.inventory.devices()) {
    members += device.virtual_chassis == r.id ? 1 : 0;
  }
  w.Key("member_count");
  w.Int(members);
  w.EndObject();
}

}  // namespace

const char* ApiPath(Kind kind) {
  switch (kind) {
    case Kind::kSite:
      return "/api/dcim/sites/";
    case Kind::kManufacturer:
      return "/api/dcim/manufacturers/";
    case Kind::kDeviceType:
      return "/api/dcim/device-types/";
    case Kind::kRole:
      return "/api/dcim/device-roles/";
    case Kind::kTenant:
      return "/api/tenancy/tenants/";
    case Kind::kPlatform:
      return "/api/dcim/platforms/";
    case Kind::kLocation:
      return "/api/dcim/locations/";
    case Kind::kRack:
      return "/api/dcim/racks/";
    case Kind::kTag:
      return "/api/extras/tags/";
    case Kind::kVirtualChassis:
      return "/api/dcim/virtual-chassis/";
    case Kind::kConfigTemplate:
      return "/api/extras/config-templates/";
    case Kind::kCluster:
      return "/api/virtualization/clusters/";
    case Kind::kCount:
      break;
  }
  return "/api/";
}

void WriteChoice(JsonWriter& w, const std::string& value, const std::string& label) {
  w.BeginObject();
  w.Key("value");
  w.String(value);
  w.Key("label");
  w.String(label);
  w.EndObject();
}

void WriteNested(JsonWriter& w, const RenderContext& ctx, Kind kind, int id) {
  const Related* r = id ? ctx.inventory.Find(kind, id) : nullptr;
  if (r == nullptr) {
    w.Null();
    return;
  }
  switch (kind) {
    case Kind::kDeviceType:
      return WriteDeviceType(w, ctx, *r);
    case Kind::kRole:
      return WriteRole(w, ctx, *r);
    case Kind::kVirtualChassis:
      return WriteVirtualChassis(w, ctx, *r);
    case Kind::kRack:
    case Kind::kConfigTemplate:
    case Kind::kCluster:
      WriteHead(w, ctx, kind, *r, r->name);
      w.Key("name");
      w.String(r->name);
      WriteDescription(w, ctx, *r);
      w.EndObject();
      return;
    default:
      break;
  }
  WriteHead(w, ctx, kind, *r, r->name);
  WriteNameSlug(w, *r);
  WriteDescription(w, ctx, *r);
  if (kind == Kind::kLocation) {
    w.Key("_depth");
    w.Int(r->depth);
  }
  w.EndObject();
}

void WriteNestedIp(JsonWriter& w, const RenderContext& ctx, int ip_id) {
  const IpAddress* ip = ip_id ? ctx.inventory.FindIpAddress(ip_id) : nullptr;
  if (ip == nullptr) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("id");
  w.Int(ip->id);
  w.Key("url");
  w.String(ctx.Url("/api/ipam/ip-addresses/", ip->id));
  w.Key("display");
  w.String(ip->address);
  w.Key("family");
  if (ctx.version.NestedIpFamilyIsObject()) {
    w.BeginObject();
    w.Key("value");
    w.Int(ip->family);
    w.Key("label");
    w.String(ip->family == 6 ? "IPv6" : "IPv4");
    w.EndObject();
  } else {
    w.Int(ip->family);
  }
  w.Key("address");
  w.String(ip->address);
  if (ctx.version.NestedHasDescription()) {
    w.Key("description");
    w.String(ip->description);
  }
  w.EndObject();
}

void WriteNestedDevice(JsonWriter& w, const RenderContext& ctx, int device_id) {
  const Device* d = device_id ? ctx.inventory.FindDevice(device_id) : nullptr;
  if (d == nullptr) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("id");
  w.Int(d->id);
  w.Key("url");
  w.String(ctx.Url("/api/dcim/devices/", d->id));
  w.Key("display");
  w.String(DeviceDisplay(ctx.inventory, *d));
  w.Key("name");
  w.OptString(d->name);
  if (ctx.version.NestedHasDescription()) {
    w.Key("description");
    w.String(d->description);
  }
  w.EndObject();
}

void WriteNestedInterface(JsonWriter& w, const RenderContext& ctx, int interface_id) {
  const Interface* i = interface_id ? ctx.inventory.FindInterface(interface_id) : nullptr;
  if (i == nullptr) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("id");
  w.Int(i->id);
  w.Key("url");
  w.String(ctx.Url("/api/dcim/interfaces/", i->id));
  w.Key("display");
  w.String(i->name);
  w.Key("device");
  WriteNestedDevice(w, ctx, i->device);
  w.Key("name");
  w.String(i->name);
  if (ctx.version.NestedHasDescription()) {
    w.Key("description");
    w.String(i->description);
  }
  w.Key("cable");
  w.Null();
  w.Key("_occupied");
  w.Bool(false);
  w.EndObject();
}

void WriteNestedTags(JsonWriter& w, const RenderContext& ctx,
                     const std::vector<int>& tags) {
  std::vector<const Related*> found;
  for (int id : tags) {
    if (const Related* tag = ctx.inventory.Find(Kind::kTag, id)) {
      found.push_back(tag);
    }
  }
  std::sort(found.begin(), found.end(),
            [](auto* a, auto* b) { return a->name < b->name; });
  w.BeginArray();
  for (const Related* tag : found) {
    w.BeginObject();
    w.Key("id");
    w.Int(tag->id);
    w.Key("url");
    w.String(ctx.Url("/api/extras/tags/", tag->id));
    if (ctx.version.HasDisplayUrl()) {
      w.Key("display_url");
      w.String(ctx.base + "/extras/tags/" + std::to_string(tag->id) + "/");
    }
    w.Key("display");
    w.String(tag->name);
    w.Key("name");
    w.String(tag->name);
    w.Key("slug");
    w.String(tag->slug);
    w.Key("color");
    w.String(tag->color);
    w.EndObject();
  }
  w.EndArray();
}

std::string DeviceDisplay(const Inventory& inventory, const Device& device) {
  if (device.name && device.asset_tag) {
    return *device.name + " (" + *device.asset_tag + ")";
  }
  if (device.name) {
    return *device.name;
  }
  const Related* vc = inventory.Find(Kind::kVirtualChassis, device.virtual_chassis);
  if (vc != nullptr && device.vc_position) {
    return vc->name + ":" + std::to_string(*device.vc_position) + " (" +
           std::to_string(device.id) + ")";
  }
  const Related* type = inventory.Find(Kind::kDeviceType, device.device_type);
  const Related* mfr = type ? inventory.Find(Kind::kManufacturer, type->parent) : nullptr;
  std::string prefix = (mfr ? mfr->name + " " : "") + (type ? type->name : "Device");
  return prefix + " (" + std::to_string(device.id) + ")";
}

}  // namespace nbr::sim
