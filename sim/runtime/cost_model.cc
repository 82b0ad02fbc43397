#include "runtime/cost_model.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace nbr::sim {
namespace {

constexpr double kSliceMs = 5.0;

void SleepMs(double ms) {
  if (ms > 0) {
    std::this_thread::sleep_for(
        std::chrono::microseconds(static_cast<int64_t>(ms * 1000)));
  }
}

}  // namespace

Status CostProfile::Named(const std::string& name, CostProfile& out) {
  CostProfile p;
  p.name = name;
  if (name == "none") {
  } else if (name == "lan") {
    p.base_ms = 2;
  } else if (name == "netbox-3.1-small") {
    // NOTES.md: ~75 ms per request, ~1.3 ms per full object in a list,
    // ~0.014 ms per brief object, ~45 ms per object written, gunicorn
    // 3x3 workers on 2 cores, 5 % of requests 250-450 ms slower, one RQ
    // worker delivering ~32 webhooks/s.
    p.base_ms = 75;
    p.per_object_ms = 1.25;
    p.per_brief_object_ms = 0.014;
    p.per_write_ms = 45;
    p.workers = 9;
    p.cores = 2;
    p.slow_fraction = 0.05;
    p.slow_min_ms = 250;
    p.slow_max_ms = 450;
    p.webhook_ms = 31;
  } else {
    return Status::Error("unknown profile '" + name + "' (none, lan, netbox-3.1-small)");
  }
  out = p;
  return Status::Ok();
}

nlohmann::json CostProfile::ToJson() const {
  return {{"name", name},
          {"base_ms", base_ms},
          {"per_object_ms", per_object_ms},
          {"per_brief_object_ms", per_brief_object_ms},
          {"per_write_ms", per_write_ms},
          {"workers", workers},
          {"cores", cores},
          {"slow_fraction", slow_fraction},
          {"slow_min_ms", slow_min_ms},
          {"slow_max_ms", slow_max_ms},
          {"webhook_ms", webhook_ms}};
}

CostModel::CostModel(CostProfile profile, uint32_t seed)
    : profile_(std::move(profile)), rng_(seed) {}

CostModel::WorkerSlot::WorkerSlot(CostModel& model) : model_(model) {
  model_.Acquire(model_.workers_busy_, model_.profile_.workers);
}

CostModel::WorkerSlot::~WorkerSlot() {
  model_.Release(model_.workers_busy_);
}

void CostModel::Acquire(int& in_use, int limit) {
  if (limit <= 0) {
    return;
  }
  std::unique_lock lock(mu_);
  freed_.wait(lock, [&] { return in_use < limit; });
  ++in_use;
}

void CostModel::Release(int& in_use) {
  std::lock_guard lock(mu_);
  if (in_use > 0) {
    --in_use;
  }
  freed_.notify_all();
}

void CostModel::SpendCpu(double ms) {
  if (profile_.cores <= 0) {
    SleepMs(ms);
    return;
  }
  // Slices on the shared cores: with more requests than cores, each one
  // waits its turn, so throughput stays bounded by the cores.
  while (ms > 0) {
    double slice = std::min(ms, kSliceMs);
    Acquire(cores_busy_, profile_.cores);
    SleepMs(slice);
    Release(cores_busy_);
    ms -= slice;
  }
}

void CostModel::Spend(const RequestWork& work) {
  const CostProfile& p = profile_;
  double cpu = p.base_ms + work.objects * p.per_object_ms +
               work.brief_objects * p.per_brief_object_ms + work.writes * p.per_write_ms;
  double tail = 0;
  if (p.slow_fraction > 0) {
    std::lock_guard lock(mu_);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    if (coin(rng_) < p.slow_fraction) {
      tail = std::uniform_real_distribution<double>(p.slow_min_ms, p.slow_max_ms)(rng_);
    }
  }
  SpendCpu(cpu);
  SleepMs(tail);
}

void CostModel::SpendWebhook() const {
  SleepMs(profile_.webhook_ms);
}

}  // namespace nbr::sim
