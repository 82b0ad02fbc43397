#include "reconcile/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nbr::reconcile {
namespace {

using ::testing::HasSubstr;

PassReport Sample() {
  PassReport r;
  r.id = 3;
  r.started_at = TimePoint(std::chrono::seconds(1'800'000'000));
  r.finished_at = r.started_at + std::chrono::milliseconds(1500);
  r.trigger = Trigger::kSchedule;
  r.netbox_version = "4.5.10";
  r.device_count = 9;
  r.requests = 4;
  Finding f;
  f.kind = FindingKind::kEnrolledButPlanned;
  f.device_id = 2;
  f.device_name = "loc2-core";
  f.subscription_id = "sub-2";
  f.before = {{"status", "planned"}};
  f.after = {{"status", "active"}};
  f.policy = config::Policy::kFix;
  f.action = Action::kSetActive;
  f.outcome = Outcome::kDone;
  r.findings.push_back(f);
  return r;
}

TEST(ReportTest, JsonRoundTrips) {
  PassReport r = Sample();

  nlohmann::json j = ToJson(r);
  auto back = ReportFromJson(j);

  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(j["format_version"], kReportFormatVersion);
  EXPECT_EQ(j["counts"]["enrolled_but_planned"], 1);
  EXPECT_EQ(j["counts"]["orphaned_subscription"], 0);
  EXPECT_EQ(ToJson(*back), j);
}

TEST(ReportTest, UnknownFormatVersionIsRefused) {
  nlohmann::json j = ToJson(Sample());
  j["format_version"] = 99;
  auto back = ReportFromJson(j);
  ASSERT_FALSE(back.ok());
  EXPECT_THAT(back.error().message(), HasSubstr("format_version 99"));
}

TEST(ReportTest, TextHasSummaryAndTable) {
  std::string text = RenderText(Sample());
  EXPECT_THAT(text, HasSubstr("Reconciliation report #3"));
  EXPECT_THAT(text, HasSubstr("by schedule"));
  EXPECT_THAT(text, HasSubstr("1.50 s, 4 NetBox requests"));
  EXPECT_THAT(text, HasSubstr("4.5.10, 9 devices"));
  EXPECT_THAT(text, HasSubstr("enrolled_but_planned"));
  EXPECT_THAT(text, HasSubstr("loc2-core"));
  EXPECT_THAT(text, HasSubstr("status=planned -> status=active"));
}

TEST(ReportTest, NoDriftSaysSo) {
  PassReport r = Sample();
  r.findings.clear();
  EXPECT_FALSE(r.HasDrift());
  EXPECT_THAT(RenderText(r), HasSubstr("no drift"));
}

}  // namespace
}  // namespace nbr::reconcile
