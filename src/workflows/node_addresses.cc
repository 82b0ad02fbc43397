#include "workflows/node_addresses.h"

#include "engine/state.h"

namespace nbr::workflows {

std::string HostAddress(std::string_view cidr) {
  return std::string(cidr.substr(0, cidr.find('/')));
}

Result<Loopbacks> ReadLoopbacks(const netbox::Device& device, StackPolicy policy) {
  Loopbacks loopbacks;
  if (device.primary_ip4 && !device.primary_ip4->empty()) {
    loopbacks.ipv4 = HostAddress(*device.primary_ip4);
  }
  if (device.primary_ip6 && !device.primary_ip6->empty()) {
    loopbacks.ipv6 = HostAddress(*device.primary_ip6);
  }

  std::string missing;
  if (!loopbacks.ipv4) {
    missing = "no primary IPv4 address";
  }
  if (!loopbacks.ipv6) {
    missing +=
        missing.empty() ? "no primary IPv6 address" : " and no primary IPv6 address";
  }
  if (missing.empty()) {
    return loopbacks;
  }

  const std::string device_text = engine::DescribeDevice(device.id, device.name);
  if (!loopbacks.ipv4 && !loopbacks.ipv6) {
    return InvalidArgument(device_text + " has " + missing + " in NetBox");
  }
  if (policy == StackPolicy::kDualStackRequired) {
    return InvalidArgument(device_text + " has " + missing +
                           " in NetBox; set it, or allow single-stack nodes "
                           "(workflow.allow_single_stack)");
  }
  return loopbacks;
}

}  // namespace nbr::workflows
