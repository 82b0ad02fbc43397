#include "reconcile/finding.h"

#include <array>
#include <utility>

namespace nbr::reconcile {
namespace {

constexpr std::array<std::pair<FindingKind, std::string_view>, 7> kKinds{{
    {FindingKind::kPlannedWithoutSubscription, "planned_without_subscription"},
    {FindingKind::kEnrolledButPlanned, "enrolled_but_planned"},
    {FindingKind::kOrphanedSubscription, "orphaned_subscription"},
    {FindingKind::kUnmanagedActiveDevice, "unmanaged_active_device"},
    {FindingKind::kChangedDevice, "changed_device"},
    {FindingKind::kDuplicateSubscriptions, "duplicate_subscriptions"},
    {FindingKind::kStuckProcess, "stuck_process"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 7> kActions{{
    {Action::kNone, "none"},
    {Action::kEnroll, "enroll"},
    {Action::kAdopt, "adopt"},
    {Action::kSetActive, "set_active"},
    {Action::kTerminate, "terminate"},
    {Action::kModify, "modify"},
    {Action::kTerminateExtra, "terminate_extra"},
}};

constexpr std::array<std::pair<Outcome, std::string_view>, 6> kOutcomes{{
    {Outcome::kPlanned, "planned"},
    {Outcome::kReported, "reported"},
    {Outcome::kDone, "done"},
    {Outcome::kPending, "pending"},
    {Outcome::kSkipped, "skipped"},
    {Outcome::kFailed, "failed"},
}};

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table,
                        Enum v) {
  for (const auto& [value, name] : table) {
    if (value == v) {
      return name;
    }
  }
  return "unknown";
}

template <typename Enum, size_t N>
Result<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                   std::string_view text, std::string_view what) {
  for (const auto& [value, name] : table) {
    if (name == text) {
      return value;
    }
  }
  return InvalidArgument("unknown " + std::string(what) + " '" + std::string(text) + "'");
}

}  // namespace

std::string_view FindingKindName(FindingKind kind) {
  return NameOf(kKinds, kind);
}
std::string_view ActionName(Action action) {
  return NameOf(kActions, action);
}
std::string_view OutcomeName(Outcome outcome) {
  return NameOf(kOutcomes, outcome);
}
Result<FindingKind> ParseFindingKind(std::string_view text) {
  return Parse(kKinds, text, "finding kind");
}
Result<Action> ParseAction(std::string_view text) {
  return Parse(kActions, text, "action");
}
Result<Outcome> ParseOutcome(std::string_view text) {
  return Parse(kOutcomes, text, "outcome");
}

nlohmann::json ToJson(const Finding& f) {
  nlohmann::json j = {
      {"kind", FindingKindName(f.kind)},
      {"device_id", f.device_id},
      {"device_name", f.device_name},
      {"subscription_id",
       f.subscription_id ? nlohmann::json(*f.subscription_id) : nullptr},
      {"before", f.before},
      {"after", f.after},
      {"policy", config::PolicyName(f.policy)},
      {"action", ActionName(f.action)},
      {"outcome", OutcomeName(f.outcome)},
      {"process_id", f.process_id ? nlohmann::json(*f.process_id) : nullptr},
      {"detail", f.detail},
  };
  return j;
}

Result<Finding> FindingFromJson(const nlohmann::json& j) {
  try {
    Finding f;
    NBR_ASSIGN_OR_RETURN(f.kind, ParseFindingKind(j.at("kind").get<std::string>()));
    f.device_id = j.at("device_id").get<int64_t>();
    f.device_name = j.value("device_name", "");
    if (j.contains("subscription_id") && j["subscription_id"].is_string()) {
      f.subscription_id = j["subscription_id"].get<std::string>();
    }
    f.before = j.value("before", nlohmann::json());
    f.after = j.value("after", nlohmann::json());
    std::string policy = j.value("policy", "report");
    f.policy = policy == "fix"      ? config::Policy::kFix
               : policy == "ignore" ? config::Policy::kIgnore
                                    : config::Policy::kReport;
    NBR_ASSIGN_OR_RETURN(f.action, ParseAction(j.value("action", "none")));
    NBR_ASSIGN_OR_RETURN(f.outcome, ParseOutcome(j.value("outcome", "reported")));
    if (j.contains("process_id") && j["process_id"].is_number_integer()) {
      f.process_id = j["process_id"].get<int64_t>();
    }
    f.detail = j.value("detail", "");
    return f;
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(std::string("bad finding in report: ") + e.what());
  }
}

}  // namespace nbr::reconcile
