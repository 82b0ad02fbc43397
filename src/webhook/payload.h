// Reading a NetBox webhook body (event rules, default template) into what
// the daemon acts on. Only `event`, the object type and data.id decide
// anything; the rest is kept for logs and echo detection. The body must have
// been verified (webhook/signature.h) before it is parsed.
//
// Shapes accepted, by NetBox version (see NETBOX-API.md):
//   3.0-4.3  event, timestamp, model ("device"), username, request_id, data, snapshots
//   4.4      as above plus object_type ("dcim.device")
//   4.5      object_type, no model
//   4.6      adds request {id, method, path, user}
//   4.7      event, timestamp, object_type, data, request{...}, snapshots
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace nbr::webhook {

// What the body is.
enum class PayloadType {
  kDeviceEvent,  // an event about a dcim.device: reconcile device_id
  kOtherObject,  // an event about another type: acknowledge and ignore
                 // (an ipam.ipaddress event may name its device)
  kUnknown,      // valid JSON but not a NetBox event (a custom template)
};

// The `event` field. Never inferred from snapshots (case C4).
enum class EventKind { kCreated, kUpdated, kDeleted, kOther };

struct DeviceEvent {
  PayloadType type = PayloadType::kUnknown;
  EventKind kind = EventKind::kOther;
  std::string event;        // as sent: "updated", "job_started", ...
  std::string object_type;  // "dcim.device"; from `model` "device" on <= 4.4
  // data.id, the object the event is about.
  std::optional<int64_t> object_id;
  // The device to reconcile: data.id for a device event; for an
  // ipam.ipaddress event, data.assigned_object.device.id when assigned to a
  // device's interface (case C2); otherwise empty.
  std::optional<int64_t> device_id;

  std::optional<TimePoint> timestamp;  // both forms (case C1); empty if unreadable
  std::string timestamp_text;
  std::string username;    // `username`, or request.user on 4.6+
  std::string request_id;  // `request_id`, or request.id on 4.6+

  // Informational only (logs, echo detection): never trusted for decisions.
  std::optional<std::string> name;
  std::string status;  // data.status.value
  std::string last_updated;

  // For kUnknown: why the body is not a NetBox event.
  std::string unknown_reason;
};

// Parses `body`. InvalidArgument naming the problem when it is not JSON;
// otherwise a DeviceEvent whose `type` says what it is.
Result<DeviceEvent> ParsePayload(std::string_view body);

std::string_view EventKindName(EventKind kind);

}  // namespace nbr::webhook
