// The REST API's behaviour beyond the golden captures: paging settings and
// quirks, filters, tokens, ETags, bulk rules, other versions' shapes.
#include <gtest/gtest.h>

#include "sim/sim_test_support.h"
#include "support/temp_dir.h"

namespace nbr::sim::testing {
namespace {

using nlohmann::json;

constexpr char kToken[] = "Token 0123456789abcdef0123456789abcdef01234567";

struct Reply {
  int status = 0;
  json body;
  httplib::Headers headers;
};

class ApiTest : public ::testing::Test {
 protected:
  void Start(const std::string& version, int generate = 0,
             std::function<void(SimOptions&)> tweak = nullptr) {
    SimOptions o = OptionsFor(
        version, {SourceDir() + "/testdata/netbox-data/workshop-netbox-3.4.json"});
    o.generate = generate;
    if (tweak) {
      tweak(o);
    }
    sim_ = std::make_unique<InProcessSim>(o);
  }

  Reply Call(const std::string& method, const std::string& path,
             const std::string& body = "",
             httplib::Headers headers = {{"Authorization", kToken}}) {
    auto client = sim_->Client();
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = headers;
    if (!body.empty()) {
      req.headers.emplace("Content-Type", "application/json");
      req.body = body;
    }
    httplib::Response res;
    httplib::Error error;
    Reply r;
    if (!client->send(req, res, error)) {
      return r;
    }
    r.status = res.status;
    r.body = json::parse(res.body, nullptr, false);
    r.headers = res.headers;
    return r;
  }

  // Every id of a listing, following `next` as given.
  std::vector<int> ListAll(std::string path, std::vector<int>* page_sizes = nullptr) {
    std::vector<int> ids;
    while (!path.empty()) {
      Reply r = Call("GET", path);
      EXPECT_EQ(200, r.status);
      for (const auto& d : r.body["results"]) {
        ids.push_back(d["id"]);
      }
      if (page_sizes) {
        page_sizes->push_back(static_cast<int>(r.body["results"].size()));
      }
      path = r.body["next"].is_string()
                 ? r.body["next"].get<std::string>().substr(sim_->base_url().size())
                 : "";
    }
    return ids;
  }

  std::unique_ptr<InProcessSim> sim_;
};

TEST_F(ApiTest, ServesTheWorkshopInventoryWithIdsOneToFive) {
  Start("3.4");

  Reply r = Call("GET", "/api/dcim/devices/?status=planned");

  ASSERT_EQ(200, r.status);
  EXPECT_EQ(5, r.body["count"]);
  EXPECT_EQ(1, r.body["results"][0]["id"]);
  EXPECT_EQ("loc1-core", r.body["results"][0]["name"]);
  EXPECT_TRUE(r.body["results"][0].contains("device_role"));
  EXPECT_FALSE(r.body["results"][0].contains("role"));
  EXPECT_EQ(4, r.body["results"][0]["primary_ip4"]["family"]["value"]);
}

TEST_F(ApiTest, LaterInventoriesAreReKeyedAfterEarlierOnes) {
  Start("4.5", 0, [](SimOptions& o) {
    o.data.push_back(SourceDir() + "/testdata/netbox-data/netbox-demo-3.6.json");
  });

  Reply all = Call("GET", "/api/dcim/devices/?limit=0");
  Reply unnamed = Call("GET", "/api/dcim/devices/?id__gt=5&limit=0&brief=1");

  EXPECT_EQ(77, all.body["count"]);
  int nulls = 0;
  for (const auto& d : unnamed.body["results"]) {
    nulls += d["name"].is_null() ? 1 : 0;
    EXPECT_GT(d["id"].get<int>(), 5);
  }
  EXPECT_EQ(22, nulls);
}

TEST_F(ApiTest, LimitIsCappedByMaxPageSizeAndZeroMeansMaxPageSize) {
  Start("4.5", 120, [](SimOptions& o) { o.max_page_size = 40; });

  EXPECT_EQ(40u, Call("GET", "/api/dcim/devices/?limit=100").body["results"].size());
  EXPECT_EQ(40u, Call("GET", "/api/dcim/devices/?limit=0").body["results"].size());
  EXPECT_EQ(40u, Call("GET", "/api/dcim/devices/").body["results"].size());
  EXPECT_EQ(40u, Call("GET", "/api/dcim/devices/?limit=-3").body["results"].size());
  EXPECT_EQ(0u, Call("GET", "/api/dcim/devices/?offset=5000").body["results"].size());
}

TEST_F(ApiTest, C6PageSizesChangeBetweenPagesAndNextIsStillRight) {
  Start("4.1", 195, [](SimOptions& o) {
    o.max_page_size = 30;
    o.paginate_count = 50;
  });
  std::vector<int> sizes;

  std::vector<int> ids = ListAll("/api/dcim/devices/", &sizes);

  EXPECT_EQ(50, sizes[0]);
  EXPECT_EQ(30, sizes[1]);
  EXPECT_EQ(200u, ids.size());
  EXPECT_EQ(200u, std::set<int>(ids.begin(), ids.end()).size());
}

TEST_F(ApiTest, DuplicateRowsQuirkRepeatsRowsAcrossPages) {
  Start("4.2.3", 20);

  std::vector<int> ids = ListAll("/api/dcim/devices/?limit=10");

  EXPECT_GT(ids.size(), std::set<int>(ids.begin(), ids.end()).size());
}

TEST_F(ApiTest, FiltersByStatusIdSiteTagAndTime) {
  Start("4.5", 100);

  EXPECT_EQ(5, Call("GET",
                    "/api/dcim/devices/?site=location-1&site=location-2&site=location-3"
                    "&site=location-4&site=location-5")
                   .body["count"]);
  EXPECT_EQ(2, Call("GET", "/api/dcim/devices/?id=1&id=3").body["count"]);
  EXPECT_EQ(3, Call("GET", "/api/dcim/devices/?id__lte=5&id__gte=3").body["count"]);
  EXPECT_EQ(104, Call("GET", "/api/dcim/devices/?id__n=1").body["count"]);
  Reply not_planned = Call("GET", "/api/dcim/devices/?status__n=planned&limit=0");
  for (const auto& d : not_planned.body["results"]) {
    EXPECT_NE("planned", d["status"]["value"]);
  }
  EXPECT_EQ(
      105, Call("GET", "/api/dcim/devices/?last_updated__gte=2000-01-01T00:00:00%2B00:00")
               .body["count"]);
  EXPECT_EQ(0,
            Call("GET", "/api/dcim/devices/?last_updated__gte=2099-01-01").body["count"]);
  EXPECT_EQ(400, Call("GET", "/api/dcim/devices/?site=nowhere").status);
  EXPECT_EQ(400, Call("GET", "/api/dcim/devices/?tag=nothing").status);
  EXPECT_EQ(105,
            Call("GET", "/api/dcim/devices/?modified_since=2020-01-01").body["count"]);
}

TEST_F(ApiTest, IgnoreFiltersFaultReturnsTheWholeTable) {
  Start("4.5");
  sim_->app().faults.Apply({{"ignore_filters", true}});

  EXPECT_EQ(5, Call("GET", "/api/dcim/devices/?name=loc1-core").body["count"]);
}

TEST_F(ApiTest, ExcludeFieldsOmitAndBrief) {
  Start("4.5");

  json full = Call("GET", "/api/dcim/devices/?exclude=config_context").body["results"][0];
  json brief = Call("GET", "/api/dcim/devices/?brief=true").body["results"][0];
  json fields = Call("GET", "/api/dcim/devices/?fields=id,status").body["results"][0];

  EXPECT_FALSE(full.contains("config_context"));
  EXPECT_TRUE(full.contains("interface_count"));
  std::vector<std::string> brief_keys;
  for (auto it = brief.begin(); it != brief.end(); ++it) {
    brief_keys.push_back(it.key());
  }
  EXPECT_EQ((std::vector<std::string>{"description", "display", "id", "name", "url"}),
            brief_keys);  // nlohmann::json sorts keys
  EXPECT_EQ(5u, brief.size());
  EXPECT_EQ(2u, fields.size());
}

TEST_F(ApiTest, ReadOnlyTokenCannotWriteAndV2TokensWork) {
  nbr::testing::TempDir dir;
  auto tokens = dir.Write("tokens",
                          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ro viewer\n"
                          "nbt_abcdefghijkl.secret123 rw reconciler\n");
  Start("4.5", 0, [&](SimOptions& o) { o.token_file = tokens.string(); });

  Reply ro = Call("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})",
                  {{"Authorization", "Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}});
  Reply v2 = Call("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})",
                  {{"Authorization", "Bearer nbt_abcdefghijkl.secret123"}});
  Reply golden = Call("GET", "/api/dcim/devices/1/");

  EXPECT_EQ(403, ro.status);
  EXPECT_EQ("You do not have permission to perform this action.", ro.body["detail"]);
  EXPECT_EQ(200, v2.status);
  EXPECT_EQ(403, golden.status);  // a token file replaces the golden tokens
}

TEST_F(ApiTest, EtagAndIfMatchFrom46) {
  Start("4.6");
  Reply get = Call("GET", "/api/dcim/devices/2/");
  std::string etag = httplib::detail::get_header_value(get.headers, "ETag", 0, "");

  Reply stale =
      Call("PATCH", "/api/dcim/devices/2/", R"({"status": "active"})",
           {{"Authorization", kToken}, {"If-Match", "W/\"2000-01-01T00:00:00+00:00\""}});
  Reply fresh = Call("PATCH", "/api/dcim/devices/2/", R"({"status": "active"})",
                     {{"Authorization", kToken}, {"If-Match", etag}});

  EXPECT_EQ(0u, etag.rfind("W/\"", 0));
  EXPECT_EQ(412, stale.status);
  EXPECT_EQ("Precondition failed.", stale.body["detail"]);
  EXPECT_EQ(200, fresh.status);
}

TEST_F(ApiTest, CursorPagingFrom46) {
  Start("4.6", 30);

  Reply first = Call("GET", "/api/dcim/devices/?start=0&limit=10");
  std::vector<int> ids = ListAll("/api/dcim/devices/?start=0&limit=10");

  EXPECT_TRUE(first.body["count"].is_null());
  EXPECT_TRUE(first.body["previous"].is_null());
  EXPECT_NE(std::string::npos, first.body["next"].get<std::string>().find("start=11"));
  EXPECT_EQ(35u, ids.size());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(400, Call("GET", "/api/dcim/devices/?start=0&offset=5").status);
}

TEST_F(ApiTest, BulkPatchIsAllOrNothing) {
  Start("4.5");

  Reply bad = Call("PATCH", "/api/dcim/devices/",
                   R"([{"id": 1, "status": "active"}, {"id": 2, "status": "bogus"}])");

  EXPECT_EQ(400, bad.status);
  EXPECT_EQ(json({{"status", {"bogus is not a valid choice."}}}), bad.body);
  EXPECT_EQ("planned", Call("GET", "/api/dcim/devices/1/").body["status"]["value"]);
}

TEST_F(ApiTest, RepeatedNameAtOneSiteIsRefusedNullNamesAreNot) {
  Start("4.5");
  std::string body = R"({"name": "loc1-core", "device_type": 1, "role": 1, "site": 1})";
  std::string unnamed = R"({"name": null, "device_type": 1, "role": 1, "site": 1})";

  Reply dup = Call("POST", "/api/dcim/devices/", body);

  EXPECT_EQ(400, dup.status);
  EXPECT_EQ(json({{"__all__", {"Device name must be unique per site."}}}), dup.body);
  EXPECT_EQ(201, Call("POST", "/api/dcim/devices/", unnamed).status);
  EXPECT_EQ(201, Call("POST", "/api/dcim/devices/", unnamed).status);
}

TEST_F(ApiTest, Version36HasRoleAndDeviceRole) {
  Start("3.6");

  json d = Call("GET", "/api/dcim/devices/1/").body;

  EXPECT_TRUE(d.contains("role"));
  EXPECT_TRUE(d.contains("device_role"));
}

TEST_F(ApiTest, StatusNeedsATokenWhenLoginIsRequired) {
  Start("4.5", 0, [](SimOptions& o) { o.login_required = true; });

  EXPECT_EQ(403, Call("GET", "/api/status/", "", {}).status);
  EXPECT_EQ(200, Call("GET", "/api/status/").status);
}

TEST_F(ApiTest, IpAddressesAndSites) {
  Start("4.5");

  Reply ips = Call("GET", "/api/ipam/ip-addresses/?device_id=1");
  Reply none = Call("GET", "/api/ipam/ip-addresses/?device_id=424242");
  Reply sites = Call("GET", "/api/dcim/sites/");

  EXPECT_EQ(2, ips.body["count"]);
  EXPECT_EQ("dcim.interface", ips.body["results"][0]["assigned_object_type"]);
  EXPECT_EQ(0, none.body["count"]);
  EXPECT_EQ(5, sites.body["count"]);
}

}  // namespace
}  // namespace nbr::sim::testing
