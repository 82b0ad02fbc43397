// End-to-end tests of `netbox-reconciler serve`: netbox-sim and the daemon
// run as real processes, NetBox's event rule points at the daemon.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "common/clock.h"
#include "store/store.h"
#include "support/daemon_process.h"
#include "support/sim_process.h"
#include "support/sim_stack.h"
#include "support/temp_dir.h"
#include "webhook/payload.h"
#include "webhook/signature.h"

namespace nbr {
namespace {

using ::testing::HasSubstr;
using testing::kSimToken;

constexpr const char* kSecret = "e2e-webhook-secret-0123456789";

bool WaitFor(const std::function<bool()>& done,
             std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

class DaemonE2eTest : public ::testing::Test {
 protected:
  // Starts netbox-sim (workshop inventory, event rule to the daemon) with
  // device 5 taken out of `planned` silently, so that only a change can
  // bring it back.
  void StartSim() {
    port_ = testing::FreePort();
    dir_.Write("netbox-token", std::string(kSimToken) + "\n");
    dir_.Write("webhook-secret", std::string(kSecret) + "\n");
    nlohmann::json rules = nlohmann::json::array(
        {{{"url", "http://127.0.0.1:" + std::to_string(port_) + "/webhooks/netbox"},
          {"secret_file", (dir_.path() / "webhook-secret").string()}}});
    dir_.Write("rules.json", rules.dump());
    sim_ = std::make_unique<testing::SimProcess>(std::vector<std::string>{
        "--netbox-version", "4.5", "--data", testing::WorkshopInventory(),
        "--event-rules", (dir_.path() / "rules.json").string()});
    ASSERT_TRUE(sim_->ok()) << sim_->error();
    ASSERT_TRUE(sim_->SilentPatchDevice(5, {{"status", "offline"}}));
  }

  void WriteConfig(int poll_seconds, const std::string& extra_webhook = "") {
    dir_.Write("netbox-reconciler.toml",
               "[netbox]\nurl = \"" + sim_->base_url() +
                   "\"\ntoken_file = \"netbox-token\"\nrequests_per_second = 0\n"
                   "[webhook]\nlisten_port = " +
                   std::to_string(port_) +
                   "\nsecret_files = [\"webhook-secret\"]\nmax_body_bytes = 65536\n" +
                   extra_webhook +
                   "[database]\npath = \"state.db\"\n[poll]\ninterval_seconds = " +
                   std::to_string(poll_seconds) +
                   "\njitter_seconds = 0\n[workflow]\nconfig_confirmation = \"auto\"\n"
                   "retry_initial_seconds = 1\n[log]\nlevel = \"debug\"\n");
  }

  void StartDaemon(int poll_seconds = 3600) {
    WriteConfig(poll_seconds);
    daemon_ = std::make_unique<testing::DaemonProcess>(
        (dir_.path() / "netbox-reconciler.toml").string(),
        (dir_.path() / "daemon.log").string(), port_);
    ASSERT_TRUE(daemon_->Start()) << daemon_->Log();
  }

  std::string Status(int id) {
    httplib::Client c(sim_->base_url());
    auto res = c.Get("/api/dcim/devices/" + std::to_string(id) + "/",
                     {{"Authorization", std::string("Token ") + kSimToken}});
    return res && res->status == 200
               ? nlohmann::json::parse(res->body)["status"]["value"].get<std::string>()
               : "";
  }

  // Changes a device through NetBox's API (so NetBox sends its webhook).
  void PatchDevice(int id, const nlohmann::json& body) {
    httplib::Client c(sim_->base_url());
    auto res = c.Patch("/api/dcim/devices/" + std::to_string(id) + "/",
                       {{"Authorization", std::string("Token ") + kSimToken}},
                       body.dump(), "application/json");
    ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
  }

  httplib::Result Post(const std::string& body, const std::string& signature,
                       bool sign = true) {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers headers;
    if (sign) {
      headers.emplace("X-Hook-Signature", signature);
    }
    return c.Post("/webhooks/netbox", headers, body, "application/json");
  }

  std::string Get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    auto res = c.Get(path);
    return res ? res->body : "";
  }

  nlohmann::json LatestReport() {
    auto body = Get("/api/v1/reports/latest");
    auto j = nlohmann::json::parse(body, nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
  }

  int64_t SimCount(const std::string& key) {
    int64_t n = 0;
    auto stats = sim_->Stats();
    if (stats["requests"].contains(key)) {
      for (auto& [status, count] : stats["requests"][key].items()) {
        n += count.get<int64_t>();
      }
    }
    return n;
  }

  testing::TempDir dir_;
  int port_ = 0;
  std::unique_ptr<testing::SimProcess> sim_;
  std::unique_ptr<testing::DaemonProcess> daemon_;
};

TEST_F(DaemonE2eTest, EnrollsThroughTheStartupPassAndThroughAWebhookWithoutEchoLoops) {
  StartSim();
  StartDaemon();

  // 1. The start-up pass enrolls the four planned routers.
  ASSERT_TRUE(WaitFor([&] {
    for (int id = 1; id <= 4; ++id) {
      if (Status(id) != "active") {
        return false;
      }
    }
    return true;
  })) << daemon_->Log();
  EXPECT_EQ(Status(5), "offline");
  EXPECT_THAT(Get("/readyz"), HasSubstr("ready"));

  // 2. An operator marks router 5 planned: NetBox's webhook enrolls it.
  PatchDevice(5, {{"status", "planned"}});
  ASSERT_TRUE(WaitFor([&] { return Status(5) == "active"; })) << daemon_->Log();
  ASSERT_TRUE(sim_->WaitWebhooksIdle(std::chrono::seconds(10)));
  ASSERT_TRUE(WaitFor([&] {
    auto r = LatestReport();
    return r.value("trigger", "") == "webhook" && r.value("scope_device_id", 0) == 5;
  })) << Get("/api/v1/reports/latest");

  // 3. Case C8: our own PATCHes come back as webhooks and change nothing.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // One PATCH per router enrolled, plus the operator's own: no loop.
  EXPECT_EQ(SimCount("PATCH /api/dcim/devices/{id}/"), 5 + 1);
  std::string metrics = Get("/metrics");
  EXPECT_THAT(metrics, HasSubstr("netbox_reconciler_webhooks_total{result=\"echo\"}"));
  EXPECT_THAT(metrics, HasSubstr("netbox_reconciler_netbox_requests_total"));
  EXPECT_TRUE(WaitFor([&] {
    return Get("/metrics").find("netbox_reconciler_processes{status=\"completed\"} 5") !=
           std::string::npos;
  })) << Get("/metrics");
  auto subs = nlohmann::json::parse(Get("/api/v1/subscriptions"));
  EXPECT_EQ(subs.size(), 5u);

  EXPECT_EQ(daemon_->Terminate(), 0) << daemon_->Log();
  EXPECT_THAT(daemon_->Log(), HasSubstr("stopped cleanly"));
  EXPECT_THAT(daemon_->Log(), Not(HasSubstr(kSimToken)));
  EXPECT_THAT(daemon_->Log(), Not(HasSubstr(kSecret)));
}

TEST_F(DaemonE2eTest, RefusesBadDeliveriesWithClearAnswers) {
  StartSim();
  StartDaemon();
  std::string body =
      R"({"event": "updated", "object_type": "dcim.device", "data": {"id": 3}})";
  std::string good = webhook::ComputeSignature(Secret(kSecret), body);

  auto wrong = Post(body, webhook::ComputeSignature(Secret("not-the-secret"), body));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);

  auto unsigned_post = Post(body, "", /*sign=*/false);
  ASSERT_TRUE(unsigned_post);
  EXPECT_EQ(unsigned_post->status, 401);

  std::string huge(100000, 'x');
  auto too_big = Post(huge, webhook::ComputeSignature(Secret(kSecret), huge));
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);

  std::string garbage = "{\"event\": ";
  auto malformed = Post(garbage, webhook::ComputeSignature(Secret(kSecret), garbage));
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);

  std::string ip =
      R"({"event": "created", "object_type": "ipam.ipaddress", "data": {"id": 9}})";
  auto other = Post(ip, webhook::ComputeSignature(Secret(kSecret), ip));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 202);
  EXPECT_THAT(other->body, HasSubstr("ignored"));

  auto accepted = Post(body, good);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 202);
  EXPECT_THAT(accepted->body, HasSubstr("accepted"));

  EXPECT_THAT(daemon_->Log(), Not(HasSubstr(kSecret)));
  EXPECT_TRUE(daemon_->running());
}

// Case C7: NetBox could not deliver the webhook and does not retry.
TEST_F(DaemonE2eTest, C7LostWebhookIsCaughtByThePoll) {
  StartSim();
  StartDaemon(/*poll_seconds=*/5);
  ASSERT_TRUE(WaitFor([&] { return Status(4) == "active"; })) << daemon_->Log();
  ASSERT_TRUE(sim_->SetFaults({{"webhooks_unreachable", true}}));

  PatchDevice(5, {{"status", "planned"}});

  ASSERT_TRUE(WaitFor([&] { return Status(5) == "active"; }, std::chrono::seconds(20)))
      << daemon_->Log();
  auto report = LatestReport();
  EXPECT_EQ(report.value("trigger", ""), "schedule") << report.dump(2);
  bool found = false;
  for (const auto& f : report["findings"]) {
    found = found || (f["device_id"] == 5 && f["kind"] == "planned_without_subscription");
  }
  EXPECT_TRUE(found) << report.dump(2);
}

TEST_F(DaemonE2eTest, RestartDrainsUndeliveredInboxItems) {
  StartSim();
  StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return Status(4) == "active"; })) << daemon_->Log();
  ASSERT_EQ(daemon_->Terminate(), 0);

  {
    SystemClock clock;
    auto store = store::Store::Open(dir_.path() / "state.db", clock);
    ASSERT_TRUE(store.ok());
    store::InboxItem item;
    item.received_at = clock.Now();
    item.device_id = 2;
    item.event = "updated";
    item.object_type = "dcim.device";
    ASSERT_TRUE((*store)->AppendInbox(item).ok());
  }
  ASSERT_TRUE(daemon_->Start()) << daemon_->Log();

  ASSERT_TRUE(WaitFor([&] {
    SystemClock clock;
    auto store = store::Store::Open(dir_.path() / "state.db", clock);
    auto pending = (*store)->PendingInbox();
    return pending.ok() && pending->empty();
  })) << daemon_->Log();
  EXPECT_THAT(daemon_->Log(),
              HasSubstr("re-queued 1 devices from undelivered inbox items"));
}

TEST_F(DaemonE2eTest, SighupRotatesSecretsAndSurvivesABrokenFile) {
  StartSim();
  StartDaemon();
  std::string body =
      R"({"event": "updated", "object_type": "dcim.device", "data": {"id": 1}})";

  dir_.Write("webhook-secret", "rotated-secret-value\n");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] {
    auto r = Post(body, webhook::ComputeSignature(Secret("rotated-secret-value"), body));
    return r && r->status == 202;
  })) << daemon_->Log();
  auto old = Post(body, webhook::ComputeSignature(Secret(kSecret), body));
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 403);

  dir_.Write("netbox-reconciler.toml", "[netbox]\nurl = 42\n");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] {
    return daemon_->Log().find("reload refused") != std::string::npos;
  })) << daemon_->Log();
  EXPECT_TRUE(daemon_->running());
  auto still =
      Post(body, webhook::ComputeSignature(Secret("rotated-secret-value"), body));
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 202);
  EXPECT_THAT(daemon_->Log(), Not(HasSubstr("rotated-secret-value")));

  EXPECT_EQ(daemon_->Terminate(), 0);
}

}  // namespace
}  // namespace nbr
