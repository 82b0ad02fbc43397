// Simulated server cost, calibrated on a real NetBox 3.1 (docs/netbox-sim.md):
// a base cost per request, a cost per object serialized and per object
// written, a bounded number of requests in progress (the server's workers)
// sharing a fixed number of cores, and a slow tail. Costs are sleeps, not
// CPU burn, so the emulator itself stays cheap. Thread-safe.
#pragma once

#include <condition_variable>
#include <mutex>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace nbr::sim {

struct CostProfile {
  std::string name = "none";
  double base_ms = 0;              // every API request
  double per_object_ms = 0;        // each full object serialized
  double per_brief_object_ms = 0;  // each brief object serialized
  double per_write_ms = 0;         // each object created, changed or deleted
  int workers = 0;                 // requests served at once; 0: unbounded
  int cores = 0;                   // cores the workers share; 0: unbounded
  double slow_fraction = 0;        // share of requests in the slow tail
  double slow_min_ms = 0, slow_max_ms = 0;
  double webhook_ms = 0;  // per delivery, per webhook worker

  // "none", "lan" or "netbox-3.1-small"; an error for anything else.
  static Status Named(const std::string& name, CostProfile& out);
  nlohmann::json ToJson() const;
};

// The work one request did, from which its cost follows.
struct RequestWork {
  int objects = 0;
  int brief_objects = 0;
  int writes = 0;
};

class CostModel {
 public:
  explicit CostModel(CostProfile profile, uint32_t seed = 7);

  const CostProfile& profile() const { return profile_; }

  // Holds one server worker while alive (blocks while all are busy).
  class WorkerSlot {
   public:
    explicit WorkerSlot(CostModel& model);
    ~WorkerSlot();
    WorkerSlot(const WorkerSlot&) = delete;
    WorkerSlot& operator=(const WorkerSlot&) = delete;

   private:
    CostModel& model_;
  };

  // Sleeps for the request's cost: its CPU share in slices on the shared
  // cores, then its slow-tail delay, if drawn.
  void Spend(const RequestWork& work);
  void SpendWebhook() const;

 private:
  void Acquire(int& in_use, int limit);
  void Release(int& in_use);
  void SpendCpu(double ms);

  CostProfile profile_;
  std::mutex mu_;
  std::condition_variable freed_;
  int workers_busy_ = 0;
  int cores_busy_ = 0;
  std::mt19937 rng_;
};

}  // namespace nbr::sim
