#include "serial/interface_serializer.h"

#include <map>

#include "serial/nested.h"

namespace nbr::sim {
namespace {

void Nulls(JsonWriter& w, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    w.Key(key);
    w.Null();
  }
}

void EmptyLists(JsonWriter& w, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    w.Key(key);
    w.BeginArray();
    w.EndArray();
  }
}

// The fields between `tagged_vlans` and `tags`: cabling and connections,
// whose names changed in 3.3 (link_peer -> link_peers).
void WriteConnections(JsonWriter& w, const NetBoxVersion& v) {
  if (v.AtLeast(4, 2)) {
    Nulls(w, {"qinq_svlan", "vlan_translation_policy"});
  }
  w.Key("mark_connected");
  w.Bool(false);
  Nulls(w, {"cable"});
  if (v.AtLeast(3, 3)) {
    Nulls(w, {"cable_end", "wireless_link"});
    EmptyLists(w, {"link_peers"});
    Nulls(w, {"link_peers_type"});
    EmptyLists(w, {"wireless_lans"});
    Nulls(w, {"vrf"});
    if (v.AtLeast(3, 4)) {
      Nulls(w, {"l2vpn_termination"});
    }
    Nulls(w, {"connected_endpoints", "connected_endpoints_type"});
    w.Key("connected_endpoints_reachable");
    w.Bool(false);
  } else {
    Nulls(w, {"wireless_link", "link_peer", "link_peer_type"});
    EmptyLists(w, {"wireless_lans"});
    Nulls(w, {"connected_endpoint", "connected_endpoint_type",
              "connected_endpoint_reachable"});
  }
}

}  // namespace

std::string InterfaceTypeLabel(const std::string& type) {
  static const std::map<std::string, std::string> labels = {
      {"virtual", "Virtual"},
      {"bridge", "Bridge"},
      {"lag", "Link Aggregation Group (LAG)"},
      {"100base-tx", "100BASE-TX (10/100ME)"},
      {"1000base-t", "1000BASE-T (1GE)"},
      {"10gbase-t", "10GBASE-T (10GE)"},
      {"1000base-x-sfp", "SFP (1GE)"},
      {"10gbase-x-sfpp", "SFP+ (10GE)"},
      {"25gbase-x-sfp28", "SFP28 (25GE)"},
      {"40gbase-x-qsfpp", "QSFP+ (40GE)"},
      {"100gbase-x-qsfp28", "QSFP28 (100GE)"},
      {"400gbase-x-qsfpdd", "QSFP-DD (400GE)"},
      {"other", "Other"},
  };
  auto it = labels.find(type);
  return it == labels.end() ? type : it->second;
}

void WriteInterface(JsonWriter& w, const RenderContext& ctx, const Interface& i) {
  const NetBoxVersion& v = ctx.version;
  w.BeginObject();
  w.Key("id");
  w.Int(i.id);
  w.Key("url");
  w.String(ctx.Url("/api/dcim/interfaces/", i.id));
  if (v.HasDisplayUrl()) {
    w.Key("display_url");
    w.String(ctx.base + "/dcim/interfaces/" + std::to_string(i.id) + "/");
  }
  w.Key("display");
  w.String(i.name);
  w.Key("device");
  WriteNestedDevice(w, ctx, i.device);
  if (v.AtLeast(3, 7)) {
    EmptyLists(w, {"vdcs"});
  }
  if (v.AtLeast(3, 2)) {
    Nulls(w, {"module"});
  }
  w.Key("name");
  w.String(i.name);
  w.Key("label");
  w.String(i.label);
  w.Key("type");
  WriteChoice(w, i.type, InterfaceTypeLabel(i.type));
  w.Key("enabled");
  w.Bool(i.enabled);
  Nulls(w, {"parent", "bridge"});
  if (v.AtLeast(4, 0)) {
    EmptyLists(w, {"bridge_interfaces"});
  }
  Nulls(w, {"lag"});
  w.Key("mtu");
  w.OptInt(i.mtu);
  Nulls(w, {"mac_address"});
  if (v.AtLeast(4, 2)) {
    Nulls(w, {"primary_mac_address"});
    EmptyLists(w, {"mac_addresses"});
  }
  if (v.AtLeast(3, 2)) {
    Nulls(w, {"speed", "duplex"});
  }
  Nulls(w, {"wwn"});
  w.Key("mgmt_only");
  w.Bool(i.mgmt_only);
  w.Key("description");
  w.String(i.description);
  Nulls(w, {"mode", "rf_role", "rf_channel"});
  if (v.AtLeast(3, 3)) {
    Nulls(w, {"poe_mode", "poe_type"});
  }
  Nulls(w, {"rf_channel_frequency", "rf_channel_width", "tx_power", "untagged_vlan"});
  EmptyLists(w, {"tagged_vlans"});
  WriteConnections(w, v);
  if (v.HasOwner()) {
    Nulls(w, {"owner"});
  }
  EmptyLists(w, {"tags"});
  w.Key("custom_fields");
  w.BeginObject();
  w.EndObject();
  w.Key("created");
  bool as_date = i.created.date_only || !v.CreatedIsDateTime();
  w.String(as_date ? i.created.Date() : i.created.Rest());
  w.Key("last_updated");
  w.String(i.last_updated.Rest());
  w.Key("count_ipaddresses");
  w.Int(ctx.inventory.IpCountOfInterface(i.id));
  w.Key("count_fhrp_groups");
  w.Int(0);
  w.Key("_occupied");
  w.Bool(false);
  w.EndObject();
}

}  // namespace nbr::sim
