#include "daemon/work_queue.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "common/backoff.h"
#include "common/clock.h"

namespace nbr::daemon {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr milliseconds kWait{5000};

// A handler that records calls, can be held at a gate, can fail on demand and
// notices two concurrent calls for one key.
class ScriptedHandler {
 public:
  Status operator()(int64_t key) {
    {
      std::unique_lock lock(mu_);
      if (!in_flight_.insert(key).second) {
        overlap_ = true;
      }
      ++calls_[key];
      ++entered_;
      cv_.notify_all();
      cv_.wait(lock, [this] { return !held_; });
    }
    std::lock_guard lock(mu_);
    in_flight_.erase(key);
    if (failing_.count(key)) {
      return Unavailable("scripted failure");
    }
    return Status::Ok();
  }

  void Hold() {
    std::lock_guard lock(mu_);
    held_ = true;
  }
  void Release() {
    std::lock_guard lock(mu_);
    held_ = false;
    cv_.notify_all();
  }
  void Fail(int64_t key) {
    std::lock_guard lock(mu_);
    failing_.insert(key);
  }
  void Heal(int64_t key) {
    std::lock_guard lock(mu_);
    failing_.erase(key);
  }
  bool WaitEntered(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kWait, [&] { return entered_ >= n; });
  }
  int calls(int64_t key) {
    std::lock_guard lock(mu_);
    return calls_[key];
  }
  bool overlap() {
    std::lock_guard lock(mu_);
    return overlap_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;
  bool overlap_ = false;
  int entered_ = 0;
  std::set<int64_t> in_flight_;
  std::set<int64_t> failing_;
  std::map<int64_t, int> calls_;
};

class WorkQueueTest : public ::testing::Test {
 protected:
  std::unique_ptr<WorkQueue> MakeQueue(int workers) {
    WorkQueueOptions options;
    options.workers = workers;
    options.backoff = {milliseconds(1000), milliseconds(8000), 2.0, 0.5};
    return std::make_unique<WorkQueue>(
        options, [this](int64_t key) { return handler_(key); }, clock_,
        [] { return 0.0; });  // no jitter taken away: delays are exact
  }

  ScriptedHandler handler_;
  FakeClock clock_{TimePoint(seconds(1700000000))};
};

TEST_F(WorkQueueTest, QueuesAKeyOnlyOnceWhileItWaits) {
  handler_.Hold();
  auto queue = MakeQueue(1);
  ASSERT_TRUE(queue->Push(1));
  ASSERT_TRUE(handler_.WaitEntered(1));  // the one worker is busy with key 1

  EXPECT_TRUE(queue->Push(7));
  EXPECT_FALSE(queue->Push(7));
  EXPECT_FALSE(queue->Push(7));
  EXPECT_EQ(queue->depth(), 1u);

  handler_.Release();
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));
  EXPECT_EQ(handler_.calls(7), 1);
}

TEST_F(WorkQueueTest, NeverRunsOneKeyOnTwoWorkersAtOnce) {
  auto queue = MakeQueue(4);

  for (int round = 0; round < 200; ++round) {
    for (int64_t key = 1; key <= 3; ++key) {
      queue->Push(key);
    }
  }
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));

  EXPECT_FALSE(handler_.overlap());
  EXPECT_GE(handler_.calls(1), 1);
}

TEST_F(WorkQueueTest, RunsAKeyOnceMoreWhenPushedDuringWork) {
  handler_.Hold();
  auto queue = MakeQueue(2);
  queue->Push(7);
  ASSERT_TRUE(handler_.WaitEntered(1));

  EXPECT_TRUE(queue->Push(7));   // marked for a re-run
  EXPECT_FALSE(queue->Push(7));  // already marked
  EXPECT_FALSE(queue->Push(7));
  handler_.Release();
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));

  EXPECT_EQ(handler_.calls(7), 2);
  EXPECT_FALSE(handler_.overlap());
}

TEST_F(WorkQueueTest, BacksOffExponentiallyAndResetsOnSuccess) {
  handler_.Fail(7);
  auto queue = MakeQueue(1);
  TimePoint start = clock_.Now();
  queue->Push(7);

  // Failures 1..5 wait 1, 2, 4, 8, 8 s (capped).
  std::vector<milliseconds> expected = {milliseconds(1000), milliseconds(2000),
                                        milliseconds(4000), milliseconds(8000),
                                        milliseconds(8000)};
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_TRUE(handler_.WaitEntered(static_cast<int>(i) + 1));
    ASSERT_TRUE(queue->WaitUntilIdle(kWait));
    auto retry_at = queue->RetryAt(7);
    ASSERT_TRUE(retry_at.has_value());
    EXPECT_EQ(*retry_at - clock_.Now(), expected[i]) << "failure " << i + 1;
    EXPECT_EQ(queue->Failures(7), static_cast<int>(i) + 1);
    EXPECT_EQ(handler_.calls(7), static_cast<int>(i) + 1);  // nothing before due

    if (i + 1 == expected.size()) {
      handler_.Heal(7);  // the next attempt succeeds
    }
    clock_.Advance(expected[i]);
    queue->Poke();
  }
  ASSERT_TRUE(handler_.WaitEntered(6));
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));

  EXPECT_EQ(queue->Failures(7), 0);
  EXPECT_FALSE(queue->RetryAt(7).has_value());
  EXPECT_EQ(queue->depth(), 0u);
  EXPECT_GT(clock_.Now(), start);
}

TEST_F(WorkQueueTest, PushDuringBackoffDoesNotCutTheWaitShort) {
  handler_.Fail(7);
  auto queue = MakeQueue(1);
  queue->Push(7);
  ASSERT_TRUE(handler_.WaitEntered(1));
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));

  EXPECT_FALSE(queue->Push(7));
  queue->Poke();
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));

  EXPECT_EQ(handler_.calls(7), 1);
  EXPECT_EQ(queue->depth(), 1u);
}

TEST_F(WorkQueueTest, StopLetsRunningWorkFinishAndDropsTheRest) {
  handler_.Hold();
  auto queue = MakeQueue(1);
  queue->Push(1);
  ASSERT_TRUE(handler_.WaitEntered(1));
  queue->Push(2);
  queue->Push(3);

  std::thread stopper([&] { queue->Stop(); });
  for (int64_t probe = 100; queue->Push(probe); ++probe) {
    std::this_thread::sleep_for(milliseconds(1));  // until Stop() refuses pushes
  }
  handler_.Release();
  stopper.join();

  EXPECT_EQ(handler_.calls(1), 1);
  EXPECT_EQ(handler_.calls(2), 0);
  EXPECT_EQ(queue->depth(), 0u);
  EXPECT_FALSE(queue->Push(4));
}

TEST_F(WorkQueueTest, HandlerExceptionCountsAsFailure) {
  WorkQueueOptions options;
  options.workers = 1;
  WorkQueue queue(
      options, [](int64_t) -> Status { throw std::runtime_error("boom"); }, clock_,
      [] { return 0.0; });

  queue.Push(5);
  ASSERT_TRUE(queue.WaitUntilIdle(kWait));

  EXPECT_EQ(queue.Failures(5), 1);
  EXPECT_TRUE(queue.RetryAt(5).has_value());
}

TEST_F(WorkQueueTest, FullPassKeyIsAnOrdinaryKey) {
  auto queue = MakeQueue(2);
  queue->Push(kFullPassKey);
  ASSERT_TRUE(queue->WaitUntilIdle(kWait));
  EXPECT_EQ(handler_.calls(kFullPassKey), 1);
}

// Backoff is the queue's retry policy; its arithmetic is checked here.
TEST(BackoffTest, GrowsByFactorAndCapsAtMax) {
  Backoff backoff({milliseconds(500), milliseconds(3000), 3.0, 0.0}, [] { return 0.7; });

  EXPECT_EQ(backoff.Delay(0), milliseconds(0));
  EXPECT_EQ(backoff.Delay(1), milliseconds(500));
  EXPECT_EQ(backoff.Delay(2), milliseconds(1500));
  EXPECT_EQ(backoff.Delay(3), milliseconds(3000));
  EXPECT_EQ(backoff.Delay(1000), milliseconds(3000));
}

TEST(BackoffTest, JitterTakesAwayUpToItsFraction) {
  double r = 0.0;
  Backoff backoff({milliseconds(1000), milliseconds(60000), 2.0, 0.25},
                  [&] { return r; });

  r = 0.0;
  EXPECT_EQ(backoff.Delay(2), milliseconds(2000));
  r = 0.5;
  EXPECT_EQ(backoff.Delay(2), milliseconds(1750));
  r = 0.999999;
  EXPECT_EQ(backoff.Delay(2), milliseconds(1500));
}

TEST(BackoffTest, DefaultRandomSourceStaysInRange) {
  RandomSource random = MakeDefaultRandomSource();
  for (int i = 0; i < 1000; ++i) {
    double r = random();
    ASSERT_GE(r, 0.0);
    ASSERT_LT(r, 1.0);
  }
}

}  // namespace
}  // namespace nbr::daemon
