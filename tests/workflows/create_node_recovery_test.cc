// create_node against crashes, outages and races.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <barrier>
#include <thread>

#include "workflow_fixture.h"
#include "workflows/create_node.h"

namespace nbr::workflows {
namespace {

using namespace std::chrono_literals;
using nbr::testing::kLoc1Core;
using nbr::testing::SimulatedCrash;
using store::ProcessStatus;

class CreateNodeRecoveryTest : public nbr::testing::WorkflowTest {
 protected:
  // After a simulated crash: a new connection and a new runner, once the dead
  // runner's lease has expired.
  store::Process RestartAndResume(store::ProcessId id) {
    engine_.reset();
    store_.reset();
    store_ = OpenStore();
    engine_ = MakeEngine(*store_, "runner-after-restart");
    clock_.Advance(engine::EngineOptions{}.lease + 1s);
    auto ran = engine_->ResumeDue();
    EXPECT_TRUE(ran.ok());
    return store_->GetProcess(id).value();
  }

  int SuccessfulRuns(store::ProcessId id, const std::string& step) {
    int count = 0;
    auto log = store_->StepLog(id).value();
    for (const auto& entry : log) {
      bool done = entry.status == store::StepStatus::kSuccess ||
                  entry.status == store::StepStatus::kComplete;
      count += entry.name == step && done ? 1 : 0;
    }
    return count;
  }
};

class CrashBetweenStepsTest : public CreateNodeRecoveryTest,
                              public ::testing::WithParamInterface<std::string> {};

TEST_P(CrashBetweenStepsTest, ResumesAfterACrashBetweenTwoSteps) {
  engine_->SetStepObserver([](store::ProcessId, const std::string& step) {
    if (step == GetParam()) {
      throw SimulatedCrash{};
    }
  });
  auto id = engine_->StartCreateNode(kLoc1Core, "test").value();
  EXPECT_THROW(engine_->RunProcess(id).value(), SimulatedCrash);

  auto process = RestartAndResume(id);

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
  auto s = OnlySubscription();
  EXPECT_EQ(s.lifecycle, store::Lifecycle::kActive);
  EXPECT_TRUE(s.insync);
  EXPECT_EQ(netbox_.FindDevice(kLoc1Core)->status, "active");
  for (const auto& step : CreateNodeWorkflow().steps) {
    EXPECT_EQ(SuccessfulRuns(id, step.name), 1) << step.name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryStep, CrashBetweenStepsTest,
    ::testing::Values("init", "construct_node_model", "store_process_subscription",
                      "fetch_ip_address_information", "provide_config_to_user",
                      "set_status(provisioning)", "update_node_status_netbox",
                      "set_status(active)", "resync"),
    [](const auto& param_info) {
      std::string name = param_info.param;
      for (char& c : name) {
        c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      }
      return name;
    });

TEST_F(CreateNodeRecoveryTest, ResumesAfterACrashInsideTheNetBoxUpdate) {
  netbox_.CrashAfterNextWrite();
  auto id = engine_->StartCreateNode(kLoc1Core, "test").value();
  EXPECT_THROW(engine_->RunProcess(id).value(), SimulatedCrash);
  ASSERT_EQ(netbox_.FindDevice(kLoc1Core)->status, "active");
  ASSERT_EQ(store_->GetProcess(id)->last_step, "set_status(provisioning)");

  auto process = RestartAndResume(id);

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
  EXPECT_EQ(netbox_.status_writes(), 2);  // the PATCH ran again, harmlessly
  EXPECT_EQ(SuccessfulRuns(id, "update_node_status_netbox"), 1);
  EXPECT_EQ(OnlySubscription().lifecycle, store::Lifecycle::kActive);
}

TEST_F(CreateNodeRecoveryTest, RunsAProcessWhoseStarterDiedBeforeRunningIt) {
  auto id = engine_->StartCreateNode(kLoc1Core, "test").value();
  EXPECT_TRUE(engine_->DueProcesses()->empty());  // its starter may still run it

  auto process = RestartAndResume(id);

  EXPECT_EQ(process.status, ProcessStatus::kCompleted);
}

TEST_F(CreateNodeRecoveryTest, WaitsOutANetBoxOutageAndCompletes) {
  engine_->SetStepObserver([this](store::ProcessId, const std::string& step) {
    if (step == "set_status(provisioning)") {
      netbox_.SetOutage(true);
    }
  });

  // 1. The PATCH meets the outage: waiting, with a backoff.
  auto first = Enroll(kLoc1Core);
  ASSERT_EQ(first.status, ProcessStatus::kWaiting);
  EXPECT_EQ(first.retries, 1);
  ASSERT_TRUE(first.next_attempt_at.has_value());
  EXPECT_GE(*first.next_attempt_at, clock_.Now() + 2500ms);
  EXPECT_LE(*first.next_attempt_at, clock_.Now() + 5s);
  EXPECT_TRUE(engine_->ResumeDue()->empty());

  // 2. Still down when due: waiting longer.
  clock_.Set(*first.next_attempt_at);
  auto second = engine_->ResumeDue().value();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].status, ProcessStatus::kWaiting);
  EXPECT_EQ(second[0].retries, 2);
  EXPECT_GE(*second[0].next_attempt_at, clock_.Now() + 5s);

  // 3. NetBox is back: completed.
  netbox_.SetOutage(false);
  clock_.Set(*second[0].next_attempt_at);
  auto third = engine_->ResumeDue().value();
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].status, ProcessStatus::kCompleted);
  EXPECT_EQ(third[0].retries, 0);
  EXPECT_EQ(SuccessfulRuns(first.id, "update_node_status_netbox"), 1);
  EXPECT_EQ(netbox_.FindDevice(kLoc1Core)->status, "active");
  EXPECT_EQ(OnlySubscription().lifecycle, store::Lifecycle::kActive);
}

TEST_F(CreateNodeRecoveryTest, AnOperatorResumesAFailedProcessAtTheFailedStep) {
  auto device = netbox_.FindDevice(kLoc1Core).value();
  device.primary_ip6 = std::nullopt;
  netbox_.PutDevice(device);
  auto failed = Enroll(kLoc1Core);
  ASSERT_EQ(failed.status, ProcessStatus::kFailed);
  EXPECT_EQ(engine_->RunProcess(failed.id).error().kind(), ErrorKind::kConflict);

  device.primary_ip6 = "2001:db8::1/128";
  netbox_.PutDevice(device);
  auto resumed = engine_->Resume(failed.id);

  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->status, ProcessStatus::kCompleted);
  EXPECT_EQ(SuccessfulRuns(failed.id, "construct_node_model"), 1);
  EXPECT_EQ(OnlySubscription().ipv6_loopback, "2001:db8::1");
}

TEST_F(CreateNodeRecoveryTest, TwoRunnersNeverRunOneProcess) {
  auto id = engine_->StartCreateNode(kLoc1Core, "test").value();
  auto other = MakeEngine(*store_, "runner-b");
  ASSERT_TRUE(
      store_
          ->ClaimProcess(id, store::ClaimFrom::kRunnable, "runner-b", clock_.Now() + 1min)
          .ok());

  auto refused = engine_->RunProcess(id);

  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind(), ErrorKind::kConflict);
  EXPECT_TRUE(store_->StepLog(id)->empty());
}

// Starts and runs create_node for loc1-core; true when this caller enrolled.
bool EnrollRacing(engine::Engine& engine) {
  auto id = engine.StartCreateNode(kLoc1Core, "race");
  if (!id.ok()) {
    return false;
  }
  auto process = engine.RunProcess(id.value());
  return process.ok() && process->status == ProcessStatus::kCompleted;
}

TEST_F(CreateNodeRecoveryTest, TwoThreadsEnrollingOneDeviceMakeOneSubscription) {
  auto second_store = OpenStore();
  auto second_engine = MakeEngine(*second_store, "runner-b");
  std::barrier start(2);
  bool enrolled[2] = {false, false};

  std::thread a([&] {
    start.arrive_and_wait();
    enrolled[0] = EnrollRacing(*engine_);
  });
  std::thread b([&] {
    start.arrive_and_wait();
    enrolled[1] = EnrollRacing(*second_engine);
  });
  a.join();
  b.join();

  EXPECT_NE(enrolled[0], enrolled[1]);
  EXPECT_EQ(OnlySubscription().lifecycle, store::Lifecycle::kActive);
  EXPECT_EQ(netbox_.status_writes(), 1);
}

TEST_F(CreateNodeRecoveryTest, TwoThreadsOnOneStoreMakeOneSubscription) {
  auto second_engine = MakeEngine(*store_, "runner-b");
  std::barrier start(2);
  bool enrolled[2] = {false, false};

  std::thread a([&] {
    start.arrive_and_wait();
    enrolled[0] = EnrollRacing(*engine_);
  });
  std::thread b([&] {
    start.arrive_and_wait();
    enrolled[1] = EnrollRacing(*second_engine);
  });
  a.join();
  b.join();

  EXPECT_NE(enrolled[0], enrolled[1]);
  EXPECT_EQ(store_->ListSubscriptions()->size(), 1u);
}

TEST_F(CreateNodeRecoveryTest, TwoProcessesEnrollingOneDeviceMakeOneSubscription) {
  // Each OS process opens its own connection; the child exits 0 when it
  // enrolled, 1 when it was refused.
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    char go;
    (void)!::read(ready[0], &go, 1);
    auto store = store::Store::Open(dir_.File("nbr.db"), clock_);
    bool enrolled = store.ok() && EnrollRacing(*MakeEngine(*store.value(), "child"));
    ::_exit(enrolled ? 0 : 1);
  }

  (void)!::write(ready[1], "g", 1);
  bool parent_enrolled = EnrollRacing(*engine_);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);

  ASSERT_TRUE(WIFEXITED(status));
  bool child_enrolled = WEXITSTATUS(status) == 0;
  EXPECT_NE(parent_enrolled, child_enrolled);
  auto all = store_->ListSubscriptions().value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].lifecycle, store::Lifecycle::kActive);
}

}  // namespace
}  // namespace nbr::workflows
