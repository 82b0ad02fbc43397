// The workflows the engine can run, by name.
#pragma once

#include <string_view>

#include "engine/step.h"

namespace nbr::workflows {

inline constexpr std::string_view kCreateNode = "create_node";
inline constexpr std::string_view kModifyNode = "modify_node";
inline constexpr std::string_view kTerminateNode = "terminate_node";
inline constexpr std::string_view kValidateNode = "validate_node";

// The workflow of that name, or nullptr. The workflows are built once, on
// first use; thread-safe.
const engine::Workflow* FindWorkflow(std::string_view name);

}  // namespace nbr::workflows
