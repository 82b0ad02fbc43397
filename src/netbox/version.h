// NetBox's version string ("4.5.10", "3.1.11", "v4.2.3-Docker", "4.3.0-beta1")
// read into major and minor. Pure, thread-safe.
#pragma once

#include <string_view>

#include "common/result.h"
#include "netbox/types.h"

namespace nbr::netbox {

// Fills netbox_version (as given), major and minor. An optional leading 'v'
// and anything after "major.minor" are allowed. InvalidArgument when the text
// does not start with two numbers separated by a dot.
Result<ServerInfo> ParseNetBoxVersion(std::string_view text);

}  // namespace nbr::netbox
