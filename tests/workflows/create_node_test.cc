#include "workflows/create_node.h"

#include <gtest/gtest.h>

#include "workflow_fixture.h"
#include "workflows/router_config.h"

namespace nbr::workflows {
namespace {

using namespace std::chrono_literals;
using nbr::testing::kLoc1Core;
using store::Lifecycle;
using store::ProcessStatus;

class CreateNodeTest : public nbr::testing::WorkflowTest {};

TEST_F(CreateNodeTest, HasTheWorkshopStepsInOrderWrappedByTheEngine) {
  std::vector<std::string> names;
  for (const auto& step : CreateNodeWorkflow().steps) {
    names.push_back(step.name);
  }

  EXPECT_EQ(names, (std::vector<std::string>{
                       "init", "construct_node_model", "store_process_subscription",
                       "fetch_ip_address_information", "provide_config_to_user",
                       "set_status(provisioning)", "update_node_status_netbox",
                       "set_status(active)", "resync", "done"}));
}

TEST_F(CreateNodeTest, EnrollsAPlannedDeviceAsAnActiveSubscriptionInSync) {
  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
  auto s = OnlySubscription();
  EXPECT_EQ(s.lifecycle, Lifecycle::kActive);
  EXPECT_TRUE(s.insync);
  EXPECT_EQ(s.node_id, kLoc1Core);
  EXPECT_EQ(s.node_name, "loc1-core");
  EXPECT_EQ(s.description, "Node loc1-core");
  EXPECT_EQ(s.ipv4_loopback, "10.0.0.1");
  EXPECT_EQ(s.ipv6_loopback, "2001:db8::1");
  EXPECT_EQ(s.start_date, clock_.Now());
  EXPECT_EQ(netbox_.FindDevice(kLoc1Core)->status, "active");
  EXPECT_EQ(store_->ProcessesOfSubscription(s.id)->size(), 1u);
}

TEST_F(CreateNodeTest, LogsEveryStepOnceWithTheStateAfterIt) {
  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(StepNames(process.id),
            (std::vector<std::string>{
                "init:success", "construct_node_model:success",
                "store_process_subscription:success",
                "fetch_ip_address_information:success", "provide_config_to_user:success",
                "set_status(provisioning):success", "update_node_status_netbox:success",
                "set_status(active):success", "resync:success", "done:complete"}));
  auto log = store_->StepLog(process.id).value();
  EXPECT_EQ(log[1].state["subscription"]["lifecycle"], "initial");
  EXPECT_EQ(log[3].state["subscription"]["ipv4_loopback"], "10.0.0.1");
  EXPECT_EQ(log[5].state["subscription"]["lifecycle"], "provisioning");
}

TEST_F(CreateNodeTest, RendersTheWorkshopConfigurationForLoc1Core) {
  auto process = Enroll(kLoc1Core);

  const std::vector<std::string> expected = {
      "! Paste the following config into loc1-core:",
      "! to complete configuring the device",
      "!",
      "enable",
      "configure terminal",
      "!",
      "hostname loc1-core",
      "!",
      "interface loopback 0",
      "!",
      "ip address 10.0.0.1 255.255.255.255",
      "ipv6 address 2001:db8::1/128",
      "!",
      "exit",
      "!",
      "end",
      "copy running-config startup-config",
  };
  std::string text = process.state["router_config"];
  std::vector<std::string> lines;
  for (size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), expected.size()) << text;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i], expected[i]) << "line " << i + 1;
  }
}

TEST_F(CreateNodeTest, AutoConfirmationIsRecorded) {
  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.state["config_confirmation"]["mode"], "auto");
}

TEST_F(CreateNodeTest, LooksTheDeviceUpByIdWhenNamesRepeat) {
  auto twin = netbox_.FindDevice(kLoc1Core).value();
  twin.id = 99;
  twin.primary_ip4 = "10.9.9.9/32";
  twin.primary_ip6 = "2001:db8::99/128";
  netbox_.PutDevice(twin);

  Enroll(kLoc1Core);

  auto s = OnlySubscription();
  EXPECT_EQ(s.node_id, kLoc1Core);
  EXPECT_EQ(s.ipv4_loopback, "10.0.0.1");
  EXPECT_EQ(netbox_.FindDevice(99)->status, "planned");
}

TEST_F(CreateNodeTest, FailsForAnUnknownDeviceWithoutASubscription) {
  auto process = Enroll(4242);

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_NE(process.failure_reason.find("construct_node_model: not_found"),
            std::string::npos);
  EXPECT_TRUE(store_->ListSubscriptions()->empty());
}

TEST_F(CreateNodeTest, RefusesADeviceThatIsNotPlanned) {
  auto device = netbox_.FindDevice(kLoc1Core).value();
  device.status = "active";
  netbox_.PutDevice(device);

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_NE(process.failure_reason.find("'active' in NetBox, not 'planned'"),
            std::string::npos);
}

TEST_F(CreateNodeTest, RefusesAnUnnamedDevice) {
  auto device = netbox_.FindDevice(kLoc1Core).value();
  device.name = std::nullopt;
  netbox_.PutDevice(device);

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_NE(process.failure_reason.find("has no name"), std::string::npos);
}

TEST_F(CreateNodeTest, FailsNamingTheMissingPrimaryIpv6) {
  auto device = netbox_.FindDevice(kLoc1Core).value();
  device.primary_ip6 = std::nullopt;
  netbox_.PutDevice(device);

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_EQ(process.last_step, "fetch_ip_address_information");
  EXPECT_NE(
      process.failure_reason.find("device 7 (loc1-core) has no primary IPv6 address"),
      std::string::npos);
  EXPECT_EQ(netbox_.FindDevice(kLoc1Core)->status, "planned");
  EXPECT_FALSE(OnlySubscription().insync);
}

TEST_F(CreateNodeTest, EnrollsASingleStackNodeWhenAllowed) {
  auto settings = settings_;
  settings.allow_single_stack = true;
  UseSettings(settings);
  auto device = netbox_.FindDevice(kLoc1Core).value();
  device.primary_ip4 = std::nullopt;
  netbox_.PutDevice(device);

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
  EXPECT_FALSE(OnlySubscription().ipv4_loopback.has_value());
  std::string config = process.state["router_config"];
  EXPECT_EQ(config.find("ip address"), std::string::npos);
  EXPECT_NE(config.find("ipv6 address 2001:db8::1/128\n"), std::string::npos);
}

TEST_F(CreateNodeTest, FailsWhenNetBoxDoesNotTakeTheActiveStatus) {
  netbox_.IgnoreStatusWrites(true);

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_EQ(process.last_step, "update_node_status_netbox");
  EXPECT_NE(process.failure_reason.find("answered status 'planned'"), std::string::npos);
  auto s = OnlySubscription();
  EXPECT_EQ(s.lifecycle, Lifecycle::kProvisioning);
  EXPECT_FALSE(s.insync);
}

TEST_F(CreateNodeTest, FailsWhenTheDeviceVanishesBeforeThePatch) {
  engine_->SetStepObserver([this](store::ProcessId, const std::string& step) {
    if (step == "set_status(provisioning)") {
      netbox_.RemoveDevice(kLoc1Core);
    }
  });

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_NE(process.failure_reason.find("update_node_status_netbox: not_found"),
            std::string::npos);
}

TEST_F(CreateNodeTest, ManualConfirmationSuspendsWithTheConfiguration) {
  auto settings = settings_;
  settings.config_confirmation = config::Confirmation::kManual;
  UseSettings(settings);

  auto process = Enroll(kLoc1Core);

  EXPECT_EQ(process.status, ProcessStatus::kSuspended);
  EXPECT_EQ(process.last_step, "provide_config_to_user");
  EXPECT_NE(process.state["router_config"].get<std::string>().find("hostname loc1-core"),
            std::string::npos);
  EXPECT_EQ(netbox_.FindDevice(kLoc1Core)->status, "planned");
  EXPECT_TRUE(store_->DueProcesses(clock_.Now() + 48h, clock_.Now() + 48h)->empty());
}

TEST_F(CreateNodeTest, CompletesWhenConfirmedADayLater) {
  auto settings = settings_;
  settings.config_confirmation = config::Confirmation::kManual;
  UseSettings(settings);
  auto suspended = Enroll(kLoc1Core);
  clock_.Advance(24h);

  auto process =
      engine_->Confirm(suspended.id, {{"config_put_on_router", true}, {"by", "alice"}});

  ASSERT_TRUE(process.ok()) << process.error().ToString();
  EXPECT_EQ(process->status, ProcessStatus::kCompleted);
  EXPECT_EQ(process->state["config_confirmation"]["by"], "alice");
  EXPECT_EQ(process->state["config_confirmation"]["at"], FormatTimestamp(clock_.Now()));
  EXPECT_EQ(OnlySubscription().start_date, clock_.Now());
  EXPECT_EQ(netbox_.FindDevice(kLoc1Core)->status, "active");
  auto names = StepNames(suspended.id);
  EXPECT_EQ(std::count(names.begin(), names.end(), "provide_config_to_user:suspend"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "provide_config_to_user:success"), 1);
}

TEST_F(CreateNodeTest, RefusesAConfirmationWithoutTheCheckbox) {
  auto settings = settings_;
  settings.config_confirmation = config::Confirmation::kManual;
  UseSettings(settings);
  auto suspended = Enroll(kLoc1Core);

  auto process = engine_->Confirm(suspended.id, {{"config_put_on_router", false}});

  ASSERT_FALSE(process.ok());
  EXPECT_EQ(process.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(store_->GetProcess(suspended.id)->status, ProcessStatus::kSuspended);
}

TEST_F(CreateNodeTest, AbortLeavesTheSubscriptionWhereItWas) {
  auto settings = settings_;
  settings.config_confirmation = config::Confirmation::kManual;
  UseSettings(settings);
  auto suspended = Enroll(kLoc1Core);

  ASSERT_TRUE(engine_->Abort(suspended.id, "wrong router").ok());

  EXPECT_EQ(store_->GetProcess(suspended.id)->status, ProcessStatus::kAborted);
  auto s = OnlySubscription();
  EXPECT_EQ(s.lifecycle, Lifecycle::kInitial);
  EXPECT_FALSE(s.insync);
  EXPECT_EQ(engine_->StartCreateNode(kLoc1Core, "test").error().kind(),
            ErrorKind::kAlreadyExists);
  EXPECT_EQ(
      engine_->Confirm(suspended.id, {{"config_put_on_router", true}}).error().kind(),
      ErrorKind::kConflict);
}

TEST_F(CreateNodeTest, RefusesToEnrollADeviceTwice) {
  Enroll(kLoc1Core);

  auto again = engine_->StartCreateNode(kLoc1Core, "test");

  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind(), ErrorKind::kAlreadyExists);
  EXPECT_EQ(netbox_.status_writes(), 1);
}

TEST(RouterConfigTest, UsesTheFullMaskForASlash32) {
  auto text = RenderRouterConfig("r1", std::string("192.0.2.1"), std::nullopt);

  EXPECT_NE(text.find("ip address 192.0.2.1 255.255.255.255\n"), std::string::npos);
  EXPECT_EQ(text.find("255.255.255.55\n"), std::string::npos);
  EXPECT_EQ(text.find("ipv6"), std::string::npos);
}

}  // namespace
}  // namespace nbr::workflows
