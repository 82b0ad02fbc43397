// A token bucket that spaces requests to NetBox.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

#include "common/clock.h"

namespace nbr::netbox {

// Allows `rate` acquisitions per second on average, with bursts of up to
// max(1, rate). A rate of 0 (or less) means unlimited. Time comes from
// `clock`, which must outlive the limiter. Thread-safe.
class RateLimiter {
 public:
  RateLimiter(double rate, const Clock& clock);

  // Takes a token, sleeping (in real time) until one is due. Waiters are
  // served in the order they came.
  void Acquire();

  // Takes a token if one is available now; never sleeps.
  bool TryAcquire();

  // Tokens taken so far.
  uint64_t acquired() const;

 private:
  // Adds what accrued since the last refill. Requires mu_.
  void RefillLocked();

  const double rate_;
  const double burst_;
  const Clock& clock_;

  mutable std::mutex mu_;
  double tokens_;          // guarded by mu_; negative while waiters hold reservations
  TimePoint last_;         // guarded by mu_
  uint64_t acquired_ = 0;  // guarded by mu_
};

}  // namespace nbr::netbox
