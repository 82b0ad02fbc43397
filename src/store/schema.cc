#include "store/schema.h"

#include <spdlog/spdlog.h>

#include <string>
#include <vector>

namespace nbr::store {
namespace {

// Migration N (1-based) brings the schema from version N-1 to N. Append only:
// never edit a migration that has shipped.
const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kMigrations = {
      // 1: subscriptions, processes, step log, links, webhook inbox, reports.
      R"sql(
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  product TEXT NOT NULL CHECK (product IN ('node')),
  description TEXT NOT NULL,
  lifecycle TEXT NOT NULL CHECK (lifecycle IN
    ('initial', 'provisioning', 'active', 'disabled', 'migrating', 'terminated')),
  insync INTEGER NOT NULL CHECK (insync IN (0, 1)),
  start_date TEXT,
  end_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  node_id INTEGER,
  node_name TEXT,
  ipv4_loopback TEXT,
  ipv6_loopback TEXT,
  site TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- At most one live (not terminated) subscription per NetBox device.
CREATE UNIQUE INDEX subscriptions_one_live_per_device
  ON subscriptions (node_id) WHERE node_id IS NOT NULL AND lifecycle <> 'terminated';
CREATE INDEX subscriptions_by_lifecycle ON subscriptions (lifecycle);

CREATE TABLE processes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workflow TEXT NOT NULL,
  target TEXT NOT NULL CHECK (target IN
    ('create', 'modify', 'terminate', 'system', 'validate', 'reconcile')),
  status TEXT NOT NULL CHECK (status IN
    ('created', 'running', 'suspended', 'waiting', 'failed', 'aborted', 'completed')),
  device_id INTEGER,
  next_step INTEGER NOT NULL DEFAULT 0,
  last_step TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  failure_reason TEXT NOT NULL DEFAULT '',
  started_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  retries INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until TEXT
);
-- At most one create_node in flight per NetBox device.
CREATE UNIQUE INDEX processes_one_enrollment_per_device
  ON processes (device_id) WHERE workflow = 'create_node'
  AND status IN ('created', 'running', 'suspended', 'waiting');
CREATE INDEX processes_by_status ON processes (status, modified_at);

CREATE TABLE process_steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
  step_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN
    ('success', 'skipped', 'suspend', 'waiting', 'failed', 'abort', 'complete')),
  state TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  retries INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  completed_at TEXT NOT NULL
);
CREATE INDEX process_steps_by_process ON process_steps (process_id, id);

CREATE TABLE processes_subscriptions (
  process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
  target TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (process_id, subscription_id)
);
CREATE INDEX processes_subscriptions_by_subscription
  ON processes_subscriptions (subscription_id);

CREATE TABLE webhook_inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  device_id INTEGER,
  event TEXT NOT NULL,
  object_type TEXT NOT NULL,
  request_id TEXT NOT NULL DEFAULT '',
  username TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'webhook',
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at TEXT,
  outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_inbox_pending ON webhook_inbox (id) WHERE done = 0;

CREATE TABLE reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  trigger TEXT NOT NULL,
  summary TEXT NOT NULL,
  report TEXT NOT NULL
);
)sql",
  };
  return kMigrations;
}

Status ApplyMigration(Connection& connection, int version) {
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection));

  // Another process may have migrated while this one waited for the lock.
  NBR_ASSIGN_OR_RETURN(int current, ReadSchemaVersion(connection));
  if (current >= version) {
    return Status::Ok();
  }

  NBR_RETURN_IF_ERROR(connection.Exec(Migrations()[static_cast<size_t>(version - 1)]));
  NBR_RETURN_IF_ERROR(
      connection.Exec("PRAGMA user_version = " + std::to_string(version)));
  NBR_RETURN_IF_ERROR(transaction.Commit());
  spdlog::info("store: migrated the database schema to version {}", version);
  return Status::Ok();
}

}  // namespace

int CurrentSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

Result<int> ReadSchemaVersion(Connection& connection) {
  NBR_ASSIGN_OR_RETURN(auto statement, connection.Prepare("PRAGMA user_version"));
  NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) {
    return Internal("PRAGMA user_version returned no row");
  }
  return static_cast<int>(statement.Int(0));
}

Status Migrate(Connection& connection) {
  NBR_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(connection));
  if (version > CurrentSchemaVersion()) {
    return InvalidArgument("the database has schema version " + std::to_string(version) +
                           ", newer than this program's " +
                           std::to_string(CurrentSchemaVersion()) +
                           ": use a newer netbox-reconciler");
  }
  for (int next = version + 1; next <= CurrentSchemaVersion(); ++next) {
    NBR_RETURN_IF_ERROR(ApplyMigration(connection, next));
  }
  return Status::Ok();
}

}  // namespace nbr::store
