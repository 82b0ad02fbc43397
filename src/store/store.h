// Store: the daemon's durable records in one SQLite file (see store/types.h).
//
// Thread safety: a Store owns one SQLite connection and serialises every call
// on an internal mutex, so one Store may be shared by all threads of a
// process. Several Stores (in one process or in several) may open the same
// file: every write runs in a BEGIN IMMEDIATE transaction, and a writer that
// finds the file locked waits up to the busy timeout, then fails with
// Unavailable.
//
// Errors, for every call: IoError for a database failure, Unavailable when the
// file stayed locked past the busy timeout, plus those listed per call.
// "Not found" is NotFound for Get* calls and an empty result for queries.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "store/sqlite.h"
#include "store/types.h"

namespace nbr::store {

struct StoreOptions {
  std::chrono::milliseconds busy_timeout{10000};
};

// A new process to record.
struct NewProcess {
  std::string workflow;
  Target target = Target::kCreate;
  std::optional<int64_t> device_id;
  std::string started_by;
  nlohmann::json state = nlohmann::json::object();
};

// Whether starting a process on a subscription takes the subscription's lock
// (insync true -> false, as orchestrator-core's `unsync`) or only reads it.
enum class SubscriptionLock { kTake, kNone };

// Which statuses a runner may claim a process from. A `running` process
// whose lease has expired (its runner died) is claimable by all three.
enum class ClaimFrom {
  kRunnable,          // created or waiting
  kRunnableOrFailed,  // created, waiting or failed (an operator's resume)
  kSuspended,         // suspended (an operator's confirmation)
};

// Everything one step run writes, committed in one transaction.
struct StepCommit {
  ProcessId process_id = 0;
  std::string lease_owner;  // must still hold the lease
  StepLogEntry log;         // the step log row (id and process_id are filled in)
  ProcessStatus status = ProcessStatus::kRunning;
  int next_step = 0;
  nlohmann::json state;  // the process's state after the step
  std::string failure_reason;
  int retries = 0;
  std::optional<TimePoint> next_attempt_at;
  std::optional<TimePoint> lease_until;  // nullopt releases the lease
  // Written before the link, in the same transaction.
  std::optional<Subscription> subscription;
  std::optional<Target> link_target;  // links the process to `subscription`'s id
  std::optional<SubscriptionId> link_subscription_id;
};

struct ProcessQuery {
  std::vector<ProcessStatus> statuses;  // empty: all
  std::optional<std::string> workflow;
  std::optional<int64_t> device_id;
  std::optional<TimePoint> modified_before;  // for "stuck" reporting
  int limit = 1000;                          // newest first
};

struct SubscriptionQuery {
  enum class Live { kAny, kLiveOnly };
  Live live = Live::kAny;             // live: lifecycle is not terminated
  std::vector<Lifecycle> lifecycles;  // empty: all
  std::optional<int64_t> device_id;

  // Live subscriptions, of one device when given.
  static SubscriptionQuery LiveOnly(std::optional<int64_t> device = std::nullopt) {
    SubscriptionQuery query;
    query.live = Live::kLiveOnly;
    query.device_id = device;
    return query;
  }
};

class Store {
 public:
  // Opens (creating) the file and migrates its schema. Errors: IoError naming
  // the path; InvalidArgument when the file's schema is newer than ours.
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& path,
                                             const Clock& clock,
                                             StoreOptions options = {});

  Result<int> SchemaVersion();

  // --- Subscriptions (store/subscriptions.cc) ------------------------------

  // Errors: NotFound.
  Result<Subscription> GetSubscription(const SubscriptionId& id);
  // Ordered by node id, then id.
  Result<std::vector<Subscription>> ListSubscriptions(
      const SubscriptionQuery& query = {});
  Result<std::vector<Subscription>> LiveSubscriptions();
  // The live subscription of a device, or nullopt.
  Result<std::optional<Subscription>> LiveSubscriptionForDevice(int64_t device_id);
  Result<std::vector<Subscription>> SubscriptionsByLifecycle(Lifecycle lifecycle);

  // Inserts or replaces a subscription (created_at is kept, updated_at set to
  // now). Errors: AlreadyExists when another live subscription holds the
  // device. Workflows write subscriptions through CommitStep; this is for
  // tools and tests.
  Status PutSubscription(const Subscription& subscription);

  // --- Processes (store/processes.cc) --------------------------------------

  // Records a create_node process for `process.device_id`, atomically
  // refusing with AlreadyExists when the device has a live subscription or
  // another enrollment in flight (created, running, suspended, waiting).
  Result<ProcessId> CreateEnrollmentProcess(const NewProcess& process);

  // Records a process on an existing subscription and links them, in one
  // transaction; the process's state gets the subscription as
  // `state["subscription"]` (store/json.h) as it stands after the lock. With
  // SubscriptionLock::kTake the subscription must be in sync and is marked out of sync
  // (Conflict otherwise: another process works on it, or one failed there). Errors:
  // NotFound; InvalidArgument when the subscription is terminated.
  Result<ProcessId> CreateSubscriptionProcess(const NewProcess& process,
                                              const SubscriptionId& subscription_id,
                                              SubscriptionLock lock);

  // Errors: NotFound.
  Result<Process> GetProcess(ProcessId id);
  Result<std::vector<Process>> ListProcesses(const ProcessQuery& query = {});
  // How many processes stand in each status (statuses with none are absent).
  Result<std::map<ProcessStatus, int64_t>> CountProcessesByStatus();
  // Processes linked to a subscription, oldest first.
  Result<std::vector<Process>> ProcessesOfSubscription(const SubscriptionId& id);
  // Subscriptions linked to a process, with the link's target.
  Result<std::vector<std::pair<SubscriptionId, Target>>> SubscriptionsOfProcess(
      ProcessId id);
  // The step log of a process, in the order the steps ran.
  Result<std::vector<StepLogEntry>> StepLog(ProcessId id);

  // Ids of processes a runner should pick up at `now`: created ones started
  // before `created_before` (their starter died before running them), waiting
  // ones whose next attempt is due, and running ones whose lease expired.
  // Oldest first.
  Result<std::vector<ProcessId>> DueProcesses(TimePoint now, TimePoint created_before);

  // Atomically moves a process to `running` under `owner`'s lease until
  // `lease_until`, if its status allows (see ClaimFrom). Returns the process
  // as claimed. Errors: NotFound; Conflict naming the status (or the lease
  // holder) when it may not be claimed.
  Result<Process> ClaimProcess(ProcessId id, ClaimFrom from, std::string_view owner,
                               TimePoint lease_until);

  // Writes one step run (see StepCommit) in one transaction. Errors: Conflict
  // when `lease_owner` no longer holds the process (nothing is written);
  // AlreadyExists when the subscription breaks the one-live-per-device rule.
  Status CommitStep(const StepCommit& commit);

  // Aborts a created, waiting, suspended or failed process (or a running one
  // whose lease expired): status aborted, an `abort` step log row with
  // `reason`, in one transaction. The subscription is left as it is.
  // Errors: NotFound; Conflict when it is running, completed or aborted.
  Status AbortProcess(ProcessId id, std::string_view reason);

  // --- Webhook inbox (store/inbox.cc) ---------------------------------------

  // Appends an accepted delivery, pending; one transaction. Returns its id.
  // Durable once this returns, across a crash of the process; with
  // synchronous=NORMAL a power loss may lose the last appends, which the
  // periodic poll makes good (a commit is ~30 us instead of ~300 us).
  Result<int64_t> AppendInbox(const InboxItem& item);
  // Pending items, oldest first.
  Result<std::vector<InboxItem>> PendingInbox(int limit = 1000);
  // Errors: NotFound. Marking a done item again keeps the first outcome.
  Status MarkInboxDone(int64_t id, std::string_view outcome);

  // --- Reports (store/reports.cc) -------------------------------------------

  // Saves a report; returns its id.
  Result<int64_t> SaveReport(const Report& report);
  // Newest first; `report_json` is left empty (use GetReport for it).
  Result<std::vector<Report>> ListReports(int limit = 100);
  // Errors: NotFound.
  Result<Report> GetReport(int64_t id);
  // The newest report, or nullopt when none was saved.
  Result<std::optional<Report>> LatestReport();

 private:
  Store(std::unique_ptr<Connection> connection, const Clock& clock)
      : connection_(std::move(connection)), clock_(clock) {}

  // Unlocked helpers; callers hold mu_.
  Result<std::vector<Subscription>> QuerySubscriptions(const SubscriptionQuery& query);
  Result<Subscription> ReadSubscription(const SubscriptionId& id);
  Status WriteSubscription(const Subscription& subscription, TimePoint now);
  Result<Process> ReadProcess(ProcessId id);
  Status InsertStepLog(const StepLogEntry& entry);

  std::mutex mu_;
  std::unique_ptr<Connection> connection_;  // guarded by mu_
  const Clock& clock_;
};

}  // namespace nbr::store
