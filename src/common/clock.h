// Time as the rest of the system sees it: an injectable clock, and the one
// textual form used in the database, reports and logs (RFC 3339, UTC,
// microseconds, "Z").
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nbr {

using TimePoint = std::chrono::system_clock::time_point;

// Thread-safe source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to; for tests. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : micros_(ToMicros(start)) {}
  TimePoint Now() const override {
    return TimePoint(std::chrono::microseconds(micros_.load()));
  }
  void Advance(std::chrono::microseconds delta) { micros_ += delta.count(); }
  void Set(TimePoint t) { micros_ = ToMicros(t); }

 private:
  static long long ToMicros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch())
        .count();
  }
  std::atomic<long long> micros_;
};

// "2026-12-03T16:02:55.732197Z".
std::string FormatTimestamp(TimePoint t);

// Parses the timestamps NetBox and this project write: a date and a time
// separated by 'T' or by a space (NetBox up to 3.6.5), optional fraction of
// up to 9 digits, and "Z", "+HH:MM", "-HH:MM" or "+HHMM" (no offset = UTC).
// Returns InvalidArgument naming the text on anything else.
Result<TimePoint> ParseTimestamp(std::string_view text);

}  // namespace nbr
