#include "model/inventory.h"

#include <algorithm>
#include <cctype>

namespace nbr::sim {

bool DeviceOrderKey::operator<(const DeviceOrderKey& other) const {
  if (unnamed != other.unnamed) {
    return !unnamed;
  }
  if (natural != other.natural) {
    return natural < other.natural;
  }
  return id < other.id;
}

std::string Naturalize(const std::string& name) {
  std::string out;
  out.reserve(name.size() + 16);
  for (size_t i = 0; i < name.size();) {
    if (std::isdigit(static_cast<unsigned char>(name[i]))) {
      size_t end = i;
      while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) {
        ++end;
      }
      if (end - i < 8) {
        out.append(8 - (end - i), '0');
      }
      out.append(name, i, end - i);
      i = end;
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(name[i]))));
      ++i;
    }
  }
  return out;
}

Inventory::Inventory(const Inventory& other) {
  *this = other;
}

Inventory& Inventory::operator=(const Inventory& other) {
  if (this != &other) {
    related_ = other.related_;
    devices_ = other.devices_;
    order_ = other.order_;
    devices_per_type_ = other.devices_per_type_;
    next_device_id_ = other.next_device_id_;
    interfaces_ = other.interfaces_;
    interfaces_of_device_ = other.interfaces_of_device_;
    ips_ = other.ips_;
    ips_of_interface_ = other.ips_of_interface_;
    snapshot_stale_ = true;
  }
  return *this;
}

const std::vector<const Device*>& Inventory::OrderedDevices() const {
  std::lock_guard lock(snapshot_mu_);
  if (snapshot_stale_) {
    snapshot_.clear();
    snapshot_.reserve(devices_.size());
    for (const auto& key : order_) {
      snapshot_.push_back(&devices_.at(key.id));
    }
    snapshot_stale_ = false;
  }
  return snapshot_;
}

const Related* Inventory::Find(Kind kind, int id) const {
  const auto& map = related_[Index(kind)];
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

void Inventory::Put(Kind kind, Related object) {
  int id = object.id;
  related_[Index(kind)][id] = std::move(object);
}

int Inventory::MaxId(Kind kind) const {
  const auto& map = related_[Index(kind)];
  return map.empty() ? 0 : map.rbegin()->first;
}

const Device* Inventory::FindDevice(int id) const {
  auto it = devices_.find(id);
  return it == devices_.end() ? nullptr : &it->second;
}

DeviceOrderKey Inventory::OrderKeyOf(const Device& device) {
  return {!device.name.has_value(), device.name ? Naturalize(*device.name) : "",
          device.id};
}

void Inventory::PutDevice(Device device) {
  RemoveDevice(device.id);
  snapshot_stale_ = true;
  order_.insert(OrderKeyOf(device));
  ++devices_per_type_[device.device_type];
  next_device_id_ = std::max(next_device_id_, device.id);
  int id = device.id;
  devices_[id] = std::move(device);
}

bool Inventory::RemoveDevice(int id) {
  auto it = devices_.find(id);
  if (it == devices_.end()) {
    return false;
  }
  order_.erase(OrderKeyOf(it->second));
  snapshot_stale_ = true;
  --devices_per_type_[it->second.device_type];
  devices_.erase(it);
  return true;
}

int Inventory::TakeNextDeviceId() {
  return ++next_device_id_;
}

int Inventory::DeviceCountOfType(int device_type) const {
  auto it = devices_per_type_.find(device_type);
  return it == devices_per_type_.end() ? 0 : it->second;
}

void Inventory::PutInterface(Interface interface) {
  interfaces_of_device_[interface.device].push_back(interface.id);
  int id = interface.id;
  interfaces_[id] = std::move(interface);
}

void Inventory::PutIpAddress(IpAddress ip) {
  if (ip.interface != 0) {
    ips_of_interface_[ip.interface].push_back(ip.id);
  }
  int id = ip.id;
  ips_[id] = std::move(ip);
}

const Interface* Inventory::FindInterface(int id) const {
  auto it = interfaces_.find(id);
  return it == interfaces_.end() ? nullptr : &it->second;
}

const IpAddress* Inventory::FindIpAddress(int id) const {
  auto it = ips_.find(id);
  return it == ips_.end() ? nullptr : &it->second;
}

int Inventory::MaxInterfaceId() const {
  return interfaces_.empty() ? 0 : interfaces_.rbegin()->first;
}

int Inventory::MaxIpAddressId() const {
  return ips_.empty() ? 0 : ips_.rbegin()->first;
}

int Inventory::InterfaceCount(int device) const {
  auto it = interfaces_of_device_.find(device);
  return it == interfaces_of_device_.end() ? 0 : static_cast<int>(it->second.size());
}

std::vector<const Interface*> Inventory::InterfacesOfDevice(int device) const {
  std::vector<const Interface*> out;
  auto it = interfaces_of_device_.find(device);
  if (it != interfaces_of_device_.end()) {
    for (int id : it->second) {
      out.push_back(&interfaces_.at(id));
    }
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return out;
}

int Inventory::IpCountOfInterface(int interface) const {
  auto it = ips_of_interface_.find(interface);
  return it == ips_of_interface_.end() ? 0 : static_cast<int>(it->second.size());
}

std::vector<const IpAddress*> Inventory::IpsOfDevice(int device) const {
  std::vector<const IpAddress*> out;
  auto intfs = interfaces_of_device_.find(device);
  if (intfs == interfaces_of_device_.end()) {
    return out;
  }
  for (int interface : intfs->second) {
    auto ips = ips_of_interface_.find(interface);
    if (ips == ips_of_interface_.end()) {
      continue;
    }
    for (int ip : ips->second) {
      out.push_back(&ips_.at(ip));
    }
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return out;
}

}  // namespace nbr::sim
