#include "cli/context.h"

#include <iostream>

#include "log/logging.h"
#include "netbox/http_client.h"

namespace nbr::cli {

Result<std::unique_ptr<Context>> OpenContext(const std::string& config_path,
                                             NeedNetBox need) {
  auto ctx = std::make_unique<Context>();
  NBR_ASSIGN_OR_RETURN(ctx->config, config::LoadConfig(config_path));
  log::Setup(ctx->config.log_level, log::DetectFormat());

  NBR_ASSIGN_OR_RETURN(ctx->store,
                       store::Store::Open(ctx->config.database_path, ctx->clock));
  if (need == NeedNetBox::kNo) {
    return ctx;
  }

  NBR_ASSIGN_OR_RETURN(ctx->netbox, netbox::MakeHttpClient(ctx->config.netbox));
  engine::EngineOptions options;
  options.workflow = ctx->config.workflow;
  ctx->engine =
      std::make_unique<engine::Engine>(*ctx->store, *ctx->netbox, ctx->clock, options);
  ctx->runner = std::make_unique<reconcile::EngineWorkflowRunner>(*ctx->engine);
  ctx->reconciler = std::make_unique<reconcile::Reconciler>(
      *ctx->netbox, *ctx->store, *ctx->runner, ctx->config, ctx->clock);
  return ctx;
}

int ReportError(const Error& error) {
  std::cerr << "netbox-reconciler: " << log::Redact(error.message()) << "\n";
  return 1;
}

}  // namespace nbr::cli
