#include "engine/backoff.h"

#include <algorithm>

namespace nbr::engine {

std::chrono::milliseconds RetryDelay(int failures, std::chrono::seconds initial,
                                     std::chrono::seconds max, double jitter) {
  using std::chrono::milliseconds;
  // Doubling stops at the cap; the loop bound also keeps the shift from
  // overflowing for a process that has waited a thousand times.
  milliseconds nominal = initial;
  for (int i = 1; i < failures && nominal < max; ++i) {
    nominal *= 2;
  }
  nominal = std::min<milliseconds>(nominal, max);
  double factor = 0.5 + std::clamp(jitter, 0.0, 1.0) / 2;
  return milliseconds(
      static_cast<long long>(static_cast<double>(nominal.count()) * factor));
}

}  // namespace nbr::engine
