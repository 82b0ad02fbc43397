// InMemoryNetBox: a NetBoxApi over a map of devices, for unit tests, with
// fault injection: an outage (every call Unavailable), the next calls failing
// with a given error, a PATCH that NetBox accepts without changing the
// status, and a crash right after a write (the change is made, then
// SimulatedCrash is thrown, as if the daemon died before recording it).
// Thread-safe.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "netbox/api.h"

namespace nbr::testing {

// Thrown by InMemoryNetBox to simulate the death of the process. Not a
// std::exception, so that nothing on the way catches it but the test.
struct SimulatedCrash {};

class InMemoryNetBox final : public netbox::NetBoxApi {
 public:
  // The five planned core routers of the orchestrator workshop's inventory
  // (ids 7 to 11, loc1-core to loc5-core, 10.0.0.N/32 and 2001:db8::N/128).
  // From workfloworchestrator/example-orchestrator-workshop, etc/netbox/data.json
  // (NetBox 3.4), Apache-2.0.
  static std::vector<netbox::Device> WorkshopDevices();

  InMemoryNetBox() = default;
  explicit InMemoryNetBox(const std::vector<netbox::Device>& devices);

  void PutDevice(const netbox::Device& device);
  void RemoveDevice(int64_t id);
  std::optional<netbox::Device> FindDevice(int64_t id) const;

  // Faults.
  void SetOutage(bool down);
  void FailNextCalls(int count, Error error);
  void IgnoreStatusWrites(bool ignore);  // PATCH answers with the old status
  void CrashAfterNextWrite();

  int status_writes() const { return status_writes_; }  // PATCHes that took effect

  Result<netbox::ServerInfo> GetStatus() override;
  Result<netbox::Device> GetDevice(int64_t id) override;
  Result<netbox::DeviceListing> ListDevices(
      const netbox::DeviceListOptions& options) override;
  Result<netbox::Device> SetDeviceStatus(int64_t id, std::string_view status) override;
  Result<netbox::BulkStatusResult> BulkSetStatus(const std::vector<int64_t>& ids,
                                                 std::string_view status) override;
  Result<std::vector<netbox::IpAddress>> ListDeviceIps(int64_t device_id) override;
  uint64_t RequestCount() const override { return requests_; }

 private:
  // Counts the request and returns the injected fault, if any. Holds mu_.
  std::optional<Error> Fault();

  mutable std::mutex mu_;
  std::map<int64_t, netbox::Device> devices_;  // guarded by mu_
  bool outage_ = false;                        // guarded by mu_
  std::deque<Error> failures_;                 // guarded by mu_
  bool ignore_status_writes_ = false;          // guarded by mu_
  bool crash_after_write_ = false;             // guarded by mu_
  std::atomic<int> status_writes_{0};
  std::atomic<uint64_t> requests_{0};
};

}  // namespace nbr::testing
