// Store: the webhook inbox. A delivery is appended (one small transaction)
// before the receiver answers NetBox, so that an accepted webhook is never
// lost to a restart; it stays pending until the reconciler marks it done.
#include "store/store.h"

namespace nbr::store {
namespace {

constexpr std::string_view kColumns =
    "id, received_at, device_id, event, object_type, request_id, username, body, digest, "
    "source, done, done_at, outcome";

InboxItem ReadRow(const Statement& row) {
  InboxItem item;
  item.id = row.Int(0);
  item.received_at = row.Time(1);
  item.device_id = row.OptInt(2);
  item.event = row.Text(3);
  item.object_type = row.Text(4);
  item.request_id = row.Text(5);
  item.username = row.Text(6);
  item.body = row.Text(7);
  item.digest = row.Text(8);
  item.source = row.Text(9);
  item.done = row.Int(10) != 0;
  item.done_at = row.OptTime(11);
  item.outcome = row.Text(12);
  return item;
}

}  // namespace

Result<int64_t> Store::AppendInbox(const InboxItem& item) {
  std::lock_guard lock(mu_);
  // A single statement is its own transaction: one commit, no BEGIN needed.
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
INSERT INTO webhook_inbox (received_at, device_id, event, object_type, request_id,
  username, body, digest, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
)sql"));
  statement.Bind(item.received_at, item.device_id, item.event, item.object_type,
                 item.request_id, item.username, item.body, item.digest, item.source);
  NBR_RETURN_IF_ERROR(statement.Run());
  return connection_->LastInsertId();
}

Result<std::vector<InboxItem>> Store::PendingInbox(int limit) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement,
                       connection_->Prepare("SELECT " + std::string(kColumns) +
                                            " FROM webhook_inbox WHERE done = 0"
                                            " ORDER BY id LIMIT ?1"));
  statement.Bind(limit);
  std::vector<InboxItem> pending;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return pending;
    }
    pending.push_back(ReadRow(statement));
  }
}

Status Store::MarkInboxDone(int64_t id, std::string_view outcome) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
UPDATE webhook_inbox SET done = 1, done_at = ?2, outcome = ?3 WHERE id = ?1 AND done = 0
)sql"));
  statement.Bind(id, clock_.Now(), outcome);
  NBR_RETURN_IF_ERROR(statement.Run());
  if (connection_->Changes() > 0) {
    return Status::Ok();
  }

  NBR_ASSIGN_OR_RETURN(auto exists,
                       connection_->Prepare("SELECT 1 FROM webhook_inbox WHERE id = ?1"));
  exists.Bind(id);
  NBR_ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) {
    return NotFound("no inbox item " + std::to_string(id));
  }
  return Status::Ok();
}

}  // namespace nbr::store
