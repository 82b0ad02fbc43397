#include "daemon/webhook_receiver.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "webhook/payload.h"
#include "webhook/signature.h"

namespace nbr::daemon {
namespace {

WebhookAnswer Answer(int status, std::string_view result, std::string_view detail = "") {
  nlohmann::json body = {{"result", result}};
  if (!detail.empty()) {
    body["detail"] = detail;
  }
  return {status, body.dump()};
}

}  // namespace

WebhookReceiver::WebhookReceiver(const config::WebhookSettings& settings,
                                 store::Store& store, Metrics& metrics,
                                 const OwnChanges& own, const Clock& clock,
                                 EnqueueDevice enqueue_device,
                                 EnqueueFullPass enqueue_full_pass)
    : store_(store),
      metrics_(metrics),
      own_(own),
      clock_(clock),
      enqueue_device_(std::move(enqueue_device)),
      enqueue_full_pass_(std::move(enqueue_full_pass)),
      settings_(settings) {}

config::WebhookSettings WebhookReceiver::Settings() const {
  std::lock_guard lock(mu_);
  return settings_;
}

void WebhookReceiver::UpdateSettings(const config::WebhookSettings& settings) {
  std::lock_guard lock(mu_);
  settings_ = settings;
}

WebhookAnswer WebhookReceiver::Handle(std::string_view body,
                                      std::optional<std::string_view> signature) {
  config::WebhookSettings settings = Settings();

  // 1. The signature, over the raw bytes, before anything else.
  auto check = webhook::VerifySignature(settings.secrets, body, signature.value_or(""));
  if (check.verdict == webhook::SignatureVerdict::kMissing && !settings.allow_unsigned) {
    metrics_.CountWebhook("unsigned");
    spdlog::warn("webhook refused: no X-Hook-Signature header");
    return Answer(401, "refused", "missing X-Hook-Signature");
  }
  if (check.verdict == webhook::SignatureVerdict::kMismatch) {
    metrics_.CountWebhook("bad_signature");
    spdlog::warn("webhook refused: X-Hook-Signature matches no configured secret");
    return Answer(403, "refused", "X-Hook-Signature does not match");
  }

  // 2. The body.
  auto parsed = webhook::ParsePayload(body);
  if (!parsed.ok()) {
    metrics_.CountWebhook("malformed");
    return Answer(400, "malformed", parsed.error().message());
  }
  const webhook::DeviceEvent& event = *parsed;

  // 3. What it is about.
  std::optional<int64_t> device_id;
  if (event.type == webhook::PayloadType::kDeviceEvent) {
    device_id = event.device_id;
    if (!device_id) {
      metrics_.CountWebhook("malformed");
      return Answer(400, "malformed", "device event without data.id");
    }
  } else if (event.type == webhook::PayloadType::kOtherObject) {
    if (!settings.reconcile_ip_address_events || !event.device_id) {
      metrics_.CountWebhook("ignored");
      return Answer(202, "ignored", "not a device event: " + event.object_type);
    }
    device_id = event.device_id;
  } else {
    if (settings.full_pass_on_unknown_body) {
      metrics_.CountWebhook("full_pass");
      enqueue_full_pass_();
      return Answer(202, "full_pass", event.unknown_reason);
    }
    metrics_.CountWebhook("ignored");
    return Answer(202, "ignored", event.unknown_reason);
  }

  // 4. Our own write coming back.
  if (event.kind == webhook::EventKind::kUpdated &&
      event.type == webhook::PayloadType::kDeviceEvent &&
      own_.IsOwn(*device_id, event.last_updated)) {
    metrics_.CountWebhook("echo");
    spdlog::debug("webhook for device {} is the echo of our own change", *device_id);
    return Answer(202, "echo");
  }

  // 5. Durable before acknowledged.
  store::InboxItem item;
  item.received_at = clock_.Now();
  item.device_id = device_id;
  item.event = event.event;
  item.object_type = event.object_type;
  item.request_id = event.request_id;
  item.username = event.username;
  item.body = std::string(body.substr(0, 65536));
  auto inbox_id = store_.AppendInbox(item);
  if (!inbox_id.ok()) {
    metrics_.CountWebhook("store_failed");
    spdlog::error("webhook for device {} not stored: {}", *device_id,
                  inbox_id.error().message());
    return Answer(503, "unavailable", "the inbox cannot take the delivery now");
  }
  Track(*device_id, *inbox_id);
  metrics_.CountWebhook("accepted");
  spdlog::info("webhook {} for device {} ({}) queued as inbox item {}", event.event,
               *device_id, event.name.value_or(""), *inbox_id);
  enqueue_device_(*device_id);
  nlohmann::json answer = {{"result", "accepted"}, {"inbox_id", *inbox_id}};
  return {202, answer.dump()};
}

void WebhookReceiver::Track(int64_t device_id, int64_t inbox_id) {
  std::lock_guard lock(mu_);
  pending_[device_id].push_back(inbox_id);
}

std::vector<int64_t> WebhookReceiver::TakePending(int64_t device_id) {
  std::lock_guard lock(mu_);
  auto it = pending_.find(device_id);
  if (it == pending_.end()) {
    return {};
  }
  std::vector<int64_t> ids = std::move(it->second);
  pending_.erase(it);
  return ids;
}

void WebhookReceiver::ReturnPending(int64_t device_id, const std::vector<int64_t>& ids) {
  std::lock_guard lock(mu_);
  auto& list = pending_[device_id];
  list.insert(list.begin(), ids.begin(), ids.end());
}

Result<size_t> WebhookReceiver::Recover() {
  size_t queued = 0;
  NBR_ASSIGN_OR_RETURN(auto items, store_.PendingInbox(1'000'000));
  for (const auto& item : items) {
    if (!item.device_id) {
      NBR_RETURN_IF_ERROR(store_.MarkInboxDone(item.id, "no device"));
      continue;
    }
    bool first = false;
    {
      std::lock_guard lock(mu_);
      auto& list = pending_[*item.device_id];
      first = list.empty();
      list.push_back(item.id);
    }
    if (first) {
      enqueue_device_(*item.device_id);
      ++queued;
    }
  }
  return queued;
}

}  // namespace nbr::daemon
