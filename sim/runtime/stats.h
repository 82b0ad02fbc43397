// Request counters for benchmarks and tests: how many round trips each
// endpoint saw, per method and status. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

namespace nbr::sim {

// "/api/dcim/devices/12/" -> "/api/dcim/devices/{id}/"
std::string EndpointOf(const std::string& path);

class Stats {
 public:
  void Count(const std::string& method, const std::string& path, int status);
  void Reset();
  // {"total": N, "requests": {"GET /api/dcim/devices/": {"200": 3, ...}, ...}}
  nlohmann::json ToJson() const;
  // How many requests matched (0 when none); status 0 counts every status.
  int64_t Get(const std::string& method, const std::string& endpoint,
              int status = 0) const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> counts_;
};

}  // namespace nbr::sim
