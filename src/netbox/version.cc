#include "netbox/version.h"

#include <cctype>
#include <charconv>
#include <string>

namespace nbr::netbox {
namespace {

// Reads a decimal number at the front of `text` and consumes it.
bool TakeNumber(std::string_view& text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || out < 0) {
    return false;
  }
  text.remove_prefix(static_cast<size_t>(ptr - text.data()));
  return true;
}

}  // namespace

Result<ServerInfo> ParseNetBoxVersion(std::string_view text) {
  ServerInfo info;
  info.netbox_version = std::string(text);

  std::string_view rest = text;
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) {
    rest.remove_prefix(1);
  }
  if (!rest.empty() && (rest.front() == 'v' || rest.front() == 'V')) {
    rest.remove_prefix(1);
  }
  if (!TakeNumber(rest, info.major) || rest.empty() || rest.front() != '.') {
    return InvalidArgument("not a NetBox version: '" + std::string(text) + "'");
  }
  rest.remove_prefix(1);
  if (!TakeNumber(rest, info.minor)) {
    return InvalidArgument("not a NetBox version: '" + std::string(text) + "'");
  }
  return info;
}

}  // namespace nbr::netbox
