// Exponential backoff with jitter, for retrying work that failed.
#pragma once

#include <chrono>
#include <functional>

namespace nbr {

// Returns a number uniformly drawn from [0, 1). Must be safe to call from the
// threads that call Backoff::Delay.
using RandomSource = std::function<double()>;

// A RandomSource over a std::mt19937_64 seeded from std::random_device,
// guarded by a mutex.
RandomSource MakeDefaultRandomSource();

struct BackoffPolicy {
  std::chrono::milliseconds initial{1000};
  std::chrono::milliseconds max{600000};
  double factor = 2.0;
  // Fraction of the delay that is randomised away: with 0.2 the delay lies in
  // [0.8 * d, d]. 0 disables jitter; values are clamped to [0, 1].
  double jitter = 0.2;
};

// Computes delays: the n-th consecutive failure (n >= 1) waits
// min(max, initial * factor^(n-1)), minus up to `jitter` of it at random.
// The result never exceeds `max` and is never negative. Thread-safe if the
// random source is.
class Backoff {
 public:
  Backoff(BackoffPolicy policy, RandomSource random);

  std::chrono::milliseconds Delay(int failures) const;

  const BackoffPolicy& policy() const { return policy_; }

 private:
  BackoffPolicy policy_;
  RandomSource random_;
};

}  // namespace nbr
