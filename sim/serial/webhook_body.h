// The default body NetBox's event rules send: json.dumps of the event
// context, with keys, order and separators of the chosen version.
#pragma once

#include <optional>
#include <string>

#include "model/inventory.h"
#include "model/version.h"

namespace nbr::sim {

// One change to one device, as a webhook reports it.
struct ChangeEvent {
  std::string event;  // "created", "updated" or "deleted"
  Timestamp timestamp;
  std::string username;
  std::string request_id;
  std::string method;  // of the request that made the change (4.6+ bodies)
  std::string path;
  std::optional<Device> prechange;   // null on create
  std::optional<Device> postchange;  // null on delete
};

// The body, rendered against `inventory` as it stands (the caller picks the
// moment: NetBox renders a created device before and a deleted device
// before the change commits, which shows in nested counts). The device in
// `data` is the postchange state, or the prechange state on delete.
std::string RenderWebhookBody(const Inventory& inventory, const NetBoxVersion& version,
                              const ChangeEvent& event);

// NetBox's flat change-log serialization of a device (snapshots).
std::string RenderSnapshot(const Inventory& inventory, const NetBoxVersion& version,
                           const Device& device);

}  // namespace nbr::sim
