#include "common/backoff.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>

namespace nbr {

RandomSource MakeDefaultRandomSource() {
  struct State {
    std::mutex mu;
    std::mt19937_64 engine{std::random_device{}()};
    std::uniform_real_distribution<double> dist{0.0, 1.0};
  };
  auto state = std::make_shared<State>();
  return [state] {
    std::lock_guard lock(state->mu);
    return state->dist(state->engine);
  };
}

Backoff::Backoff(BackoffPolicy policy, RandomSource random)
    : policy_(policy), random_(std::move(random)) {
  if (!random_) {
    random_ = MakeDefaultRandomSource();
  }
}

std::chrono::milliseconds Backoff::Delay(int failures) const {
  if (failures < 1) {
    return std::chrono::milliseconds(0);
  }

  // 1. The exponential part, capped before it can overflow.
  double max_ms = static_cast<double>(std::max<int64_t>(0, policy_.max.count()));
  double delay = static_cast<double>(std::max<int64_t>(0, policy_.initial.count()));
  for (int i = 1; i < failures && delay < max_ms; ++i) {
    delay *= std::max(1.0, policy_.factor);
  }
  delay = std::min(delay, max_ms);

  // 2. Jitter takes away a random part, so that keys that failed together
  // do not all come back at the same instant.
  double jitter = std::clamp(policy_.jitter, 0.0, 1.0);
  double r = std::clamp(random_(), 0.0, 1.0);
  delay -= delay * jitter * r;
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(delay)));
}

}  // namespace nbr
