#include "model/objects.h"

#include <cctype>
#include <map>

namespace nbr::sim {
namespace {

const std::map<std::string, const char*>& StatusLabels() {
  static const std::map<std::string, const char*> labels = {
      {"offline", "Offline"},
      {"active", "Active"},
      {"planned", "Planned"},
      {"staged", "Staged"},
      {"failed", "Failed"},
      {"inventory", "Inventory"},
      {"decommissioning", "Decommissioning"},
  };
  return labels;
}

}  // namespace

const char* DeviceStatusLabel(const std::string& value) {
  auto it = StatusLabels().find(value);
  return it == StatusLabels().end() ? nullptr : it->second;
}

const std::vector<std::string>& DeviceStatusValues() {
  static const std::vector<std::string> values = {
      "offline", "active", "planned", "staged", "failed", "inventory", "decommissioning"};
  return values;
}

std::string ChoiceLabel(const std::string& value) {
  static const std::map<std::string, std::string> special = {
      {"front", "Front"},
      {"rear", "Rear"},
      {"front-to-rear", "Front to rear"},
      {"rear-to-front", "Rear to front"},
      {"left-to-right", "Left to right"},
      {"right-to-left", "Right to left"},
      {"side-to-rear", "Side to rear"},
      {"passive", "Passive"},
      {"mixed", "Mixed"},
      {"dhcp", "DHCP"},
      {"slaac", "SLAAC"},
      {"loopback", "Loopback"},
      {"vip", "VIP"},
      {"vrrp", "VRRP"},
      {"hsrp", "HSRP"},
      {"glbp", "GLBP"},
      {"carp", "CARP"},
      {"anycast", "Anycast"},
      {"secondary", "Secondary"},
      {"deprecated", "Deprecated"},
      {"reserved", "Reserved"},
  };
  auto it = special.find(value);
  if (it != special.end()) {
    return it->second;
  }
  std::string label = value;
  if (!label.empty()) {
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  }
  return label;
}

}  // namespace nbr::sim
