// Faults and quirks of real NetBox installations that netbox-sim can play,
// switched on at start (--fault) or at run time (POST /_sim/faults).
//
// Thread-safe: every method takes the internal lock.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace nbr::sim {

// A targeted failure: requests whose path starts with `path` (and whose
// method is `method`, when set) are counted; after `skip` of them, the next
// `count` (-1: all) get `action`.
struct FaultRule {
  std::string path = "/";
  std::string method;  // "" for any
  int skip = 0;
  int count = 1;
  std::string action = "error";  // error, rate_limit, drop, hang, latency
  int status = 500;
  int latency_ms = 0;
  int seen = 0;  // matching requests so far
};

struct FaultSettings {
  int latency_ms = 0;          // added to every API request
  double error_rate = 0;       // share of requests answered 500
  double rate_limit_rate = 0;  // share answered 429 with Retry-After
  int retry_after_s = 1;
  double drop_rate = 0;  // share whose connection is cut mid-response
  double hang_rate = 0;  // share that hang (until hang_ms or cleared)
  int hang_ms = 30000;
  std::optional<bool> page_size_quirk;  // 4.1.7 and earlier (case C6)
  std::optional<bool> duplicate_rows;   // 4.2.3-4.2.4 overlapping pages
  bool ignore_filters = false;
  bool stale_duplicate_updates = false;  // case C3
  bool update_before_delete = false;     // case C5
  bool webhooks_unreachable = false;
  std::vector<FaultRule> rules;
};

// What to do with one request.
struct FaultDecision {
  enum class Action { kNone, kError, kRateLimit, kDrop, kHang } action = Action::kNone;
  int status = 500;
  int latency_ms = 0;
  int retry_after_s = 1;
};

class Faults {
 public:
  explicit Faults(uint32_t seed = 42) : rng_(seed) {}

  // Merges a JSON object of settings ({"clear": true} resets first; "rules"
  // replaces the targeted rules). Returns an error naming a bad key.
  Status Apply(const nlohmann::json& change);
  // "key=value" from the command line, e.g. "error_rate=0.1".
  Status ApplyFlag(const std::string& flag);
  nlohmann::json ToJson() const;
  FaultSettings Settings() const;

  FaultDecision Decide(const std::string& method, const std::string& path);
  // Blocks a hung request until `ms` pass or the faults are changed.
  void Hang(int ms);

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  uint64_t generation_ = 0;
  FaultSettings settings_;
  std::mt19937 rng_;
};

}  // namespace nbr::sim
