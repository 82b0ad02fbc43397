// The reconciliation report: what one pass saw, found and did. Stored for
// every pass, readable as text (people) and JSON (machines).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/result.h"
#include "reconcile/finding.h"
#include "reconcile/rules.h"

namespace nbr::reconcile {

// Bumped when a field changes meaning or goes away (adding one does not).
inline constexpr int kReportFormatVersion = 1;

// What started a pass.
enum class Trigger { kStartup, kSchedule, kWebhook, kOperator };
std::string_view TriggerName(Trigger trigger);

struct PassReport {
  int64_t id = 0;  // set once stored
  TimePoint started_at{};
  TimePoint finished_at{};
  Trigger trigger = Trigger::kOperator;
  Mode mode = Mode::kApply;
  std::optional<int64_t> scope_device_id;  // set for a one-device reconcile
  std::string netbox_version;
  int64_t device_count = 0;
  bool listing_complete = true;
  int pages = 0;
  int duplicates_dropped = 0;
  uint64_t requests = 0;  // HTTP requests to NetBox during the pass
  int64_t subscription_count = 0;
  std::vector<Finding> findings;
  std::vector<std::string> errors;  // pass-level problems (listing failed ...)

  // Findings per kind name, all kinds present.
  std::map<std::string, int> CountsByKind() const;
  // True when anything was found (what `plan` exits 2 for).
  bool HasDrift() const { return !findings.empty(); }
  // Summary counts for listings and metrics.
  nlohmann::json Summary() const;
};

nlohmann::json ToJson(const PassReport& report);
// Errors: InvalidArgument naming the bad field or an unknown format_version.
Result<PassReport> ReportFromJson(const nlohmann::json& json);

// A summary paragraph and a table, for people.
std::string RenderText(const PassReport& report);

}  // namespace nbr::reconcile
