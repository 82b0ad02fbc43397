// What a subcommand that works on the daemon's data needs, built from the
// configuration file: the configuration, logging, the store, and (when
// asked) the NetBox client, the engine and the reconciler.
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "config/config.h"
#include "engine/engine.h"
#include "netbox/api.h"
#include "reconcile/engine_runner.h"
#include "reconcile/reconciler.h"
#include "store/store.h"

namespace nbr::cli {

enum class NeedNetBox { kNo, kYes };

struct Context {
  config::Config config;
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<netbox::NetBoxApi> netbox;  // with NeedNetBox::kYes
  std::unique_ptr<engine::Engine> engine;     // with NeedNetBox::kYes
  std::unique_ptr<reconcile::EngineWorkflowRunner> runner;
  std::unique_ptr<reconcile::Reconciler> reconciler;
};

// Loads the configuration (errors name file, line and key), sets up logging
// and opens the store. Errors: those of LoadConfig, Store::Open and
// MakeHttpClient.
Result<std::unique_ptr<Context>> OpenContext(const std::string& config_path,
                                             NeedNetBox need);

// Prints "netbox-reconciler: <message>" to stderr and returns 1.
int ReportError(const Error& error);

}  // namespace nbr::cli
