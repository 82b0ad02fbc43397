#include "support/fake_netbox.h"

namespace nbr::testing {

std::vector<netbox::Device> InMemoryNetBox::WorkshopDevices() {
  std::vector<netbox::Device> devices;
  for (int n = 1; n <= 5; ++n) {
    netbox::Device device;
    device.id = 6 + n;
    device.name = "loc" + std::to_string(n) + "-core";
    device.display = *device.name;
    device.status = "planned";
    device.primary_ip4 = "10.0.0." + std::to_string(n) + "/32";
    device.primary_ip6 = "2001:db8::" + std::to_string(n) + "/128";
    device.site_id = n;
    device.site_name = "loc" + std::to_string(n);
    devices.push_back(device);
  }
  return devices;
}

InMemoryNetBox::InMemoryNetBox(const std::vector<netbox::Device>& devices) {
  for (const auto& device : devices) {
    devices_[device.id] = device;
  }
}

void InMemoryNetBox::PutDevice(const netbox::Device& device) {
  std::lock_guard lock(mu_);
  devices_[device.id] = device;
}

void InMemoryNetBox::RemoveDevice(int64_t id) {
  std::lock_guard lock(mu_);
  devices_.erase(id);
}

std::optional<netbox::Device> InMemoryNetBox::FindDevice(int64_t id) const {
  std::lock_guard lock(mu_);
  auto it = devices_.find(id);
  if (it == devices_.end()) {
    return std::nullopt;
  }
  return it->second;
}

void InMemoryNetBox::SetOutage(bool down) {
  std::lock_guard lock(mu_);
  outage_ = down;
}

void InMemoryNetBox::FailNextCalls(int count, Error error) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < count; ++i) {
    failures_.push_back(error);
  }
}

void InMemoryNetBox::IgnoreStatusWrites(bool ignore) {
  std::lock_guard lock(mu_);
  ignore_status_writes_ = ignore;
}

void InMemoryNetBox::CrashAfterNextWrite() {
  std::lock_guard lock(mu_);
  crash_after_write_ = true;
}

std::optional<Error> InMemoryNetBox::Fault() {
  ++requests_;
  if (outage_) {
    return Unavailable("connection refused (simulated outage)");
  }
  if (!failures_.empty()) {
    Error error = failures_.front();
    failures_.pop_front();
    return error;
  }
  return std::nullopt;
}

Result<netbox::ServerInfo> InMemoryNetBox::GetStatus() {
  std::lock_guard lock(mu_);
  if (auto fault = Fault()) {
    return *fault;
  }
  netbox::ServerInfo info;
  info.netbox_version = "3.4.10";
  info.major = 3;
  info.minor = 4;
  return info;
}

Result<netbox::Device> InMemoryNetBox::GetDevice(int64_t id) {
  std::lock_guard lock(mu_);
  if (auto fault = Fault()) {
    return *fault;
  }
  auto it = devices_.find(id);
  if (it == devices_.end()) {
    return NotFound("No Device matches the given query.");
  }
  return it->second;
}

Result<netbox::DeviceListing> InMemoryNetBox::ListDevices(
    const netbox::DeviceListOptions& options) {
  std::lock_guard lock(mu_);
  if (auto fault = Fault()) {
    return *fault;
  }
  netbox::DeviceListing listing;
  listing.pages = 1;
  for (const auto& [id, device] : devices_) {
    bool wanted = options.statuses.empty();
    for (const auto& status : options.statuses) {
      wanted = wanted || status == device.status;
    }
    if (wanted) {
      listing.devices.push_back(device);
    }
  }
  listing.reported_count = static_cast<int64_t>(listing.devices.size());
  return listing;
}

Result<netbox::Device> InMemoryNetBox::SetDeviceStatus(int64_t id,
                                                       std::string_view status) {
  netbox::Device answer;
  {
    std::lock_guard lock(mu_);
    if (auto fault = Fault()) {
      return *fault;
    }
    auto it = devices_.find(id);
    if (it == devices_.end()) {
      return NotFound("No Device matches the given query.");
    }
    if (!ignore_status_writes_) {
      it->second.status = std::string(status);
      ++status_writes_;
    }
    answer = it->second;
    if (crash_after_write_) {
      crash_after_write_ = false;
      throw SimulatedCrash{};
    }
  }
  return answer;
}

Result<netbox::BulkStatusResult> InMemoryNetBox::BulkSetStatus(
    const std::vector<int64_t>& ids, std::string_view status) {
  std::lock_guard lock(mu_);
  if (auto fault = Fault()) {
    return *fault;
  }
  netbox::BulkStatusResult result;
  for (int64_t id : ids) {
    auto it = devices_.find(id);
    if (it == devices_.end()) {
      result.missing.push_back(id);
      continue;
    }
    it->second.status = std::string(status);
    ++status_writes_;
    result.updated.push_back(it->second);
  }
  return result;
}

Result<std::vector<netbox::IpAddress>> InMemoryNetBox::ListDeviceIps(int64_t device_id) {
  std::lock_guard lock(mu_);
  if (auto fault = Fault()) {
    return *fault;
  }
  std::vector<netbox::IpAddress> ips;
  auto it = devices_.find(device_id);
  if (it == devices_.end()) {
    return ips;
  }
  int64_t next_id = device_id * 100;
  for (const auto& [address, family] :
       {std::pair{it->second.primary_ip4, 4}, std::pair{it->second.primary_ip6, 6}}) {
    if (address) {
      netbox::IpAddress ip;
      ip.id = ++next_id;
      ip.address = *address;
      ip.family = family;
      ip.interface_name = "lo0";
      ips.push_back(ip);
    }
  }
  return ips;
}

}  // namespace nbr::testing
