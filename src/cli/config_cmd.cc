#include <iostream>

#include "cli/commands.h"
#include "config/config.h"

namespace nbr::cli {

void AddConfigCommands(CLI::App& app, CommonOptions& common) {
  auto* config = app.add_subcommand("config", "Work with the configuration file");
  config->require_subcommand(1);
  auto* check = config->add_subcommand(
      "check",
      "Load and validate a configuration file and the secrets it names.\n"
      "Exit codes: 0 valid, 1 invalid (the message names file, line and key).");
  auto file = std::make_shared<std::string>();
  check->add_option("FILE", *file, "The file to check (default: --config)");
  check->callback([&common, file] {
    std::string path = file->empty() ? common.config_path : *file;
    auto loaded = config::LoadConfig(path);
    if (!loaded.ok()) {
      std::cerr << "netbox-reconciler: " << loaded.error().message() << "\n";
      common.exit_code = 1;
      return;
    }
    std::cout << path << ": OK\n";
  });
}

}  // namespace nbr::cli
