#include "daemon/own_changes.h"

namespace nbr::daemon {

void OwnChanges::Remember(int64_t device_id, const std::string& last_updated) {
  if (last_updated.empty()) {
    return;
  }
  std::lock_guard lock(mu_);
  order_.emplace_back(device_id, last_updated);
  writes_.emplace(device_id, last_updated);
  while (order_.size() > capacity_) {
    auto [id, stamp] = order_.front();
    order_.pop_front();
    auto range = writes_.equal_range(id);
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second == stamp) {
        writes_.erase(it);
        break;
      }
    }
  }
}

bool OwnChanges::IsOwn(int64_t device_id, const std::string& last_updated) const {
  if (last_updated.empty()) {
    return false;
  }
  std::lock_guard lock(mu_);
  auto range = writes_.equal_range(device_id);
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == last_updated) {
      return true;
    }
  }
  return false;
}

Result<netbox::Device> RememberingNetBox::SetDeviceStatus(int64_t id,
                                                          std::string_view status) {
  auto device = inner_.SetDeviceStatus(id, status);
  if (device.ok()) {
    own_.Remember(device->id, device->last_updated);
  }
  return device;
}

Result<netbox::BulkStatusResult> RememberingNetBox::BulkSetStatus(
    const std::vector<int64_t>& ids, std::string_view status) {
  auto result = inner_.BulkSetStatus(ids, status);
  if (result.ok()) {
    for (const auto& d : result->updated) {
      own_.Remember(d.id, d.last_updated);
    }
  }
  return result;
}

}  // namespace nbr::daemon
