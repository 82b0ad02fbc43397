// Helpers for netbox-sim's tests: an in-process emulator on a free port,
// a webhook receiver, and raw HTTP capture files.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/sim_server.h"

namespace nbr::sim::testing {

inline std::string SourceDir() {
  return NBR_SOURCE_DIR;
}
inline std::string GoldenDir(const std::string& version) {
  return SourceDir() + "/tests/sim/golden/netbox-" + version;
}

// A raw HTTP message from a capture file.
struct HttpMessage {
  std::string start_line;  // "GET /api/ HTTP/1.1" or "HTTP/1.1 200 OK"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(const std::string& name) const;  // "" when absent
  bool HasHeader(const std::string& name) const;
};
HttpMessage ReadHttpFile(const std::string& path);
std::string ReadFile(const std::string& path);

// netbox-sim in this process, serving on 127.0.0.1 and a free port.
class InProcessSim {
 public:
  explicit InProcessSim(SimOptions options);
  ~InProcessSim();

  const std::string& base_url() const { return base_url_; }
  std::string host() const { return base_url_.substr(7); }
  AppState& app() { return server_->app(); }
  std::unique_ptr<httplib::Client> Client() const;

 private:
  std::unique_ptr<SimServer> server_;
  std::thread serving_;
  std::string base_url_;
};

// Records every POST it receives; answers with a settable status.
class WebhookReceiver {
 public:
  struct Received {
    std::string body;
    httplib::Headers headers;
  };

  WebhookReceiver();
  ~WebhookReceiver();

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/hook";
  }
  std::vector<Received> received() const;
  void set_status(int status) { status_ = status; }

 private:
  httplib::Server server_;
  std::thread serving_;
  int port_ = 0;
  std::atomic<int> status_{200};
  mutable std::mutex mu_;
  std::vector<Received> received_;
};

// Replaces the values of volatile keys (timestamps, request ids) with their
// shape ("<date>", "<datetime>", "<uuid>") so that two bodies compare on
// structure, key order and every other value.
nlohmann::ordered_json Normalize(const nlohmann::ordered_json& value);

// SimOptions for `version` with the inventories given, port 0.
SimOptions OptionsFor(const std::string& version, std::vector<std::string> data);

}  // namespace nbr::sim::testing
