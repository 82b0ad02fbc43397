#include "reconcile/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nbr::reconcile {
namespace {

using store::Lifecycle;
using store::ProcessStatus;

const TimePoint kNow = TimePoint(std::chrono::hours(24 * 20000));

netbox::Device MakeDevice(int64_t id, std::string name, std::string status) {
  netbox::Device d;
  d.id = id;
  d.name = std::move(name);
  d.status = std::move(status);
  d.primary_ip4 = "10.0.0." + std::to_string(id) + "/32";
  d.primary_ip6 = "2001:db8::" + std::to_string(id) + "/128";
  return d;
}

store::Subscription Enrolled(const netbox::Device& d, std::string id,
                             int age_hours = 10) {
  store::Subscription s;
  s.id = std::move(id);
  s.lifecycle = Lifecycle::kActive;
  s.insync = true;
  s.node_id = d.id;
  s.node_name = d.name;
  s.ipv4_loopback = AddressWithoutPrefix(*d.primary_ip4);
  s.ipv6_loopback = AddressWithoutPrefix(*d.primary_ip6);
  s.created_at = kNow - std::chrono::hours(age_hours);
  return s;
}

store::Process Enrollment(int64_t id, int64_t device, ProcessStatus status) {
  store::Process p;
  p.id = id;
  p.workflow = "create_node";
  p.device_id = device;
  p.status = status;
  p.modified_at = kNow;
  return p;
}

class RulesTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(Mode mode = Mode::kApply) {
    return Decide(snapshot_, config_, kNow, mode);
  }
  Snapshot snapshot_;
  config::Config config_;
  config::DriftPolicies& policies_ = config_.drift;
};

TEST_F(RulesTest, NoDriftWhenEverythingAgrees) {
  auto d = MakeDevice(1, "loc1-core", "active");
  snapshot_.devices = {d};
  snapshot_.live_subscriptions = {Enrolled(d, "s1")};
  EXPECT_TRUE(Run().empty());
}

TEST_F(RulesTest, PlannedDeviceWithoutSubscriptionIsEnrolled) {
  snapshot_.devices = {MakeDevice(1, "loc1-core", "planned")};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kPlannedWithoutSubscription);
  EXPECT_EQ(findings[0].action, Action::kEnroll);
  EXPECT_EQ(findings[0].device_name, "loc1-core");
}

TEST_F(RulesTest, EnrollmentInFlightIsLeftAlone) {
  snapshot_.devices = {MakeDevice(1, "loc1-core", "planned")};
  snapshot_.open_processes = {Enrollment(5, 1, ProcessStatus::kSuspended)};
  EXPECT_TRUE(Run().empty());
}

TEST_F(RulesTest, FailedEnrollmentBlocksANewOne) {
  snapshot_.devices = {MakeDevice(1, "loc1-core", "planned")};
  auto failed = Enrollment(5, 1, ProcessStatus::kFailed);
  failed.failure_reason = "device has no primary IPv6 address";
  snapshot_.open_processes = {failed};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].outcome, Outcome::kSkipped);
  EXPECT_EQ(findings[0].process_id, 5);
  EXPECT_THAT(findings[0].detail, ::testing::HasSubstr("no primary IPv6"));
}

TEST_F(RulesTest, EnrolledButPlannedIsSetActive) {
  auto d = MakeDevice(2, "loc2-core", "planned");
  snapshot_.devices = {d};
  snapshot_.live_subscriptions = {Enrolled(d, "s2")};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kEnrolledButPlanned);
  EXPECT_EQ(findings[0].action, Action::kSetActive);
  EXPECT_EQ(findings[0].subscription_id, "s2");
}

TEST_F(RulesTest, SubscriptionBeingWorkedOnIsNotDrift) {
  auto d = MakeDevice(2, "loc2-core", "planned");
  auto s = Enrolled(d, "s2");
  s.lifecycle = Lifecycle::kProvisioning;
  s.insync = false;
  snapshot_.devices = {d};
  snapshot_.live_subscriptions = {s};
  EXPECT_TRUE(Run().empty());
}

TEST_F(RulesTest, OrphanOnlyWhenNetBoxSaidNotFound) {
  auto d = MakeDevice(8, "edge", "active");
  snapshot_.live_subscriptions = {Enrolled(d, "s8")};

  EXPECT_TRUE(Run().empty()) << "missing from a listing is not gone";

  snapshot_.gone = {8};
  auto findings = Run();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kOrphanedSubscription);
  EXPECT_EQ(findings[0].action, Action::kTerminate);
  EXPECT_EQ(findings[0].device_name, "edge");
}

TEST_F(RulesTest, ActiveDeviceWithoutSubscriptionIsReportedUnmanaged) {
  snapshot_.devices = {MakeDevice(3, "sw", "active"), MakeDevice(4, "x", "offline")};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kUnmanagedActiveDevice);
  EXPECT_EQ(findings[0].action, Action::kNone);
  EXPECT_EQ(findings[0].outcome, Outcome::kReported);

  policies_.unmanaged_active_device = config::Policy::kFix;
  EXPECT_EQ(Run()[0].action, Action::kAdopt);
}

TEST_F(RulesTest, ChangedNameAndLoopbacksAreModified) {
  auto d = MakeDevice(1, "loc1-core", "active");
  auto s = Enrolled(d, "s1");
  d.name = "loc1-core-renamed";
  d.primary_ip6.reset();
  snapshot_.devices = {d};
  snapshot_.live_subscriptions = {s};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kChangedDevice);
  EXPECT_EQ(findings[0].action, Action::kModify);
  EXPECT_EQ(findings[0].before["node_name"], "loc1-core");
  EXPECT_EQ(findings[0].after["node_name"], "loc1-core-renamed");
  EXPECT_EQ(findings[0].before["ipv6_loopback"], "2001:db8::1");
  EXPECT_TRUE(findings[0].after["ipv6_loopback"].is_null());
  EXPECT_FALSE(findings[0].before.contains("ipv4_loopback"));
}

TEST_F(RulesTest, DuplicateSubscriptionsKeepTheOldest) {
  auto d = MakeDevice(1, "loc1-core", "active");
  snapshot_.devices = {d};
  snapshot_.live_subscriptions = {Enrolled(d, "newer", 1), Enrolled(d, "older", 50)};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kDuplicateSubscriptions);
  EXPECT_EQ(findings[0].outcome, Outcome::kReported);
  EXPECT_EQ(findings[0].after["keep"], "older");

  policies_.duplicate_subscriptions = config::Policy::kFix;
  EXPECT_EQ(Run()[0].action, Action::kTerminateExtra);
}

TEST_F(RulesTest, StuckProcessesAreReportedAfterTheThreshold) {
  auto p = Enrollment(9, 1, ProcessStatus::kSuspended);
  p.modified_at = kNow - std::chrono::hours(2);
  snapshot_.open_processes = {p, Enrollment(10, 2, ProcessStatus::kWaiting)};
  snapshot_.devices = {MakeDevice(1, "a", "planned"), MakeDevice(2, "b", "planned")};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kStuckProcess);
  EXPECT_EQ(findings[0].process_id, 9);
}

TEST_F(RulesTest, IgnorePolicyDropsTheFinding) {
  policies_.planned_without_subscription = config::Policy::kIgnore;
  snapshot_.devices = {MakeDevice(1, "loc1-core", "planned")};
  EXPECT_TRUE(Run().empty());
}

TEST_F(RulesTest, ReportPolicyTakesNoAction) {
  policies_.enrolled_but_planned = config::Policy::kReport;
  auto d = MakeDevice(2, "loc2-core", "planned");
  snapshot_.devices = {d};
  snapshot_.live_subscriptions = {Enrolled(d, "s2")};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].action, Action::kNone);
  EXPECT_EQ(findings[0].outcome, Outcome::kReported);
}

TEST_F(RulesTest, PlanModeMarksEveryActionPlanned) {
  snapshot_.devices = {MakeDevice(1, "loc1-core", "planned")};
  auto findings = Run(Mode::kPlan);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].outcome, Outcome::kPlanned);
  EXPECT_EQ(findings[0].action, Action::kEnroll);
}

TEST_F(RulesTest, PlannedDeviceWithoutLoopbacksWaitsForThem) {
  auto d = MakeDevice(1, "new-router", "planned");
  d.primary_ip6.reset();
  snapshot_.devices = {d};

  auto findings = Run();

  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].outcome, Outcome::kSkipped);
  EXPECT_THAT(findings[0].detail, ::testing::HasSubstr("no primary IPv6 address"));

  config_.workflow.allow_single_stack = true;
  EXPECT_EQ(Run()[0].outcome, Outcome::kPlanned);
}

TEST_F(RulesTest, UnnamedDevicesAreHandled) {
  auto d = MakeDevice(6, "", "active");
  d.name.reset();
  snapshot_.devices = {d};
  auto findings = Run();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].device_name, "");
}

}  // namespace
}  // namespace nbr::reconcile
