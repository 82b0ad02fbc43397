#include "store/types.h"

#include <array>
#include <cstdio>
#include <random>
#include <utility>

namespace nbr::store {
namespace {

template <typename Enum, size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<Lifecycle, 6> kLifecycles{{
    {Lifecycle::kInitial, "initial"},
    {Lifecycle::kProvisioning, "provisioning"},
    {Lifecycle::kActive, "active"},
    {Lifecycle::kDisabled, "disabled"},
    {Lifecycle::kMigrating, "migrating"},
    {Lifecycle::kTerminated, "terminated"},
}};

constexpr NameTable<ProcessStatus, 7> kProcessStatuses{{
    {ProcessStatus::kCreated, "created"},
    {ProcessStatus::kRunning, "running"},
    {ProcessStatus::kSuspended, "suspended"},
    {ProcessStatus::kWaiting, "waiting"},
    {ProcessStatus::kFailed, "failed"},
    {ProcessStatus::kAborted, "aborted"},
    {ProcessStatus::kCompleted, "completed"},
}};

constexpr NameTable<Target, 6> kTargets{{
    {Target::kCreate, "create"},
    {Target::kModify, "modify"},
    {Target::kTerminate, "terminate"},
    {Target::kSystem, "system"},
    {Target::kValidate, "validate"},
    {Target::kReconcile, "reconcile"},
}};

constexpr NameTable<StepStatus, 7> kStepStatuses{{
    {StepStatus::kSuccess, "success"},
    {StepStatus::kSkipped, "skipped"},
    {StepStatus::kSuspend, "suspend"},
    {StepStatus::kWaiting, "waiting"},
    {StepStatus::kFailed, "failed"},
    {StepStatus::kAbort, "abort"},
    {StepStatus::kComplete, "complete"},
}};

template <typename Enum, size_t N>
std::string_view NameOf(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) {
      return name;
    }
  }
  return "unknown";
}

template <typename Enum, size_t N>
Result<Enum> Parse(const NameTable<Enum, N>& table, std::string_view what,
                   std::string_view text) {
  std::string choices;
  for (const auto& [value, name] : table) {
    if (name == text) {
      return value;
    }
    choices += choices.empty() ? "" : ", ";
    choices += name;
  }
  return InvalidArgument("unknown " + std::string(what) + " '" + std::string(text) +
                         "' (expected one of: " + choices + ")");
}

}  // namespace

std::string_view LifecycleName(Lifecycle value) {
  return NameOf(kLifecycles, value);
}
std::string_view ProcessStatusName(ProcessStatus value) {
  return NameOf(kProcessStatuses, value);
}
std::string_view TargetName(Target value) {
  return NameOf(kTargets, value);
}
std::string_view StepStatusName(StepStatus value) {
  return NameOf(kStepStatuses, value);
}

Result<Lifecycle> ParseLifecycle(std::string_view text) {
  return Parse(kLifecycles, "lifecycle", text);
}
Result<ProcessStatus> ParseProcessStatus(std::string_view text) {
  return Parse(kProcessStatuses, "process status", text);
}
Result<Target> ParseTarget(std::string_view text) {
  return Parse(kTargets, "target", text);
}
Result<StepStatus> ParseStepStatus(std::string_view text) {
  return Parse(kStepStatuses, "step status", text);
}

bool IsFinal(ProcessStatus status) {
  return status == ProcessStatus::kCompleted || status == ProcessStatus::kAborted;
}

SubscriptionId NewSubscriptionId() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  uint64_t high = generator();
  uint64_t low = generator();
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // variant 1
  char text[37];
  std::snprintf(text, sizeof(text), "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xffff),
                static_cast<unsigned long long>(high & 0xffff),
                static_cast<unsigned long long>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

}  // namespace nbr::store
