// The few URL operations the NetBox client needs: splitting the configured
// base URL, taking the path and query out of a `next` link, and encoding
// query values. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace nbr::netbox {

// "https://netbox.example.net:8443/netbox" split into its parts.
struct BaseUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // as written; IPv6 literals keep their brackets
  int port = 0;        // explicit or the scheme's default
  std::string prefix;  // path before /api, no trailing slash ("" or "/netbox")

  // "https://host:port", the form httplib::Client takes.
  std::string Origin() const;
};

// Accepts http and https URLs with a host, an optional port and an optional
// path prefix; no query, fragment or user info. InvalidArgument otherwise,
// naming the URL and the problem.
Result<BaseUrl> ParseBaseUrl(std::string_view url);

// A link NetBox gave (absolute, or a path starting with '/').
struct LinkTarget {
  std::string host;            // empty for a relative link
  int port = 0;                // 0 for a relative link
  std::string path_and_query;  // "/api/dcim/devices/?limit=50&offset=50"
};

// Splits a link; InvalidArgument when it is neither an http(s) URL nor a
// path.
Result<LinkTarget> ParseLink(std::string_view link);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string EncodeQueryValue(std::string_view value);

// "a=1&b=x%20y" from ordered pairs (keys may repeat).
std::string BuildQuery(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace nbr::netbox
