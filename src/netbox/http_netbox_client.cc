#include "netbox/http_netbox_client.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include <spdlog/spdlog.h>

#include "netbox/auth.h"
#include "netbox/http_errors.h"
#include "netbox/parse.h"
#include "netbox/url.h"

namespace nbr::netbox {
namespace {

using nlohmann::json;

constexpr std::string_view kMinimalDeviceFields =
    "id,name,display,status,primary_ip4,primary_ip6,site,last_updated";

bool SameHost(const LinkTarget& link, const BaseUrl& base) {
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return text;
  };
  return lower(link.host) == lower(base.host) && link.port == base.port;
}

std::string DevicePath(int64_t id) {
  return "/api/dcim/devices/" + std::to_string(id) + "/";
}

}  // namespace

HttpNetBoxClient::HttpNetBoxClient(std::unique_ptr<Transport> transport,
                                   int default_page_size)
    : transport_(std::move(transport)),
      default_page_size_(std::max(1, default_page_size)) {}

Result<ServerInfo> HttpNetBoxClient::GetStatus() {
  NBR_ASSIGN_OR_RETURN(json body, Call("GET", "status", "/api/status/"));
  NBR_ASSIGN_OR_RETURN(ServerInfo info, ParseServerInfo(body));

  major_.store(info.major);
  minor_.store(info.minor);
  spdlog::debug("NetBox version {} ({}.{})", info.netbox_version, info.major, info.minor);
  return info;
}

Result<Device> HttpNetBoxClient::GetDevice(int64_t id) {
  NBR_ASSIGN_OR_RETURN(json body, Call("GET", "device", DevicePath(id)));
  return ParseDevice(body);
}

Result<DeviceListing> HttpNetBoxClient::ListDevices(const DeviceListOptions& options) {
  // 1. Every page, as NetBox links them.
  NBR_ASSIGN_OR_RETURN(Rows rows, FetchAllPages("devices", DeviceListPath(options)));

  // 2. Parse and de-duplicate by id: offset paging over a changing table can
  // repeat rows. A later copy replaces an earlier one (it is fresher).
  DeviceListing listing;
  listing.pages = rows.pages;
  listing.reported_count = rows.count;
  std::unordered_map<int64_t, size_t> index_of;
  for (const json& row : rows.rows) {
    NBR_ASSIGN_OR_RETURN(Device device, ParseDevice(row));
    auto [it, inserted] = index_of.emplace(device.id, listing.devices.size());
    if (inserted) {
      listing.devices.push_back(std::move(device));
    } else {
      listing.devices[it->second] = std::move(device);
      ++listing.duplicates_dropped;
    }
  }
  if (listing.duplicates_dropped > 0) {
    spdlog::info(
        "NetBox device listing repeated {} rows across {} pages; kept one of each",
        listing.duplicates_dropped, listing.pages);
  }
  return listing;
}

Result<Device> HttpNetBoxClient::SetDeviceStatus(int64_t id, std::string_view status) {
  json body = {{"status", status}};
  NBR_ASSIGN_OR_RETURN(json answer, Call("PATCH", "device", DevicePath(id), body.dump()));
  NBR_ASSIGN_OR_RETURN(Device device, ParseDevice(answer));

  if (device.id != id) {
    return Internal("PATCH of device " + std::to_string(id) + " answered device " +
                    std::to_string(device.id));
  }
  return device;
}

Result<BulkStatusResult> HttpNetBoxClient::BulkSetStatus(const std::vector<int64_t>& ids,
                                                         std::string_view status) {
  BulkStatusResult result;
  if (ids.empty()) {
    return result;
  }

  // 1. One PATCH with every id.
  json body = json::array();
  for (int64_t id : ids) {
    body.push_back({{"id", id}, {"status", status}});
  }
  NBR_ASSIGN_OR_RETURN(json answer,
                       Call("PATCH", "devices-bulk", "/api/dcim/devices/", body.dump()));
  if (!answer.is_array()) {
    return Internal("bulk PATCH of devices: the answer is not a JSON array");
  }

  // 2. Check the answer id by id: NetBox silently skips ids it does not know.
  std::set<int64_t> asked(ids.begin(), ids.end());
  std::set<int64_t> returned;
  for (const json& row : answer) {
    NBR_ASSIGN_OR_RETURN(Device device, ParseDevice(row));
    if (asked.count(device.id) == 0 || !returned.insert(device.id).second) {
      spdlog::debug("bulk PATCH answer holds unasked or repeated device {}", device.id);
      continue;
    }
    result.updated.push_back(std::move(device));
  }
  for (int64_t id : asked) {
    if (returned.count(id) == 0) {
      result.missing.push_back(id);
    }
  }
  if (!result.missing.empty()) {
    spdlog::info("bulk PATCH to status '{}': NetBox skipped {} of {} devices (not found)",
                 status, result.missing.size(), asked.size());
  }
  return result;
}

Result<std::vector<IpAddress>> HttpNetBoxClient::ListDeviceIps(int64_t device_id) {
  std::string path = "/api/ipam/ip-addresses/?" +
                     BuildQuery({{"device_id", std::to_string(device_id)},
                                 {"limit", std::to_string(default_page_size_)}});
  NBR_ASSIGN_OR_RETURN(Rows rows, FetchAllPages("ip-addresses", path));

  std::vector<IpAddress> ips;
  std::set<int64_t> seen;
  for (const json& row : rows.rows) {
    NBR_ASSIGN_OR_RETURN(IpAddress ip, ParseIpAddress(row));
    if (seen.insert(ip.id).second) {
      ips.push_back(std::move(ip));
    }
  }
  return ips;
}

Result<HttpNetBoxClient::Rows> HttpNetBoxClient::FetchAllPages(
    std::string_view endpoint, const std::string& first_path) {
  Rows out;
  std::set<std::string> requested;
  std::string path = first_path;
  Transport::PathMode mode = Transport::PathMode::kUnderPrefix;

  while (true) {
    // 1. One page; a failed page fails the whole listing.
    NBR_ASSIGN_OR_RETURN(json body, Call("GET", endpoint, path, "", mode));
    NBR_ASSIGN_OR_RETURN(Page page, ParsePage(body));
    ++out.pages;
    if (out.pages == 1) {
      out.count = page.count;
    }
    for (json& row : page.results) {
      out.rows.push_back(std::move(row));
    }
    if (!page.next) {
      return out;
    }

    // 2. Follow `next` as given (its path and query), always against the
    // configured server, never past a loop.
    NBR_ASSIGN_OR_RETURN(LinkTarget link, ParseLink(*page.next));
    if (!link.host.empty() && !SameHost(link, transport_->base())) {
      spdlog::debug("NetBox 'next' names host {}:{}; asking {} instead", link.host,
                    link.port, transport_->base().Origin());
    }
    requested.insert(mode == Transport::PathMode::kUnderPrefix
                         ? transport_->base().prefix + path
                         : path);
    if (requested.count(link.path_and_query) > 0 || out.pages >= kMaxPages) {
      return Internal("NetBox " + std::string(endpoint) + " listing does not end: page " +
                      std::to_string(out.pages) + " links to '" + link.path_and_query +
                      "'");
    }
    path = link.path_and_query;
    mode = Transport::PathMode::kAsGiven;
  }
}

Result<json> HttpNetBoxClient::Call(std::string_view method, std::string_view endpoint,
                                    std::string_view path, const std::string& body,
                                    Transport::PathMode mode) {
  NBR_ASSIGN_OR_RETURN(HttpAnswer answer,
                       transport_->Send(method, endpoint, path, body, mode));
  std::string what =
      "NetBox " + std::string(method) + " " +
      (mode == Transport::PathMode::kUnderPrefix ? transport_->base().prefix
                                                 : std::string()) +
      std::string(path);

  if (answer.status < 200 || answer.status > 299) {
    Error error = ErrorFromAnswer(what, answer.status, answer.body, answer.retry_after);
    return Error(error.kind(), RedactToken(error.message(), transport_->token()));
  }
  auto parsed = ParseJsonBody(answer.body, what);
  if (!parsed.ok()) {
    return Error(parsed.error().kind(),
                 RedactToken(parsed.error().message(), transport_->token()));
  }
  return parsed;
}

std::string HttpNetBoxClient::DeviceListPath(const DeviceListOptions& options) const {
  std::vector<std::pair<std::string, std::string>> params;
  int page_size = options.page_size > 0 ? options.page_size : default_page_size_;
  params.emplace_back("limit", std::to_string(page_size));
  for (const std::string& status : options.statuses) {
    params.emplace_back("status", status);
  }
  if (options.minimal_fields && KnowsFieldsParameter()) {
    params.emplace_back("fields", std::string(kMinimalDeviceFields));
  }
  params.emplace_back("exclude", "config_context");
  return "/api/dcim/devices/?" + BuildQuery(params);
}

}  // namespace nbr::netbox
