#include "common/clock.h"

#include <gtest/gtest.h>

namespace nbr {
namespace {

TEST(TimestampTest, ParsesNetBoxIsoFormWithT) {
  auto t = ParseTimestamp("2026-12-03T16:02:55.732197Z");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_EQ(FormatTimestamp(*t), "2026-12-03T16:02:55.732197Z");
}

// Case C1: NetBox up to 3.6.5 put a space between date and time.
TEST(TimestampTest, C1ParsesTimestampWithSpaceAndOffset) {
  auto t = ParseTimestamp("2023-11-17 22:03:54.864187+00:00");
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_EQ(FormatTimestamp(*t), "2023-11-17T22:03:54.864187Z");
}

TEST(TimestampTest, AppliesOffsets) {
  auto t = ParseTimestamp("2023-11-17T23:03:54+01:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2023-11-17T22:03:54.000000Z");
  auto u = ParseTimestamp("2023-11-17T21:03:54.5-0100");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(FormatTimestamp(*u), "2023-11-17T22:03:54.500000Z");
}

TEST(TimestampTest, RejectsGarbageNamingTheText) {
  for (const char* bad : {"", "yesterday", "2023-13-01T00:00:00Z", "2023-02-30T00:00:00Z",
                          "2023-11-17T22:03", "2023-11-17T22:03:54Zjunk"}) {
    auto t = ParseTimestamp(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(t.error().message().find(bad), std::string::npos);
  }
}

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(TimePoint(std::chrono::seconds(1000)));
  auto before = clock.Now();
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(clock.Now() - before, std::chrono::hours(24));
}

}  // namespace
}  // namespace nbr
