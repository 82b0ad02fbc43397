#include "workflows/validate_node.h"

#include "engine/standard_steps.h"
#include "engine/state.h"
#include "workflows/node_addresses.h"

namespace nbr::workflows {
namespace {

using engine::StepContext;
using engine::StepOutcome;
using nlohmann::json;

json OrNull(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

void Compare(json& differences, const char* field, const std::optional<std::string>& ours,
             const std::optional<std::string>& theirs) {
  if (ours != theirs) {
    differences.push_back(
        {{"field", field}, {"subscription", OrNull(ours)}, {"netbox", OrNull(theirs)}});
  }
}

std::optional<std::string> HostOf(const std::optional<std::string>& cidr) {
  if (!cidr || cidr->empty()) {
    return std::nullopt;
  }
  return HostAddress(*cidr);
}

Result<StepOutcome> CompareWithNetbox(const StepContext& context, json state) {
  NBR_ASSIGN_OR_RETURN(auto subscription, engine::SubscriptionInState(state));
  auto device = context.netbox.GetDevice(subscription.node_id.value_or(0));
  if (!device.ok() && device.error().kind() != ErrorKind::kNotFound) {
    return device.error();
  }

  std::optional<netbox::Device> found;
  if (device.ok()) {
    found = device.value();
  }
  state["differences"] = CompareWithDevice(subscription, found);
  return StepOutcome::Success(std::move(state));
}

Result<StepOutcome> CheckNoDifferences(const StepContext&, json state) {
  const json& differences = state["differences"];
  if (differences.empty()) {
    return StepOutcome::Success(std::move(state));
  }
  std::string text;
  for (const auto& d : differences) {
    text += text.empty() ? "" : "; ";
    text += d["field"].get<std::string>() + ": subscription " + d["subscription"].dump() +
            ", NetBox " + d["netbox"].dump();
  }
  return Conflict("the subscription differs from NetBox: " + text);
}

}  // namespace

json CompareWithDevice(const store::Subscription& subscription,
                       const std::optional<netbox::Device>& device) {
  json differences = json::array();
  if (!device) {
    differences.push_back({{"field", "device"},
                           {"subscription", subscription.node_id.value_or(0)},
                           {"netbox", nullptr}});
    return differences;
  }
  Compare(differences, "node_name", subscription.node_name, device->name);
  Compare(differences, "ipv4_loopback", subscription.ipv4_loopback,
          HostOf(device->primary_ip4));
  Compare(differences, "ipv6_loopback", subscription.ipv6_loopback,
          HostOf(device->primary_ip6));
  if (subscription.lifecycle == store::Lifecycle::kActive && device->status != "active") {
    Compare(differences, "status", std::string("active"), device->status);
  }
  return differences;
}

engine::Workflow ValidateNodeWorkflow() {
  return engine::ValidateWorkflow(
      "validate_node", {engine::Step("compare_with_netbox", CompareWithNetbox),
                        engine::Step("check_no_differences", CheckNoDifferences)});
}

}  // namespace nbr::workflows
