#include "reconcile/executor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

namespace nbr::reconcile {
namespace {

using ::testing::HasSubstr;

// Devices in memory; bulk PATCH skips unknown ids as NetBox does.
class MemoryNetBox final : public netbox::NetBoxApi {
 public:
  std::map<int64_t, netbox::Device> devices;
  std::vector<std::vector<int64_t>> bulk_calls;
  std::set<int64_t> vanish_before_bulk;
  std::optional<Error> bulk_error;

  Result<netbox::ServerInfo> GetStatus() override {
    return netbox::ServerInfo{"4.5.10", 4, 5};
  }
  Result<netbox::Device> GetDevice(int64_t id) override {
    auto it = devices.find(id);
    if (it == devices.end()) {
      return NotFound("No Device matches the given query.");
    }
    return it->second;
  }
  Result<netbox::DeviceListing> ListDevices(const netbox::DeviceListOptions&) override {
    netbox::DeviceListing l;
    for (auto& [id, d] : devices) {
      l.devices.push_back(d);
    }
    return l;
  }
  Result<netbox::Device> SetDeviceStatus(int64_t id, std::string_view status) override {
    devices[id].status = status;
    return devices[id];
  }
  Result<netbox::BulkStatusResult> BulkSetStatus(const std::vector<int64_t>& ids,
                                                 std::string_view status) override {
    bulk_calls.push_back(ids);
    if (bulk_error) {
      return *bulk_error;
    }
    for (int64_t id : vanish_before_bulk) {
      devices.erase(id);
    }
    netbox::BulkStatusResult r;
    for (int64_t id : ids) {
      auto it = devices.find(id);
      if (it == devices.end()) {
        r.missing.push_back(id);
        continue;
      }
      it->second.status = status;
      r.updated.push_back(it->second);
    }
    return r;
  }
  Result<std::vector<netbox::IpAddress>> ListDeviceIps(int64_t) override {
    return std::vector<netbox::IpAddress>{};
  }
  uint64_t RequestCount() const override { return 0; }
};

class RecordingRunner final : public WorkflowRunner {
 public:
  std::mutex mu;
  std::vector<std::string> calls;
  store::ProcessStatus end_status = store::ProcessStatus::kCompleted;
  int64_t next_id = 100;

  Result<ProcessOutcome> Enroll(int64_t device_id, std::string_view by) override {
    return Record("enroll " + std::to_string(device_id) + " by " + std::string(by));
  }
  Result<ProcessOutcome> Terminate(const std::string& id, std::string_view reason,
                                   std::string_view) override {
    return Record("terminate " + id + ": " + std::string(reason));
  }
  Result<ProcessOutcome> Modify(const std::string& id, std::string_view) override {
    return Record("modify " + id);
  }

 private:
  Result<ProcessOutcome> Record(std::string call) {
    std::lock_guard lock(mu);
    calls.push_back(std::move(call));
    return ProcessOutcome{next_id++, end_status, ""};
  }
};

Finding Planned(FindingKind kind, Action action, int64_t device, std::string sub = "") {
  Finding f;
  f.kind = kind;
  f.action = action;
  f.outcome = Outcome::kPlanned;
  f.policy = config::Policy::kFix;
  f.device_id = device;
  if (!sub.empty()) {
    f.subscription_id = sub;
  }
  return f;
}

class ExecutorTest : public ::testing::Test {
 protected:
  ExecutorTest() {
    config_.netbox.bulk_batch_size = 2;
    for (int64_t id = 1; id <= 5; ++id) {
      netbox_.devices[id] = netbox::Device{.id = id, .status = "planned"};
    }
  }
  void Run(std::vector<Finding>& findings) {
    Executor(netbox_, runner_, config_, "reconciler:test").Run(findings);
  }
  MemoryNetBox netbox_;
  RecordingRunner runner_;
  config::Config config_;
};

TEST_F(ExecutorTest, StatusFixesGoOutInBulkBatches) {
  std::vector<Finding> findings;
  for (int64_t id = 1; id <= 5; ++id) {
    findings.push_back(
        Planned(FindingKind::kEnrolledButPlanned, Action::kSetActive, id, "s"));
  }

  Run(findings);

  EXPECT_EQ(netbox_.bulk_calls.size(), 3u);
  for (const auto& f : findings) {
    EXPECT_EQ(f.outcome, Outcome::kDone) << f.device_id;
    EXPECT_EQ(netbox_.devices[f.device_id].status, "active");
  }
}

// Case C9: a device deleted between the listing and the bulk PATCH.
TEST_F(ExecutorTest, C9DeviceVanishedDuringBulkPatchIsNotClaimedUpdated) {
  netbox_.vanish_before_bulk = {2};
  std::vector<Finding> findings = {
      Planned(FindingKind::kEnrolledButPlanned, Action::kSetActive, 1, "s1"),
      Planned(FindingKind::kEnrolledButPlanned, Action::kSetActive, 2, "s2")};

  Run(findings);

  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].outcome, Outcome::kDone);
  EXPECT_EQ(findings[1].outcome, Outcome::kFailed);
  EXPECT_THAT(findings[1].detail, HasSubstr("vanished"));
  EXPECT_EQ(findings[2].kind, FindingKind::kOrphanedSubscription);
  EXPECT_EQ(findings[2].outcome, Outcome::kDone);
  EXPECT_EQ(runner_.calls, std::vector<std::string>{
                               "terminate s2: found gone during the status update"});
}

TEST_F(ExecutorTest, BulkFailureFailsTheBatchWithTheReason) {
  netbox_.bulk_error = Unavailable("NetBox answered 503");
  std::vector<Finding> findings = {
      Planned(FindingKind::kEnrolledButPlanned, Action::kSetActive, 1, "s1")};

  Run(findings);

  EXPECT_EQ(findings[0].outcome, Outcome::kFailed);
  EXPECT_THAT(findings[0].detail, HasSubstr("503"));
}

TEST_F(ExecutorTest, WorkflowsRunAndRecordTheirProcess) {
  config_.workflow.max_parallel = 3;
  std::vector<Finding> findings;
  for (int64_t id = 1; id <= 5; ++id) {
    findings.push_back(
        Planned(FindingKind::kPlannedWithoutSubscription, Action::kEnroll, id));
  }

  Run(findings);

  EXPECT_EQ(runner_.calls.size(), 5u);
  for (const auto& f : findings) {
    EXPECT_EQ(f.outcome, Outcome::kDone);
    EXPECT_TRUE(f.process_id.has_value());
  }
}

TEST_F(ExecutorTest, SuspendedEnrollmentIsPending) {
  runner_.end_status = store::ProcessStatus::kSuspended;
  std::vector<Finding> findings = {
      Planned(FindingKind::kPlannedWithoutSubscription, Action::kEnroll, 1)};

  Run(findings);

  EXPECT_EQ(findings[0].outcome, Outcome::kPending);
  EXPECT_THAT(findings[0].detail, HasSubstr("processes confirm 100"));
}

TEST_F(ExecutorTest, DuplicatesTerminateAllButTheKeptOne) {
  Finding f =
      Planned(FindingKind::kDuplicateSubscriptions, Action::kTerminateExtra, 1, "a");
  f.before = {{"subscriptions", {"a", "b", "c"}}};
  f.after = {{"keep", "a"}};
  std::vector<Finding> findings = {f};

  Run(findings);

  EXPECT_EQ(findings[0].outcome, Outcome::kDone);
  EXPECT_EQ(runner_.calls.size(), 2u);
}

TEST_F(ExecutorTest, ReportedFindingsAreLeftAlone) {
  Finding f = Planned(FindingKind::kUnmanagedActiveDevice, Action::kNone, 1);
  f.outcome = Outcome::kReported;
  std::vector<Finding> findings = {f};
  Run(findings);
  EXPECT_TRUE(runner_.calls.empty());
  EXPECT_EQ(findings[0].outcome, Outcome::kReported);
}

}  // namespace
}  // namespace nbr::reconcile
