// The records the store keeps: node subscriptions, workflow processes and
// their step log, the webhook inbox and reconciliation reports. Plain values;
// the names of every enum are the words written in the database and shown to
// operators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/result.h"

namespace nbr::store {

using ProcessId = int64_t;
using SubscriptionId = std::string;  // a UUID, as in the original

// A new random (version 4) UUID, lowercase. Thread-safe.
SubscriptionId NewSubscriptionId();

// A subscription's lifecycle, as in orchestrator-core.
enum class Lifecycle {
  kInitial,
  kProvisioning,
  kActive,
  kDisabled,
  kMigrating,
  kTerminated
};

// A process's status. `created`: not yet run; `running`: a runner holds its
// lease; `suspended`: waiting for operator input; `waiting`: a retryable
// failure, resumed after a backoff; `failed`, `aborted`, `completed`: final
// until an operator resumes a failed one.
enum class ProcessStatus {
  kCreated,
  kRunning,
  kSuspended,
  kWaiting,
  kFailed,
  kAborted,
  kCompleted
};

// What a process does to its subscription.
enum class Target { kCreate, kModify, kTerminate, kSystem, kValidate, kReconcile };

// The outcome of one step run, one row in the step log.
enum class StepStatus {
  kSuccess,
  kSkipped,
  kSuspend,
  kWaiting,
  kFailed,
  kAbort,
  kComplete
};

// Lowercase names ("provisioning", "waiting", "create", "suspend") and their
// parsers; a parser returns InvalidArgument naming the text and the choices.
std::string_view LifecycleName(Lifecycle value);
std::string_view ProcessStatusName(ProcessStatus value);
std::string_view TargetName(Target value);
std::string_view StepStatusName(StepStatus value);
Result<Lifecycle> ParseLifecycle(std::string_view text);
Result<ProcessStatus> ParseProcessStatus(std::string_view text);
Result<Target> ParseTarget(std::string_view text);
Result<StepStatus> ParseStepStatus(std::string_view text);

// True for completed and aborted: nothing will ever run this process again.
// (A failed process is not final: an operator may resume it.)
bool IsFinal(ProcessStatus status);

// A node subscription: one NetBox device enrolled as a node.
struct Subscription {
  SubscriptionId id;
  std::string product = "node";
  std::string description;  // "Node <node_name>"
  Lifecycle lifecycle = Lifecycle::kInitial;
  bool insync = false;  // false while a workflow works on it, or after one failed
  std::optional<TimePoint> start_date;  // first move to active
  std::optional<TimePoint> end_date;    // move to terminated
  std::string note;
  std::optional<int64_t> node_id;  // the NetBox device id
  std::optional<std::string> node_name;
  std::optional<std::string> ipv4_loopback;  // address without prefix length
  std::optional<std::string> ipv6_loopback;
  std::optional<std::string> site;  // the NetBox site's name
  TimePoint created_at{};           // set by the store
  TimePoint updated_at{};           // set by the store on every write
};

// A workflow process and where it stands.
struct Process {
  ProcessId id = 0;
  std::string workflow;
  Target target = Target::kCreate;
  ProcessStatus status = ProcessStatus::kCreated;
  std::optional<int64_t> device_id;  // the NetBox device it concerns, when known
  int next_step = 0;                 // index of the step that runs next
  std::string last_step;             // name of the last step run, any outcome
  nlohmann::json state = nlohmann::json::object();  // after the last completed step
  std::string failure_reason;
  std::string started_by;  // "operator:alice", "reconciler", "webhook" ...
  TimePoint started_at{};
  TimePoint modified_at{};
  int retries = 0;  // consecutive retryable failures of the current step
  std::optional<TimePoint> next_attempt_at;  // when a waiting process is due
  std::string lease_owner;                   // the runner that holds it
  std::optional<TimePoint> lease_until;
};

// One row of the step log: one run of one step.
struct StepLogEntry {
  int64_t id = 0;
  ProcessId process_id = 0;
  int step_index = 0;
  std::string name;
  StepStatus status = StepStatus::kSuccess;
  nlohmann::json state;  // the whole state after the step
  std::string error;     // for failed and waiting rows
  int retries = 0;       // retryable failures of this step before this run
  TimePoint started_at{};
  TimePoint completed_at{};
};

// A webhook delivery accepted by the receiver and not yet handled.
struct InboxItem {
  int64_t id = 0;  // set by the store
  TimePoint received_at{};
  std::optional<int64_t> device_id;
  std::string event;        // "created", "updated", "deleted"
  std::string object_type;  // "dcim.device" (or the old `model`)
  std::string request_id;
  std::string username;
  std::string body;    // the raw body, or empty when only the digest is kept
  std::string digest;  // e.g. the hex SHA-256 of the body
  std::string source = "webhook";
  bool done = false;
  std::optional<TimePoint> done_at;
  std::string outcome;  // what handling it did, set by MarkInboxDone
};

// A saved reconciliation report.
struct Report {
  int64_t id = 0;  // set by the store
  TimePoint started_at{};
  TimePoint finished_at{};
  std::string trigger;      // "poll", "webhook", "operator" ...
  nlohmann::json summary;   // counts
  std::string report_json;  // the whole report, as JSON text
};

}  // namespace nbr::store
