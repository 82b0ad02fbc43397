// A store on a fresh file, the workshop's NetBox in memory, a fake clock and
// an engine over them, for the workflow and engine tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "store/store.h"
#include "support/fake_netbox.h"
#include "support/temp_dir.h"

namespace nbr::testing {

inline constexpr int64_t kLoc1Core = 7;  // the workshop's loc1-core

class WorkflowTest : public ::testing::Test {
 protected:
  WorkflowTest() : netbox_(InMemoryNetBox::WorkshopDevices()) {
    settings_.config_confirmation = config::Confirmation::kAuto;
    settings_.retry_initial = std::chrono::seconds(5);
    settings_.retry_max = std::chrono::seconds(600);
    store_ = OpenStore();
    engine_ = MakeEngine(*store_, "runner-a");
  }

  std::unique_ptr<store::Store> OpenStore() {
    auto opened = store::Store::Open(dir_.File("nbr.db"), clock_);
    EXPECT_TRUE(opened.ok()) << opened.error().ToString();
    return std::move(opened).value();
  }

  std::unique_ptr<engine::Engine> MakeEngine(store::Store& store, std::string runner) {
    engine::EngineOptions options;
    options.workflow = settings_;
    options.runner_id = std::move(runner);
    options.jitter_seed = 42;
    return std::make_unique<engine::Engine>(store, netbox_, clock_, options);
  }

  // Rebuilds the engine after a settings change.
  void UseSettings(const config::WorkflowSettings& settings) {
    settings_ = settings;
    engine_ = MakeEngine(*store_, "runner-a");
  }

  // Starts create_node for a device and runs it as far as it goes.
  store::Process Enroll(int64_t device_id) {
    auto id = engine_->StartCreateNode(device_id, "test");
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    auto process = engine_->RunProcess(id.value());
    EXPECT_TRUE(process.ok()) << process.error().ToString();
    return process.value();
  }

  std::vector<std::string> StepNames(store::ProcessId id) {
    std::vector<std::string> names;
    auto log = store_->StepLog(id).value();
    for (const auto& entry : log) {
      names.push_back(entry.name + ":" +
                      std::string(store::StepStatusName(entry.status)));
    }
    return names;
  }

  store::Subscription OnlySubscription() {
    auto all = store_->ListSubscriptions().value();
    EXPECT_EQ(all.size(), 1u);
    return all.empty() ? store::Subscription{} : all.front();
  }

  TempDir dir_;
  FakeClock clock_{TimePoint(std::chrono::hours(24 * 365 * 56))};
  InMemoryNetBox netbox_;
  config::WorkflowSettings settings_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<engine::Engine> engine_;
};

}  // namespace nbr::testing
