// The HTTP exchange with NetBox under the client: connection reuse, headers,
// rate limiting, counting and observing every request. It knows nothing of
// NetBox's objects.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "config/config.h"
#include "netbox/http_client.h"
#include "netbox/rate_limiter.h"
#include "netbox/url.h"

namespace httplib {
class Client;
}

namespace nbr::netbox {

// An HTTP answer, whatever its status.
struct HttpAnswer {
  int status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, empty when absent
};

// Sends requests to one NetBox. Thread-safe: each request borrows a client
// from a small pool of keep-alive connections (a new one when all are busy)
// and gives it back when the exchange went well.
class Transport {
 public:
  Transport(const config::NetBoxSettings& settings, BaseUrl base,
            RequestObserver observer);
  ~Transport();

  // Sends `method` to base prefix + `path` ("/api/status/"), or, with
  // PathMode::kAsGiven, to `path` unchanged (a `next` link's path).
  // `endpoint` labels the request for the observer. Returns the answer of
  // any status; Unavailable when no answer came (refused, timeout, TLS).
  // Error messages never contain the token.
  enum class PathMode { kUnderPrefix, kAsGiven };
  Result<HttpAnswer> Send(std::string_view method, std::string_view endpoint,
                          std::string_view path, const std::string& body = "",
                          PathMode mode = PathMode::kUnderPrefix);

  uint64_t request_count() const { return requests_.load(); }
  const BaseUrl& base() const { return base_; }
  const Secret& token() const { return settings_.token; }

 private:
  std::unique_ptr<httplib::Client> Borrow();
  void GiveBack(std::unique_ptr<httplib::Client> client);
  std::unique_ptr<httplib::Client> NewClient() const;
  void Observe(std::string_view method, std::string_view endpoint, int status,
               std::chrono::steady_clock::time_point start);

  const config::NetBoxSettings settings_;
  const BaseUrl base_;
  const RequestObserver observer_;
  SystemClock clock_;
  RateLimiter limiter_;
  std::atomic<uint64_t> requests_{0};

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;  // guarded by pool_mu_
};

}  // namespace nbr::netbox
