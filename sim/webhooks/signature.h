// X-Hook-Signature: lowercase hex HMAC-SHA512 of the exact body bytes.
#pragma once

#include <string>

namespace nbr::sim {

std::string HookSignature(const std::string& secret, const std::string& body);

}  // namespace nbr::sim
