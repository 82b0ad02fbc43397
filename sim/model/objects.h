// The NetBox objects the emulator serves, reduced to the fields the REST
// serializers, the filters and the webhooks need. Foreign keys are plain
// ids; 0 stands for null (NetBox's primary keys start at 1).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/timestamp.h"

namespace nbr::sim {

// The kinds of related objects that appear nested in a device or an IP.
enum class Kind {
  kSite,
  kManufacturer,
  kDeviceType,
  kRole,
  kTenant,
  kPlatform,
  kLocation,
  kRack,
  kTag,
  kVirtualChassis,
  kConfigTemplate,
  kCluster,
  kCount,
};

// A related object: enough to render its nested (brief) form.
struct Related {
  int id = 0;
  std::string name;  // a device type's model
  std::string slug;
  std::string description;
  std::string color;  // tags
  std::string status = "active";
  int parent = 0;  // a device type's manufacturer, a location's site
  int depth = 0;   // locations (MPTT level)
  Timestamp created, last_updated;
  nlohmann::json fields = nlohmann::json::object();  // the dumpdata row, as loaded
};

struct Device {
  int id = 0;
  std::optional<std::string> name;
  int device_type = 0;
  int role = 0;
  int tenant = 0;
  int platform = 0;
  std::string serial;
  std::optional<std::string> asset_tag;
  int site = 0;
  int location = 0;
  int rack = 0;
  std::optional<double> position;
  std::string face;  // "" is null
  std::optional<double> latitude, longitude;
  std::string status = "active";
  std::string airflow;  // "" is null
  int primary_ip4 = 0;
  int primary_ip6 = 0;
  int oob_ip = 0;
  int cluster = 0;
  int virtual_chassis = 0;
  std::optional<int64_t> vc_position, vc_priority;
  std::string description;
  std::string comments;
  int config_template = 0;
  nlohmann::json local_context_data;  // null or an object
  nlohmann::json custom_fields = nlohmann::json::object();
  std::vector<int> tags;  // tag ids
  Timestamp created, last_updated;
};

struct Interface {
  int id = 0;
  int device = 0;
  std::string name;
  std::string description;
  std::string type = "virtual";
  std::string label;
  bool enabled = true;
  bool mgmt_only = false;
  std::optional<int64_t> mtu;
  Timestamp created, last_updated;
};

struct IpAddress {
  int id = 0;
  std::string address;  // CIDR, e.g. "10.0.0.1/32"
  int family = 4;
  std::string status = "active";
  std::string role;   // "" is null
  int interface = 0;  // assigned dcim.interface, 0 when unassigned
  int vrf = 0;
  int tenant = 0;
  std::string dns_name;
  std::string description;
  std::string comments;
  std::vector<int> tags;
  Timestamp created, last_updated;
};

// The status choices of a device, in NetBox's order, with their labels.
// Returns nullptr for an unknown value.
const char* DeviceStatusLabel(const std::string& value);
const std::vector<std::string>& DeviceStatusValues();
// Labels of the other choice sets that appear in device and IP output.
std::string ChoiceLabel(const std::string& value);

}  // namespace nbr::sim
