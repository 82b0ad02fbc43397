#include "engine/state.h"

#include "store/json.h"

namespace nbr::engine {

Result<store::Subscription> SubscriptionInState(const nlohmann::json& state) {
  auto it = state.find("subscription");
  if (it == state.end() || !it->is_object()) {
    return Internal("the process state holds no subscription");
  }
  auto subscription = store::SubscriptionFromJson(*it);
  if (!subscription.ok()) {
    return Internal(subscription.error().message());
  }
  return subscription;
}

void PutSubscriptionInState(nlohmann::json& state,
                            const store::Subscription& subscription) {
  state["subscription"] = store::ToJson(subscription);
}

std::string DescribeDevice(int64_t device_id, const std::optional<std::string>& name) {
  std::string text = "device " + std::to_string(device_id);
  if (name && !name->empty()) {
    text += " (" + *name + ")";
  }
  return text;
}

}  // namespace nbr::engine
