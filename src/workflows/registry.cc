#include "workflows/registry.h"

#include <vector>

#include "workflows/create_node.h"
#include "workflows/modify_node.h"
#include "workflows/terminate_node.h"
#include "workflows/validate_node.h"

namespace nbr::workflows {

const engine::Workflow* FindWorkflow(std::string_view name) {
  static const std::vector<engine::Workflow> kWorkflows = {
      CreateNodeWorkflow(), ModifyNodeWorkflow(), TerminateNodeWorkflow(),
      ValidateNodeWorkflow()};
  for (const auto& workflow : kWorkflows) {
    if (workflow.name == name) {
      return &workflow;
    }
  }
  return nullptr;
}

}  // namespace nbr::workflows
