#include "engine/backoff.h"

#include <gtest/gtest.h>

namespace nbr::engine {
namespace {

using namespace std::chrono_literals;

TEST(EngineBackoffTest, DoublesFromTheInitialDelayUpToTheCap) {
  EXPECT_EQ(RetryDelay(1, 5s, 600s, 1.0), 5000ms);
  EXPECT_EQ(RetryDelay(2, 5s, 600s, 1.0), 10000ms);
  EXPECT_EQ(RetryDelay(4, 5s, 600s, 1.0), 40000ms);
  EXPECT_EQ(RetryDelay(10, 5s, 600s, 1.0), 600000ms);
  EXPECT_EQ(RetryDelay(100000, 5s, 600s, 1.0), 600000ms);
}

TEST(EngineBackoffTest, JitterKeepsAtLeastHalfTheDelay) {
  EXPECT_EQ(RetryDelay(1, 5s, 600s, 0.0), 2500ms);
  EXPECT_EQ(RetryDelay(3, 5s, 600s, 0.5), 15000ms);
}

}  // namespace
}  // namespace nbr::engine
