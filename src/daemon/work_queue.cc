#include "daemon/work_queue.h"

#include <algorithm>
#include <exception>
#include <string>

#include <spdlog/spdlog.h>

namespace nbr::daemon {
namespace {

// Longest real-time sleep before a worker re-reads the clock: bounds how late
// a backed-off key runs when the injected clock jumps.
constexpr std::chrono::milliseconds kMaxSleepSlice{200};

std::string KeyName(int64_t key) {
  return key == kFullPassKey ? std::string("full-pass") : "device " + std::to_string(key);
}

}  // namespace

WorkQueue::WorkQueue(WorkQueueOptions options, Handler handler, const Clock& clock,
                     RandomSource random)
    : options_(options),
      handler_(std::move(handler)),
      clock_(clock),
      backoff_(options.backoff, std::move(random)) {
  int workers = std::max(1, options_.workers);
  threads_.reserve(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
}

WorkQueue::~WorkQueue() {
  Stop();
}

bool WorkQueue::Push(int64_t key) {
  std::lock_guard lock(mu_);
  if (stopping_) {
    return false;
  }
  KeyState& state = keys_[key];
  if (state.running) {
    bool newly_marked = !state.rerun;
    state.rerun = true;
    return newly_marked;
  }
  if (state.waiting) {
    return false;
  }
  state.waiting = true;
  ready_.push_back(key);
  work_cv_.notify_one();
  return true;
}

void WorkQueue::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    threads.swap(threads_);
  }
  work_cv_.notify_all();
  for (std::thread& t : threads) {
    t.join();
  }

  std::lock_guard lock(mu_);
  ready_.clear();
  delayed_.clear();
  keys_.clear();
  idle_cv_.notify_all();
}

void WorkQueue::Poke() {
  std::lock_guard lock(mu_);
  work_cv_.notify_all();
}

size_t WorkQueue::depth() const {
  std::lock_guard lock(mu_);
  return ready_.size() + delayed_.size();
}

size_t WorkQueue::running() const {
  std::lock_guard lock(mu_);
  return running_;
}

std::optional<TimePoint> WorkQueue::RetryAt(int64_t key) const {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  return it == keys_.end() ? std::nullopt : it->second.retry_at;
}

int WorkQueue::Failures(int64_t key) const {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  return it == keys_.end() ? 0 : it->second.failures;
}

bool WorkQueue::WaitUntilIdle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return idle_cv_.wait_for(lock, timeout, [this] { return IdleLocked(); });
}

void WorkQueue::WorkerLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    std::optional<int64_t> key = NextReadyKey(lock);
    if (!key) {
      return;  // stopping
    }

    KeyState& state = keys_[*key];
    state.waiting = false;
    state.running = true;
    ++running_;

    lock.unlock();
    Status status = RunHandler(*key);
    lock.lock();

    Finish(*key, status);
  }
}

// Waits (lock held, released while sleeping) until a key is ready or the
// queue stops; returns nullopt on stop.
std::optional<int64_t> WorkQueue::NextReadyKey(std::unique_lock<std::mutex>& lock) {
  while (!stopping_) {
    PromoteDueKeys();
    if (!ready_.empty()) {
      int64_t key = ready_.front();
      ready_.pop_front();
      return key;
    }
    if (delayed_.empty()) {
      work_cv_.wait(lock);
      continue;
    }
    auto until_due = delayed_.begin()->first - clock_.Now();
    auto sleep = std::min<std::chrono::nanoseconds>(until_due, kMaxSleepSlice);
    work_cv_.wait_for(lock, std::max<std::chrono::nanoseconds>(sleep, {}));
  }
  return std::nullopt;
}

void WorkQueue::PromoteDueKeys() {
  TimePoint now = clock_.Now();
  while (!delayed_.empty() && delayed_.begin()->first <= now) {
    int64_t key = delayed_.begin()->second;
    delayed_.erase(delayed_.begin());
    keys_[key].retry_at.reset();
    ready_.push_back(key);
  }
}

void WorkQueue::Finish(int64_t key, const Status& status) {
  KeyState& state = keys_[key];
  state.running = false;
  --running_;

  // 1. Count the outcome.
  if (status.ok()) {
    state.failures = 0;
  } else {
    ++state.failures;
    spdlog::warn("work on {} failed ({} in a row): {}", KeyName(key), state.failures,
                 status.error().ToString());
  }

  // 2. Decide what comes next: a re-run, a retry after backoff, or nothing.
  bool again = state.rerun || !status.ok();
  state.rerun = false;
  if (!again) {
    keys_.erase(key);
  } else if (status.ok()) {
    state.waiting = true;
    ready_.push_back(key);
    work_cv_.notify_one();
  } else {
    ScheduleRetry(key, state);
  }
  idle_cv_.notify_all();
}

void WorkQueue::ScheduleRetry(int64_t key, KeyState& state) {
  auto delay = backoff_.Delay(state.failures);
  TimePoint at = clock_.Now() + delay;
  state.waiting = true;
  state.retry_at = at;
  delayed_.emplace(at, key);
  spdlog::info("retrying {} in {} ms", KeyName(key), delay.count());
  work_cv_.notify_all();
}

Status WorkQueue::RunHandler(int64_t key) {
  try {
    return handler_(key);
  } catch (const std::exception& e) {
    return Internal("handler for " + KeyName(key) + " threw: " + e.what());
  } catch (...) {
    return Internal("handler for " + KeyName(key) + " threw");
  }
}

}  // namespace nbr::daemon
