#include "netbox/rate_limiter.h"

#include <algorithm>
#include <thread>

namespace nbr::netbox {

RateLimiter::RateLimiter(double rate, const Clock& clock)
    : rate_(rate),
      burst_(std::max(1.0, rate)),
      clock_(clock),
      tokens_(burst_),
      last_(clock.Now()) {}

void RateLimiter::Acquire() {
  std::chrono::duration<double> wait{0};
  {
    std::lock_guard lock(mu_);
    ++acquired_;
    if (rate_ <= 0) {
      return;
    }
    RefillLocked();

    // Reserve the token now, even if it is not there yet: the debt makes
    // later callers wait behind this one.
    tokens_ -= 1;
    if (tokens_ < 0) {
      wait = std::chrono::duration<double>(-tokens_ / rate_);
    }
  }
  if (wait.count() > 0) {
    std::this_thread::sleep_for(wait);
  }
}

bool RateLimiter::TryAcquire() {
  std::lock_guard lock(mu_);
  if (rate_ > 0) {
    RefillLocked();
    if (tokens_ < 1) {
      return false;
    }
    tokens_ -= 1;
  }
  ++acquired_;
  return true;
}

uint64_t RateLimiter::acquired() const {
  std::lock_guard lock(mu_);
  return acquired_;
}

void RateLimiter::RefillLocked() {
  TimePoint now = clock_.Now();
  // A clock that went backwards adds nothing.
  double elapsed = std::max(0.0, std::chrono::duration<double>(now - last_).count());
  last_ = now;
  tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
}

}  // namespace nbr::netbox
