// Carries out the actions of a pass's findings and records what became of
// each (outcome, process id, detail).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "netbox/api.h"
#include "reconcile/finding.h"
#include "reconcile/workflow_runner.h"

namespace nbr::reconcile {

class Executor {
 public:
  // `started_by` is recorded on every process started ("reconciler:poll").
  Executor(netbox::NetBoxApi& netbox, WorkflowRunner& runner,
           const config::Config& config, std::string started_by);

  // Acts on every finding whose outcome is kPlanned. May append findings: a
  // device that vanished between the listing and its status update becomes
  // an orphaned subscription (case C9).
  void Run(std::vector<Finding>& findings);

 private:
  void SetActive(std::vector<size_t> indexes, std::vector<Finding>& findings);
  void ConfirmVanished(Finding& finding, std::vector<Finding>& added);
  void RunWorkflows(const std::vector<size_t>& indexes, std::vector<Finding>& findings);
  void RunOne(Finding& finding);

  netbox::NetBoxApi& netbox_;
  WorkflowRunner& runner_;
  const config::Config& config_;
  std::string started_by_;
};

// Sets a finding's outcome from where its process ended.
void ApplyOutcome(const ProcessOutcome& outcome, Finding& finding);

}  // namespace nbr::reconcile
