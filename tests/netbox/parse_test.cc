#include "netbox/parse.h"

#include <gtest/gtest.h>

#include "netbox/golden.h"

namespace nbr::netbox {
namespace {

using nlohmann::json;
using testing::GoldenBody;

std::vector<Device> DevicesOf(std::string_view version, std::string_view name) {
  auto page = ParsePage(json::parse(GoldenBody(version, name)));
  EXPECT_TRUE(page.ok());
  std::vector<Device> devices;
  for (const json& row : page->results) {
    auto device = ParseDevice(row);
    EXPECT_TRUE(device.ok()) << device.error().ToString();
    devices.push_back(*device);
  }
  return devices;
}

class GoldenVersions : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenVersions, ParsesThePlannedDeviceList) {
  std::vector<Device> devices = DevicesOf(GetParam(), "03_devices_status_planned");

  ASSERT_EQ(devices.size(), 5u);
  const Device& loc1 = devices[0];
  EXPECT_EQ(loc1.id, 1);
  EXPECT_EQ(loc1.name, "loc1-core");
  EXPECT_EQ(loc1.display, "loc1-core");
  EXPECT_EQ(loc1.status, "planned");
  EXPECT_EQ(loc1.primary_ip4, "10.0.0.1/32");
  EXPECT_EQ(loc1.primary_ip6, "2001:db8::1/128");
  EXPECT_EQ(loc1.site_id, 1);
  EXPECT_EQ(loc1.site_name, "Location 1");
  EXPECT_FALSE(loc1.last_updated.empty());
}

TEST_P(GoldenVersions, ParsesAnUnnamedDeviceWithoutAddresses) {
  std::vector<Device> devices = DevicesOf(GetParam(), "04_devices_limit2_page4");

  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[1].id, 6);
  EXPECT_FALSE(devices[1].name.has_value());
  EXPECT_FALSE(devices[1].primary_ip4.has_value());
  EXPECT_FALSE(devices[1].primary_ip6.has_value());
  EXPECT_EQ(devices[1].display, "Nokia 7750 SR-2s (6)");
}

TEST_P(GoldenVersions, ParsesADeviceDetail) {
  auto device = ParseDevice(json::parse(GoldenBody(GetParam(), "10_device_get_loc1")));

  ASSERT_TRUE(device.ok());
  EXPECT_EQ(device->id, 1);
  EXPECT_EQ(device->status, "planned");
  EXPECT_EQ(device->primary_ip4, "10.0.0.1/32");
}

TEST_P(GoldenVersions, ParsesAPatchAnswer) {
  auto device =
      ParseDevice(json::parse(GoldenBody(GetParam(), "11_device_patch_status_active")));

  ASSERT_TRUE(device.ok());
  EXPECT_EQ(device->status, "active");
}

TEST_P(GoldenVersions, ParsesIpAddressesOfBothFamilies) {
  auto page = ParsePage(json::parse(GoldenBody(GetParam(), "17_ipaddresses_device_id")));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->results.size(), 2u);

  auto v4 = ParseIpAddress(page->results[0]);
  auto v6 = ParseIpAddress(page->results[1]);

  ASSERT_TRUE(v4.ok() && v6.ok());
  EXPECT_EQ(v4->address, "10.0.0.1/32");
  EXPECT_EQ(v4->family, 4);
  EXPECT_EQ(v4->interface_name, "loopback0");
  EXPECT_EQ(v6->address, "2001:db8::1/128");
  EXPECT_EQ(v6->family, 6);
}

TEST_P(GoldenVersions, ParsesTheStatusAnswer) {
  auto info = ParseServerInfo(json::parse(GoldenBody(GetParam(), "02_status")));

  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->major, GetParam() == "v3.1" ? 3 : 4);
  EXPECT_EQ(info->minor, GetParam() == "v3.1" ? 1 : 5);
}

INSTANTIATE_TEST_SUITE_P(NetBox, GoldenVersions, ::testing::Values("v3.1", "v4.5"),
                         [](const auto& param_info) {
                           return param_info.param == "v3.1" ? "v31" : "v45";
                         });

TEST(ParseTest, ReadsTheAnswerOfFieldsWithOnlyTheAskedKeys) {
  std::vector<Device> devices = DevicesOf("v4.5", "35_devices_fields");

  ASSERT_EQ(devices.size(), 9u);
  EXPECT_TRUE(devices[0].display.empty());
  EXPECT_FALSE(devices[0].site_id.has_value());
  EXPECT_TRUE(devices[0].last_updated.empty());
  EXPECT_FALSE(devices[0].status.empty());
}

TEST(ParseTest, NestedFamilyAsPlainIntegerIsIgnoredButTolerated) {
  json device = {{"id", 3},
                 {"status", {{"value", "staged"}, {"label", "Bereitgestellt"}}},
                 {"primary_ip4", {{"id", 1}, {"family", 4}, {"address", "10.0.0.3/32"}}},
                 {"site", {{"id", 2}, {"display", "Site 2"}}}};

  auto parsed = ParseDevice(device);

  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->status, "staged");  // the value, never the translated label
  EXPECT_EQ(parsed->primary_ip4, "10.0.0.3/32");
  EXPECT_EQ(parsed->site_name, "Site 2");
}

TEST(ParseTest, RejectsADeviceWithoutAnIntegerId) {
  EXPECT_EQ(ParseDevice(json{{"name", "x"}}).error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(ParseDevice(json{{"id", "7"}}).error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(ParseDevice(json::array()).error().kind(), ErrorKind::kInternal);
}

TEST(ParseTest, RejectsAPageWithoutResults) {
  EXPECT_FALSE(ParsePage(json{{"count", 1}}).ok());
  EXPECT_FALSE(ParsePage(json{{"results", json::array()}, {"next", 5}}).ok());
  EXPECT_TRUE(ParsePage(json{{"results", json::array()}, {"next", nullptr}}).ok());
}

TEST(ParseTest, RejectsABodyThatIsNotJson) {
  auto parsed = ParseJsonBody("<html>502 Bad Gateway</html>", "GET /api/status/");

  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kInternal);
  EXPECT_NE(parsed.error().message().find("GET /api/status/"), std::string::npos);
}

}  // namespace
}  // namespace nbr::netbox
