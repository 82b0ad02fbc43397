// HttpNetBoxClient: the NetBoxApi over a Transport. Built by MakeHttpClient
// (netbox/http_client.h); declared here for tests and for the factory.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "netbox/api.h"
#include "netbox/transport.h"

namespace nbr::netbox {

// Thread-safe. Remembers the NetBox version from the last successful
// GetStatus and, on 4.0+, asks ListDevices for only the fields it reads.
class HttpNetBoxClient final : public NetBoxApi {
 public:
  HttpNetBoxClient(std::unique_ptr<Transport> transport, int default_page_size);

  Result<ServerInfo> GetStatus() override;
  Result<Device> GetDevice(int64_t id) override;
  Result<DeviceListing> ListDevices(const DeviceListOptions& options) override;
  Result<Device> SetDeviceStatus(int64_t id, std::string_view status) override;
  Result<BulkStatusResult> BulkSetStatus(const std::vector<int64_t>& ids,
                                         std::string_view status) override;
  Result<std::vector<IpAddress>> ListDeviceIps(int64_t device_id) override;
  uint64_t RequestCount() const override { return transport_->request_count(); }

  // Pages followed before a listing is refused as a loop.
  static constexpr int kMaxPages = 10000;

 private:
  // Every row of a list endpoint, following `next` from `first_path`.
  struct Rows {
    std::vector<nlohmann::json> rows;
    int pages = 0;
    std::optional<int64_t> count;
  };
  Result<Rows> FetchAllPages(std::string_view endpoint, const std::string& first_path);

  // One request whose 2xx answer is JSON; other answers become Errors.
  Result<nlohmann::json> Call(
      std::string_view method, std::string_view endpoint, std::string_view path,
      const std::string& body = "",
      Transport::PathMode mode = Transport::PathMode::kUnderPrefix);

  std::string DeviceListPath(const DeviceListOptions& options) const;
  bool KnowsFieldsParameter() const { return major_.load() >= 4; }

  const std::unique_ptr<Transport> transport_;
  const int default_page_size_;
  std::atomic<int> major_{0};
  std::atomic<int> minor_{0};
};

}  // namespace nbr::netbox
