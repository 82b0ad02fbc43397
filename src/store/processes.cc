// Store: processes, their claims and their step log.
#include <string>

#include "store/json.h"
#include "store/store.h"

namespace nbr::store {
namespace {

constexpr std::string_view kColumns =
    "id, workflow, target, status, device_id, next_step, last_step, state, "
    "failure_reason, "
    "started_by, started_at, modified_at, retries, next_attempt_at, lease_owner, "
    "lease_until";

// Process columns prefixed with the table alias `p.`.
std::string PrefixedColumns() {
  std::string text = "p." + std::string(kColumns);
  for (size_t pos = text.find(", "); pos != std::string::npos;
       pos = text.find(", ", pos)) {
    text.replace(pos, 2, ", p.");
    pos += 4;
  }
  return text;
}

Result<nlohmann::json> ParseState(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Internal("stored state is not JSON");
  }
  return parsed;
}

Result<Process> ReadRow(const Statement& row) {
  Process p;
  p.id = row.Int(0);
  p.workflow = row.Text(1);
  NBR_ASSIGN_OR_RETURN(p.target, ParseTarget(row.Text(2)));
  NBR_ASSIGN_OR_RETURN(p.status, ParseProcessStatus(row.Text(3)));
  p.device_id = row.OptInt(4);
  p.next_step = static_cast<int>(row.Int(5));
  p.last_step = row.Text(6);
  NBR_ASSIGN_OR_RETURN(p.state, ParseState(row.Text(7)));
  p.failure_reason = row.Text(8);
  p.started_by = row.Text(9);
  p.started_at = row.Time(10);
  p.modified_at = row.Time(11);
  p.retries = static_cast<int>(row.Int(12));
  p.next_attempt_at = row.OptTime(13);
  p.lease_owner = row.Text(14);
  p.lease_until = row.OptTime(15);
  return p;
}

Result<std::vector<Process>> ReadAll(Statement& statement) {
  std::vector<Process> found;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return found;
    }
    NBR_ASSIGN_OR_RETURN(auto process, ReadRow(statement));
    found.push_back(std::move(process));
  }
}

Result<ProcessId> InsertProcess(Connection& connection, const NewProcess& p,
                                TimePoint now) {
  NBR_ASSIGN_OR_RETURN(auto statement, connection.Prepare(R"sql(
INSERT INTO processes (workflow, target, status, device_id, state, started_by, started_at,
  modified_at)
VALUES (?1, ?2, 'created', ?3, ?4, ?5, ?6, ?6)
)sql"));
  statement.Bind(p.workflow, TargetName(p.target), p.device_id, p.state.dump(),
                 p.started_by, now);
  NBR_RETURN_IF_ERROR(statement.Run());
  return connection.LastInsertId();
}

Status InsertLink(Connection& connection, ProcessId process_id,
                  const SubscriptionId& subscription_id, Target target, TimePoint now) {
  NBR_ASSIGN_OR_RETURN(auto statement, connection.Prepare(R"sql(
INSERT OR IGNORE INTO processes_subscriptions (process_id, subscription_id, target,
  created_at) VALUES (?1, ?2, ?3, ?4)
)sql"));
  statement.Bind(process_id, subscription_id, TargetName(target), now);
  return statement.Run();
}

// True when the status (or an expired lease) lets a runner claim the process.
bool Claimable(const Process& p, ClaimFrom from, TimePoint now) {
  using S = ProcessStatus;
  bool lease_expired =
      p.status == S::kRunning && (!p.lease_until || *p.lease_until < now);
  switch (from) {
    case ClaimFrom::kRunnable:
      return p.status == S::kCreated || p.status == S::kWaiting || lease_expired;
    case ClaimFrom::kRunnableOrFailed:
      return p.status == S::kCreated || p.status == S::kWaiting ||
             p.status == S::kFailed || lease_expired;
    case ClaimFrom::kSuspended:
      return p.status == S::kSuspended || lease_expired;
  }
  return false;
}

std::string Describe(const Process& p) {
  std::string text = "process " + std::to_string(p.id) + " is " +
                     std::string(ProcessStatusName(p.status));
  if (p.status == ProcessStatus::kRunning) {
    text += " (held by " + p.lease_owner + ")";
  }
  return text;
}

}  // namespace

Result<Process> Store::ReadProcess(ProcessId id) {
  NBR_ASSIGN_OR_RETURN(auto statement,
                       connection_->Prepare("SELECT " + std::string(kColumns) +
                                            " FROM processes WHERE id = ?1"));
  statement.Bind(id);
  NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) {
    return NotFound("no process " + std::to_string(id));
  }
  return ReadRow(statement);
}

Status Store::InsertStepLog(const StepLogEntry& e) {
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
INSERT INTO process_steps (process_id, step_index, name, status, state, error, retries,
  started_at, completed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
)sql"));
  statement.Bind(e.process_id, e.step_index, e.name, StepStatusName(e.status),
                 e.state.dump(), e.error, e.retries, e.started_at, e.completed_at);
  return statement.Run();
}

Result<ProcessId> Store::CreateEnrollmentProcess(const NewProcess& process) {
  if (!process.device_id) {
    return InvalidArgument("an enrollment needs a device id");
  }
  const int64_t device_id = *process.device_id;
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*connection_));

  // 1. No live subscription for the device.
  NBR_ASSIGN_OR_RETURN(auto live,
                       QuerySubscriptions(SubscriptionQuery::LiveOnly(device_id)));
  if (!live.empty()) {
    return AlreadyExists("device " + std::to_string(device_id) +
                         " already has a live subscription " + live.front().id + " (" +
                         std::string(LifecycleName(live.front().lifecycle)) + ")");
  }

  // 2. No other enrollment in flight (the partial unique index backs this up).
  NBR_ASSIGN_OR_RETURN(auto in_flight, connection_->Prepare(R"sql(
SELECT id FROM processes WHERE device_id = ?1 AND workflow = 'create_node'
  AND status IN ('created', 'running', 'suspended', 'waiting')
)sql"));
  in_flight.Bind(device_id);
  NBR_ASSIGN_OR_RETURN(bool busy, in_flight.Step());
  if (busy) {
    return AlreadyExists("device " + std::to_string(device_id) +
                         " is already being enrolled by process " +
                         std::to_string(in_flight.Int(0)));
  }

  // 3. Record it.
  NBR_ASSIGN_OR_RETURN(ProcessId id, InsertProcess(*connection_, process, clock_.Now()));
  NBR_RETURN_IF_ERROR(transaction.Commit());
  return id;
}

Result<ProcessId> Store::CreateSubscriptionProcess(const NewProcess& process,
                                                   const SubscriptionId& subscription_id,
                                                   SubscriptionLock lock_mode) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*connection_));

  // 1. The subscription exists and is live.
  NBR_ASSIGN_OR_RETURN(Subscription subscription, ReadSubscription(subscription_id));
  if (subscription.lifecycle == Lifecycle::kTerminated) {
    return InvalidArgument("subscription " + subscription_id + " is terminated");
  }

  // 2. Take its lock: in sync -> out of sync.
  if (lock_mode == SubscriptionLock::kTake) {
    if (!subscription.insync) {
      return Conflict("subscription " + subscription_id +
                      " is not in sync: another process works on it or one failed there");
    }
    subscription.insync = false;
    NBR_RETURN_IF_ERROR(WriteSubscription(subscription, now));
  }

  // 3. Record the process, with the subscription as it now is in its state,
  // and link them.
  NewProcess with_device = process;
  with_device.device_id = subscription.node_id;
  subscription.updated_at = now;
  with_device.state["subscription"] = ToJson(subscription);
  NBR_ASSIGN_OR_RETURN(ProcessId id, InsertProcess(*connection_, with_device, now));
  NBR_RETURN_IF_ERROR(InsertLink(*connection_, id, subscription_id, process.target, now));
  NBR_RETURN_IF_ERROR(transaction.Commit());
  return id;
}

Result<Process> Store::GetProcess(ProcessId id) {
  std::lock_guard lock(mu_);
  return ReadProcess(id);
}

Result<std::vector<Process>> Store::ListProcesses(const ProcessQuery& query) {
  std::lock_guard lock(mu_);
  std::string sql = "SELECT " + std::string(kColumns) +
                    " FROM processes WHERE (?1 IS NULL OR workflow = ?1)"
                    " AND (?2 IS NULL OR device_id = ?2)"
                    " AND (?3 IS NULL OR modified_at < ?3)";
  if (!query.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < query.statuses.size(); ++i) {
      sql += (i == 0 ? "?" : ", ?") + std::to_string(i + 5);
    }
    sql += ")";
  }
  sql += " ORDER BY id DESC LIMIT ?4";

  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(sql));
  statement.Bind(query.workflow, query.device_id, query.modified_before, query.limit);
  int index = 5;
  for (ProcessStatus status : query.statuses) {
    statement.BindAt(index++, ProcessStatusName(status));
  }
  return ReadAll(statement);
}

Result<std::map<ProcessStatus, int64_t>> Store::CountProcessesByStatus() {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(
      auto statement,
      connection_->Prepare("SELECT status, COUNT(*) FROM processes GROUP BY status"));
  std::map<ProcessStatus, int64_t> counts;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return counts;
    }
    NBR_ASSIGN_OR_RETURN(ProcessStatus status, ParseProcessStatus(statement.Text(0)));
    counts[status] = statement.Int(1);
  }
}

Result<std::vector<Process>> Store::ProcessesOfSubscription(const SubscriptionId& id) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(
      auto statement,
      connection_->Prepare("SELECT " + PrefixedColumns() +
                           " FROM processes p JOIN processes_subscriptions l"
                           " ON l.process_id = p.id"
                           " WHERE l.subscription_id = ?1 ORDER BY p.id"));
  statement.Bind(id);
  return ReadAll(statement);
}

Result<std::vector<std::pair<SubscriptionId, Target>>> Store::SubscriptionsOfProcess(
    ProcessId id) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(
      auto statement,
      connection_->Prepare("SELECT subscription_id, target FROM "
                           "processes_subscriptions WHERE process_id = ?1"));
  statement.Bind(id);
  std::vector<std::pair<SubscriptionId, Target>> links;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return links;
    }
    NBR_ASSIGN_OR_RETURN(Target target, ParseTarget(statement.Text(1)));
    links.emplace_back(statement.Text(0), target);
  }
}

Result<std::vector<StepLogEntry>> Store::StepLog(ProcessId id) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
SELECT id, process_id, step_index, name, status, state, error, retries, started_at,
  completed_at FROM process_steps WHERE process_id = ?1 ORDER BY id
)sql"));
  statement.Bind(id);
  std::vector<StepLogEntry> log;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return log;
    }
    StepLogEntry e;
    e.id = statement.Int(0);
    e.process_id = statement.Int(1);
    e.step_index = static_cast<int>(statement.Int(2));
    e.name = statement.Text(3);
    NBR_ASSIGN_OR_RETURN(e.status, ParseStepStatus(statement.Text(4)));
    NBR_ASSIGN_OR_RETURN(e.state, ParseState(statement.Text(5)));
    e.error = statement.Text(6);
    e.retries = static_cast<int>(statement.Int(7));
    e.started_at = statement.Time(8);
    e.completed_at = statement.Time(9);
    log.push_back(std::move(e));
  }
}

Result<std::vector<ProcessId>> Store::DueProcesses(TimePoint now,
                                                   TimePoint created_before) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
SELECT id FROM processes WHERE (status = 'created' AND started_at < ?2)
  OR (status = 'waiting' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1))
  OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?1))
ORDER BY id
)sql"));
  statement.Bind(now, created_before);
  std::vector<ProcessId> due;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return due;
    }
    due.push_back(statement.Int(0));
  }
}

Result<Process> Store::ClaimProcess(ProcessId id, ClaimFrom from, std::string_view owner,
                                    TimePoint lease_until) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*connection_));
  NBR_ASSIGN_OR_RETURN(Process process, ReadProcess(id));
  if (!Claimable(process, from, now)) {
    return Conflict(Describe(process));
  }

  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
UPDATE processes SET status = 'running', lease_owner = ?2, lease_until = ?3,
  modified_at = ?4 WHERE id = ?1
)sql"));
  statement.Bind(id, owner, lease_until, now);
  NBR_RETURN_IF_ERROR(statement.Run());
  NBR_RETURN_IF_ERROR(transaction.Commit());

  process.status = ProcessStatus::kRunning;
  process.lease_owner = std::string(owner);
  process.lease_until = lease_until;
  process.modified_at = now;
  return process;
}

Status Store::CommitStep(const StepCommit& c) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*connection_));

  // 1. The runner still holds the process.
  NBR_ASSIGN_OR_RETURN(Process current, ReadProcess(c.process_id));
  if (current.status != ProcessStatus::kRunning || current.lease_owner != c.lease_owner) {
    return Conflict("lost the lease on process " + std::to_string(c.process_id) + ": " +
                    Describe(current));
  }

  // 2. The subscription and the link.
  if (c.subscription) {
    NBR_RETURN_IF_ERROR(WriteSubscription(*c.subscription, now));
  }
  if (c.link_target && c.link_subscription_id) {
    NBR_RETURN_IF_ERROR(InsertLink(*connection_, c.process_id, *c.link_subscription_id,
                                   *c.link_target, now));
  }

  // 3. The step log row and the process.
  StepLogEntry log = c.log;
  log.process_id = c.process_id;
  NBR_RETURN_IF_ERROR(InsertStepLog(log));
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
UPDATE processes SET status = ?2, next_step = ?3, last_step = ?4, state = ?5,
  failure_reason = ?6, retries = ?7, next_attempt_at = ?8, lease_owner = ?9,
  lease_until = ?10, modified_at = ?11 WHERE id = ?1
)sql"));
  std::string owner = c.lease_until ? c.lease_owner : "";
  statement.Bind(c.process_id, ProcessStatusName(c.status), c.next_step, log.name,
                 c.state.dump(), c.failure_reason, c.retries, c.next_attempt_at, owner,
                 c.lease_until, now);
  NBR_RETURN_IF_ERROR(statement.Run());
  return transaction.Commit();
}

Status Store::AbortProcess(ProcessId id, std::string_view reason) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.Now();
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*connection_));
  NBR_ASSIGN_OR_RETURN(Process process, ReadProcess(id));
  if (!Claimable(process, ClaimFrom::kRunnableOrFailed, now) &&
      process.status != ProcessStatus::kSuspended) {
    return Conflict("cannot abort: " + Describe(process));
  }

  StepLogEntry log;
  log.process_id = id;
  log.step_index = process.next_step;
  log.name = "abort";
  log.status = StepStatus::kAbort;
  log.state = process.state;
  log.error = std::string(reason);
  log.retries = process.retries;
  log.started_at = now;
  log.completed_at = now;
  NBR_RETURN_IF_ERROR(InsertStepLog(log));
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
UPDATE processes SET status = 'aborted', last_step = 'abort', failure_reason = ?2,
  next_attempt_at = NULL, lease_owner = '', lease_until = NULL, modified_at = ?3
WHERE id = ?1
)sql"));
  statement.Bind(id, reason, now);
  NBR_RETURN_IF_ERROR(statement.Run());
  return transaction.Commit();
}

}  // namespace nbr::store
