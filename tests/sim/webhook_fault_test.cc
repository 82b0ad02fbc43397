// Webhooks (bodies per version, users, quirks C3 and C5, pause, lost and
// retried deliveries) and the faults switched through the control endpoint.
#include <gtest/gtest.h>

#include "sim/sim_test_support.h"
#include "support/temp_dir.h"
#include "webhooks/signature.h"

namespace nbr::sim::testing {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr char kToken[] = "Token 0123456789abcdef0123456789abcdef01234567";
constexpr char kSecret[] = "s3cret";

class WebhookTest : public ::testing::Test {
 protected:
  void Start(const std::string& version, json rule_extra = json::object(),
             std::function<void(SimOptions&)> tweak = nullptr) {
    json rule = {{"url", receiver_.url()}, {"secret_file", "secret"}};
    rule.update(rule_extra);
    dir_.Write("secret", std::string(kSecret) + "\n");
    auto rules = dir_.Write("rules.json", json::array({rule}).dump());
    SimOptions o = OptionsFor(
        version, {SourceDir() + "/testdata/netbox-data/workshop-netbox-3.4.json"});
    o.event_rules = rules.string();
    if (tweak) {
      tweak(o);
    }
    sim_ = std::make_unique<InProcessSim>(o);
  }

  int Send(const std::string& method, const std::string& path,
           const std::string& body = "", const std::string& token = kToken) {
    auto client = sim_->Client();
    httplib::Headers headers = {{"Authorization", token}};
    httplib::Result r =
        method == "PATCH"    ? client->Patch(path, headers, body, "application/json")
        : method == "DELETE" ? client->Delete(path, headers)
        : method == "POST"   ? client->Post(path, headers, body, "application/json")
                             : client->Get(path, headers);
    return r ? r->status : 0;
  }

  std::vector<ordered_json> Bodies() {
    EXPECT_TRUE(sim_->app().webhooks->WaitIdle(10000));
    std::vector<ordered_json> out;
    for (const auto& r : receiver_.received()) {
      out.push_back(ordered_json::parse(r.body));
    }
    return out;
  }

  static std::vector<std::string> Keys(const ordered_json& j) {
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) {
      keys.push_back(it.key());
    }
    return keys;
  }

  nbr::testing::TempDir dir_;
  WebhookReceiver receiver_;
  std::unique_ptr<InProcessSim> sim_;
};

TEST_F(WebhookTest, SignsWithTheSecretFromTheSecretFile) {
  Start("4.5");

  ASSERT_EQ(200, Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})"));

  auto received = (Bodies(), receiver_.received());
  ASSERT_EQ(1u, received.size());
  EXPECT_EQ(HookSignature(kSecret, received[0].body),
            received[0].headers.find("X-Hook-Signature")->second);
}

TEST_F(WebhookTest, BodyKeysFollowTheBodyVersion) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"3.4",
       {"event", "timestamp", "model", "username", "request_id", "data", "snapshots"}},
      {"4.4",
       {"event", "timestamp", "object_type", "model", "username", "request_id", "data",
        "snapshots"}},
      {"4.6",
       {"event", "timestamp", "object_type", "username", "request_id", "data", "request",
        "snapshots"}},
      {"4.7", {"event", "timestamp", "object_type", "data", "request", "snapshots"}},
  };
  for (const auto& [version, keys] : cases) {
    SCOPED_TRACE(version);
    receiver_.set_status(200);
    Start("4.5", {{"body_version", version}});
    size_t before = receiver_.received().size();

    ASSERT_EQ(200, Send("PATCH", "/api/dcim/devices/2/", R"({"status": "active"})"));

    auto bodies = Bodies();
    ASSERT_EQ(before + 1, bodies.size());
    EXPECT_EQ(keys, Keys(bodies.back()));
  }
}

TEST_F(WebhookTest, TimestampHasASpaceUpTo365) {
  Start("3.6.5");

  Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})");

  EXPECT_EQ(' ', Bodies()[0]["timestamp"].get<std::string>()[10]);
}

TEST_F(WebhookTest, C8CarriesTheTokenOwnersUsername) {
  auto tokens =
      dir_.Write("tokens", "0123456789abcdef0123456789abcdef01234567 rw reconciler\n");
  Start("4.6", json::object(), [&](SimOptions& o) { o.token_file = tokens.string(); });

  Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})");

  auto body = Bodies()[0];
  EXPECT_EQ("reconciler", body["username"]);
  EXPECT_EQ("reconciler", body["request"]["user"]);
  EXPECT_EQ("PATCH", body["request"]["method"]);
}

TEST_F(WebhookTest, C3StaleDuplicateUpdateComesFirstWithTheSameRequestId) {
  Start("4.5");
  sim_->app().faults.Apply({{"stale_duplicate_updates", true}});

  Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})");

  auto bodies = Bodies();
  ASSERT_EQ(2u, bodies.size());
  EXPECT_EQ(bodies[0]["request_id"], bodies[1]["request_id"]);
  EXPECT_EQ("planned", bodies[0]["data"]["status"]["value"]);
  EXPECT_EQ("active", bodies[1]["data"]["status"]["value"]);
}

TEST_F(WebhookTest, C5DeleteSendsUpdatedThenDeleted) {
  Start("4.5");
  sim_->app().faults.Apply({{"update_before_delete", true}});

  ASSERT_EQ(204, Send("DELETE", "/api/dcim/devices/3/"));

  auto bodies = Bodies();
  ASSERT_EQ(2u, bodies.size());
  EXPECT_EQ("updated", bodies[0]["event"]);
  EXPECT_EQ("deleted", bodies[1]["event"]);
  EXPECT_TRUE(bodies[1]["snapshots"]["postchange"].is_null());
  EXPECT_EQ(404, Send("GET", "/api/dcim/devices/3/"));
}

TEST_F(WebhookTest, BulkPatchSendsOneWebhookPerDevice) {
  Start("4.5", json::object(), [](SimOptions& o) { o.webhook_workers = 3; });

  Send("PATCH", "/api/dcim/devices/",
       R"([{"id": 1, "status": "active"}, {"id": 2, "status": "active"},
           {"id": 3, "status": "active"}, {"id": 424242, "status": "active"}])");

  auto bodies = Bodies();
  std::set<int> ids;
  for (const auto& b : bodies) {
    ids.insert(b["data"]["id"].get<int>());
  }
  EXPECT_EQ((std::set<int>{1, 2, 3}), ids);
}

TEST_F(WebhookTest, PausedDeliveriesWaitUntilResumed) {
  Start("4.5");
  auto client = sim_->Client();
  client->Post("/_sim/webhooks/pause");

  Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  size_t while_paused = receiver_.received().size();
  client->Post("/_sim/webhooks/resume");

  EXPECT_EQ(0u, while_paused);
  EXPECT_EQ(1u, Bodies().size());
}

TEST_F(WebhookTest, UnreachableTargetLosesTheWebhookWithoutRetry) {
  Start("4.5");
  sim_->app().faults.Apply({{"webhooks_unreachable", true}});

  Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})");

  EXPECT_TRUE(Bodies().empty());
  json log = sim_->app().webhooks->Log();
  ASSERT_EQ(1u, log.size());
  EXPECT_EQ("failed", log[0]["state"]);
  EXPECT_EQ(1, log[0]["attempts"]);
}

TEST_F(WebhookTest, RetriesWhenConfigured) {
  Start("4.5", json::object(), [](SimOptions& o) {
    o.webhook_retries = 2;
    o.webhook_retry_delay_ms = 10;
  });
  receiver_.set_status(503);

  Send("PATCH", "/api/dcim/devices/1/", R"({"status": "active"})");

  EXPECT_EQ(3u, Bodies().size());
  json log = sim_->app().webhooks->Log();
  EXPECT_EQ("failed", log[0]["state"]);
  EXPECT_EQ(503, log[0]["status_code"]);
}

TEST_F(WebhookTest, ControlEndpointChangesADeviceSilently) {
  Start("4.5");
  auto client = sim_->Client();

  auto r =
      client->Patch("/_sim/devices/1", R"({"status": "active"})", "application/json");

  ASSERT_TRUE(r);
  EXPECT_EQ(200, r->status);
  EXPECT_TRUE(Bodies().empty());
  auto got = client->Get("/api/dcim/devices/1/", {{"Authorization", kToken}});
  EXPECT_EQ("active", json::parse(got->body)["status"]["value"]);
}

TEST_F(WebhookTest, BodyTemplateRendersTheContext) {
  Start("4.5", {{"body_template", R"({"id": {{ data.id }}, "event": "{{ event }}"})"}});

  Send("PATCH", "/api/dcim/devices/4/", R"({"status": "active"})");

  EXPECT_EQ(ordered_json({{"id", 4}, {"event", "updated"}}), Bodies()[0]);
}

class FaultTest : public WebhookTest {};

TEST_F(FaultTest, FailsOnlyThePageAskedFor) {
  Start("4.5");
  sim_->app().faults.Apply({{"rules",
                             {{{"path", "/api/dcim/devices/"},
                               {"method", "GET"},
                               {"skip", 2},
                               {"count", 1}}}}});

  std::vector<int> statuses;
  for (int page = 0; page < 4; ++page) {
    statuses.push_back(
        Send("GET", "/api/dcim/devices/?limit=1&offset=" + std::to_string(page)));
  }

  EXPECT_EQ((std::vector<int>{200, 200, 500, 200}), statuses);
}

TEST_F(FaultTest, RateLimitAnswers429WithRetryAfter) {
  Start("4.5");
  sim_->app().faults.Apply({{"rate_limit_rate", 1.0}, {"retry_after_s", 3}});

  auto r = sim_->Client()->Get("/api/dcim/devices/", {{"Authorization", kToken}});

  ASSERT_TRUE(r);
  EXPECT_EQ(429, r->status);
  EXPECT_EQ("3", r->get_header_value("Retry-After"));
}

TEST_F(FaultTest, DroppedConnectionIsAClientError) {
  Start("4.5");
  sim_->app().faults.Apply({{"drop_rate", 1.0}});

  auto r = sim_->Client()->Get("/api/dcim/devices/", {{"Authorization", kToken}});

  EXPECT_FALSE(r);
}

TEST_F(FaultTest, HungRequestTimesOutAtTheClient) {
  Start("4.5");
  sim_->app().faults.Apply({{"hang_rate", 1.0}, {"hang_ms", 2000}});
  auto client = sim_->Client();
  client->set_read_timeout(0, 300000);

  auto r = client->Get("/api/dcim/devices/", {{"Authorization", kToken}});

  EXPECT_FALSE(r);
  sim_->app().faults.Apply({{"clear", true}});
}

TEST_F(FaultTest, LatencyIsAdded) {
  Start("4.5");
  sim_->app().faults.Apply({{"latency_ms", 150}});
  auto start = std::chrono::steady_clock::now();

  Send("GET", "/api/status/");

  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
}

TEST_F(FaultTest, StatsCountEveryRoundTrip) {
  Start("4.5");

  Send("GET", "/api/dcim/devices/1/");
  Send("GET", "/api/dcim/devices/2/");
  Send("GET", "/api/dcim/devices/999/");

  EXPECT_EQ(2, sim_->app().stats.Get("GET", "/api/dcim/devices/{id}/", 200));
  EXPECT_EQ(1, sim_->app().stats.Get("GET", "/api/dcim/devices/{id}/", 404));
}

}  // namespace
}  // namespace nbr::sim::testing
