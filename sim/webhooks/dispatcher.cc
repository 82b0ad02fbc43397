#include "webhooks/dispatcher.h"

#include <algorithm>
#include <chrono>
#include <regex>

#include <httplib.h>

#include "webhooks/body_template.h"
#include "webhooks/signature.h"

namespace nbr::sim {
namespace {

nlohmann::json ToJson(const Delivery& d) {
  return {{"id", d.id},
          {"rule", d.rule},
          {"url", d.url},
          {"event", d.event},
          {"object_type", d.object_type},
          {"object_id", d.object_id},
          {"device_id", d.device_id},
          {"request_id", d.request_id},
          {"state", d.state},
          {"status_code", d.status_code},
          {"error", d.error},
          {"attempts", d.attempts},
          {"signature", d.signature},
          {"body", d.body}};
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(std::vector<EventRule> rules,
                                     NetBoxVersion server_version,
                                     DispatcherOptions options, CostModel& cost,
                                     Faults& faults)
    : rules_(std::move(rules)),
      server_version_(server_version),
      options_(options),
      cost_(cost),
      faults_(faults) {}

WebhookDispatcher::~WebhookDispatcher() {
  Stop();
}

void WebhookDispatcher::Start() {
  for (int i = 0; i < std::max(1, options_.workers); ++i) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

void WebhookDispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) {
    t.join();
  }
  workers_.clear();
}

void WebhookDispatcher::Enqueue(const Inventory& inventory, const ChangeEvent& event) {
  std::vector<Delivery> batch;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const EventRule& rule = rules_[i];
    if (!rule.events.count(event.event) || !rule.object_types.count(event.object_type)) {
      continue;
    }
    Delivery d;
    d.rule = i;
    d.url = rule.url;
    d.event = event.event;
    d.object_type = event.object_type;
    d.object_id = event.ObjectId();
    d.device_id = event.object_type == "dcim.device" ? d.object_id : 0;
    d.request_id = event.request_id;
    d.body =
        RenderWebhookBody(inventory, rule.body_version.value_or(server_version_), event);
    if (!rule.body_template.empty()) {
      d.body = RenderBodyTemplate(rule.body_template, d.body);
    }
    if (!rule.secret.empty()) {
      d.signature = HookSignature(rule.secret, d.body);
    }
    batch.push_back(std::move(d));
  }
  if (batch.empty()) {
    return;
  }
  std::lock_guard lock(mu_);
  for (auto& d : batch) {
    d.id = next_id_++;
    queue_.push_back(d.id);
    log_.push_back(std::move(d));
    ++queued_total_;
  }
  while (log_.size() > options_.log_limit && log_.front().state != "queued") {
    log_.pop_front();
  }
  wake_.notify_all();
}

void WebhookDispatcher::Pause() {
  std::lock_guard lock(mu_);
  paused_ = true;
}

void WebhookDispatcher::Resume() {
  {
    std::lock_guard lock(mu_);
    paused_ = false;
  }
  wake_.notify_all();
}

Delivery* WebhookDispatcher::Find(int64_t id) {
  // The log is ordered by id.
  auto it =
      std::lower_bound(log_.begin(), log_.end(), id,
                       [](const Delivery& d, int64_t value) { return d.id < value; });
  return it != log_.end() && it->id == id ? &*it : nullptr;
}

void WebhookDispatcher::WorkerLoop() {
  while (true) {
    int64_t id = 0;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || (!paused_ && !queue_.empty()); });
      if (stopping_) {
        return;
      }
      id = queue_.front();
      queue_.pop_front();
      ++in_flight_;
    }
    Deliver(id);
    {
      std::lock_guard lock(mu_);
      --in_flight_;
    }
    wake_.notify_all();
  }
}

void WebhookDispatcher::Deliver(int64_t id) {
  Delivery copy;
  {
    std::lock_guard lock(mu_);
    Delivery* d = Find(id);
    if (d == nullptr) {
      return;
    }
    copy = *d;
  }
  cost_.SpendWebhook();
  std::string error;
  int status = 0;
  bool ok = false;
  int attempts = 0;
  for (int attempt = 0; attempt <= options_.retries && !ok; ++attempt) {
    if (attempt > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(options_.retry_delay_ms));
    }
    ++attempts;
    ok = Attempt(copy, error, status);
  }
  std::lock_guard lock(mu_);
  (ok ? delivered_ : failed_)++;
  if (Delivery* d = Find(id)) {
    d->state = ok ? "delivered" : "failed";
    d->status_code = status;
    d->error = error;
    d->attempts = attempts;
  }
}

bool WebhookDispatcher::Attempt(Delivery& d, std::string& error, int& status) {
  status = 0;
  if (faults_.Settings().webhooks_unreachable) {
    error = "connection refused (simulated: target unreachable)";
    return false;
  }
  static const std::regex kUrl(R"(^(https?://[^/]+)(/.*)?$)");
  std::smatch m;
  if (!std::regex_match(d.url, m, kUrl)) {
    error = "bad url";
    return false;
  }
  httplib::Client client(m[1].str());
  client.set_tcp_nodelay(true);
  client.set_connection_timeout(5);
  client.set_read_timeout(options_.timeout_s);
  httplib::Headers headers;
  for (const auto& [name, value] : rules_[d.rule].headers) {
    headers.emplace(name, value);
  }
  if (!d.signature.empty()) {
    headers.emplace("X-Hook-Signature", d.signature);
  }
  std::string path = m[2].matched ? m[2].str() : "/";
  auto result = client.Post(path, headers, d.body, "application/json");
  if (!result) {
    error = httplib::to_string(result.error());
    return false;
  }
  status = result->status;
  error.clear();
  if (status < 200 || status >= 300) {
    error = "HTTP " + std::to_string(status);
    return false;
  }
  return true;
}

nlohmann::json WebhookDispatcher::Log(int64_t since) const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : log_) {
    if (d.id >= since) {
      out.push_back(ToJson(d));
    }
  }
  return out;
}

nlohmann::json WebhookDispatcher::Counts() const {
  std::lock_guard lock(mu_);
  return {{"queued", static_cast<int64_t>(queue_.size())},
          {"in_flight", in_flight_},
          {"delivered", delivered_},
          {"failed", failed_},
          {"total", queued_total_},
          {"paused", paused_}};
}

void WebhookDispatcher::ClearLog() {
  std::lock_guard lock(mu_);
  std::deque<Delivery> kept;
  for (auto& d : log_) {
    if (d.state == "queued") {
      kept.push_back(std::move(d));
    }
  }
  log_ = std::move(kept);
}

bool WebhookDispatcher::WaitIdle(int timeout_ms) const {
  std::unique_lock lock(mu_);
  return wake_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                        [&] { return queue_.empty() && in_flight_ == 0; });
}

}  // namespace nbr::sim
