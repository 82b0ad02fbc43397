// netbox-sim assembled: the inventory, the HTTP server with the REST API
// and the control endpoint, and the webhook workers.
#pragma once

#include <memory>
#include <string>

#include <httplib.h>

#include "api/app_state.h"
#include "server/options.h"
#include "util/status.h"

namespace nbr::sim {

class SimServer {
 public:
  // Loads inventories, tokens and rules. Fails on any bad input.
  static Status Create(const SimOptions& options, std::unique_ptr<SimServer>& out);
  ~SimServer();

  // Binds the listening socket (port 0: a free one).
  Status Bind();
  int port() const { return port_; }
  std::string base_url() const { return "http://" + host_ + ":" + std::to_string(port_); }

  // Serves until Stop() (from another thread or a signal handler thread).
  void Run();
  void Stop();

  AppState& app() { return *app_; }

 private:
  SimServer() = default;

  SimOptions options_;
  std::unique_ptr<AppState> app_;
  httplib::Server http_;
  std::string host_;
  int port_ = 0;
};

}  // namespace nbr::sim
