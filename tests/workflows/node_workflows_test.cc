// modify_node, terminate_node and validate_node on an enrolled node.
#include <gtest/gtest.h>

#include "workflow_fixture.h"

namespace nbr::workflows {
namespace {

using nbr::testing::kLoc1Core;
using store::Lifecycle;
using store::ProcessStatus;

class NodeWorkflowsTest : public nbr::testing::WorkflowTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(Enroll(kLoc1Core).status, ProcessStatus::kCompleted);
    subscription_ = OnlySubscription().id;
  }

  store::Process Run(Result<store::ProcessId> id) {
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    auto process = engine_->RunProcess(id.value());
    EXPECT_TRUE(process.ok()) << process.error().ToString();
    return process.value();
  }

  void RenameAndReaddress() {
    auto device = netbox_.FindDevice(kLoc1Core).value();
    device.name = "loc1-core-new";
    device.primary_ip4 = "10.1.0.1/32";
    netbox_.PutDevice(device);
  }

  store::SubscriptionId subscription_;
};

TEST_F(NodeWorkflowsTest, TerminateEndsTheSubscriptionWithTheReason) {
  auto process =
      Run(engine_->StartTerminateNode(subscription_, "device deleted", "test"));

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
  auto s = store_->GetSubscription(subscription_).value();
  EXPECT_EQ(s.lifecycle, Lifecycle::kTerminated);
  EXPECT_EQ(s.end_date, clock_.Now());
  EXPECT_EQ(s.note, "device deleted");
  EXPECT_TRUE(store_->LiveSubscriptions()->empty());
  EXPECT_EQ(store_->ProcessesOfSubscription(subscription_)->size(), 2u);
}

TEST_F(NodeWorkflowsTest, ADeviceCanBeEnrolledAgainAfterTermination) {
  Run(engine_->StartTerminateNode(subscription_, "decommissioned", "test"));
  auto device = netbox_.FindDevice(kLoc1Core).value();
  device.status = "planned";
  netbox_.PutDevice(device);

  auto again = Enroll(kLoc1Core);

  EXPECT_EQ(again.status, ProcessStatus::kCompleted);
  EXPECT_EQ(store_->ListSubscriptions()->size(), 2u);
}

TEST_F(NodeWorkflowsTest, OnlyOneProcessWorksOnASubscription) {
  auto first = engine_->StartModifyNode(subscription_, "test");
  ASSERT_TRUE(first.ok());

  auto second = engine_->StartTerminateNode(subscription_, "gone", "test");

  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind(), ErrorKind::kConflict);
  EXPECT_FALSE(store_->GetSubscription(subscription_)->insync);
}

TEST_F(NodeWorkflowsTest, ModifyTakesNetBoxsNameAndLoopbacksRecordingBeforeAndAfter) {
  RenameAndReaddress();

  auto process = Run(engine_->StartModifyNode(subscription_, "reconciler"));

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
  auto s = store_->GetSubscription(subscription_).value();
  EXPECT_EQ(s.node_name, "loc1-core-new");
  EXPECT_EQ(s.description, "Node loc1-core-new");
  EXPECT_EQ(s.ipv4_loopback, "10.1.0.1");
  EXPECT_TRUE(s.insync);
  EXPECT_EQ(process.state["modification"]["before"]["node_name"], "loc1-core");
  EXPECT_EQ(process.state["modification"]["after"]["ipv4_loopback"], "10.1.0.1");
}

TEST_F(NodeWorkflowsTest, ModifyOfADeletedDeviceFailsAndKeepsTheSubscriptionLocked) {
  netbox_.RemoveDevice(kLoc1Core);

  auto process = Run(engine_->StartModifyNode(subscription_, "reconciler"));

  EXPECT_EQ(process.status, ProcessStatus::kFailed);
  EXPECT_FALSE(store_->GetSubscription(subscription_)->insync);
}

TEST_F(NodeWorkflowsTest, ValidateFindsNothingOnAFreshNode) {
  auto result = engine_->Validate(subscription_, "test");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, ProcessStatus::kCompleted);
  EXPECT_TRUE(result->differences.empty());
}

TEST_F(NodeWorkflowsTest, ValidateRecordsTheDifferencesAndFails) {
  RenameAndReaddress();

  auto result = engine_->Validate(subscription_, "test");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, ProcessStatus::kFailed);
  ASSERT_EQ(result->differences.size(), 2u);
  EXPECT_EQ(result->differences[0]["field"], "node_name");
  EXPECT_EQ(result->differences[1]["netbox"], "10.1.0.1");
  EXPECT_NE(result->failure_reason.find("node_name"), std::string::npos);
  // Validation does not lock the subscription: the mend can start.
  EXPECT_TRUE(store_->GetSubscription(subscription_)->insync);
  EXPECT_TRUE(engine_->StartModifyNode(subscription_, "reconciler").ok());
}

TEST_F(NodeWorkflowsTest, ValidateReportsAVanishedDevice) {
  netbox_.RemoveDevice(kLoc1Core);

  auto result = engine_->Validate(subscription_, "test");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, ProcessStatus::kFailed);
  EXPECT_EQ(result->differences[0]["field"], "device");
}

TEST_F(NodeWorkflowsTest, ValidateWaitsDuringAnOutage) {
  netbox_.SetOutage(true);

  auto result = engine_->Validate(subscription_, "test");

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, ProcessStatus::kWaiting);
}

}  // namespace
}  // namespace nbr::workflows
