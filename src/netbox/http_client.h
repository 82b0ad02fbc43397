// HttpNetBoxClient: NetBoxApi over HTTP(S) with cpp-httplib.
#pragma once

#include <functional>
#include <memory>

#include "config/config.h"
#include "netbox/api.h"

namespace nbr::netbox {

// Called after every request (from the requesting thread).
using RequestObserver = std::function<void(const RequestRecord&)>;

// Builds a client for the configured NetBox. Fails with InvalidArgument when
// the URL cannot be used (scheme, host, port). Never logs the token.
Result<std::unique_ptr<NetBoxApi>> MakeHttpClient(const config::NetBoxSettings& settings,
                                                  RequestObserver observer = {});

}  // namespace nbr::netbox
