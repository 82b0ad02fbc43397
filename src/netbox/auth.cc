#include "netbox/auth.h"

namespace nbr::netbox {
namespace {

constexpr std::string_view kV2Prefix = "nbt_";
constexpr std::string_view kRedacted = "[redacted]";

bool IsV2(std::string_view token) {
  return token.substr(0, kV2Prefix.size()) == kV2Prefix;
}

void ReplaceAll(std::string& text, std::string_view needle) {
  if (needle.empty()) {
    return;
  }
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + kRedacted.size())) {
    text.replace(pos, needle.size(), kRedacted);
  }
}

}  // namespace

std::string AuthorizationValue(const Secret& token) {
  const std::string& value = token.reveal();
  return (IsV2(value) ? "Bearer " : "Token ") + value;
}

std::string RedactToken(std::string_view text, const Secret& token) {
  std::string out(text);
  const std::string& value = token.reveal();
  ReplaceAll(out, value);

  // A v2 token's secret is what matters; a server may echo it alone.
  size_t dot = value.find('.');
  if (IsV2(value) && dot != std::string::npos) {
    ReplaceAll(out, std::string_view(value).substr(dot + 1));
  }
  return out;
}

}  // namespace nbr::netbox
