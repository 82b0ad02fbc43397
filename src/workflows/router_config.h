// The router configuration that create_node's provide_config_to_user shows
// the operator, as in the workshop (with the /32 mask corrected to
// 255.255.255.255).
#pragma once

#include <optional>
#include <string>

namespace nbr::workflows {

// The configuration text, one line per line, ending with a newline. A
// single-stack node's missing address line is left out.
std::string RenderRouterConfig(const std::string& node_name,
                               const std::optional<std::string>& ipv4_loopback,
                               const std::optional<std::string>& ipv6_loopback);

}  // namespace nbr::workflows
