// The default body NetBox's event rules send: json.dumps of the event
// context, with keys, order and separators of the chosen version.
#pragma once

#include <optional>
#include <string>

#include "model/inventory.h"
#include "model/version.h"

namespace nbr::sim {

// One change to one object (a device or an IP address), as a webhook
// reports it.
struct ChangeEvent {
  std::string event;  // "created", "updated" or "deleted"
  Timestamp timestamp;
  std::string username;
  std::string request_id;
  std::string method;  // of the request that made the change (4.6+ bodies)
  std::string path;
  std::string object_type = "dcim.device";               // or "ipam.ipaddress"
  std::optional<Device> prechange;                       // dcim.device: null on create
  std::optional<Device> postchange;                      // dcim.device: null on delete
  std::optional<IpAddress> ip_prechange, ip_postchange;  // ipam.ipaddress

  // The id of the changed object.
  int ObjectId() const;
};

// The body, rendered against `inventory` as it stands (the caller picks the
// moment: NetBox renders a created device before and a deleted device
// before the change commits, which shows in nested counts). The object in
// `data` is the postchange state, or the prechange state on delete.
std::string RenderWebhookBody(const Inventory& inventory, const NetBoxVersion& version,
                              const ChangeEvent& event);

// NetBox's flat change-log serialization of a device (snapshots).
std::string RenderSnapshot(const Inventory& inventory, const NetBoxVersion& version,
                           const Device& device);

}  // namespace nbr::sim
