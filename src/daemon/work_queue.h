// A keyed work queue: the daemon's one place where reconcile work waits.
//
// Keys are NetBox device ids, plus kFullPassKey for "reconcile everything".
// Guarantees:
//   - a key that is already waiting is not queued twice (Push returns false);
//   - one key is never handled by two workers at once;
//   - a key pushed while it is being handled is handled once more afterwards
//     (however many times it was pushed meanwhile);
//   - a handler that fails makes its key wait out an exponential backoff
//     (per key, with jitter) before it is handled again; success resets it.
//     A push of a key that waits out a backoff does not cut the wait short.
//
// Time comes from an injected Clock. Workers sleep in real time for at most
// a short slice and re-read the clock, and Poke() wakes them at once, so a
// test that moves a FakeClock needs no sleeps.
//
// Thread-safety: every public method may be called from any thread,
// including from inside the handler. The handler runs without the queue's
// lock held. Stop() must not be called from inside the handler.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "common/backoff.h"
#include "common/clock.h"
#include "common/result.h"

namespace nbr::daemon {

// The key that stands for a full reconcile pass. NetBox ids are positive.
inline constexpr int64_t kFullPassKey = -1;

struct WorkQueueOptions {
  int workers = 4;
  BackoffPolicy backoff;
};

class WorkQueue {
 public:
  // Handles one key. A failed Status makes the key back off and retry.
  // Exceptions escaping it are caught and count as an Internal failure.
  using Handler = std::function<Status(int64_t key)>;

  // `clock` must outlive the queue. `random` may be empty (then a seeded
  // generator is used). Workers start at once.
  WorkQueue(WorkQueueOptions options, Handler handler, const Clock& clock,
            RandomSource random = {});
  ~WorkQueue();  // Stop()

  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `key` unless it is already waiting. Returns true when it was newly
  // queued or marked for a re-run (it was being handled); false when it was
  // already waiting or the queue is stopped.
  bool Push(int64_t key);

  // Lets running handlers finish, drops what is still waiting, joins the
  // workers. Idempotent.
  void Stop();

  // Wakes the workers so that they re-read the clock (after a FakeClock
  // moved).
  void Poke();

  // Keys waiting, ready or backing off (not counting those being handled).
  size_t depth() const;
  // Keys being handled right now.
  size_t running() const;

  // When `key` will next be handled if it is backing off; nullopt otherwise.
  std::optional<TimePoint> RetryAt(int64_t key) const;
  // Consecutive failures of `key` (0 when it last succeeded or never ran).
  int Failures(int64_t key) const;

  // Blocks until no key is ready or being handled (keys backing off do not
  // count) or until `timeout` passes in real time. Returns true when idle.
  bool WaitUntilIdle(std::chrono::milliseconds timeout) const;

 private:
  struct KeyState {
    bool waiting = false;  // in ready_ or in delayed_
    bool running = false;
    bool rerun = false;  // pushed while running
    int failures = 0;
    std::optional<TimePoint> retry_at;  // set while in delayed_
  };

  void WorkerLoop();
  std::optional<int64_t> NextReadyKey(std::unique_lock<std::mutex>& lock);
  void PromoteDueKeys();
  void Finish(int64_t key, const Status& status);
  void ScheduleRetry(int64_t key, KeyState& state);
  Status RunHandler(int64_t key);
  bool IdleLocked() const { return ready_.empty() && running_ == 0; }

  const WorkQueueOptions options_;
  const Handler handler_;
  const Clock& clock_;
  const Backoff backoff_;

  mutable std::mutex mu_;
  mutable std::condition_variable work_cv_;  // something to do, or stopping
  mutable std::condition_variable idle_cv_;  // a worker finished a key
  // All guarded by mu_.
  bool stopping_ = false;
  std::deque<int64_t> ready_;
  std::set<std::pair<TimePoint, int64_t>> delayed_;
  std::map<int64_t, KeyState> keys_;
  size_t running_ = 0;

  std::vector<std::thread> threads_;
};

}  // namespace nbr::daemon
