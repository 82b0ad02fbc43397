#include "runtime/faults.h"

namespace nbr::sim {
namespace {

using nlohmann::json;

FaultRule RuleFromJson(const json& j) {
  FaultRule r;
  r.path = j.value("path", r.path);
  r.method = j.value("method", r.method);
  r.skip = j.value("skip", r.skip);
  r.count = j.value("count", r.count);
  r.action = j.value("action", r.action);
  r.status = j.value("status", r.action == "rate_limit" ? 429 : r.status);
  r.latency_ms = j.value("latency_ms", r.latency_ms);
  return r;
}

json RuleToJson(const FaultRule& r) {
  return {{"path", r.path},
          {"method", r.method},
          {"skip", r.skip},
          {"count", r.count},
          {"action", r.action},
          {"status", r.status},
          {"latency_ms", r.latency_ms},
          {"seen", r.seen}};
}

json OptBool(const std::optional<bool>& b) {
  return b ? json(*b) : json(nullptr);
}

FaultDecision::Action ActionOf(const std::string& name) {
  if (name == "rate_limit") {
    return FaultDecision::Action::kRateLimit;
  }
  if (name == "drop") {
    return FaultDecision::Action::kDrop;
  }
  if (name == "hang") {
    return FaultDecision::Action::kHang;
  }
  if (name == "latency") {
    return FaultDecision::Action::kNone;
  }
  return FaultDecision::Action::kError;
}

}  // namespace

Status Faults::Apply(const json& change) {
  if (!change.is_object()) {
    return Status::Error("faults must be a JSON object");
  }
  std::lock_guard lock(mu_);
  FaultSettings s = change.value("clear", false) ? FaultSettings{} : settings_;
  try {
    for (auto it = change.begin(); it != change.end(); ++it) {
      const std::string& k = it.key();
      const json& v = it.value();
      if (k == "clear") {
      } else if (k == "latency_ms") {
        s.latency_ms = v.get<int>();
      } else if (k == "error_rate") {
        s.error_rate = v.get<double>();
      } else if (k == "rate_limit_rate") {
        s.rate_limit_rate = v.get<double>();
      } else if (k == "retry_after_s") {
        s.retry_after_s = v.get<int>();
      } else if (k == "drop_rate") {
        s.drop_rate = v.get<double>();
      } else if (k == "hang_rate") {
        s.hang_rate = v.get<double>();
      } else if (k == "hang_ms") {
        s.hang_ms = v.get<int>();
      } else if (k == "page_size_quirk") {
        s.page_size_quirk =
            v.is_null() ? std::nullopt : std::optional<bool>(v.get<bool>());
      } else if (k == "duplicate_rows") {
        s.duplicate_rows =
            v.is_null() ? std::nullopt : std::optional<bool>(v.get<bool>());
      } else if (k == "ignore_filters") {
        s.ignore_filters = v.get<bool>();
      } else if (k == "stale_duplicate_updates") {
        s.stale_duplicate_updates = v.get<bool>();
      } else if (k == "update_before_delete") {
        s.update_before_delete = v.get<bool>();
      } else if (k == "webhooks_unreachable") {
        s.webhooks_unreachable = v.get<bool>();
      } else if (k == "rules") {
        s.rules.clear();
        for (const auto& r : v) {
          s.rules.push_back(RuleFromJson(r));
        }
      } else {
        return Status::Error("unknown fault '" + k + "'");
      }
    }
  } catch (const json::exception& e) {
    return Status::Error(std::string("bad fault value: ") + e.what());
  }
  settings_ = std::move(s);
  ++generation_;
  changed_.notify_all();
  return Status::Ok();
}

Status Faults::ApplyFlag(const std::string& flag) {
  auto eq = flag.find('=');
  if (eq == std::string::npos) {
    return Apply(json{{flag, true}});
  }
  std::string key = flag.substr(0, eq);
  json value = json::parse(flag.substr(eq + 1), nullptr, false);
  if (value.is_discarded()) {
    value = flag.substr(eq + 1);
  }
  return Apply(json{{key, value}});
}

json Faults::ToJson() const {
  std::lock_guard lock(mu_);
  const FaultSettings& s = settings_;
  json rules = json::array();
  for (const auto& r : s.rules) {
    rules.push_back(RuleToJson(r));
  }
  return {{"latency_ms", s.latency_ms},
          {"error_rate", s.error_rate},
          {"rate_limit_rate", s.rate_limit_rate},
          {"retry_after_s", s.retry_after_s},
          {"drop_rate", s.drop_rate},
          {"hang_rate", s.hang_rate},
          {"hang_ms", s.hang_ms},
          {"page_size_quirk", OptBool(s.page_size_quirk)},
          {"duplicate_rows", OptBool(s.duplicate_rows)},
          {"ignore_filters", s.ignore_filters},
          {"stale_duplicate_updates", s.stale_duplicate_updates},
          {"update_before_delete", s.update_before_delete},
          {"webhooks_unreachable", s.webhooks_unreachable},
          {"rules", rules}};
}

FaultSettings Faults::Settings() const {
  std::lock_guard lock(mu_);
  return settings_;
}

FaultDecision Faults::Decide(const std::string& method, const std::string& path) {
  std::lock_guard lock(mu_);
  FaultDecision d;
  d.latency_ms = settings_.latency_ms;
  d.retry_after_s = settings_.retry_after_s;

  // First, the targeted rules, in order.
  for (auto& rule : settings_.rules) {
    if (path.compare(0, rule.path.size(), rule.path) != 0 ||
        (!rule.method.empty() && rule.method != method)) {
      continue;
    }
    int index = rule.seen++;
    if (index >= rule.skip && (rule.count < 0 || index < rule.skip + rule.count)) {
      d.action = ActionOf(rule.action);
      d.status = rule.status;
      d.latency_ms += rule.latency_ms;
      return d;
    }
  }

  // Then, the random ones.
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  if (settings_.error_rate > 0 && coin(rng_) < settings_.error_rate) {
    d.action = FaultDecision::Action::kError;
  } else if (settings_.rate_limit_rate > 0 && coin(rng_) < settings_.rate_limit_rate) {
    d.action = FaultDecision::Action::kRateLimit;
    d.status = 429;
  } else if (settings_.drop_rate > 0 && coin(rng_) < settings_.drop_rate) {
    d.action = FaultDecision::Action::kDrop;
  } else if (settings_.hang_rate > 0 && coin(rng_) < settings_.hang_rate) {
    d.action = FaultDecision::Action::kHang;
  }
  return d;
}

void Faults::Hang(int ms) {
  std::unique_lock lock(mu_);
  uint64_t start = generation_;
  changed_.wait_for(lock, std::chrono::milliseconds(ms),
                    [&] { return generation_ != start; });
}

}  // namespace nbr::sim
