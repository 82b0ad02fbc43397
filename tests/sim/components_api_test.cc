// Creating a router as an operator would: interfaces, IP addresses on them,
// then the device's primary IPs; NetBox's errors for each step and the
// webhooks of IP addresses.
#include <gtest/gtest.h>

#include "sim/sim_test_support.h"
#include "support/temp_dir.h"
#include "webhooks/event_rule.h"

namespace nbr::sim::testing {
namespace {

using nlohmann::json;

constexpr char kToken[] = "Token 0123456789abcdef0123456789abcdef01234567";

struct Reply {
  int status = 0;
  json body;
};

class ComponentsTest : public ::testing::Test {
 protected:
  // The workshop inventory (devices 1..5, each with loopback0 and two IPs).
  void Start(const std::string& version, json rules = nullptr) {
    SimOptions o = OptionsFor(
        version, {SourceDir() + "/testdata/netbox-data/workshop-netbox-3.4.json"});
    if (!rules.is_null()) {
      o.event_rules = dir_.Write("rules.json", rules.dump()).string();
    }
    sim_ = std::make_unique<InProcessSim>(o);
  }

  Reply Call(const std::string& method, const std::string& path, const json& body) {
    auto client = sim_->Client();
    httplib::Headers headers = {{"Authorization", kToken}};
    httplib::Result r =
        method == "PATCH"  ? client->Patch(path, headers, body.dump(), "application/json")
        : method == "POST" ? client->Post(path, headers, body.dump(), "application/json")
                           : client->Get(path, headers);
    Reply reply;
    if (r) {
      reply.status = r->status;
      reply.body = json::parse(r->body, nullptr, false);
    }
    return reply;
  }
  Reply Get(const std::string& path) { return Call("GET", path, nullptr); }

  // A new device at site 1 with loopback0; returns {device id, interface id}.
  std::pair<int, int> NewRouter(const std::string& name) {
    Reply device = Call("POST", "/api/dcim/devices/",
                        {{"name", name}, {"device_type", 1}, {"role", 1}, {"site", 1}});
    EXPECT_EQ(201, device.status) << device.body;
    int id = device.body["id"];
    Reply iface = Call("POST", "/api/dcim/interfaces/",
                       {{"device", id}, {"name", "loopback0"}, {"type", "virtual"}});
    EXPECT_EQ(201, iface.status) << iface.body;
    return {id, iface.body["id"].get<int>()};
  }

  int NewIp(const std::string& address, int interface) {
    Reply ip = Call("POST", "/api/ipam/ip-addresses/",
                    {{"address", address},
                     {"status", "active"},
                     {"assigned_object_type", "dcim.interface"},
                     {"assigned_object_id", interface}});
    EXPECT_EQ(201, ip.status) << ip.body;
    return ip.body.value("id", 0);
  }

  nbr::testing::TempDir dir_;
  std::unique_ptr<InProcessSim> sim_;
};

TEST_F(ComponentsTest, CreatesARouterWithItsLoopbackAndPrimaryIps) {
  Start("4.5");

  auto [device, iface] = NewRouter("demo-router");
  int ip4 = NewIp("10.0.0.6/32", iface);
  int ip6 = NewIp("2001:DB8::0006/128", iface);
  Reply patched = Call("PATCH", "/api/dcim/devices/" + std::to_string(device) + "/",
                       {{"primary_ip4", ip4}, {"primary_ip6", ip6}});

  ASSERT_EQ(200, patched.status) << patched.body;
  EXPECT_EQ("10.0.0.6/32", patched.body["primary_ip4"]["address"]);
  EXPECT_EQ("2001:db8::6/128", patched.body["primary_ip6"]["address"]);
  EXPECT_EQ(ip6, patched.body["primary_ip"]["id"]);
  EXPECT_EQ(1, patched.body["interface_count"]);
  Reply ips = Get("/api/ipam/ip-addresses/?device_id=" + std::to_string(device));
  ASSERT_EQ(2, ips.body["count"]);
  EXPECT_EQ(device, ips.body["results"][0]["assigned_object"]["device"]["id"]);
  Reply ifaces = Get("/api/dcim/interfaces/?device_id=" + std::to_string(device));
  ASSERT_EQ(1, ifaces.body["count"]);
  EXPECT_EQ("loopback0", ifaces.body["results"][0]["name"]);
  EXPECT_EQ(2, ifaces.body["results"][0]["count_ipaddresses"]);
  EXPECT_EQ(200, Get("/api/dcim/interfaces/" + std::to_string(iface) + "/").status);
  EXPECT_EQ(200, Get("/api/ipam/ip-addresses/" + std::to_string(ip4) + "/").status);
}

TEST_F(ComponentsTest, InterfaceErrorsAreNetBoxs) {
  Start("4.5");

  Reply missing = Call("POST", "/api/dcim/interfaces/", json::object());
  Reply unknown = Call("POST", "/api/dcim/interfaces/",
                       {{"device", 999}, {"name", "lo0"}, {"type", "virtual"}});
  Reply duplicate = Call("POST", "/api/dcim/interfaces/",
                         {{"device", 1}, {"name", "loopback0"}, {"type", "virtual"}});

  EXPECT_EQ(400, missing.status);
  EXPECT_EQ(json({{"device", {"This field is required."}},
                  {"name", {"This field is required."}},
                  {"type", {"This field is required."}}}),
            missing.body);
  EXPECT_EQ(400, unknown.status);
  EXPECT_EQ(
      json({{"device", {"Related object not found using the provided numeric ID: 999"}}}),
      unknown.body);
  EXPECT_EQ(400, duplicate.status);
  EXPECT_EQ(json({{"__all__", {"Interface name must be unique per device."}}}),
            duplicate.body);
}

TEST_F(ComponentsTest, ADuplicateInterfaceNameIn31IsAUniqueSetError) {
  Start("3.1");

  Reply duplicate = Call("POST", "/api/dcim/interfaces/",
                         {{"device", 1}, {"name", "loopback0"}, {"type", "virtual"}});

  EXPECT_EQ(400, duplicate.status);
  EXPECT_EQ(
      json({{"non_field_errors", {"The fields device, name must make a unique set."}}}),
      duplicate.body);
}

TEST_F(ComponentsTest, AListOfInterfacesIsAllOrNothing) {
  Start("4.5");
  int before = Get("/api/dcim/interfaces/?device_id=2").body["count"];

  Reply bad = Call("POST", "/api/dcim/interfaces/",
                   json::array({{{"device", 2}, {"name", "eth0"}, {"type", "1000base-t"}},
                                {{"device", 2}, {"name", "eth1"}}}));
  Reply good =
      Call("POST", "/api/dcim/interfaces/",
           json::array({{{"device", 2}, {"name", "eth0"}, {"type", "1000base-t"}},
                        {{"device", 2}, {"name", "eth1"}, {"type", "virtual"}}}));

  EXPECT_EQ(400, bad.status);
  EXPECT_EQ(json::array({json::object(), {{"type", {"This field is required."}}}}),
            bad.body);
  ASSERT_EQ(201, good.status) << good.body;
  EXPECT_EQ(2u, good.body.size());
  EXPECT_EQ("1000BASE-T (1GE)", good.body[0]["type"]["label"]);
  EXPECT_EQ(before + 2, Get("/api/dcim/interfaces/?device_id=2").body["count"]);
}

TEST_F(ComponentsTest, IpAddressErrorsAreNetBoxs) {
  Start("4.5");

  Reply bad_cidr =
      Call("POST", "/api/ipam/ip-addresses/", {{"address", "10.0.0.300/32"}});
  Reply bad_mask = Call("POST", "/api/ipam/ip-addresses/", {{"address", "10.0.0.6/33"}});
  Reply unknown = Call("POST", "/api/ipam/ip-addresses/",
                       {{"address", "10.0.0.6/32"},
                        {"assigned_object_type", "dcim.interface"},
                        {"assigned_object_id", 999}});
  Reply missing = Call("POST", "/api/ipam/ip-addresses/", {{"status", "active"}});
  Reply host = Call("POST", "/api/ipam/ip-addresses/", {{"address", "10.9.9.9"}});

  EXPECT_EQ(400, bad_cidr.status);
  EXPECT_EQ(json({{"address", {"Invalid IP address format: 10.0.0.300/32"}}}),
            bad_cidr.body);
  EXPECT_EQ(400, bad_mask.status);
  EXPECT_EQ(400, unknown.status);
  EXPECT_EQ(json({{"assigned_object_id",
                   {"Related object not found using the provided numeric ID: 999"}}}),
            unknown.body);
  EXPECT_EQ(json({{"address", {"This field is required."}}}), missing.body);
  ASSERT_EQ(201, host.status);
  EXPECT_EQ("10.9.9.9/32", host.body["address"]);
  EXPECT_TRUE(host.body["assigned_object"].is_null());
}

TEST_F(ComponentsTest, PrimaryIpsMustBeTheDevicesOwnOfTheRightFamily) {
  Start("4.5");
  auto [device, iface] = NewRouter("demo-router");
  int ip4 = NewIp("10.0.0.6/32", iface);
  int ip6 = NewIp("2001:db8::6/128", iface);
  std::string path = "/api/dcim/devices/" + std::to_string(device) + "/";

  Reply elsewhere = Call("PATCH", path, {{"primary_ip4", 1}});  // loc1-core's
  Reply family = Call("PATCH", path, {{"primary_ip4", ip6}});
  Reply family6 = Call("PATCH", path, {{"primary_ip6", ip4}});
  Reply missing = Call("PATCH", path, {{"primary_ip4", 999}});
  Reply ok = Call("PATCH", path, {{"primary_ip4", ip4}});
  Reply cleared = Call("PATCH", path, {{"primary_ip4", nullptr}});

  EXPECT_EQ(400, elsewhere.status);
  EXPECT_EQ(json({{"primary_ip4",
                   {"The specified IP address (10.0.0.1/32) is not assigned to this "
                    "device."}}}),
            elsewhere.body);
  EXPECT_EQ(json({{"primary_ip4", {"2001:db8::6/128 is not an IPv4 address."}}}),
            family.body);
  EXPECT_EQ(json({{"primary_ip6", {"10.0.0.6/32 is not an IPv6 address."}}}),
            family6.body);
  EXPECT_EQ(400, missing.status);
  EXPECT_EQ(200, ok.status);
  EXPECT_EQ(200, cleared.status);
  EXPECT_TRUE(cleared.body["primary_ip4"].is_null());
}

TEST_F(ComponentsTest, IpAddressWebhooksGoOnlyToRulesThatNameThem) {
  WebhookReceiver both, devices;
  Start("4.5", json::array({{{"url", both.url()},
                             {"object_types", {"dcim.device", "ipam.ipaddress"}}},
                            {{"url", devices.url()}}}));

  auto [device, iface] = NewRouter("demo-router");
  int ip4 = NewIp("10.0.0.6/32", iface);
  Call("PATCH", "/api/dcim/devices/" + std::to_string(device) + "/",
       {{"primary_ip4", ip4}});
  ASSERT_TRUE(sim_->app().webhooks->WaitIdle(10000));

  // The device rule: created and updated, the update with the primary IP.
  auto device_hooks = devices.received();
  ASSERT_EQ(2u, device_hooks.size());
  auto updated = json::parse(device_hooks[1].body);
  EXPECT_EQ("updated", updated["event"]);
  EXPECT_EQ("10.0.0.6/32", updated["data"]["primary_ip4"]["address"]);
  EXPECT_EQ(ip4, updated["snapshots"]["postchange"]["primary_ip4"]);
  // The rule for both: the IP's created in between, relative URLs.
  auto all = both.received();
  ASSERT_EQ(3u, all.size());
  auto created = json::parse(all[1].body);
  EXPECT_EQ("created", created["event"]);
  EXPECT_EQ("ipam.ipaddress", created["object_type"]);
  EXPECT_FALSE(created.contains("model"));
  EXPECT_EQ("/api/ipam/ip-addresses/" + std::to_string(ip4) + "/",
            created["data"]["url"]);
  EXPECT_EQ(device, created["data"]["assigned_object"]["device"]["id"]);
  EXPECT_EQ("10.0.0.6/32", created["snapshots"]["postchange"]["address"]);
  EXPECT_TRUE(created["snapshots"]["prechange"].is_null());
  int logged = 0;
  for (const auto& entry : sim_->app().webhooks->Log()) {
    if (entry["object_type"] == "ipam.ipaddress") {
      EXPECT_EQ(ip4, entry["object_id"]);
      EXPECT_EQ(0, entry["device_id"]);
      ++logged;
    }
  }
  EXPECT_EQ(1, logged);
}

TEST_F(ComponentsTest, TheIpAddressWebhookOf31NamesItsModel) {
  WebhookReceiver receiver;
  Start("3.1",
        json::array({{{"url", receiver.url()}, {"object_types", {"ipam.ipaddress"}}}}));

  int iface = Get("/api/dcim/interfaces/?device_id=1").body["results"][0]["id"];
  NewIp("10.0.0.7/32", iface);
  ASSERT_TRUE(sim_->app().webhooks->WaitIdle(10000));

  auto hooks = receiver.received();
  ASSERT_EQ(1u, hooks.size());
  auto body = json::parse(hooks[0].body);
  EXPECT_EQ("ipaddress", body["model"]);
  EXPECT_FALSE(body.contains("object_type"));
  EXPECT_EQ(1, body["data"]["assigned_object"]["device"]["id"]);
}

TEST(EventRuleTest, ObjectTypesDefaultToDevicesAndRefuseUnknownOnes) {
  std::vector<EventRule> rules;
  ASSERT_TRUE(ParseEventRules(json::array({{{"url", "http://x/"}}}), "", rules).ok());
  std::vector<EventRule> bad;

  Status refused = ParseEventRules(
      json::array({{{"url", "http://x/"}, {"object_types", {"dcim.site"}}}}), "", bad);

  EXPECT_EQ(std::set<std::string>{"dcim.device"}, rules[0].object_types);
  EXPECT_FALSE(refused.ok());
}

}  // namespace
}  // namespace nbr::sim::testing
