// Everything the request handlers share. Lock order: `mu` (the inventory)
// before any lock inside faults, stats, cost model or dispatcher.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>

#include "api/auth.h"
#include "model/inventory.h"
#include "model/version.h"
#include "runtime/cost_model.h"
#include "runtime/faults.h"
#include "runtime/stats.h"
#include "webhooks/dispatcher.h"

namespace nbr::sim {

struct ServerSettings {
  NetBoxVersion version;
  int paginate_count = 50;      // PAGINATE_COUNT
  int max_page_size = 1000;     // MAX_PAGE_SIZE; 0: unlimited
  bool login_required = false;  // LOGIN_REQUIRED: /api/ and /api/status/ need a token
};

struct AppState {
  AppState(ServerSettings s, TokenStore t, CostProfile profile)
      : settings(s), tokens(std::move(t)), cost(std::move(profile)) {}

  const ServerSettings settings;
  const TokenStore tokens;

  mutable std::shared_mutex mu;  // guards `inventory`
  Inventory inventory;

  Faults faults;
  Stats stats;
  CostModel cost;
  std::unique_ptr<WebhookDispatcher> webhooks;  // null: no event rules
};

// What one API request knows about itself beyond the HTTP request.
struct RequestInfo {
  std::string request_id;  // also X-Request-ID and the webhooks' request_id
  std::string username;    // the token's owner
  std::string base;        // "http://<Host>", for absolute URLs
};

}  // namespace nbr::sim
