// Store: subscription queries and writes.
#include <string>

#include "store/store.h"

namespace nbr::store {
namespace {

constexpr std::string_view kColumns =
    "id, product, description, lifecycle, insync, start_date, end_date, note, node_id, "
    "node_name, ipv4_loopback, ipv6_loopback, site, created_at, updated_at";

Result<Subscription> ReadRow(const Statement& row) {
  Subscription s;
  s.id = row.Text(0);
  s.product = row.Text(1);
  s.description = row.Text(2);
  NBR_ASSIGN_OR_RETURN(s.lifecycle, ParseLifecycle(row.Text(3)));
  s.insync = row.Int(4) != 0;
  s.start_date = row.OptTime(5);
  s.end_date = row.OptTime(6);
  s.note = row.Text(7);
  s.node_id = row.OptInt(8);
  s.node_name = row.OptText(9);
  s.ipv4_loopback = row.OptText(10);
  s.ipv6_loopback = row.OptText(11);
  s.site = row.OptText(12);
  s.created_at = row.Time(13);
  s.updated_at = row.Time(14);
  return s;
}

std::string Placeholders(size_t first, size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    text += (i == 0 ? "?" : ", ?") + std::to_string(first + i);
  }
  return text;
}

}  // namespace

Result<std::vector<Subscription>> Store::QuerySubscriptions(
    const SubscriptionQuery& query) {
  // Parameters: ?1 device id (or null), ?2... lifecycles.
  std::string sql = "SELECT " + std::string(kColumns) + " FROM subscriptions WHERE 1 = 1";
  if (query.live == SubscriptionQuery::Live::kLiveOnly) {
    sql += " AND lifecycle <> 'terminated'";
  }
  sql += " AND (?1 IS NULL OR node_id = ?1)";
  if (!query.lifecycles.empty()) {
    sql += " AND lifecycle IN (" + Placeholders(2, query.lifecycles.size()) + ")";
  }
  sql += " ORDER BY node_id, id";

  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(sql));
  statement.Bind(query.device_id);
  // Bind() numbers from 1 on each call, so the lifecycles go one by one.
  int index = 2;
  for (Lifecycle lifecycle : query.lifecycles) {
    statement.BindAt(index++, LifecycleName(lifecycle));
  }

  std::vector<Subscription> found;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return found;
    }
    NBR_ASSIGN_OR_RETURN(auto subscription, ReadRow(statement));
    found.push_back(std::move(subscription));
  }
}

Result<Subscription> Store::GetSubscription(const SubscriptionId& id) {
  std::lock_guard lock(mu_);
  return ReadSubscription(id);
}

Result<Subscription> Store::ReadSubscription(const SubscriptionId& id) {
  std::string sql =
      "SELECT " + std::string(kColumns) + " FROM subscriptions WHERE id = ?1";
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(sql));
  statement.Bind(id);
  NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) {
    return NotFound("no subscription " + id);
  }
  return ReadRow(statement);
}

Result<std::vector<Subscription>> Store::ListSubscriptions(
    const SubscriptionQuery& query) {
  std::lock_guard lock(mu_);
  return QuerySubscriptions(query);
}

Result<std::vector<Subscription>> Store::LiveSubscriptions() {
  std::lock_guard lock(mu_);
  return QuerySubscriptions(SubscriptionQuery::LiveOnly());
}

Result<std::optional<Subscription>> Store::LiveSubscriptionForDevice(int64_t device_id) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto found,
                       QuerySubscriptions(SubscriptionQuery::LiveOnly(device_id)));
  if (found.empty()) {
    return std::optional<Subscription>();
  }
  return std::optional<Subscription>(std::move(found.front()));
}

Result<std::vector<Subscription>> Store::SubscriptionsByLifecycle(Lifecycle lifecycle) {
  std::lock_guard lock(mu_);
  SubscriptionQuery query;
  query.lifecycles = {lifecycle};
  return QuerySubscriptions(query);
}

Status Store::WriteSubscription(const Subscription& s, TimePoint now) {
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
INSERT INTO subscriptions (id, product, description, lifecycle, insync, start_date,
  end_date, note, node_id, node_name, ipv4_loopback, ipv6_loopback, site, created_at,
  updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)
ON CONFLICT (id) DO UPDATE SET product = ?2, description = ?3, lifecycle = ?4,
  insync = ?5, start_date = ?6, end_date = ?7, note = ?8, node_id = ?9, node_name = ?10,
  ipv4_loopback = ?11, ipv6_loopback = ?12, site = ?13, updated_at = ?14
)sql"));
  statement.Bind(s.id, s.product, s.description, LifecycleName(s.lifecycle),
                 s.insync ? 1 : 0, s.start_date, s.end_date, s.note, s.node_id,
                 s.node_name, s.ipv4_loopback, s.ipv6_loopback, s.site, now);
  auto written = statement.Run();
  if (!written.ok() && written.error().kind() == ErrorKind::kAlreadyExists) {
    return AlreadyExists("device " + std::to_string(s.node_id.value_or(0)) +
                         " already has a live subscription");
  }
  return written;
}

Status Store::PutSubscription(const Subscription& subscription) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*connection_));
  NBR_RETURN_IF_ERROR(WriteSubscription(subscription, clock_.Now()));
  return transaction.Commit();
}

}  // namespace nbr::store
