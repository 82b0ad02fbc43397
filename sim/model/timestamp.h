// Points in time as NetBox stores them (UTC, microseconds) and the text
// forms in which its API, its change log and its webhooks print them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace nbr::sim {

struct Timestamp {
  int64_t micros = 0;      // since the Unix epoch, UTC
  bool date_only = false;  // a DateField (NetBox 3.1's `created`)

  // Parses "2026-12-03", "2026-12-03T16:02:55.732197Z", "... 16:02:55+00:00"
  // and similar ISO 8601 forms. Returns nullopt on anything else.
  static std::optional<Timestamp> Parse(const std::string& text);
  static Timestamp Now();

  // "2026-12-03"
  std::string Date() const;
  // DRF: "2026-12-03T16:02:55.732197Z" (no fraction when it is zero).
  std::string Rest() const;
  // Django's JSON encoder (change-log snapshots): milliseconds, "Z".
  std::string Snapshot() const;
  // Python isoformat: "2026-12-03T16:02:55.732197+00:00"; with
  // `space_separator` str(): "2026-12-03 16:02:55.732197+00:00".
  std::string Python(bool space_separator = false) const;

  bool operator<(const Timestamp& other) const { return micros < other.micros; }
};

}  // namespace nbr::sim
