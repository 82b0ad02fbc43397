#include "netbox/http_client.h"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "netbox/fake_netbox.h"
#include "netbox/golden.h"
#include "netbox/http_errors.h"

namespace nbr::netbox {
namespace {

using nlohmann::json;
using testing::FakeNetBox;
using testing::FakeReply;
using testing::GoldenBody;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "0123456789abcdef0123456789abcdef01234567";

// A device row as NetBox lists it (only the keys the client reads).
json DeviceRow(int64_t id, std::string_view status = "planned") {
  return {{"id", id},
          {"name", "dev-" + std::to_string(id)},
          {"display", "dev-" + std::to_string(id)},
          {"status", {{"value", status}, {"label", "X"}}},
          {"primary_ip4", nullptr},
          {"primary_ip6", nullptr},
          {"site", {{"id", 1}, {"name", "Site"}}}};
}

std::string PageBody(int64_t count, const std::vector<int64_t>& ids,
                     std::optional<std::string> next) {
  json rows = json::array();
  for (int64_t id : ids) {
    rows.push_back(DeviceRow(id));
  }
  return json{{"count", count},
              {"next", next ? json(*next) : json(nullptr)},
              {"previous", nullptr},
              {"results", rows}}
      .dump();
}

std::string Param(const httplib::Request& request, const std::string& key) {
  return request.has_param(key) ? request.get_param_value(key) : "";
}

class HttpClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<NetBoxApi> MakeClient(std::string token = kToken) {
    config::NetBoxSettings settings;
    settings.url = netbox_.url();
    settings.token = Secret(std::move(token));
    settings.timeout = std::chrono::milliseconds(2000);
    settings.requests_per_second = 0;
    settings.page_size = 1000;
    return MakeClient(settings);
  }
  std::unique_ptr<NetBoxApi> MakeClient(const config::NetBoxSettings& settings) {
    auto client = MakeHttpClient(settings, [this](const RequestRecord& record) {
      std::lock_guard lock(mu_);
      records_.push_back(record);
    });
    EXPECT_TRUE(client.ok());
    return std::move(client).value();
  }
  std::vector<RequestRecord> records() {
    std::lock_guard lock(mu_);
    return records_;
  }

  FakeNetBox netbox_;
  std::mutex mu_;
  std::vector<RequestRecord> records_;
};

TEST_F(HttpClientTest, SendsTokenAcceptAndContentTypeOnEveryRequest) {
  netbox_.On("GET", "/api/status/", FakeReply{200, GoldenBody("v3.1", "02_status")});
  auto client = MakeClient();

  ASSERT_TRUE(client->GetStatus().ok());

  auto seen = netbox_.seen();
  ASSERT_EQ(seen.size(), 1u);
  auto header = [&](const char* name) {
    auto it = seen[0].headers.find(name);
    return it == seen[0].headers.end() ? std::string() : it->second;
  };
  EXPECT_EQ(header("Authorization"), std::string("Token ") + kToken);
  EXPECT_EQ(header("Accept"), "application/json");
  EXPECT_EQ(header("Content-Type"), "application/json");
}

TEST_F(HttpClientTest, SendsAV2TokenAsBearer) {
  netbox_.On("GET", "/api/dcim/devices/1/",
             FakeReply{200, GoldenBody("v4.5", "10_device_get_loc1")});
  auto client = MakeClient("nbt_GoldenKey012.fedcba9876543210fedcba9876543210fedcba98");

  ASSERT_TRUE(client->GetDevice(1).ok());

  EXPECT_EQ(netbox_.seen()[0].headers.find("Authorization")->second,
            "Bearer nbt_GoldenKey012.fedcba9876543210fedcba9876543210fedcba98");
}

TEST_F(HttpClientTest, GetsTheVersionAndAsksOnlyNeededFieldsFrom40) {
  netbox_.On("GET", "/api/status/", FakeReply{200, GoldenBody("v4.5", "02_status")});
  netbox_.On("GET", "/api/dcim/devices/",
             FakeReply{200, GoldenBody("v4.5", "03_devices_status_planned")});
  auto client = MakeClient();

  auto info = client->GetStatus();
  auto listing = client->ListDevices({{"planned", "staged"}, 500, true});

  ASSERT_TRUE(info.ok() && listing.ok());
  EXPECT_EQ(info->netbox_version, "4.5.10");
  std::string target = netbox_.seen()[1].target;
  EXPECT_THAT(target, HasSubstr("limit=500"));
  EXPECT_THAT(target, HasSubstr("status=planned&status=staged"));
  EXPECT_THAT(target, HasSubstr("fields=id%2Cname%2Cdisplay%2Cstatus%2Cprimary_ip4%2C"
                                "primary_ip6%2Csite%2Clast_updated"));
  EXPECT_THAT(target, HasSubstr("exclude=config_context"));
  EXPECT_EQ(listing->devices.size(), 5u);
  EXPECT_EQ(listing->reported_count, 5);
}

TEST_F(HttpClientTest, AsksAllFieldsFromA31) {
  netbox_.On("GET", "/api/status/", FakeReply{200, GoldenBody("v3.1", "02_status")});
  netbox_.On("GET", "/api/dcim/devices/",
             FakeReply{200, GoldenBody("v3.1", "03_devices_status_planned")});
  auto client = MakeClient();

  ASSERT_TRUE(client->GetStatus().ok());
  auto listing = client->ListDevices({{"planned"}, 1000, true});

  ASSERT_TRUE(listing.ok());
  EXPECT_THAT(netbox_.seen()[1].target, Not(HasSubstr("fields=")));
  EXPECT_THAT(netbox_.seen()[1].target, HasSubstr("exclude=config_context"));
  EXPECT_EQ(listing->devices[4].name, "loc5-core");
}

class GoldenPaging : public HttpClientTest,
                     public ::testing::WithParamInterface<std::string> {};

// The golden pages link to the capture's host (127.0.0.1:58000): the client
// takes path and query and asks its configured server.
TEST_P(GoldenPaging, FollowsNextThroughEveryGoldenPage) {
  std::string version = GetParam();
  netbox_.On("GET", "/api/dcim/devices/", [version](const httplib::Request& request) {
    std::string offset = Param(request, "offset");
    int page = offset.empty() ? 1 : std::stoi(offset) / 2 + 1;
    return FakeReply{
        200, GoldenBody(version, "04_devices_limit2_page" + std::to_string(page))};
  });
  auto client = MakeClient();

  auto listing = client->ListDevices({{}, 2, true});

  ASSERT_TRUE(listing.ok()) << listing.error().ToString();
  EXPECT_EQ(listing->pages, 5);
  EXPECT_EQ(listing->devices.size(), 9u);
  EXPECT_EQ(listing->duplicates_dropped, 0);
  EXPECT_EQ(netbox_.seen()[1].target, "/api/dcim/devices/?limit=2&offset=2");
}

INSTANTIATE_TEST_SUITE_P(NetBox, GoldenPaging, ::testing::Values("v3.1", "v4.5"),
                         [](const auto& param_info) {
                           return param_info.param == "v3.1" ? "v31" : "v45";
                         });

// Case C6: MAX_PAGE_SIZE 30, PAGINATE_COUNT 50: the first page holds 50 rows
// and links with limit=50; later pages hold 30.
TEST_F(HttpClientTest, C6_PageSizesThatChangeBetweenPages) {
  const int total = 200;
  netbox_.On("GET", "/api/dcim/devices/", [&](const httplib::Request& request) {
    std::string offset_text = Param(request, "offset");
    int offset = offset_text.empty() ? 0 : std::stoi(offset_text);
    int size = offset_text.empty() ? 50 : 30;
    std::vector<int64_t> ids;
    for (int i = offset; i < std::min(total, offset + size); ++i) {
      ids.push_back(i + 1);
    }
    std::optional<std::string> next;
    if (offset + size < total) {
      next = netbox_.url() +
             "/api/dcim/devices/?limit=50&offset=" + std::to_string(offset + size);
    }
    return FakeReply{200, PageBody(total, ids, next)};
  });
  auto client = MakeClient();

  auto listing = client->ListDevices({{}, 1000, true});

  ASSERT_TRUE(listing.ok()) << listing.error().ToString();
  ASSERT_EQ(listing->devices.size(), 200u);
  for (int i = 0; i < total; ++i) {
    EXPECT_EQ(listing->devices[i].id, i + 1);
  }
  EXPECT_EQ(listing->pages, 6);  // 50 + 5 * 30
  EXPECT_EQ(listing->duplicates_dropped, 0);
}

TEST_F(HttpClientTest, DropsRowsRepeatedAcrossPages) {
  netbox_.On("GET", "/api/dcim/devices/", [&](const httplib::Request& request) {
    if (Param(request, "offset").empty()) {
      return FakeReply{200, PageBody(4, {1, 2}, "/api/dcim/devices/?limit=2&offset=2")};
    }
    return FakeReply{200, PageBody(4, {2, 3}, std::nullopt)};
  });
  auto client = MakeClient();

  auto listing = client->ListDevices({{}, 2, true});

  ASSERT_TRUE(listing.ok());
  ASSERT_EQ(listing->devices.size(), 3u);
  EXPECT_EQ(listing->duplicates_dropped, 1);
}

TEST_F(HttpClientTest, RefusesANextThatLoops) {
  netbox_.On("GET", "/api/dcim/devices/", [&](const httplib::Request&) {
    return FakeReply{200,
                     PageBody(9, {1}, netbox_.url() + "/api/dcim/devices/?offset=1")};
  });
  auto client = MakeClient();

  auto listing = client->ListDevices({{}, 1, true});

  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().kind(), ErrorKind::kInternal);
  EXPECT_LE(netbox_.seen().size(), 3u);
}

TEST_F(HttpClientTest, FailsTheWholeListingWhenAPageFails) {
  netbox_.On("GET", "/api/dcim/devices/", [&](const httplib::Request& request) {
    if (Param(request, "offset").empty()) {
      return FakeReply{200, PageBody(4, {1, 2}, "/api/dcim/devices/?offset=2")};
    }
    return FakeReply{502, "<html>Bad Gateway</html>"};
  });
  auto client = MakeClient();

  auto listing = client->ListDevices({{}, 2, true});

  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().kind(), ErrorKind::kUnavailable);
}

struct ErrorCase {
  std::string version;
  std::string capture;
  ErrorKind kind;
  std::string text;  // expected in the message
};

class GoldenErrors : public HttpClientTest,
                     public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(GoldenErrors, MapsTheAnswerToTheContract) {
  const ErrorCase& c = GetParam();
  auto capture = testing::ReadCapture("netbox/testdata/" + c.version + "/" + c.capture +
                                      ".response.http");
  netbox_.On("GET", "/api/dcim/devices/999999/",
             FakeReply{capture.Status(), capture.body});
  auto client = MakeClient();

  auto device = client->GetDevice(999999);

  ASSERT_FALSE(device.ok());
  EXPECT_EQ(device.error().kind(), c.kind) << device.error().ToString();
  EXPECT_THAT(device.error().message(), HasSubstr(c.text));
}

INSTANTIATE_TEST_SUITE_P(
    NetBox, GoldenErrors,
    ::testing::Values(
        ErrorCase{"v3.1", "14_device_get_404", ErrorKind::kNotFound, "Not found."},
        ErrorCase{"v4.5", "14_device_get_404", ErrorKind::kNotFound,
                  "No Device matches the given query."},
        ErrorCase{"v3.1", "16a_devices_bad_token_get", ErrorKind::kPermissionDenied,
                  "Invalid token"},
        ErrorCase{"v4.5", "16a_devices_bad_token_get", ErrorKind::kPermissionDenied,
                  "Invalid v1 token"},
        ErrorCase{"v4.5", "07_devices_status_bogus", ErrorKind::kInvalidArgument,
                  "bogus is not one of the available choices"}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

TEST_F(HttpClientTest, RateLimitedAndServerErrorsAreRetryable) {
  netbox_.On("GET", "/api/dcim/devices/1/",
             FakeReply{429, R"({"detail":"slow down"})", {{"Retry-After", "17"}}});
  netbox_.On(
      "GET", "/api/dcim/devices/2/",
      FakeReply{500, R"({"error":"boom","exception":"X","netbox_version":"4.5.10"})"});
  auto client = MakeClient();

  auto limited = client->GetDevice(1);
  auto broken = client->GetDevice(2);

  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(RetryAfterOf(limited.error()), std::chrono::seconds(17));
  ASSERT_FALSE(broken.ok());
  EXPECT_TRUE(broken.error().retryable());
}

TEST_F(HttpClientTest, PreconditionFailedIsAConflict) {
  netbox_.On("PATCH", "/api/dcim/devices/4/",
             FakeReply{412, R"({"detail":"Precondition failed."})"});
  auto client = MakeClient();

  auto result = client->SetDeviceStatus(4, "active");

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind(), ErrorKind::kConflict);
}

TEST_F(HttpClientTest, AnswerThatIsNotJsonIsInternal) {
  netbox_.On("GET", "/api/dcim/devices/1/", FakeReply{200, "<html>login</html>"});
  auto client = MakeClient();

  auto device = client->GetDevice(1);

  ASSERT_FALSE(device.ok());
  EXPECT_EQ(device.error().kind(), ErrorKind::kInternal);
}

TEST_F(HttpClientTest, PatchesOneDeviceStatus) {
  netbox_.On("PATCH", "/api/dcim/devices/1/",
             FakeReply{200, GoldenBody("v4.5", "11_device_patch_status_active")});
  auto client = MakeClient();

  auto device = client->SetDeviceStatus(1, "active");

  ASSERT_TRUE(device.ok());
  EXPECT_EQ(device->status, "active");
  EXPECT_EQ(json::parse(netbox_.seen()[0].body), json({{"status", "active"}}));
}

// Case C9: NetBox silently skips an id it does not know.
TEST_F(HttpClientTest, C9_BulkPatchReportsSkippedIdsAsMissing) {
  netbox_.On("PATCH", "/api/dcim/devices/",
             FakeReply{200, GoldenBody("v3.1", "18a_bulk_patch_with_missing_id")});
  auto client = MakeClient();

  auto result = client->BulkSetStatus({2, 999999}, "active");

  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_EQ(result->updated.size(), 1u);
  EXPECT_EQ(result->updated[0].id, 2);
  EXPECT_EQ(result->updated[0].status, "active");
  EXPECT_EQ(result->missing, std::vector<int64_t>({999999}));
  EXPECT_EQ(
      json::parse(netbox_.seen()[0].body),
      json::parse(
          R"([{"id": 2, "status": "active"}, {"id": 999999, "status": "active"}])"));
}

TEST_F(HttpClientTest, BulkPatchOfTwoFoundDevices) {
  netbox_.On("PATCH", "/api/dcim/devices/",
             FakeReply{200, GoldenBody("v4.5", "21_bulk_patch_success")});
  auto client = MakeClient();

  auto result = client->BulkSetStatus({2, 3}, "active");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->updated.size(), 2u);
  EXPECT_TRUE(result->missing.empty());
  EXPECT_EQ(records().back().endpoint, "devices-bulk");
}

TEST_F(HttpClientTest, BulkPatchRejectsAnAnswerThatIsNotAList) {
  netbox_.On("PATCH", "/api/dcim/devices/",
             FakeReply{200, GoldenBody("v4.5", "02_status")});
  auto client = MakeClient();

  auto result = client->BulkSetStatus({2}, "active");

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind(), ErrorKind::kInternal);
}

TEST_F(HttpClientTest, BulkPatchOfNothingSendsNothing) {
  auto client = MakeClient();

  auto result = client->BulkSetStatus({}, "active");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(client->RequestCount(), 0u);
}

TEST_F(HttpClientTest, ListsTheIpsOfADevice) {
  netbox_.On("GET", "/api/ipam/ip-addresses/",
             FakeReply{200, GoldenBody("v3.1", "17_ipaddresses_device_id")});
  auto client = MakeClient();

  auto ips = client->ListDeviceIps(1);

  ASSERT_TRUE(ips.ok());
  ASSERT_EQ(ips->size(), 2u);
  EXPECT_EQ((*ips)[1].family, 6);
  EXPECT_THAT(netbox_.seen()[0].target, HasSubstr("device_id=1"));
}

TEST_F(HttpClientTest, CountsAndObservesEveryRequest) {
  netbox_.On("GET", "/api/status/", FakeReply{200, GoldenBody("v4.5", "02_status")});
  netbox_.On("GET", "/api/dcim/devices/1/",
             FakeReply{200, GoldenBody("v4.5", "10_device_get_loc1")});
  auto client = MakeClient();

  ASSERT_TRUE(client->GetStatus().ok());
  ASSERT_TRUE(client->GetDevice(1).ok());
  ASSERT_FALSE(client->GetDevice(5).ok());  // unscripted: 404

  EXPECT_EQ(client->RequestCount(), 3u);
  auto seen = records();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].endpoint, "status");
  EXPECT_EQ(seen[1].endpoint, "device");
  EXPECT_EQ(seen[1].method, "GET");
  EXPECT_EQ(seen[1].status, 200);
  EXPECT_EQ(seen[2].status, 404);
  EXPECT_GE(seen[2].seconds, 0.0);
}

TEST_F(HttpClientTest, ConnectionRefusedIsUnavailable) {
  config::NetBoxSettings settings;
  {
    FakeNetBox gone;  // a port that was just free
    settings.url = gone.url();
  }
  settings.token = Secret(kToken);
  settings.requests_per_second = 0;
  auto client = MakeClient(settings);

  auto status = client->GetStatus();

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(records().at(0).status, 0);
}

TEST_F(HttpClientTest, HungServerTimesOutAsUnavailable) {
  netbox_.HangOn("GET", "/api/dcim/devices/1/");
  config::NetBoxSettings settings;
  settings.url = netbox_.url();
  settings.token = Secret(kToken);
  settings.timeout = std::chrono::milliseconds(300);
  settings.requests_per_second = 0;
  auto client = MakeClient(settings);

  auto start = std::chrono::steady_clock::now();
  auto device = client->GetDevice(1);
  auto took = std::chrono::steady_clock::now() - start;

  ASSERT_FALSE(device.ok());
  EXPECT_EQ(device.error().kind(), ErrorKind::kUnavailable);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST_F(HttpClientTest, HttpsToAPlainServerIsUnavailable) {
  config::NetBoxSettings settings;
  settings.url = "https://127.0.0.1:" + std::to_string(netbox_.port());
  settings.token = Secret(kToken);
  settings.timeout = std::chrono::milliseconds(1000);
  settings.requests_per_second = 0;
  auto client = MakeClient(settings);

  auto status = client->GetStatus();

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind(), ErrorKind::kUnavailable);
}

TEST_F(HttpClientTest, RefusesAnUnusableUrl) {
  config::NetBoxSettings settings;
  settings.url = "netbox.example.net";

  auto client = MakeHttpClient(settings);

  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().kind(), ErrorKind::kInvalidArgument);
}

// A server (or a proxy in front of it) that echoes the request's headers in
// its error bodies must not make the token show up in an Error.
TEST_F(HttpClientTest, TokenNeverAppearsInErrorsEvenWhenEchoed) {
  auto echo = [](int status) {
    return [status](const httplib::Request& request) {
      std::string dump;
      for (const auto& [name, value] : request.headers) {
        dump += name + ": " + value + "\n";
      }
      return FakeReply{status, json{{"detail", dump}, {"echo", dump}}.dump()};
    };
  };
  for (int status : {400, 403, 404, 409, 412, 429, 500, 302}) {
    netbox_.On("GET", "/api/dcim/devices/" + std::to_string(status) + "/", echo(status));
  }
  for (std::string token :
       {std::string(kToken), std::string("nbt_GoldenKey012.s3cr3tpart")}) {
    auto client = MakeClient(token);
    for (int status : {400, 403, 404, 409, 412, 429, 500, 302}) {
      auto device = client->GetDevice(status);

      ASSERT_FALSE(device.ok());
      EXPECT_THAT(device.error().ToString(), Not(HasSubstr(token))) << status;
      EXPECT_THAT(device.error().ToString(), Not(HasSubstr("s3cr3tpart"))) << status;
      EXPECT_THAT(device.error().ToString(), HasSubstr("[redacted]")) << status;
    }
  }
}

TEST_F(HttpClientTest, RateLimitSpacesRequests) {
  netbox_.On("GET", "/api/status/", FakeReply{200, GoldenBody("v4.5", "02_status")});
  config::NetBoxSettings settings;
  settings.url = netbox_.url();
  settings.token = Secret(kToken);
  settings.requests_per_second = 20;  // a burst of 20, then one per 50 ms
  auto client = MakeClient(settings);

  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 26; ++i) {
    ASSERT_TRUE(client->GetStatus().ok());
  }
  auto took = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(client->RequestCount(), 26u);
  EXPECT_GE(took, std::chrono::milliseconds(250));  // 6 requests past the burst
}

// The server closes idle keep-alive connections (NetBox behind gunicorn or a
// proxy does): the next request must not fail on the stale connection.
TEST_F(HttpClientTest, SurvivesTheServerClosingAnIdleConnection) {
  netbox_.On("GET", "/api/dcim/devices/1/",
             FakeReply{200, GoldenBody("v4.5", "10_device_get_loc1")});
  netbox_.On("PATCH", "/api/dcim/devices/1/",
             FakeReply{200, GoldenBody("v4.5", "11_device_patch_status_active")});
  auto client = MakeClient();
  ASSERT_TRUE(client->GetDevice(1).ok());

  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto patched = client->SetDeviceStatus(1, "active");

  ASSERT_TRUE(patched.ok()) << patched.error().ToString();
}

TEST_F(HttpClientTest, IsSafeToUseFromManyThreads) {
  netbox_.On("GET", "/api/dcim/devices/1/",
             FakeReply{200, GoldenBody("v4.5", "10_device_get_loc1")});
  auto client = MakeClient();

  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        ok += client->GetDevice(1).ok() ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }

  EXPECT_EQ(ok.load(), 80);
  EXPECT_EQ(client->RequestCount(), 80u);
}

}  // namespace
}  // namespace nbr::netbox

namespace nbr::netbox {
namespace {

// Captures everything the default logger writes, at every level.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return stream_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream stream_;
};

TEST_F(HttpClientTest, TokenNeverAppearsInLogs) {
  LogCapture capture;
  netbox_.On("GET", "/api/status/", FakeReply{200, GoldenBody("v4.5", "02_status")});
  netbox_.On("PATCH", "/api/dcim/devices/",
             FakeReply{200, GoldenBody("v4.5", "18a_bulk_patch_with_missing_id")});
  netbox_.On("GET", "/api/dcim/devices/",
             FakeReply{200, PageBody(2, {1, 1}, std::nullopt)});  // a duplicate, logged
  netbox_.On("GET", "/api/dcim/devices/3/",
             FakeReply{403, json{{"detail", std::string("bad token ") + kToken}}.dump()});
  auto client = MakeClient();

  ASSERT_TRUE(client->GetStatus().ok());
  ASSERT_TRUE(client->BulkSetStatus({2, 999999}, "active").ok());
  ASSERT_TRUE(client->ListDevices({{"planned"}, 50, true}).ok());
  auto denied = client->GetDevice(3);

  ASSERT_FALSE(denied.ok());
  EXPECT_THAT(denied.error().ToString(), Not(HasSubstr(kToken)));
  std::string logged = capture.text();
  EXPECT_THAT(logged, HasSubstr("netbox GET"));  // per-request lines were written
  EXPECT_THAT(logged, Not(HasSubstr(kToken)));
}

}  // namespace
}  // namespace nbr::netbox
