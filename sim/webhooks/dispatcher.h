// Delivers webhooks for object changes like NetBox's RQ workers: a queue
// filled after each change commits, a pool of background workers (with more
// than one, no ordering guarantee), no retries unless configured, and a
// record of every delivery and its result.
//
// Thread-safe. Enqueue is called under the inventory's write lock, so the
// bodies are rendered against the state NetBox would render them against.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/cost_model.h"
#include "runtime/faults.h"
#include "serial/webhook_body.h"
#include "webhooks/event_rule.h"

namespace nbr::sim {

struct DispatcherOptions {
  int workers = 1;
  int retries = 0;
  int retry_delay_ms = 500;
  int timeout_s = 60;
  size_t log_limit = 20000;  // oldest entries are dropped beyond this
};

// One webhook: queued, then delivered or failed.
struct Delivery {
  int64_t id = 0;
  size_t rule = 0;
  std::string url;
  std::string event;
  std::string object_type;  // "dcim.device" or "ipam.ipaddress"
  int object_id = 0;
  int device_id = 0;  // object_id of a device event, else 0
  std::string request_id;
  std::string body;
  std::string signature;         // "" when the rule has no secret
  std::string state = "queued";  // queued, delivered, failed
  int status_code = 0;
  std::string error;
  int attempts = 0;
};

class WebhookDispatcher {
 public:
  WebhookDispatcher(std::vector<EventRule> rules, NetBoxVersion server_version,
                    DispatcherOptions options, CostModel& cost, Faults& faults);
  ~WebhookDispatcher();

  void Start();
  void Stop();

  // Renders and queues one webhook per rule that wants this event of this
  // object type.
  void Enqueue(const Inventory& inventory, const ChangeEvent& event);
  void Pause();
  void Resume();

  // The delivery log, oldest first, from id `since` on.
  nlohmann::json Log(int64_t since = 0) const;
  nlohmann::json Counts() const;
  void ClearLog();
  // Waits until nothing is queued or in flight; false on timeout.
  bool WaitIdle(int timeout_ms) const;
  const std::vector<EventRule>& rules() const { return rules_; }

 private:
  void WorkerLoop();
  void Deliver(int64_t id);
  bool Attempt(Delivery& d, std::string& error, int& status);
  Delivery* Find(int64_t id);

  std::vector<EventRule> rules_;
  NetBoxVersion server_version_;
  DispatcherOptions options_;
  CostModel& cost_;
  Faults& faults_;

  mutable std::mutex mu_;
  mutable std::condition_variable wake_;
  std::deque<int64_t> queue_;
  std::deque<Delivery> log_;
  int64_t next_id_ = 1;
  int in_flight_ = 0;
  bool paused_ = false;
  bool stopping_ = false;
  int64_t delivered_ = 0, failed_ = 0, queued_total_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace nbr::sim
