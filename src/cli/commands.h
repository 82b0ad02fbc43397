// Each part of the system adds its subcommands to the root CLI11 app here.
// A subcommand's callback stores its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace nbr::cli {

struct CommonOptions {
  std::string config_path = "/etc/netbox-reconciler/netbox-reconciler.toml";
  bool json = false;
  int exit_code = 0;
};

void AddConfigCommands(CLI::App& app, CommonOptions& common);
void AddReconcileCommands(CLI::App& app, CommonOptions& common);
void AddServeCommand(CLI::App& app, CommonOptions& common);

void AddSubscriptionCommands(CLI::App& app, CommonOptions& common);
void AddProcessCommands(CLI::App& app, CommonOptions& common);
void AddEnrollCommand(CLI::App& app, CommonOptions& common);

}  // namespace nbr::cli
