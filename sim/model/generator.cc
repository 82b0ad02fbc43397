#include "model/generator.h"

#include <algorithm>
#include <cstdio>

namespace nbr::sim {
namespace {

// 2026-01-01T00:00:00Z
constexpr int64_t kEpochMicros = 1767225600LL * 1000000;

struct Catalog {
  int manufacturer = 0;
  int types[2] = {0, 0};
  int roles[3] = {0, 0, 0};
  int first_site = 0;
  int sites = 0;
};

Related MakeRelated(int id, std::string name, std::string slug, Timestamp ts) {
  Related r;
  r.id = id;
  r.name = std::move(name);
  r.slug = std::move(slug);
  r.created = ts;
  r.last_updated = ts;
  return r;
}

Catalog AddCatalog(int count, Inventory& inv) {
  Timestamp ts{kEpochMicros, false};
  Catalog c;
  c.manufacturer = inv.MaxId(Kind::kManufacturer) + 1;
  inv.Put(Kind::kManufacturer, MakeRelated(c.manufacturer, "SimVendor", "simvendor", ts));
  const char* models[2] = {"SR-1", "SR-7"};
  for (int i = 0; i < 2; ++i) {
    c.types[i] = inv.MaxId(Kind::kDeviceType) + 1;
    Related type =
        MakeRelated(c.types[i], models[i], std::string("sim-") + models[i], ts);
    type.parent = c.manufacturer;
    inv.Put(Kind::kDeviceType, std::move(type));
  }
  const char* roles[3] = {"Sim Core", "Sim Edge", "Sim Access"};
  const char* slugs[3] = {"sim-core", "sim-edge", "sim-access"};
  for (int i = 0; i < 3; ++i) {
    c.roles[i] = inv.MaxId(Kind::kRole) + 1;
    inv.Put(Kind::kRole, MakeRelated(c.roles[i], roles[i], slugs[i], ts));
  }
  c.sites = std::clamp(count / 100, 1, 500);
  c.first_site = inv.MaxId(Kind::kSite) + 1;
  for (int i = 0; i < c.sites; ++i) {
    char name[32];
    std::snprintf(name, sizeof(name), "sim-site-%03d", i + 1);
    inv.Put(Kind::kSite, MakeRelated(c.first_site + i, name, name, ts));
  }
  return c;
}

const char* StatusOf(int i) {
  static const char* kCycle[20] = {"planned", "active",    "planned", "active",
                                   "planned", "active",    "offline", "planned",
                                   "active",  "staged",    "planned", "active",
                                   "planned", "failed",    "active",  "planned",
                                   "active",  "inventory", "active",  "decommissioning"};
  return kCycle[i % 20];
}

void AddLoopbacks(int i, Device& d, Inventory& inv) {
  int shape = i % 7;  // 0: none, 1-2: IPv4 only, 3: IPv6 only, else both
  if (shape == 0) {
    return;
  }
  Interface loopback;
  loopback.id = inv.MaxInterfaceId() + 1;
  loopback.device = d.id;
  loopback.name = "loopback0";
  loopback.created = loopback.last_updated = d.created;
  inv.PutInterface(loopback);
  char text[64];
  if (shape != 3) {
    std::snprintf(text, sizeof(text), "10.%d.%d.%d/32", (i >> 16) & 255, (i >> 8) & 255,
                  i & 255);
    IpAddress ip;
    ip.id = inv.MaxIpAddressId() + 1;
    ip.address = text;
    ip.family = 4;
    ip.interface = loopback.id;
    ip.created = ip.last_updated = d.created;
    d.primary_ip4 = ip.id;
    inv.PutIpAddress(std::move(ip));
  }
  if (shape >= 3) {
    std::snprintf(text, sizeof(text), "2001:db8:100::%x/128", i + 1);
    IpAddress ip;
    ip.id = inv.MaxIpAddressId() + 1;
    ip.address = text;
    ip.family = 6;
    ip.interface = loopback.id;
    ip.created = ip.last_updated = d.created;
    d.primary_ip6 = ip.id;
    inv.PutIpAddress(std::move(ip));
  }
}

}  // namespace

void GenerateDevices(int count, Inventory& inventory) {
  if (count <= 0) {
    return;
  }
  Catalog c = AddCatalog(count, inventory);
  std::string previous_name;
  for (int i = 0; i < count; ++i) {
    Device d;
    d.id = inventory.MaxDeviceId() + 1;
    char name[32];
    std::snprintf(name, sizeof(name), "sim-dev-%06d", i + 1);
    if (i % 50 != 49) {
      d.name = (i % 25 == 24 && !previous_name.empty()) ? previous_name : name;
      previous_name = *d.name;
    }
    d.device_type = c.types[i % 2];
    d.role = c.roles[i % 3];
    d.site = c.first_site + i % c.sites;
    d.status = StatusOf(i);
    d.created = {kEpochMicros + i * 1000000LL, false};
    d.last_updated = {kEpochMicros + i * 1000000LL + 500000, false};
    AddLoopbacks(i, d, inventory);
    inventory.PutDevice(std::move(d));
  }
}

}  // namespace nbr::sim
