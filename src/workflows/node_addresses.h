// A node's loopbacks as NetBox records them: the primary IPv4 and IPv6 of the
// device, read by device id.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "netbox/types.h"

namespace nbr::workflows {

// Whether a node may have only one of its two loopbacks
// (config workflow.allow_single_stack).
enum class StackPolicy { kDualStackRequired, kSingleStackAllowed };

struct Loopbacks {
  std::optional<std::string> ipv4;  // "10.0.0.1", without the prefix length
  std::optional<std::string> ipv6;  // "2001:db8::1"
};

// "10.0.0.1/32" -> "10.0.0.1"; text without '/' is returned as it is.
std::string HostAddress(std::string_view cidr);

// The device's loopbacks. Errors: InvalidArgument naming the device and what
// is missing ("no primary IPv6 address"), when an address is missing and the
// policy requires both, or when both are missing.
Result<Loopbacks> ReadLoopbacks(const netbox::Device& device, StackPolicy policy);

}  // namespace nbr::workflows
