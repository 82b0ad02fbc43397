// How the NetBox token is sent, and how it is kept out of every message.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/secret.h"

namespace nbr::netbox {

// The Authorization header value: "Bearer nbt_<key>.<secret>" for a v2 token
// (NetBox 4.5+, recognised by its "nbt_" prefix), "Token <t>" otherwise.
std::string AuthorizationValue(const Secret& token);

// `text` with the token, and for a v2 token also its secret part, replaced by
// "[redacted]". Use on every text that may echo what was sent.
std::string RedactToken(std::string_view text, const Secret& token);

}  // namespace nbr::netbox
