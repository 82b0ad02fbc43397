#include "workflows/terminate_node.h"

#include "engine/standard_steps.h"
#include "engine/state.h"

namespace nbr::workflows {
namespace {

using engine::StepContext;
using engine::StepOutcome;
using nlohmann::json;

Result<StepOutcome> RecordTerminationReason(const StepContext&, json state) {
  NBR_ASSIGN_OR_RETURN(auto subscription, engine::SubscriptionInState(state));
  subscription.note = state.value("reason", "");
  engine::PutSubscriptionInState(state, subscription);
  return StepOutcome::Success(std::move(state)).SavingSubscription();
}

}  // namespace

engine::Workflow TerminateNodeWorkflow() {
  return engine::TerminateWorkflow(
      "terminate_node",
      {engine::Step("record_termination_reason", RecordTerminationReason)});
}

}  // namespace nbr::workflows
