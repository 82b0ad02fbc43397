#include "cli/app.h"

#include <iostream>

#include "cli/commands.h"

namespace nbr::cli {

int Run(int argc, char** argv) {
  CLI::App app{
      "netbox-reconciler: enrolls planned NetBox devices as node subscriptions and keeps "
      "NetBox and the subscriptions in agreement."};
  app.set_version_flag("--version", std::string("netbox-reconciler ") + NBR_VERSION);
  app.require_subcommand(1);

  CommonOptions common;
  app.add_option("-c,--config", common.config_path, "Configuration file")
      ->capture_default_str();
  AddConfigCommands(app, common);
  AddSubscriptionCommands(app, common);
  AddProcessCommands(app, common);
  AddEnrollCommand(app, common);
  AddReconcileCommands(app, common);
  AddServeCommand(app, common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return common.exit_code;
}

}  // namespace nbr::cli
