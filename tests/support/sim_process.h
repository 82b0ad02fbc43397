// Starts the built netbox-sim as a real process for end-to-end tests: on
// 127.0.0.1 and a free port, waiting for its ready file, with helpers for
// its control endpoint (/_sim/...). The destructor kills and reaps it.
//
// Uses only POSIX, cpp-httplib and nlohmann_json: nothing of the daemon.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

#include <nlohmann/json.hpp>

namespace nbr::testing {

class SimProcess {
 public:
  // `args` are netbox-sim's options without --listen and --ready-file,
  // e.g. {"--netbox-version", "4.5", "--data", path}. Check ok() after.
  explicit SimProcess(std::vector<std::string> args,
                      std::chrono::milliseconds ready_timeout = std::chrono::seconds(20));
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  // True once the process is listening; otherwise error() says why.
  bool ok() const { return !base_url_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& base_url() const { return base_url_; }  // http://127.0.0.1:PORT
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // netbox-sim's stdout and stderr, for failure messages.
  std::string Log() const;

  // Control endpoint. The getters return null JSON when the call fails.
  nlohmann::json Stats() const;
  bool ResetStats() const;
  bool SetFaults(const nlohmann::json& faults) const;  // POST /_sim/faults
  bool ClearFaults() const;
  nlohmann::json Webhooks() const;  // the delivery log
  bool PauseWebhooks() const;
  bool ResumeWebhooks() const;
  bool WaitWebhooksIdle(std::chrono::milliseconds timeout) const;
  // Changes a device without any webhook (a lost webhook).
  bool SilentPatchDevice(int id, const nlohmann::json& body) const;
  bool SilentDeleteDevice(int id) const;

  // SIGTERM, then SIGKILL after a grace period; reaps the process.
  void Stop();

 private:
  nlohmann::json Call(const std::string& method, const std::string& path,
                      const std::string& body = "") const;

  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string base_url_;
  std::string error_;
};

}  // namespace nbr::testing
