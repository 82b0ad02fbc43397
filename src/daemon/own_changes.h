// Recognising the daemon's own changes when NetBox sends them back as
// webhooks (case C8). Every device the daemon writes is remembered with the
// `last_updated` NetBox answered; a webhook whose data carries the same
// device id and `last_updated` is that write's echo. NetBox serializes the
// webhook from the same saved object, so the two match exactly (checked
// against the captures of NetBox 3.1 and 4.5).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "netbox/api.h"

namespace nbr::daemon {

// Thread-safe. Remembers the most recent `capacity` writes.
class OwnChanges {
 public:
  explicit OwnChanges(size_t capacity = 100000) : capacity_(capacity) {}

  void Remember(int64_t device_id, const std::string& last_updated);
  // True when the daemon wrote this device at this `last_updated`.
  bool IsOwn(int64_t device_id, const std::string& last_updated) const;

 private:
  size_t capacity_;
  mutable std::mutex mu_;
  std::deque<std::pair<int64_t, std::string>> order_;  // guarded by mu_
  std::multimap<int64_t, std::string> writes_;         // guarded by mu_
};

// A NetBoxApi that passes every call through and remembers the devices that
// its writes changed.
class RememberingNetBox final : public netbox::NetBoxApi {
 public:
  RememberingNetBox(netbox::NetBoxApi& inner, OwnChanges& own)
      : inner_(inner), own_(own) {}

  Result<netbox::ServerInfo> GetStatus() override { return inner_.GetStatus(); }
  Result<netbox::Device> GetDevice(int64_t id) override { return inner_.GetDevice(id); }
  Result<netbox::DeviceListing> ListDevices(const netbox::DeviceListOptions& o) override {
    return inner_.ListDevices(o);
  }
  Result<netbox::Device> SetDeviceStatus(int64_t id, std::string_view status) override;
  Result<netbox::BulkStatusResult> BulkSetStatus(const std::vector<int64_t>& ids,
                                                 std::string_view status) override;
  Result<std::vector<netbox::IpAddress>> ListDeviceIps(int64_t id) override {
    return inner_.ListDeviceIps(id);
  }
  uint64_t RequestCount() const override { return inner_.RequestCount(); }

 private:
  netbox::NetBoxApi& inner_;
  OwnChanges& own_;
};

}  // namespace nbr::daemon
