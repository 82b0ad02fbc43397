// The operator's commands run as real processes against netbox-sim:
// enroll, processes show/confirm/list, subscriptions list, plan, reconcile,
// report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/run_command.h"
#include "support/sim_process.h"
#include "support/sim_stack.h"
#include "support/temp_dir.h"

namespace nbr {
namespace {

using ::testing::HasSubstr;

class OperatorCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = std::make_unique<testing::SimProcess>(std::vector<std::string>{
        "--netbox-version", "4.5", "--data", testing::WorkshopInventory()});
    ASSERT_TRUE(sim_->ok()) << sim_->error();
    dir_.Write("token", std::string(testing::kSimToken) + "\n");
    config_ =
        dir_.Write("c.toml", "[netbox]\nurl = \"" + sim_->base_url() +
                                 "\"\ntoken_file = \"token\"\n[webhook]\n"
                                 "allow_unsigned = true\n[database]\npath = \"s.db\"\n"
                                 "[workflow]\nconfig_confirmation = \"manual\"\n"
                                 "[log]\nlevel = \"warn\"\n")
            .string();
  }

  testing::CommandResult Run(const std::string& args) {
    return testing::RunCommand(testing::ReconcilerBinary() + " --config " + config_ +
                               " " + args);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::SimProcess> sim_;
  std::string config_;
};

TEST_F(OperatorCommandsTest, EnrollSuspendsForConfirmationThenCompletes) {
  auto enroll = Run("enroll 1 --json");
  ASSERT_EQ(enroll.exit_code, 2) << enroll.output;  // suspended
  auto process = nlohmann::json::parse(enroll.output, nullptr, false);
  ASSERT_FALSE(process.is_discarded()) << enroll.output;
  std::string id = std::to_string(process["id"].get<int64_t>());

  auto show = Run("processes show " + id);
  EXPECT_EQ(show.exit_code, 0) << show.output;
  EXPECT_THAT(show.output, HasSubstr("provide_config_to_user"));
  EXPECT_THAT(show.output, HasSubstr("hostname loc1-core"));
  EXPECT_THAT(show.output, HasSubstr("ip address 10.0.0.1 255.255.255.255"));

  auto again = Run("enroll 1");
  EXPECT_EQ(again.exit_code, 1) << "a second enrollment of one device is refused";

  auto confirm = Run("processes confirm " + id);
  EXPECT_EQ(confirm.exit_code, 0) << confirm.output;

  auto subs = Run("subscriptions list --json");
  ASSERT_EQ(subs.exit_code, 0) << subs.output;
  auto list = nlohmann::json::parse(subs.output);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["lifecycle"], "active");
  EXPECT_EQ(list[0]["node_name"], "loc1-core");

  auto processes = Run("processes list");
  EXPECT_EQ(processes.exit_code, 0);
  EXPECT_THAT(processes.output, HasSubstr("completed"));
}

TEST_F(OperatorCommandsTest, PlanExitsTwoOnDriftAndReconcileStoresAReport) {
  auto plan = Run("plan");
  EXPECT_EQ(plan.exit_code, 2) << plan.output;
  EXPECT_THAT(plan.output, HasSubstr("plan: nothing was changed"));
  EXPECT_THAT(plan.output, HasSubstr("planned_without_subscription"));

  auto pass = Run("reconcile --once --json");
  EXPECT_EQ(pass.exit_code, 0) << pass.output;

  auto list = Run("report list");
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_THAT(list.output, HasSubstr("operator"));
  auto show = Run("report show --json");
  ASSERT_EQ(show.exit_code, 0) << show.output;
  auto report = nlohmann::json::parse(show.output);
  EXPECT_EQ(report["format_version"], 1);
  EXPECT_EQ(report["counts"]["planned_without_subscription"], 5);
}

TEST_F(OperatorCommandsTest, UnreachableNetBoxIsAnError) {
  dir_.Write("bad.toml",
             "[netbox]\nurl = \"http://127.0.0.1:1\"\ntoken_file = "
             "\"token\"\ntimeout_seconds = 1\n"
             "[webhook]\nallow_unsigned = true\n[database]\npath = \"s.db\"\n");
  auto plan = testing::RunCommand(testing::ReconcilerBinary() + " --config " +
                                  (dir_.path() / "bad.toml").string() + " plan");
  EXPECT_EQ(plan.exit_code, 1) << plan.output;
  EXPECT_THAT(plan.output, Not(HasSubstr(testing::kSimToken)));
}

}  // namespace
}  // namespace nbr
