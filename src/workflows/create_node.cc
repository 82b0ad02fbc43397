#include "workflows/create_node.h"

#include <spdlog/spdlog.h>

#include "engine/standard_steps.h"
#include "engine/state.h"
#include "store/json.h"
#include "workflows/node_addresses.h"
#include "workflows/router_config.h"

namespace nbr::workflows {
namespace {

using engine::StepContext;
using engine::StepOutcome;
using nlohmann::json;

StackPolicy PolicyOf(const StepContext& context) {
  return context.settings.allow_single_stack ? StackPolicy::kSingleStackAllowed
                                             : StackPolicy::kDualStackRequired;
}

Result<StepOutcome> ConstructNodeModel(const StepContext& context, json state) {
  const int64_t device_id = state.at("device_id").get<int64_t>();
  NBR_ASSIGN_OR_RETURN(auto device, context.netbox.GetDevice(device_id));

  // 1. Only a named, planned device becomes a node.
  const std::string device_text = engine::DescribeDevice(device_id, device.name);
  if (!device.name || device.name->empty()) {
    return InvalidArgument(device_text + " has no name: a node needs a hostname");
  }
  if (device.status != "planned") {
    return Conflict(device_text + " is '" + device.status + "' in NetBox, not 'planned'");
  }

  // 2. A new subscription in `initial`, out of sync while the workflow runs.
  store::Subscription subscription;
  subscription.id = store::NewSubscriptionId();
  subscription.description = "Node " + *device.name;
  subscription.lifecycle = store::Lifecycle::kInitial;
  subscription.insync = false;
  subscription.node_id = device_id;
  subscription.node_name = device.name;
  if (!device.site_name.empty()) {
    subscription.site = device.site_name;
  }
  engine::PutSubscriptionInState(state, subscription);
  spdlog::info("process {} {}: subscription {} in initial", context.process.id,
               device_text, subscription.id);
  return StepOutcome::Success(std::move(state)).SavingSubscription();
}

Result<StepOutcome> FetchIpAddressInformation(const StepContext& context, json state) {
  NBR_ASSIGN_OR_RETURN(auto subscription, engine::SubscriptionInState(state));
  NBR_ASSIGN_OR_RETURN(auto device,
                       context.netbox.GetDevice(subscription.node_id.value()));
  NBR_ASSIGN_OR_RETURN(auto loopbacks, ReadLoopbacks(device, PolicyOf(context)));

  subscription.ipv4_loopback = loopbacks.ipv4;
  subscription.ipv6_loopback = loopbacks.ipv6;
  engine::PutSubscriptionInState(state, subscription);
  return StepOutcome::Success(std::move(state)).SavingSubscription();
}

Status CheckConfirmation(const json& input) {
  if (!input.is_object() || input.value("config_put_on_router", false) != true) {
    return InvalidArgument(
        "confirm with {\"config_put_on_router\": true} once the configuration is on the "
        "router");
  }
  if (input.contains("by") && !input["by"].is_string()) {
    return InvalidArgument("\"by\" must be a string naming who confirmed");
  }
  return Status::Ok();
}

Result<StepOutcome> ProvideConfigToUser(const StepContext& context, json state) {
  NBR_ASSIGN_OR_RETURN(auto subscription, engine::SubscriptionInState(state));
  state["router_config"] =
      RenderRouterConfig(subscription.node_name.value_or(""), subscription.ipv4_loopback,
                         subscription.ipv6_loopback);
  const std::string now = FormatTimestamp(context.clock.Now());

  if (context.settings.config_confirmation == config::Confirmation::kAuto) {
    state["config_confirmation"] = {{"mode", "auto"}, {"by", "auto"}, {"at", now}};
    return StepOutcome::Success(std::move(state));
  }
  if (context.input) {
    std::string by = context.input->value("by", "operator");
    state["config_confirmation"] = {{"mode", "manual"}, {"by", by}, {"at", now}};
    return StepOutcome::Success(std::move(state));
  }
  return StepOutcome::Suspend(std::move(state));
}

Result<StepOutcome> UpdateNodeStatusNetbox(const StepContext& context, json state) {
  NBR_ASSIGN_OR_RETURN(auto subscription, engine::SubscriptionInState(state));
  const int64_t device_id = subscription.node_id.value();
  NBR_ASSIGN_OR_RETURN(auto device, context.netbox.SetDeviceStatus(device_id, "active"));

  const std::string device_text =
      engine::DescribeDevice(device_id, subscription.node_name);
  if (device.status != "active") {
    return Conflict("NetBox answered status '" + device.status + "' for " + device_text +
                    " after the PATCH to 'active'");
  }
  spdlog::info("process {} {}: set to active in NetBox", context.process.id, device_text);
  return StepOutcome::Success(std::move(state));
}

}  // namespace

engine::Workflow CreateNodeWorkflow() {
  return engine::CreateWorkflow(
      "create_node",
      {
          engine::Step("construct_node_model", ConstructNodeModel),
          engine::StoreProcessSubscription(store::Target::kCreate),
          engine::Step("fetch_ip_address_information", FetchIpAddressInformation),
          engine::Step("provide_config_to_user", ProvideConfigToUser, CheckConfirmation),
          engine::SetStatusStep(store::Lifecycle::kProvisioning),
          engine::Step("update_node_status_netbox", UpdateNodeStatusNetbox),
      });
}

}  // namespace nbr::workflows
