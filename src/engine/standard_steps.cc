#include "engine/standard_steps.h"

#include "engine/state.h"

namespace nbr::engine {
namespace {

using nlohmann::json;

// A step that changes the state's subscription with `change` and saves it.
template <typename Change>
Step SubscriptionStep(std::string name, Change change) {
  return {std::move(name),
          [change](const StepContext& context, json state) -> Result<StepOutcome> {
            NBR_ASSIGN_OR_RETURN(auto subscription, SubscriptionInState(state));
            change(subscription, context.clock.Now());
            PutSubscriptionInState(state, subscription);
            return StepOutcome::Success(std::move(state)).SavingSubscription();
          }};
}

Workflow Wrap(std::string name, store::Target target, std::vector<Step> head,
              std::vector<Step> steps, std::vector<Step> tail) {
  Workflow workflow{std::move(name), target, std::move(head)};
  for (auto& step : steps) {
    workflow.steps.push_back(std::move(step));
  }
  for (auto& step : tail) {
    workflow.steps.push_back(std::move(step));
  }
  return workflow;
}

}  // namespace

Step InitStep() {
  return {"init", [](const StepContext&, json state) -> Result<StepOutcome> {
            return StepOutcome::Success(std::move(state));
          }};
}

Step StoreProcessSubscription(store::Target target) {
  return {"store_process_subscription",
          [target](const StepContext&, json state) -> Result<StepOutcome> {
            NBR_ASSIGN_OR_RETURN(auto subscription, SubscriptionInState(state));
            state["target"] = store::TargetName(target);
            return StepOutcome::Success(std::move(state)).Linking(target);
          }};
}

Step UnsyncStep() {
  return SubscriptionStep("unsync",
                          [](store::Subscription& s, TimePoint) { s.insync = false; });
}

Step ResyncStep() {
  return SubscriptionStep("resync",
                          [](store::Subscription& s, TimePoint) { s.insync = true; });
}

Step SetStatusStep(store::Lifecycle lifecycle) {
  std::string name = "set_status(" + std::string(store::LifecycleName(lifecycle)) + ")";
  return SubscriptionStep(
      std::move(name), [lifecycle](store::Subscription& s, TimePoint now) {
        s.lifecycle = lifecycle;
        if (lifecycle == store::Lifecycle::kActive && !s.start_date) {
          s.start_date = now;
        }
        if (lifecycle == store::Lifecycle::kTerminated && !s.end_date) {
          s.end_date = now;
        }
      });
}

Step DoneStep() {
  return {"done", [](const StepContext&, json state) -> Result<StepOutcome> {
            return StepOutcome::Complete(std::move(state));
          }};
}

Workflow CreateWorkflow(std::string name, std::vector<Step> steps) {
  return Wrap(std::move(name), store::Target::kCreate, {InitStep()}, std::move(steps),
              {SetStatusStep(store::Lifecycle::kActive), ResyncStep(), DoneStep()});
}

Workflow ModifyWorkflow(std::string name, std::vector<Step> steps) {
  return Wrap(
      std::move(name), store::Target::kModify,
      {InitStep(), StoreProcessSubscription(store::Target::kModify), UnsyncStep()},
      std::move(steps), {ResyncStep(), DoneStep()});
}

Workflow TerminateWorkflow(std::string name, std::vector<Step> steps) {
  return Wrap(
      std::move(name), store::Target::kTerminate,
      {InitStep(), StoreProcessSubscription(store::Target::kTerminate), UnsyncStep()},
      std::move(steps),
      {SetStatusStep(store::Lifecycle::kTerminated), ResyncStep(), DoneStep()});
}

Workflow ValidateWorkflow(std::string name, std::vector<Step> steps) {
  return Wrap(std::move(name), store::Target::kValidate,
              {InitStep(), StoreProcessSubscription(store::Target::kValidate)},
              std::move(steps), {DoneStep()});
}

}  // namespace nbr::engine
