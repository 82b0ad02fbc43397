#include "netbox/parse.h"

#include "netbox/version.h"

namespace nbr::netbox {
namespace {

using nlohmann::json;

const json* Member(const json& object, std::string_view key) {
  if (!object.is_object()) {
    return nullptr;
  }
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> StringMember(const json& object, std::string_view key) {
  const json* value = Member(object, key);
  if (value == nullptr || !value->is_string()) {
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<int64_t> IntMember(const json& object, std::string_view key) {
  const json* value = Member(object, key);
  if (value == nullptr || !value->is_number_integer()) {
    return std::nullopt;
  }
  return value->get<int64_t>();
}

// {"value": "planned", "label": "Planned"} -> "planned"; "planned" -> itself.
std::string ChoiceValue(const json& object, std::string_view key) {
  const json* value = Member(object, key);
  if (value == nullptr) {
    return "";
  }
  if (value->is_string()) {
    return value->get<std::string>();
  }
  return StringMember(*value, "value").value_or("");
}

// Nested IP: {"id", "family", "address", ...} -> "10.0.0.1/32".
std::optional<std::string> NestedAddress(const json& object, std::string_view key) {
  const json* value = Member(object, key);
  if (value == nullptr || !value->is_object()) {
    return std::nullopt;
  }
  return StringMember(*value, "address");
}

int FamilyOf(const json& object, const std::string& address) {
  const json* family = Member(object, "family");
  if (family != nullptr && family->is_number_integer()) {
    return family->get<int>();
  }
  if (family != nullptr && family->is_object()) {
    if (auto value = IntMember(*family, "value")) {
      return static_cast<int>(*value);
    }
  }
  return address.find(':') == std::string::npos ? 4 : 6;
}

}  // namespace

Result<json> ParseJsonBody(std::string_view body, std::string_view what) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Internal(std::string(what) + ": the answer is not JSON");
  }
  return parsed;
}

Result<Device> ParseDevice(const json& object) {
  auto id = IntMember(object, "id");
  if (!id) {
    return Internal("a device without an integer id");
  }

  Device device;
  device.id = *id;
  device.name = StringMember(object, "name");
  device.display = StringMember(object, "display").value_or("");
  device.status = ChoiceValue(object, "status");
  device.primary_ip4 = NestedAddress(object, "primary_ip4");
  device.primary_ip6 = NestedAddress(object, "primary_ip6");
  device.last_updated = StringMember(object, "last_updated").value_or("");

  if (const json* site = Member(object, "site")) {
    if (site->is_number_integer()) {
      device.site_id = site->get<int64_t>();
    } else {
      device.site_id = IntMember(*site, "id");
      device.site_name = StringMember(*site, "name")
                             .value_or(StringMember(*site, "display").value_or(""));
    }
  }
  return device;
}

Result<IpAddress> ParseIpAddress(const json& object) {
  auto id = IntMember(object, "id");
  auto address = StringMember(object, "address");
  if (!id || !address) {
    return Internal("an IP address without an integer id or an address");
  }

  IpAddress ip;
  ip.id = *id;
  ip.address = *address;
  ip.family = FamilyOf(object, *address);
  if (const json* assigned = Member(object, "assigned_object")) {
    ip.interface_name = StringMember(*assigned, "name").value_or("");
  }
  return ip;
}

Result<Page> ParsePage(const json& body) {
  const json* results = Member(body, "results");
  if (results == nullptr || !results->is_array()) {
    return Internal("a list answer without a 'results' array");
  }

  Page page;
  page.results = *results;
  page.count = IntMember(body, "count");
  const json* next = Member(body, "next");
  if (next != nullptr && next->is_string()) {
    page.next = next->get<std::string>();
  } else if (next != nullptr && !next->is_null()) {
    return Internal("a list answer whose 'next' is neither a link nor null");
  }
  return page;
}

Result<ServerInfo> ParseServerInfo(const json& body) {
  auto version = StringMember(body, "netbox-version");
  if (!version) {
    return Internal("the status answer has no 'netbox-version'");
  }
  auto info = ParseNetBoxVersion(*version);
  if (!info.ok()) {
    return Internal(info.error().message());
  }
  return info;
}

}  // namespace nbr::netbox
