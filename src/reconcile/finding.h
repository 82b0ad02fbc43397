// What a reconcile pass finds: one Finding per device or subscription that
// needs something, with what was done (or would be done) about it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "config/config.h"

namespace nbr::reconcile {

enum class FindingKind {
  kPlannedWithoutSubscription,  // a planned device nobody enrolled yet
  kEnrolledButPlanned,          // a subscription whose device is still planned
  kOrphanedSubscription,        // a subscription whose device is gone (404)
  kUnmanagedActiveDevice,       // an active device without a subscription
  kChangedDevice,               // name or primary IPs differ from the subscription
  kDuplicateSubscriptions,      // several live subscriptions for one device
  kStuckProcess,                // failed, waiting or suspended for too long
};

// What the pass does about a finding.
enum class Action {
  kNone,           // policy report or nothing to do
  kEnroll,         // start create_node
  kAdopt,          // create_node for an already active device
  kSetActive,      // PATCH the device's status to active again
  kTerminate,      // terminate_node
  kModify,         // modify_node: take NetBox's name and IPs
  kTerminateExtra  // terminate every subscription of the device but the oldest
};

enum class Outcome {
  kPlanned,   // plan mode: what would be done
  kReported,  // policy report: nothing done
  kDone,      // the action completed
  kPending,   // a process started and now waits (operator input, retry)
  kSkipped,   // not acted on, see detail (e.g. an earlier process failed)
  kFailed,    // the action failed, see detail
};

struct Finding {
  FindingKind kind = FindingKind::kPlannedWithoutSubscription;
  int64_t device_id = 0;
  std::string device_name;  // "" for unnamed devices
  std::optional<std::string> subscription_id;
  nlohmann::json before;  // values as stored / as found
  nlohmann::json after;   // values as NetBox has them / as set
  config::Policy policy = config::Policy::kReport;
  Action action = Action::kNone;
  Outcome outcome = Outcome::kReported;
  std::optional<int64_t> process_id;
  std::string detail;
};

std::string_view FindingKindName(FindingKind kind);
std::string_view ActionName(Action action);
std::string_view OutcomeName(Outcome outcome);
Result<FindingKind> ParseFindingKind(std::string_view text);
Result<Action> ParseAction(std::string_view text);
Result<Outcome> ParseOutcome(std::string_view text);

nlohmann::json ToJson(const Finding& finding);
// Errors: InvalidArgument naming the bad field.
Result<Finding> FindingFromJson(const nlohmann::json& json);

}  // namespace nbr::reconcile
