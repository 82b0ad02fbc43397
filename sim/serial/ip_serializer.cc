#include "serial/ip_serializer.h"

#include "serial/nested.h"

namespace nbr::sim {
namespace {

void WriteTime(JsonWriter& w, const RenderContext& ctx, const Timestamp& ts,
               bool is_created) {
  bool as_date = ts.date_only || (is_created && !ctx.version.CreatedIsDateTime());
  w.String(as_date ? ts.Date() : ts.Rest());
}

void WriteDisplayUrl(JsonWriter& w, const RenderContext& ctx, const char* ui_path,
                     int id) {
  if (ctx.version.HasDisplayUrl()) {
    w.Key("display_url");
    w.String(ctx.base + ui_path + std::to_string(id) + "/");
  }
}

}  // namespace

void WriteIpAddress(JsonWriter& w, const RenderContext& ctx, const IpAddress& ip) {
  const NetBoxVersion& v = ctx.version;
  w.BeginObject();
  w.Key("id");
  w.Int(ip.id);
  w.Key("url");
  w.String(ctx.Url("/api/ipam/ip-addresses/", ip.id));
  WriteDisplayUrl(w, ctx, "/ipam/ip-addresses/", ip.id);
  w.Key("display");
  w.String(ip.address);
  w.Key("family");
  w.BeginObject();
  w.Key("value");
  w.Int(ip.family);
  w.Key("label");
  w.String(ip.family == 6 ? "IPv6" : "IPv4");
  w.EndObject();
  w.Key("address");
  w.String(ip.address);
  w.Key("vrf");
  w.Null();
  w.Key("tenant");
  WriteNested(w, ctx, Kind::kTenant, ip.tenant);
  w.Key("status");
  WriteChoice(w, ip.status, ChoiceLabel(ip.status));
  w.Key("role");
  ip.role.empty() ? w.Null() : WriteChoice(w, ip.role, ChoiceLabel(ip.role));
  w.Key("assigned_object_type");
  ip.interface ? w.String("dcim.interface") : w.Null();
  w.Key("assigned_object_id");
  ip.interface ? w.Int(ip.interface) : w.Null();
  w.Key("assigned_object");
  WriteNestedInterface(w, ctx, ip.interface);
  w.Key("nat_inside");
  w.Null();
  w.Key("nat_outside");
  if (v.AtLeast(3, 2)) {
    w.BeginArray();
    w.EndArray();
  } else {
    w.Null();
  }
  w.Key("dns_name");
  w.String(ip.dns_name);
  w.Key("description");
  w.String(ip.description);
  if (v.HasOwner()) {
    w.Key("owner");
    w.Null();
  }
  if (v.AtLeast(3, 5)) {
    w.Key("comments");
    w.String(ip.comments);
  }
  w.Key("tags");
  WriteNestedTags(w, ctx, ip.tags);
  w.Key("custom_fields");
  w.BeginObject();
  w.EndObject();
  w.Key("created");
  WriteTime(w, ctx, ip.created, true);
  w.Key("last_updated");
  WriteTime(w, ctx, ip.last_updated, false);
  w.EndObject();
}

void WriteSite(JsonWriter& w, const RenderContext& ctx, const Related& site) {
  const nlohmann::json& f = site.fields;
  auto text = [&f](const char* key) { return f.value(key, std::string()); };
  w.BeginObject();
  w.Key("id");
  w.Int(site.id);
  w.Key("url");
  w.String(ctx.Url("/api/dcim/sites/", site.id));
  WriteDisplayUrl(w, ctx, "/dcim/sites/", site.id);
  w.Key("display");
  w.String(site.name);
  w.Key("name");
  w.String(site.name);
  w.Key("slug");
  w.String(site.slug);
  w.Key("status");
  WriteChoice(w, site.status, ChoiceLabel(site.status));
  w.Key("region");
  w.Null();
  w.Key("group");
  w.Null();
  w.Key("tenant");
  WriteNested(w, ctx, Kind::kTenant,
              f.value("tenant", nlohmann::json()).is_number_integer()
                  ? f["tenant"].get<int>()
                  : 0);
  w.Key("facility");
  w.String(text("facility"));
  w.Key("time_zone");
  w.Value(f.value("time_zone", nlohmann::json()));
  w.Key("description");
  w.String(site.description);
  w.Key("physical_address");
  w.String(text("physical_address"));
  w.Key("shipping_address");
  w.String(text("shipping_address"));
  w.Key("comments");
  w.String(text("comments"));
  w.Key("tags");
  w.BeginArray();
  w.EndArray();
  w.Key("custom_fields");
  w.BeginObject();
  w.EndObject();
  w.Key("created");
  WriteTime(w, ctx, site.created, true);
  w.Key("last_updated");
  WriteTime(w, ctx, site.last_updated, false);
  w.EndObject();
}

}  // namespace nbr::sim
