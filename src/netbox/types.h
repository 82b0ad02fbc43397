// What the daemon knows of NetBox objects: only the fields it reads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nbr::netbox {

// A device as read from the REST API. `status` is `status.value` (never the
// label); addresses are in CIDR form as NetBox gives them ("10.0.0.1/32").
struct Device {
  int64_t id = 0;
  std::optional<std::string> name;  // NetBox allows unnamed devices
  std::string display;
  std::string status;
  std::optional<std::string> primary_ip4;
  std::optional<std::string> primary_ip6;
  std::optional<int64_t> site_id;
  std::string site_name;
  std::string last_updated;  // as NetBox wrote it; empty when not asked for
};

// An IP address assigned to one of a device's interfaces.
struct IpAddress {
  int64_t id = 0;
  std::string address;  // CIDR
  int family = 0;       // 4 or 6
  std::string interface_name;
};

// The answer of /api/status/.
struct ServerInfo {
  std::string netbox_version;  // "4.5.10"
  int major = 0;
  int minor = 0;
};

struct DeviceListOptions {
  // Filter on these status values (OR). The server may ignore filters: the
  // caller still checks each device's status.
  std::vector<std::string> statuses;
  // Asked page size; the server may cap it and the client accepts less.
  int page_size = 1000;
  // Ask only for the fields a reconcile needs (NetBox 4.0+ `fields=`), and
  // always leave config_context out.
  bool minimal_fields = true;
};

// A whole listing, every page followed through `next`, de-duplicated by id.
struct DeviceListing {
  std::vector<Device> devices;
  int pages = 0;
  int duplicates_dropped = 0;
  std::optional<int64_t> reported_count;  // `count` of the first page
};

// The result of a bulk status PATCH, checked id by id: NetBox silently skips
// ids it does not know, so `missing` holds every asked id that did not come
// back.
struct BulkStatusResult {
  std::vector<Device> updated;
  std::vector<int64_t> missing;
};

// The outcome of one HTTP request, for metrics and reports.
struct RequestRecord {
  std::string method;    // "GET", "PATCH", ...
  std::string endpoint;  // "status", "devices", "device", "devices-bulk", "ip-addresses"
  int status = 0;        // HTTP status, 0 when no answer came back
  double seconds = 0;
};

}  // namespace nbr::netbox
