#include "server/sim_server.h"

#include "api/routes.h"
#include "model/dumpdata_loader.h"
#include "model/generator.h"

namespace nbr::sim {
namespace {

Status LoadRules(const SimOptions& o, std::vector<EventRule>& rules) {
  if (!o.event_rules.empty()) {
    Status loaded = LoadEventRules(o.event_rules, rules);
    if (!loaded.ok()) {
      return loaded;
    }
  }
  for (const auto& url : o.webhook_urls) {
    EventRule rule;
    rule.url = url;
    rules.push_back(rule);
  }
  return Status::Ok();
}

Status LoadInventory(const SimOptions& o, Inventory& inventory) {
  for (const auto& path : o.data) {
    Status loaded = LoadDumpdataFile(path, inventory);
    if (!loaded.ok()) {
      return loaded;
    }
  }
  GenerateDevices(o.generate, inventory);
  return Status::Ok();
}

}  // namespace

Status SimServer::Create(const SimOptions& o, std::unique_ptr<SimServer>& out) {
  // First, the settings that must be right before anything starts.
  auto version = NetBoxVersion::Parse(o.netbox_version);
  if (!version) {
    return Status::Error("invalid --netbox-version '" + o.netbox_version + "'");
  }
  CostProfile profile;
  Status named = CostProfile::Named(o.profile, profile);
  if (!named.ok()) {
    return named;
  }
  TokenStore tokens = TokenStore::Defaults();
  if (!o.token_file.empty()) {
    tokens = TokenStore();
    Status loaded = TokenStore::LoadFile(o.token_file, tokens);
    if (!loaded.ok()) {
      return loaded;
    }
  }
  ServerSettings settings{*version, o.paginate_count, o.max_page_size, o.login_required};

  // Then the state: inventory, faults, webhook rules.
  std::unique_ptr<SimServer> server(new SimServer());
  server->options_ = o;
  server->app_ = std::make_unique<AppState>(settings, std::move(tokens), profile);
  AppState& app = *server->app_;
  Status loaded = LoadInventory(o, app.inventory);
  if (!loaded.ok()) {
    return loaded;
  }
  for (const auto& flag : o.faults) {
    Status applied = app.faults.ApplyFlag(flag);
    if (!applied.ok()) {
      return Status::Error("--fault " + flag + ": " + applied.message());
    }
  }
  std::vector<EventRule> rules;
  Status parsed = LoadRules(o, rules);
  if (!parsed.ok()) {
    return parsed;
  }
  if (!rules.empty()) {
    DispatcherOptions d{o.webhook_workers, o.webhook_retries, o.webhook_retry_delay_ms,
                        o.webhook_timeout_s};
    app.webhooks = std::make_unique<WebhookDispatcher>(std::move(rules), *version, d,
                                                       app.cost, app.faults);
    app.webhooks->Start();
  }

  // Last, the HTTP server.
  httplib::Server& http = server->http_;
  int threads = o.http_threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(100000);
  http.set_payload_max_length(512 * 1024 * 1024);
  RegisterApiRoutes(http, app);
  RegisterControlRoutes(http, app);
  out = std::move(server);
  return Status::Ok();
}

SimServer::~SimServer() {
  Stop();
  if (app_ && app_->webhooks) {
    app_->webhooks->Stop();
  }
}

Status SimServer::Bind() {
  auto colon = options_.listen.rfind(':');
  if (colon == std::string::npos) {
    return Status::Error("invalid --listen '" + options_.listen + "' (HOST:PORT)");
  }
  host_ = options_.listen.substr(0, colon);
  int port = std::atoi(options_.listen.c_str() + colon + 1);
  port_ = port == 0 ? http_.bind_to_any_port(host_)
                    : (http_.bind_to_port(host_, port) ? port : -1);
  if (port_ <= 0) {
    return Status::Error("cannot listen on '" + options_.listen + "'");
  }
  return Status::Ok();
}

void SimServer::Run() {
  http_.listen_after_bind();
}

void SimServer::Stop() {
  http_.stop();
  if (app_) {
    // Release hung requests so that the server's threads can finish.
    app_->faults.Apply({{"hang_rate", 0}, {"rules", nlohmann::json::array()}});
  }
}

}  // namespace nbr::sim
