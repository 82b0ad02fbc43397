#include "store/store.h"

#include <gtest/gtest.h>

#include "store/json.h"
#include "store/schema.h"
#include "support/temp_dir.h"

namespace nbr::store {
namespace {

using namespace std::chrono_literals;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenStore(); }

  std::unique_ptr<Store> OpenStore() {
    auto opened = Store::Open(dir_.File("nbr.db"), clock_);
    EXPECT_TRUE(opened.ok()) << opened.error().ToString();
    return std::move(opened).value();
  }

  Subscription NodeSubscription(int64_t device_id,
                                Lifecycle lifecycle = Lifecycle::kActive) {
    Subscription s;
    s.id = NewSubscriptionId();
    s.description = "Node loc" + std::to_string(device_id) + "-core";
    s.lifecycle = lifecycle;
    s.insync = true;
    s.node_id = device_id;
    s.node_name = "loc" + std::to_string(device_id) + "-core";
    return s;
  }

  static NewProcess Enrollment(int64_t device_id) {
    NewProcess process;
    process.workflow = "create_node";
    process.device_id = device_id;
    process.started_by = "test";
    return process;
  }

  ProcessId Enroll(int64_t device_id) {
    auto id = store_->CreateEnrollmentProcess(Enrollment(device_id));
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    return id.ok() ? id.value() : 0;
  }

  nbr::testing::TempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::hours(24 * 365 * 56))};
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, MigratesANewFileToTheCurrentVersion) {
  auto version = store_->SchemaVersion();

  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version.value(), CurrentSchemaVersion());
  EXPECT_GE(CurrentSchemaVersion(), 1);
}

TEST_F(StoreTest, ReopeningKeepsTheData) {
  auto subscription = NodeSubscription(7);
  ASSERT_TRUE(store_->PutSubscription(subscription).ok());

  store_.reset();
  auto reopened = OpenStore();

  auto found = reopened->GetSubscription(subscription.id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->node_name, "loc7-core");
}

TEST_F(StoreTest, RefusesADatabaseFromANewerProgram) {
  store_.reset();
  {
    auto connection = Connection::Open(dir_.File("nbr.db"), 1000ms);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE((*connection)->Exec("PRAGMA user_version = 999").ok());
  }

  auto opened = Store::Open(dir_.File("nbr.db"), clock_);

  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(opened.error().message().find("999"), std::string::npos);
}

TEST_F(StoreTest, UsesWalAndForeignKeys) {
  auto connection = Connection::Open(dir_.File("nbr.db"), 1000ms);
  ASSERT_TRUE(connection.ok());

  auto mode = (*connection)->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(mode->Step().value());
  EXPECT_EQ(mode->Text(0), "wal");
  auto link = (*connection)
                  ->Exec(
                      "INSERT INTO processes_subscriptions VALUES (12345, 'nope', "
                      "'create', 'x')");
  EXPECT_FALSE(link.ok());
}

TEST_F(StoreTest, DatabaseRefusesASecondLiveSubscriptionForADevice) {
  ASSERT_TRUE(store_->PutSubscription(NodeSubscription(7)).ok());

  auto second = store_->PutSubscription(NodeSubscription(7, Lifecycle::kInitial));

  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind(), ErrorKind::kAlreadyExists);
}

TEST_F(StoreTest, AllowsANewSubscriptionOnceTheOldIsTerminated) {
  ASSERT_TRUE(store_->PutSubscription(NodeSubscription(7, Lifecycle::kTerminated)).ok());

  EXPECT_TRUE(store_->PutSubscription(NodeSubscription(7)).ok());
  EXPECT_EQ(store_->ListSubscriptions()->size(), 2u);
  EXPECT_EQ(store_->LiveSubscriptions()->size(), 1u);
}

TEST_F(StoreTest, QueriesSubscriptionsByDeviceAndLifecycle) {
  ASSERT_TRUE(store_->PutSubscription(NodeSubscription(7)).ok());
  ASSERT_TRUE(store_->PutSubscription(NodeSubscription(8, Lifecycle::kInitial)).ok());
  ASSERT_TRUE(store_->PutSubscription(NodeSubscription(9, Lifecycle::kTerminated)).ok());

  auto of_8 = store_->LiveSubscriptionForDevice(8);
  auto of_9 = store_->LiveSubscriptionForDevice(9);
  auto initial = store_->SubscriptionsByLifecycle(Lifecycle::kInitial);

  ASSERT_TRUE(of_8.ok() && of_8->has_value());
  EXPECT_EQ((*of_8)->node_name, "loc8-core");
  ASSERT_TRUE(of_9.ok());
  EXPECT_FALSE(of_9->has_value());
  ASSERT_EQ(initial->size(), 1u);
  EXPECT_EQ(initial->front().node_id, 8);
}

TEST_F(StoreTest, RefusesAnEnrollmentForADeviceWithALiveSubscription) {
  ASSERT_TRUE(store_->PutSubscription(NodeSubscription(7)).ok());

  auto id = store_->CreateEnrollmentProcess(Enrollment(7));

  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().kind(), ErrorKind::kAlreadyExists);
}

TEST_F(StoreTest, RefusesASecondEnrollmentInFlight) {
  ProcessId first = Enroll(7);

  auto second = store_->CreateEnrollmentProcess(Enrollment(7));

  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind(), ErrorKind::kAlreadyExists);
  EXPECT_NE(second.error().message().find(std::to_string(first)), std::string::npos);
}

TEST_F(StoreTest, AllowsANewEnrollmentAfterAnAbortedOne) {
  ProcessId first = Enroll(7);
  ASSERT_TRUE(store_->AbortProcess(first, "operator").ok());

  EXPECT_NE(Enroll(7), 0);
}

TEST_F(StoreTest, OnlyOneRunnerCanClaimAProcess) {
  ProcessId id = Enroll(7);
  TimePoint lease = clock_.Now() + 5min;

  auto first = store_->ClaimProcess(id, ClaimFrom::kRunnable, "runner-a", lease);
  auto second = store_->ClaimProcess(id, ClaimFrom::kRunnable, "runner-b", lease);

  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind(), ErrorKind::kConflict);
  EXPECT_NE(second.error().message().find("runner-a"), std::string::npos);
}

TEST_F(StoreTest, AnExpiredLeaseCanBeTakenOver) {
  ProcessId id = Enroll(7);
  ASSERT_TRUE(
      store_->ClaimProcess(id, ClaimFrom::kRunnable, "dead", clock_.Now() + 1min).ok());
  clock_.Advance(2min);

  auto due = store_->DueProcesses(clock_.Now(), clock_.Now() - 10min);
  auto taken =
      store_->ClaimProcess(id, ClaimFrom::kRunnable, "alive", clock_.Now() + 1min);

  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due.value(), std::vector<ProcessId>{id});
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->lease_owner, "alive");
}

TEST_F(StoreTest, CommitStepWritesNothingWithoutTheLease) {
  ProcessId id = Enroll(7);
  ASSERT_TRUE(
      store_->ClaimProcess(id, ClaimFrom::kRunnable, "a", clock_.Now() + 1min).ok());
  StepCommit commit;
  commit.process_id = id;
  commit.lease_owner = "b";
  commit.log.name = "construct_node_model";
  commit.subscription = NodeSubscription(7, Lifecycle::kInitial);

  auto written = store_->CommitStep(commit);

  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().kind(), ErrorKind::kConflict);
  EXPECT_TRUE(store_->ListSubscriptions()->empty());
  EXPECT_TRUE(store_->StepLog(id)->empty());
}

TEST_F(StoreTest, CommitStepWritesSubscriptionLinkLogAndProcessTogether) {
  ProcessId id = Enroll(7);
  ASSERT_TRUE(
      store_->ClaimProcess(id, ClaimFrom::kRunnable, "a", clock_.Now() + 1min).ok());
  auto subscription = NodeSubscription(7, Lifecycle::kInitial);
  StepCommit commit;
  commit.process_id = id;
  commit.lease_owner = "a";
  commit.next_step = 2;
  commit.log.name = "store_process_subscription";
  commit.state = {{"x", 1}};
  commit.lease_until = clock_.Now() + 1min;
  commit.subscription = subscription;
  commit.link_target = Target::kCreate;
  commit.link_subscription_id = subscription.id;

  ASSERT_TRUE(store_->CommitStep(commit).ok());

  auto process = store_->GetProcess(id);
  EXPECT_EQ(process->next_step, 2);
  EXPECT_EQ(process->last_step, "store_process_subscription");
  EXPECT_EQ(process->state["x"], 1);
  EXPECT_EQ(store_->ProcessesOfSubscription(subscription.id)->size(), 1u);
  EXPECT_EQ(store_->StepLog(id)->size(), 1u);
}

TEST_F(StoreTest, AbortWritesAnAbortStep) {
  ProcessId id = Enroll(7);

  ASSERT_TRUE(store_->AbortProcess(id, "changed my mind").ok());

  auto process = store_->GetProcess(id);
  EXPECT_EQ(process->status, ProcessStatus::kAborted);
  auto log = store_->StepLog(id);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().status, StepStatus::kAbort);
  EXPECT_EQ(log->front().error, "changed my mind");
  EXPECT_EQ(store_->AbortProcess(id, "again").error().kind(), ErrorKind::kConflict);
}

TEST_F(StoreTest, ListsProcessesByStatusAndAge) {
  ProcessId old_one = Enroll(7);
  clock_.Advance(2h);
  Enroll(8);

  ProcessQuery query;
  query.statuses = {ProcessStatus::kCreated};
  query.modified_before = clock_.Now() - 1h;
  auto stuck = store_->ListProcesses(query);

  ASSERT_TRUE(stuck.ok());
  ASSERT_EQ(stuck->size(), 1u);
  EXPECT_EQ(stuck->front().id, old_one);
  EXPECT_EQ(stuck->front().modified_at, clock_.Now() - 2h);
}

TEST_F(StoreTest, InboxItemsStayPendingAcrossARestartUntilDone) {
  InboxItem item;
  item.received_at = clock_.Now();
  item.device_id = 7;
  item.event = "updated";
  item.object_type = "dcim.device";
  item.request_id = "6b1e7a3c";
  item.username = "admin";
  item.body = R"({"event": "updated"})";
  auto first = store_->AppendInbox(item);
  item.device_id = std::nullopt;
  auto second = store_->AppendInbox(item);
  ASSERT_TRUE(first.ok() && second.ok());

  store_.reset();
  store_ = OpenStore();
  auto pending = store_->PendingInbox();
  ASSERT_TRUE(store_->MarkInboxDone(first.value(), "reconciled").ok());
  auto after = store_->PendingInbox();

  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ(pending->front().device_id, 7);
  EXPECT_EQ(pending->front().request_id, "6b1e7a3c");
  EXPECT_FALSE(pending->back().device_id.has_value());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ(after->front().id, second.value());
  EXPECT_EQ(store_->MarkInboxDone(999, "x").error().kind(), ErrorKind::kNotFound);
}

TEST_F(StoreTest, SavesAndListsReportsNewestFirst) {
  Report report;
  report.started_at = clock_.Now();
  report.finished_at = clock_.Now() + 1s;
  report.trigger = "poll";
  report.summary = {{"enrolled", 2}};
  report.report_json = R"({"devices": []})";
  auto first = store_->SaveReport(report);
  report.trigger = "webhook";
  auto second = store_->SaveReport(report);
  ASSERT_TRUE(first.ok() && second.ok());

  auto listed = store_->ListReports();
  auto latest = store_->LatestReport();
  auto got = store_->GetReport(first.value());

  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->front().trigger, "webhook");
  EXPECT_EQ(listed->front().summary["enrolled"], 2);
  EXPECT_EQ((*latest)->id, second.value());
  EXPECT_EQ(got->report_json, R"({"devices": []})");
  EXPECT_EQ(store_->GetReport(99).error().kind(), ErrorKind::kNotFound);
}

TEST_F(StoreTest, LatestReportIsEmptyWithoutReports) {
  auto latest = store_->LatestReport();

  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
}

TEST(StoreJsonTest, SubscriptionRoundTrips) {
  Subscription s;
  s.id = NewSubscriptionId();
  s.lifecycle = Lifecycle::kProvisioning;
  s.node_id = 7;
  s.ipv6_loopback = "2001:db8::1";
  s.start_date = TimePoint(std::chrono::seconds(1700000000));

  auto back = SubscriptionFromJson(ToJson(s));

  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->id, s.id);
  EXPECT_EQ(back->lifecycle, Lifecycle::kProvisioning);
  EXPECT_EQ(back->ipv6_loopback, "2001:db8::1");
  EXPECT_FALSE(back->ipv4_loopback.has_value());
  EXPECT_EQ(back->start_date, s.start_date);
  EXPECT_EQ(s.id.size(), 36u);
}

}  // namespace
}  // namespace nbr::store

namespace nbr::store {
namespace {

TEST_F(StoreTest, CountsProcessesByStatus) {
  ProcessId aborted = Enroll(7);
  Enroll(8);
  Enroll(9);
  ASSERT_TRUE(store_->AbortProcess(aborted, "operator").ok());

  auto counts = store_->CountProcessesByStatus();

  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ((*counts)[ProcessStatus::kCreated], 2);
  EXPECT_EQ((*counts)[ProcessStatus::kAborted], 1);
  EXPECT_FALSE(counts->contains(ProcessStatus::kCompleted));
}

}  // namespace
}  // namespace nbr::store
