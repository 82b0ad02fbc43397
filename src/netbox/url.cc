#include "netbox/url.h"

#include <cctype>
#include <charconv>

namespace nbr::netbox {
namespace {

struct Authority {
  std::string host;
  int port = 0;
};

int DefaultPort(std::string_view scheme) {
  return scheme == "https" ? 443 : 80;
}

// "host", "host:8080", "[::1]:8080" -> host and port (0 when absent).
Result<Authority> SplitAuthority(std::string_view authority) {
  Authority out;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument("unterminated IPv6 literal");
    }
    out.host = std::string(authority.substr(0, close + 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return InvalidArgument("unexpected text after IPv6 literal");
      }
      port_text = rest.substr(1);
    }
  } else {
    size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
    }
  }
  if (out.host.empty() || out.host == "[]") {
    return InvalidArgument("no host");
  }
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("user info is not supported");
  }
  if (!port_text.empty()) {
    auto [ptr, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), out.port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || out.port < 1 ||
        out.port > 65535) {
      return InvalidArgument("bad port '" + std::string(port_text) + "'");
    }
  }
  return out;
}

// Splits "scheme://authority/rest" into its three parts.
bool SplitAbsolute(std::string_view url, std::string& scheme, std::string_view& authority,
                   std::string_view& rest) {
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) {
    return false;
  }
  scheme.clear();
  for (char c : url.substr(0, sep)) {
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::string_view after = url.substr(sep + 3);
  size_t slash = after.find_first_of("/?#");
  authority = after.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : after.substr(slash);
  return true;
}

}  // namespace

std::string BaseUrl::Origin() const {
  return scheme + "://" + host + ":" + std::to_string(port);
}

Result<BaseUrl> ParseBaseUrl(std::string_view url) {
  auto bad = [&](std::string_view why) {
    return InvalidArgument("NetBox URL '" + std::string(url) + "': " + std::string(why));
  };

  // 1. Scheme.
  BaseUrl out;
  std::string_view authority, rest;
  if (!SplitAbsolute(url, out.scheme, authority, rest)) {
    return bad("expected http://host or https://host");
  }
  if (out.scheme != "http" && out.scheme != "https") {
    return bad("scheme must be http or https");
  }

  // 2. Host and port.
  auto split = SplitAuthority(authority);
  if (!split.ok()) {
    return bad(split.error().message());
  }
  out.host = split->host;
  out.port = split->port != 0 ? split->port : DefaultPort(out.scheme);

  // 3. Path prefix, without trailing slashes.
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return bad("no query or fragment allowed");
  }
  while (!rest.empty() && rest.back() == '/') {
    rest.remove_suffix(1);
  }
  out.prefix = std::string(rest);
  return out;
}

Result<LinkTarget> ParseLink(std::string_view link) {
  LinkTarget out;
  if (!link.empty() && link.front() == '/') {
    out.path_and_query = std::string(link);
    return out;
  }

  std::string scheme;
  std::string_view authority, rest;
  if (!SplitAbsolute(link, scheme, authority, rest) ||
      (scheme != "http" && scheme != "https")) {
    return InvalidArgument("not a link: '" + std::string(link) + "'");
  }
  auto split = SplitAuthority(authority);
  if (!split.ok()) {
    return InvalidArgument("link '" + std::string(link) +
                           "': " + split.error().message());
  }
  out.host = split->host;
  out.port = split->port != 0 ? split->port : DefaultPort(scheme);
  out.path_and_query =
      rest.empty() || rest.front() != '/' ? "/" + std::string(rest) : std::string(rest);
  size_t hash = out.path_and_query.find('#');
  if (hash != std::string::npos) {
    out.path_and_query.resize(hash);
  }
  return out;
}

std::string EncodeQueryValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::string BuildQuery(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += EncodeQueryValue(key) + "=" + EncodeQueryValue(value);
  }
  return out;
}

}  // namespace nbr::netbox
