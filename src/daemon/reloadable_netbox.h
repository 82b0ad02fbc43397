// A NetBoxApi whose target can be replaced while it is in use (SIGHUP with a
// new URL or token): calls in flight finish on the client they started on.
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>

#include "netbox/api.h"

namespace nbr::daemon {

class ReloadableNetBox final : public netbox::NetBoxApi {
 public:
  explicit ReloadableNetBox(std::shared_ptr<netbox::NetBoxApi> inner)
      : inner_(std::move(inner)) {}

  void Replace(std::shared_ptr<netbox::NetBoxApi> inner) {
    std::lock_guard lock(mu_);
    offset_ += inner_->RequestCount();
    inner_ = std::move(inner);
  }

  Result<netbox::ServerInfo> GetStatus() override { return Get()->GetStatus(); }
  Result<netbox::Device> GetDevice(int64_t id) override { return Get()->GetDevice(id); }
  Result<netbox::DeviceListing> ListDevices(const netbox::DeviceListOptions& o) override {
    return Get()->ListDevices(o);
  }
  Result<netbox::Device> SetDeviceStatus(int64_t id, std::string_view status) override {
    return Get()->SetDeviceStatus(id, status);
  }
  Result<netbox::BulkStatusResult> BulkSetStatus(const std::vector<int64_t>& ids,
                                                 std::string_view status) override {
    return Get()->BulkSetStatus(ids, status);
  }
  Result<std::vector<netbox::IpAddress>> ListDeviceIps(int64_t id) override {
    return Get()->ListDeviceIps(id);
  }
  uint64_t RequestCount() const override {
    std::lock_guard lock(mu_);
    return offset_ + inner_->RequestCount();
  }

 private:
  std::shared_ptr<netbox::NetBoxApi> Get() const {
    std::lock_guard lock(mu_);
    return inner_;
  }

  mutable std::mutex mu_;
  std::shared_ptr<netbox::NetBoxApi> inner_;  // guarded by mu_
  uint64_t offset_ = 0;                       // guarded by mu_
};

}  // namespace nbr::daemon
