// End-to-end tests of the reconciler against a real netbox-sim process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/sim_stack.h"

namespace nbr::reconcile {
namespace {

using ::testing::HasSubstr;
using testing::SimStack;

store::Subscription EnrolledNode(int64_t device, const std::string& name, int n) {
  store::Subscription s;
  s.id = store::NewSubscriptionId();
  s.description = "Node " + name;
  s.lifecycle = store::Lifecycle::kActive;
  s.insync = true;
  s.node_id = device;
  s.node_name = name;
  s.ipv4_loopback = "10.0.0." + std::to_string(n);
  s.ipv6_loopback = "2001:db8::" + std::to_string(n);
  return s;
}

std::vector<Finding> OfKind(const PassReport& r, FindingKind kind) {
  std::vector<Finding> out;
  for (const auto& f : r.findings) {
    if (f.kind == kind) {
      out.push_back(f);
    }
  }
  return out;
}

class ReconcilerSimTest : public ::testing::Test {
 protected:
  void Start(std::vector<std::string> args = {"--data", testing::WorkshopInventory()}) {
    stack_ = std::make_unique<SimStack>(std::move(args));
    ASSERT_TRUE(stack_->sim->ok()) << stack_->sim->error();
    stack_->Build();
  }
  PassReport Pass(Mode mode = Mode::kApply) {
    auto report = stack_->reconciler->RunPass(Trigger::kOperator, mode);
    EXPECT_TRUE(report.ok()) << report.error().message();
    return report.ok() ? *report : PassReport{};
  }
  void Seed(const store::Subscription& s) {
    auto put = stack_->store->PutSubscription(s);
    ASSERT_TRUE(put.ok()) << put.error().message();
  }
  store::Subscription Live(int64_t device) {
    auto s = stack_->store->LiveSubscriptionForDevice(device);
    EXPECT_TRUE(s.ok() && s->has_value()) << "no live subscription for device " << device;
    return s.ok() && s->has_value() ? **s : store::Subscription{};
  }

  std::unique_ptr<SimStack> stack_;
};

TEST_F(ReconcilerSimTest, EnrollsEveryPlannedWorkshopRouterAndThenFindsNoDrift) {
  Start();

  PassReport first = Pass();

  ASSERT_EQ(OfKind(first, FindingKind::kPlannedWithoutSubscription).size(), 5u)
      << RenderText(first);
  for (const auto& f : first.findings) {
    EXPECT_EQ(f.outcome, Outcome::kDone) << RenderText(first);
  }
  for (int id = 1; id <= 5; ++id) {
    EXPECT_EQ(stack_->DeviceStatus(id), "active") << id;
    EXPECT_EQ(Live(id).lifecycle, store::Lifecycle::kActive);
  }
  EXPECT_EQ(first.netbox_version, "4.5.10");
  EXPECT_GT(first.id, 0);

  PassReport second = Pass();
  EXPECT_FALSE(second.HasDrift()) << RenderText(second);
}

// The workshop's bug: two routers were enrolled before the fix, and stayed
// planned. One pass mends them (in one bulk PATCH) and enrolls the rest.
TEST_F(ReconcilerSimTest, WorkshopWithTwoRoutersEnrolledWhilePlannedIsMendedInOnePass) {
  Start();
  Seed(EnrolledNode(1, "loc1-core", 1));
  Seed(EnrolledNode(2, "loc2-core", 2));
  stack_->sim->ResetStats();

  PassReport report = Pass();

  auto mended = OfKind(report, FindingKind::kEnrolledButPlanned);
  ASSERT_EQ(mended.size(), 2u) << RenderText(report);
  for (const auto& f : mended) {
    EXPECT_EQ(f.outcome, Outcome::kDone);
  }
  EXPECT_EQ(OfKind(report, FindingKind::kPlannedWithoutSubscription).size(), 3u);
  EXPECT_EQ(stack_->Requests("PATCH", "/api/dcim/devices/", SimStack::Match::kExact), 1)
      << "both status fixes go out in one bulk PATCH";
  for (int id = 1; id <= 5; ++id) {
    EXPECT_EQ(stack_->DeviceStatus(id), "active") << id;
  }
  auto subs = stack_->store->LiveSubscriptions();
  ASSERT_TRUE(subs.ok());
  EXPECT_EQ(subs->size(), 5u) << "nothing enrolled twice";
  EXPECT_FALSE(Pass().HasDrift());
}

TEST_F(ReconcilerSimTest, PlanModeChangesNothing) {
  Start();
  Seed(EnrolledNode(1, "loc1-core", 1));
  stack_->sim->ResetStats();

  PassReport plan = Pass(Mode::kPlan);

  EXPECT_EQ(plan.findings.size(), 5u);
  for (const auto& f : plan.findings) {
    EXPECT_EQ(f.outcome, Outcome::kPlanned);
  }
  EXPECT_EQ(stack_->Requests("PATCH", "/"), 0);
  EXPECT_EQ(stack_->DeviceStatus(1), "planned");
  EXPECT_EQ(stack_->store->LiveSubscriptions()->size(), 1u);
}

TEST_F(ReconcilerSimTest, ReportPolicyOnlyReports) {
  Start();
  stack_->config.drift.planned_without_subscription = config::Policy::kReport;
  stack_->config.drift.enrolled_but_planned = config::Policy::kReport;
  stack_->Build();
  Seed(EnrolledNode(1, "loc1-core", 1));

  PassReport report = Pass();

  for (const auto& f : report.findings) {
    EXPECT_EQ(f.outcome, Outcome::kReported);
  }
  EXPECT_EQ(stack_->DeviceStatus(1), "planned");
  EXPECT_EQ(stack_->DeviceStatus(2), "planned");
}

TEST_F(ReconcilerSimTest, OrphanIsTerminatedOnlyAfterNetBoxSaysNotFound) {
  Start();
  Seed(EnrolledNode(1, "loc1-core", 1));
  stack_->config.drift.planned_without_subscription = config::Policy::kIgnore;
  stack_->config.drift.enrolled_but_planned = config::Policy::kIgnore;
  stack_->Build();
  ASSERT_TRUE(stack_->sim->SilentDeleteDevice(1));

  PassReport report = Pass();

  auto orphans = OfKind(report, FindingKind::kOrphanedSubscription);
  ASSERT_EQ(orphans.size(), 1u) << RenderText(report);
  EXPECT_EQ(orphans[0].outcome, Outcome::kDone);
  auto live = stack_->store->LiveSubscriptionForDevice(1);
  ASSERT_TRUE(live.ok());
  EXPECT_FALSE(live->has_value());
}

TEST_F(ReconcilerSimTest, OrphanUnderReportPolicyKeepsTheSubscription) {
  Start();
  Seed(EnrolledNode(1, "loc1-core", 1));
  stack_->config.drift.orphaned_subscription = config::Policy::kReport;
  stack_->Build();
  ASSERT_TRUE(stack_->sim->SilentDeleteDevice(1));

  PassReport report = Pass();

  auto orphans = OfKind(report, FindingKind::kOrphanedSubscription);
  ASSERT_EQ(orphans.size(), 1u);
  EXPECT_EQ(orphans[0].outcome, Outcome::kReported);
  EXPECT_EQ(Live(1).lifecycle, store::Lifecycle::kActive);
}

TEST_F(ReconcilerSimTest, ListingThatFailsHalfWayTerminatesNothing) {
  Start();
  for (int id = 1; id <= 5; ++id) {
    Seed(EnrolledNode(id, "loc" + std::to_string(id) + "-core", id));
  }
  stack_->config.netbox.page_size = 2;
  stack_->Build();
  ASSERT_TRUE(stack_->sim->SetFaults({{"rules",
                                       {{{"path", "/api/dcim/devices/"},
                                         {"method", "GET"},
                                         {"skip", 1},
                                         {"count", -1}}}}}));

  PassReport report = Pass();

  EXPECT_FALSE(report.listing_complete);
  ASSERT_FALSE(report.errors.empty());
  EXPECT_THAT(report.errors[0], HasSubstr("nothing destructive"));
  EXPECT_TRUE(OfKind(report, FindingKind::kOrphanedSubscription).empty());
  EXPECT_EQ(stack_->store->LiveSubscriptions()->size(), 5u);
}

TEST_F(ReconcilerSimTest, RenamedDeviceUpdatesTheSubscription) {
  Start();
  auto s = EnrolledNode(3, "old-name", 3);
  Seed(s);
  stack_->config.drift.planned_without_subscription = config::Policy::kIgnore;
  stack_->config.drift.enrolled_but_planned = config::Policy::kIgnore;
  stack_->Build();

  PassReport report = Pass();

  auto changed = OfKind(report, FindingKind::kChangedDevice);
  ASSERT_EQ(changed.size(), 1u) << RenderText(report);
  EXPECT_EQ(changed[0].before["node_name"], "old-name");
  EXPECT_EQ(changed[0].after["node_name"], "loc3-core");
  EXPECT_EQ(changed[0].outcome, Outcome::kDone) << changed[0].detail;
  EXPECT_EQ(Live(3).node_name, "loc3-core");
}

TEST_F(ReconcilerSimTest, DuplicateSubscriptionsAreReportedThenFixed) {
  Start();
  stack_->config.drift.planned_without_subscription = config::Policy::kIgnore;
  stack_->config.drift.enrolled_but_planned = config::Policy::kIgnore;
  stack_->Build();
  // A database from before the guard: drop the index that enforces it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(stack_->config.database_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP INDEX subscriptions_one_live_per_device", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto older = EnrolledNode(4, "loc4-core", 4);
  Seed(older);
  stack_->clock.Advance(std::chrono::hours(1));
  Seed(EnrolledNode(4, "loc4-core", 4));

  PassReport reported = Pass();
  auto dups = OfKind(reported, FindingKind::kDuplicateSubscriptions);
  ASSERT_EQ(dups.size(), 1u) << RenderText(reported);
  EXPECT_EQ(dups[0].outcome, Outcome::kReported);

  stack_->config.drift.duplicate_subscriptions = config::Policy::kFix;
  stack_->Build();
  PassReport fixed = Pass();
  dups = OfKind(fixed, FindingKind::kDuplicateSubscriptions);
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].outcome, Outcome::kDone) << dups[0].detail;
  EXPECT_EQ(Live(4).id, older.id);
}

TEST_F(ReconcilerSimTest, StuckSuspendedEnrollmentIsReported) {
  Start();
  stack_->config.workflow.config_confirmation = config::Confirmation::kManual;
  stack_->Build();

  PassReport first = Pass();
  for (const auto& f : first.findings) {
    EXPECT_EQ(f.outcome, Outcome::kPending) << RenderText(first);
  }
  stack_->clock.Advance(std::chrono::hours(2));

  PassReport later = Pass();

  EXPECT_EQ(OfKind(later, FindingKind::kStuckProcess).size(), 5u) << RenderText(later);
  EXPECT_TRUE(OfKind(later, FindingKind::kPlannedWithoutSubscription).empty())
      << "an enrollment in flight is not started again";
}

// The NetBox demo inventory: unnamed devices, repeated names, 72 active
// devices that nobody enrolled.
TEST_F(ReconcilerSimTest, DemoInventoryReportsEveryActiveDeviceAsUnmanaged) {
  Start({"--data", testing::DemoInventory()});

  PassReport report = Pass();

  EXPECT_TRUE(report.errors.empty()) << RenderText(report);
  EXPECT_EQ(report.device_count, 72);
  EXPECT_EQ(OfKind(report, FindingKind::kUnmanagedActiveDevice).size(), 72u);
  EXPECT_EQ(report.findings.size(), 72u);
  EXPECT_THAT(RenderText(report), HasSubstr("(unnamed)"));
}

// 100,000 devices: about one list request per 1,000 devices, nothing per
// device.
TEST_F(ReconcilerSimTest, PassOverOneHundredThousandDevicesListsInPagesOfAThousand) {
  Start({"--generate", "100000"});
  stack_->config.drift.planned_without_subscription = config::Policy::kReport;
  stack_->config.drift.unmanaged_active_device = config::Policy::kIgnore;
  stack_->Build();
  stack_->sim->ResetStats();

  PassReport report = Pass();

  EXPECT_TRUE(report.listing_complete);
  EXPECT_EQ(report.device_count, 100000);
  int64_t lists = stack_->Requests("GET", "/api/dcim/devices/", SimStack::Match::kExact);
  EXPECT_LE(lists, 101);
  EXPECT_LE(report.requests, 102u);
}

}  // namespace
}  // namespace nbr::reconcile
