// Everything netbox-sim serves: devices, their interfaces and IP addresses,
// and the related objects they point at.
//
// Not thread-safe: the server guards one Inventory with a reader/writer lock
// (see api/app_state.h).
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/objects.h"

namespace nbr::sim {

// NetBox's default device ordering: by name in natural order (digit runs
// compare as numbers, letters without regard to case), unnamed devices
// last, then by id.
struct DeviceOrderKey {
  bool unnamed = false;
  std::string natural;
  int id = 0;
  bool operator<(const DeviceOrderKey& other) const;
};

// "loc10-core" -> "loc00000010-core", lower-cased: NetBox's naturalize().
std::string Naturalize(const std::string& name);

class Inventory {
 public:
  Inventory() = default;
  Inventory(const Inventory& other);
  Inventory& operator=(const Inventory& other);

  // Related objects. Find returns nullptr when there is none with that id.
  const Related* Find(Kind kind, int id) const;
  void Put(Kind kind, Related object);
  const std::map<int, Related>& All(Kind kind) const { return related_[Index(kind)]; }
  int MaxId(Kind kind) const;

  // Devices. PutDevice inserts or replaces (keeping the order index right);
  // RemoveDevice returns false when there was no such device.
  const Device* FindDevice(int id) const;
  void PutDevice(Device device);
  bool RemoveDevice(int id);
  const std::map<int, Device>& devices() const { return devices_; }
  const std::set<DeviceOrderKey>& device_order() const { return order_; }
  // The devices in NetBox's order, as a snapshot rebuilt after changes.
  // Safe to call from several readers at once (it has its own lock); the
  // pointers stay valid until the next change.
  const std::vector<const Device*>& OrderedDevices() const;
  int MaxDeviceId() const { return devices_.empty() ? 0 : devices_.rbegin()->first; }
  // The id a new device gets: like a database sequence, never reused.
  int TakeNextDeviceId();
  int DeviceCountOfType(int device_type) const;

  // Interfaces and IP addresses.
  void PutInterface(Interface interface);
  void PutIpAddress(IpAddress ip);
  const Interface* FindInterface(int id) const;
  const IpAddress* FindIpAddress(int id) const;
  int MaxInterfaceId() const;
  int MaxIpAddressId() const;
  int InterfaceCount(int device) const;
  // The device's interfaces, by id.
  std::vector<const Interface*> InterfacesOfDevice(int device) const;
  // How many IPs are assigned to the interface (its count_ipaddresses).
  int IpCountOfInterface(int interface) const;
  // The IPs on the device's interfaces, by id.
  std::vector<const IpAddress*> IpsOfDevice(int device) const;

 private:
  static size_t Index(Kind kind) { return static_cast<size_t>(kind); }
  static DeviceOrderKey OrderKeyOf(const Device& device);

  std::array<std::map<int, Related>, static_cast<size_t>(Kind::kCount)> related_;
  std::map<int, Device> devices_;
  std::set<DeviceOrderKey> order_;
  mutable std::mutex snapshot_mu_;
  mutable std::vector<const Device*> snapshot_;
  mutable bool snapshot_stale_ = true;
  std::unordered_map<int, int> devices_per_type_;
  int next_device_id_ = 0;
  std::map<int, Interface> interfaces_;
  std::unordered_map<int, std::vector<int>> interfaces_of_device_;
  std::map<int, IpAddress> ips_;
  std::unordered_map<int, std::vector<int>> ips_of_interface_;
};

}  // namespace nbr::sim
