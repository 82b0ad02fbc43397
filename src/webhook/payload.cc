#include "webhook/payload.h"

#include <nlohmann/json.hpp>

namespace nbr::webhook {
namespace {

using nlohmann::json;

constexpr std::string_view kDeviceType = "dcim.device";
constexpr std::string_view kIpAddressType = "ipam.ipaddress";

const json* Member(const json& object, std::string_view key) {
  if (!object.is_object()) {
    return nullptr;
  }
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string StringOr(const json* value, std::string fallback = "") {
  return value != nullptr && value->is_string() ? value->get<std::string>() : fallback;
}

std::optional<int64_t> IntOf(const json* value) {
  if (value == nullptr || !value->is_number_integer()) {
    return std::nullopt;
  }
  return value->get<int64_t>();
}

EventKind KindOf(std::string_view event) {
  if (event == "created") {
    return EventKind::kCreated;
  }
  if (event == "updated") {
    return EventKind::kUpdated;
  }
  if (event == "deleted") {
    return EventKind::kDeleted;
  }
  return EventKind::kOther;
}

// `object_type` ("dcim.device", 4.4+) or `model` ("device", up to 4.4).
std::string ObjectTypeOf(const json& body) {
  std::string object_type = StringOr(Member(body, "object_type"));
  if (!object_type.empty()) {
    return object_type;
  }
  std::string model = StringOr(Member(body, "model"));
  if (model == "device") {
    return std::string(kDeviceType);
  }
  if (model == "ipaddress") {
    return std::string(kIpAddressType);
  }
  return model;
}

// `user` is a name or an object with `username` (4.6+ request.user).
std::string UserName(const json* user) {
  if (user != nullptr && user->is_object()) {
    return StringOr(Member(*user, "username"));
  }
  return StringOr(user);
}

void ReadRequestInfo(const json& body, DeviceEvent& event) {
  const json* request = Member(body, "request");
  event.username = StringOr(Member(body, "username"));
  if (event.username.empty() && request != nullptr) {
    event.username = UserName(Member(*request, "user"));
  }
  event.request_id = StringOr(Member(body, "request_id"));
  if (event.request_id.empty() && request != nullptr) {
    event.request_id = StringOr(Member(*request, "id"));
  }
}

void ReadTimestamp(const json& body, DeviceEvent& event) {
  event.timestamp_text = StringOr(Member(body, "timestamp"));
  if (event.timestamp_text.empty()) {
    return;
  }
  auto parsed = ParseTimestamp(event.timestamp_text);
  if (parsed.ok()) {
    event.timestamp = *parsed;
  }
}

void ReadInformational(const json& data, DeviceEvent& event) {
  const json* name = Member(data, "name");
  if (name != nullptr && name->is_string()) {
    event.name = name->get<std::string>();
  }
  const json* status = Member(data, "status");
  event.status = status != nullptr && status->is_object()
                     ? StringOr(Member(*status, "value"))
                     : StringOr(status);
  event.last_updated = StringOr(Member(data, "last_updated"));
}

// data.assigned_object.device.id of an IP address on a device's interface.
std::optional<int64_t> AssignedDevice(const json& data) {
  const json* assigned = Member(data, "assigned_object");
  if (assigned == nullptr) {
    return std::nullopt;
  }
  const json* device = Member(*assigned, "device");
  return device != nullptr ? IntOf(Member(*device, "id")) : std::nullopt;
}

DeviceEvent Unknown(std::string reason) {
  DeviceEvent event;
  event.type = PayloadType::kUnknown;
  event.unknown_reason = std::move(reason);
  return event;
}

}  // namespace

Result<DeviceEvent> ParsePayload(std::string_view body) {
  // 1. JSON at all.
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return InvalidArgument("webhook body is not valid JSON (" +
                           std::to_string(body.size()) + " bytes)");
  }

  // 2. A NetBox event: an object with `event`, an object type and `data`.
  if (!parsed.is_object()) {
    return Unknown("the body is not a JSON object");
  }
  DeviceEvent event;
  event.event = StringOr(Member(parsed, "event"));
  event.object_type = ObjectTypeOf(parsed);
  const json* data = Member(parsed, "data");
  if (event.event.empty()) {
    return Unknown("no 'event' string");
  }
  if (event.object_type.empty()) {
    return Unknown("neither 'object_type' nor 'model'");
  }
  if (data == nullptr || !data->is_object()) {
    return Unknown("no 'data' object");
  }
  event.kind = KindOf(event.event);
  event.object_id = IntOf(Member(*data, "id"));

  // 3. Who, when, and what the body says (informational).
  ReadRequestInfo(parsed, event);
  ReadTimestamp(parsed, event);
  ReadInformational(*data, event);

  // 4. Classify. Only data.id names the device.
  if (event.object_type == kDeviceType) {
    if (!event.object_id) {
      return Unknown("a device event without an integer data.id");
    }
    event.type = PayloadType::kDeviceEvent;
    event.device_id = event.object_id;
  } else {
    event.type = PayloadType::kOtherObject;
    if (event.object_type == kIpAddressType) {
      event.device_id = AssignedDevice(*data);
    }
  }
  return event;
}

std::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kCreated:
      return "created";
    case EventKind::kUpdated:
      return "updated";
    case EventKind::kDeleted:
      return "deleted";
    case EventKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace nbr::webhook
