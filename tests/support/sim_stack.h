// The daemon's parts wired to a real netbox-sim process, for end-to-end
// tests of the reconciler: store in a temporary directory, the HTTP NetBox
// client, the engine (auto confirmation unless changed), the reconciler.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "config/config.h"
#include "engine/engine.h"
#include "netbox/http_client.h"
#include "reconcile/engine_runner.h"
#include "reconcile/reconciler.h"
#include "store/store.h"
#include "support/sim_process.h"
#include "support/temp_dir.h"

namespace nbr::testing {

inline constexpr const char* kSimToken = "0123456789abcdef0123456789abcdef01234567";

inline std::string TestData(const std::string& name) {
  return std::string(NBR_SOURCE_DIR) + "/testdata/netbox-data/" + name;
}
inline std::string WorkshopInventory() {
  return TestData("workshop-netbox-3.4.json");
}
inline std::string DemoInventory() {
  return TestData("netbox-demo-3.6.json");
}

class SimStack {
 public:
  // Starts netbox-sim with `sim_args` (a --netbox-version is added when
  // missing) and builds the stack with `tweak` applied to the config.
  explicit SimStack(std::vector<std::string> sim_args) {
    bool has_version = false;
    for (const auto& a : sim_args) {
      has_version = has_version || a == "--netbox-version";
    }
    if (!has_version) {
      sim_args.insert(sim_args.begin(), {"--netbox-version", "4.5"});
    }
    sim = std::make_unique<SimProcess>(std::move(sim_args));
    config.netbox.url = sim->base_url();
    config.netbox.token = Secret(kSimToken);
    config.netbox.requests_per_second = 0;
    config.netbox.timeout = std::chrono::seconds(10);
    config.webhook.allow_unsigned = true;
    config.database_path = dir.File("state.db");
    config.workflow.config_confirmation = config::Confirmation::kAuto;
  }

  // (Re)builds the store, client, engine and reconciler from `config`.
  void Build() {
    reconciler.reset();
    runner.reset();
    engine.reset();
    netbox.reset();
    store.reset();
    auto opened = store::Store::Open(config.database_path, clock);
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    store = std::move(opened).value();
    auto client = netbox::MakeHttpClient(config.netbox);
    ASSERT_TRUE(client.ok()) << client.error().message();
    netbox = std::move(client).value();
    engine::EngineOptions options;
    options.workflow = config.workflow;
    engine = std::make_unique<engine::Engine>(*store, *netbox, clock, options);
    runner = std::make_unique<reconcile::EngineWorkflowRunner>(*engine);
    reconciler =
        std::make_unique<reconcile::Reconciler>(*netbox, *store, *runner, config, clock);
  }

  // The device as the sim serves it (full REST shape), or null JSON.
  nlohmann::json Device(int id) const {
    httplib::Client client(sim->base_url());
    auto res = client.Get("/api/dcim/devices/" + std::to_string(id) + "/",
                          {{"Authorization", std::string("Token ") + kSimToken}});
    if (!res || res->status != 200) {
      return nullptr;
    }
    return nlohmann::json::parse(res->body);
  }
  std::string DeviceStatus(int id) const {
    auto d = Device(id);
    return d.is_null() ? "" : d["status"]["value"].get<std::string>();
  }

  // Requests of `method` on paths starting with `prefix` (exactly `prefix`
  // with Match::kExact) since the last reset.
  enum class Match { kPrefix, kExact };
  int64_t Requests(const std::string& method, const std::string& prefix,
                   Match match = Match::kPrefix) const {
    int64_t n = 0;
    auto stats = sim->Stats();
    std::string want = method + " " + prefix;
    for (auto& [key, by_status] : stats["requests"].items()) {
      bool hit = match == Match::kExact ? key == want : key.rfind(want, 0) == 0;
      if (!hit) {
        continue;
      }
      for (auto& [status, count] : by_status.items()) {
        n += count.get<int64_t>();
      }
    }
    return n;
  }

  TempDir dir;
  FakeClock clock{TimePoint(std::chrono::hours(24 * 20000))};
  std::unique_ptr<SimProcess> sim;
  config::Config config;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<netbox::NetBoxApi> netbox;
  std::unique_ptr<engine::Engine> engine;
  std::unique_ptr<reconcile::EngineWorkflowRunner> runner;
  std::unique_ptr<reconcile::Reconciler> reconciler;
};

}  // namespace nbr::testing
