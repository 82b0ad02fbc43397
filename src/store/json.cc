#include "store/json.h"

namespace nbr::store {
namespace {

using nlohmann::json;

template <typename T>
json Optional(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json OptionalTime(const std::optional<TimePoint>& value) {
  return value ? json(FormatTimestamp(*value)) : json(nullptr);
}

// Reads an optional field; a present field of the wrong type throws, which
// SubscriptionFromJson turns into InvalidArgument.
template <typename T>
std::optional<T> ReadOptional(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::nullopt;
  }
  return it->get<T>();
}

Result<std::optional<TimePoint>> ReadOptionalTime(const json& object, const char* key) {
  auto text = ReadOptional<std::string>(object, key);
  if (!text) {
    return std::optional<TimePoint>();
  }
  NBR_ASSIGN_OR_RETURN(TimePoint t, ParseTimestamp(*text));
  return std::optional<TimePoint>(t);
}

}  // namespace

json ToJson(const Subscription& s) {
  return {
      {"id", s.id},
      {"product", s.product},
      {"description", s.description},
      {"lifecycle", LifecycleName(s.lifecycle)},
      {"insync", s.insync},
      {"start_date", OptionalTime(s.start_date)},
      {"end_date", OptionalTime(s.end_date)},
      {"note", s.note},
      {"node_id", Optional(s.node_id)},
      {"node_name", Optional(s.node_name)},
      {"ipv4_loopback", Optional(s.ipv4_loopback)},
      {"ipv6_loopback", Optional(s.ipv6_loopback)},
      {"site", Optional(s.site)},
      {"created_at", FormatTimestamp(s.created_at)},
      {"updated_at", FormatTimestamp(s.updated_at)},
  };
}

json ToJson(const Process& p) {
  return {
      {"id", p.id},
      {"workflow", p.workflow},
      {"target", TargetName(p.target)},
      {"status", ProcessStatusName(p.status)},
      {"device_id", Optional(p.device_id)},
      {"next_step", p.next_step},
      {"last_step", p.last_step},
      {"failure_reason", p.failure_reason},
      {"started_by", p.started_by},
      {"started_at", FormatTimestamp(p.started_at)},
      {"modified_at", FormatTimestamp(p.modified_at)},
      {"retries", p.retries},
      {"next_attempt_at", OptionalTime(p.next_attempt_at)},
      {"lease_owner", p.lease_owner},
      {"lease_until", OptionalTime(p.lease_until)},
  };
}

json ToJson(const StepLogEntry& e) {
  return {
      {"step_index", e.step_index},
      {"name", e.name},
      {"status", StepStatusName(e.status)},
      {"error", e.error},
      {"retries", e.retries},
      {"started_at", FormatTimestamp(e.started_at)},
      {"completed_at", FormatTimestamp(e.completed_at)},
      {"state", e.state},
  };
}

Result<Subscription> SubscriptionFromJson(const json& object) {
  if (!object.is_object()) {
    return InvalidArgument("a subscription must be a JSON object");
  }
  try {
    Subscription s;
    s.id = object.at("id").get<std::string>();
    s.product = object.value("product", "node");
    s.description = object.value("description", "");
    NBR_ASSIGN_OR_RETURN(s.lifecycle,
                         ParseLifecycle(object.at("lifecycle").get<std::string>()));
    s.insync = object.value("insync", false);
    NBR_ASSIGN_OR_RETURN(s.start_date, ReadOptionalTime(object, "start_date"));
    NBR_ASSIGN_OR_RETURN(s.end_date, ReadOptionalTime(object, "end_date"));
    s.note = object.value("note", "");
    s.node_id = ReadOptional<int64_t>(object, "node_id");
    s.node_name = ReadOptional<std::string>(object, "node_name");
    s.ipv4_loopback = ReadOptional<std::string>(object, "ipv4_loopback");
    s.ipv6_loopback = ReadOptional<std::string>(object, "ipv6_loopback");
    s.site = ReadOptional<std::string>(object, "site");
    NBR_ASSIGN_OR_RETURN(auto created, ReadOptionalTime(object, "created_at"));
    NBR_ASSIGN_OR_RETURN(auto updated, ReadOptionalTime(object, "updated_at"));
    s.created_at = created.value_or(TimePoint{});
    s.updated_at = updated.value_or(TimePoint{});
    return s;
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("bad subscription JSON: ") + e.what());
  }
}

}  // namespace nbr::store
