#include "workflows/router_config.h"

namespace nbr::workflows {

std::string RenderRouterConfig(const std::string& node_name,
                               const std::optional<std::string>& ipv4_loopback,
                               const std::optional<std::string>& ipv6_loopback) {
  std::string text;
  text += "! Paste the following config into " + node_name + ":\n";
  text += "! to complete configuring the device\n";
  text += "!\n";
  text += "enable\n";
  text += "configure terminal\n";
  text += "!\n";
  text += "hostname " + node_name + "\n";
  text += "!\n";
  text += "interface loopback 0\n";
  text += "!\n";
  if (ipv4_loopback) {
    text += "ip address " + *ipv4_loopback + " 255.255.255.255\n";
  }
  if (ipv6_loopback) {
    text += "ipv6 address " + *ipv6_loopback + "/128\n";
  }
  text += "!\n";
  text += "exit\n";
  text += "!\n";
  text += "end\n";
  text += "copy running-config startup-config\n";
  return text;
}

}  // namespace nbr::workflows
