// Event rules: where NetBox sends webhooks for changes of devices (and, when
// a rule names them, IP addresses), signed with which secret, in which
// version's body.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/version.h"
#include "util/status.h"

namespace nbr::sim {

struct EventRule {
  std::string url;                            // http://host:port/path
  std::string secret;                         // "" for unsigned deliveries
  std::optional<NetBoxVersion> body_version;  // default: the server's
  std::string body_template;                  // "" for the default body
  std::set<std::string> events = {"created", "updated", "deleted"};
  // Which objects' changes it reports: "dcim.device", "ipam.ipaddress".
  std::set<std::string> object_types = {"dcim.device"};
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// Reads a rules file: a JSON list of {"url", "secret" | "secret_file",
// "body_version", "body_template", "events", "object_types", "headers"}.
// An object type other than dcim.device and ipam.ipaddress is an error. A relative
// secret_file is taken from the rules file's folder. Secrets never come
// from the command line.
Status LoadEventRules(const std::string& path, std::vector<EventRule>& out);
Status ParseEventRules(const nlohmann::json& rules, const std::string& base_dir,
                       std::vector<EventRule>& out);

}  // namespace nbr::sim
