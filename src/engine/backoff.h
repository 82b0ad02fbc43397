// Exponential backoff with jitter for processes waiting on a retryable
// failure.
#pragma once

#include <chrono>

namespace nbr::engine {

// The wait after `failures` (>= 1) consecutive retryable failures of a step:
// min(max, initial * 2^(failures - 1)), scaled by 0.5 + jitter / 2 where
// `jitter` is in [0, 1): "equal jitter", so that processes that failed
// together (one NetBox outage) do not all come back at once, and none comes
// back sooner than half the nominal wait.
std::chrono::milliseconds RetryDelay(int failures, std::chrono::seconds initial,
                                     std::chrono::seconds max, double jitter);

}  // namespace nbr::engine
