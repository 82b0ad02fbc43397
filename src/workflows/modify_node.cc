#include "workflows/modify_node.h"

#include <spdlog/spdlog.h>

#include "engine/standard_steps.h"
#include "engine/state.h"
#include "workflows/node_addresses.h"

namespace nbr::workflows {
namespace {

using engine::StepContext;
using engine::StepOutcome;
using nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json NodeValues(const store::Subscription& s) {
  return {{"node_name", OrNull(s.node_name)},
          {"ipv4_loopback", OrNull(s.ipv4_loopback)},
          {"ipv6_loopback", OrNull(s.ipv6_loopback)}};
}

Result<StepOutcome> UpdateSubscriptionFromNetbox(const StepContext& context, json state) {
  NBR_ASSIGN_OR_RETURN(auto subscription, engine::SubscriptionInState(state));
  const int64_t device_id = subscription.node_id.value();
  NBR_ASSIGN_OR_RETURN(auto device, context.netbox.GetDevice(device_id));

  // 1. NetBox's current values, checked as create_node checks them.
  const std::string device_text = engine::DescribeDevice(device_id, device.name);
  if (!device.name || device.name->empty()) {
    return InvalidArgument(device_text + " has no name: a node needs a hostname");
  }
  auto policy = context.settings.allow_single_stack ? StackPolicy::kSingleStackAllowed
                                                    : StackPolicy::kDualStackRequired;
  NBR_ASSIGN_OR_RETURN(auto loopbacks, ReadLoopbacks(device, policy));

  // 2. Take them, recording before and after.
  json before = NodeValues(subscription);
  subscription.node_name = device.name;
  subscription.description = "Node " + *device.name;
  subscription.ipv4_loopback = loopbacks.ipv4;
  subscription.ipv6_loopback = loopbacks.ipv6;
  json after = NodeValues(subscription);
  state["modification"] = {{"before", before}, {"after", after}};
  engine::PutSubscriptionInState(state, subscription);

  spdlog::info("process {} {}: subscription {} from {} to {}", context.process.id,
               device_text, subscription.id, before.dump(), after.dump());
  return StepOutcome::Success(std::move(state)).SavingSubscription();
}

}  // namespace

engine::Workflow ModifyNodeWorkflow() {
  return engine::ModifyWorkflow(
      "modify_node",
      {engine::Step("update_subscription_from_netbox", UpdateSubscriptionFromNetbox)});
}

}  // namespace nbr::workflows
