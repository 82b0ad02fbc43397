#include "support/sim_process.h"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

namespace nbr::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string MakeTempDir() {
  std::string tmpl =
      (std::filesystem::temp_directory_path() / "netbox-sim-XXXXXX").string();
  return ::mkdtemp(tmpl.data()) ? tmpl : "";
}

}  // namespace

SimProcess::SimProcess(std::vector<std::string> args,
                       std::chrono::milliseconds ready_timeout) {
  // 1. A private folder for the ready file and the log.
  dir_ = MakeTempDir();
  std::string ready = dir_ + "/ready", log = dir_ + "/log";
  std::string binary = std::string(NBR_BINARY_DIR) + "/netbox-sim";
  args.insert(args.begin(), binary);
  for (const char* extra : {"--listen", "127.0.0.1:0", "--ready-file"}) {
    args.push_back(extra);
  }
  args.push_back(ready);

  // 2. Start it, output to the log.
  pid_ = ::fork();
  if (pid_ == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  if (pid_ < 0) {
    error_ = "fork failed";
    return;
  }

  // 3. Wait for the ready file (or the process's death).
  auto deadline = std::chrono::steady_clock::now() + ready_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::string url = ReadAll(ready);
    if (!url.empty() && url.back() == '\n') {
      base_url_ = url.substr(0, url.size() - 1);
      port_ = std::stoi(base_url_.substr(base_url_.rfind(':') + 1));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      error_ = "netbox-sim exited: " + Log();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  error_ = "netbox-sim not ready in time: " + Log();
}

SimProcess::~SimProcess() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string SimProcess::Log() const {
  return ReadAll(dir_ + "/log");
}

void SimProcess::Stop() {
  if (pid_ <= 0) {
    return;
  }
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 200; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

nlohmann::json SimProcess::Call(const std::string& method, const std::string& path,
                                const std::string& body) const {
  if (!ok()) {
    return nullptr;
  }
  httplib::Client client(base_url_);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(60);
  httplib::Result r = method == "GET"      ? client.Get(path)
                      : method == "PATCH"  ? client.Patch(path, body, "application/json")
                      : method == "DELETE" ? client.Delete(path)
                                           : client.Post(path, body, "application/json");
  if (!r || r->status >= 300) {
    return nullptr;
  }
  auto parsed = nlohmann::json::parse(r->body, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(true) : parsed;
}

nlohmann::json SimProcess::Stats() const {
  return Call("GET", "/_sim/stats");
}
bool SimProcess::ResetStats() const {
  return !Call("POST", "/_sim/stats/reset").is_null();
}
bool SimProcess::SetFaults(const nlohmann::json& faults) const {
  return !Call("POST", "/_sim/faults", faults.dump()).is_null();
}
bool SimProcess::ClearFaults() const {
  return !Call("DELETE", "/_sim/faults").is_null();
}
nlohmann::json SimProcess::Webhooks() const {
  return Call("GET", "/_sim/webhooks");
}
bool SimProcess::PauseWebhooks() const {
  return !Call("POST", "/_sim/webhooks/pause").is_null();
}
bool SimProcess::ResumeWebhooks() const {
  return !Call("POST", "/_sim/webhooks/resume").is_null();
}
bool SimProcess::WaitWebhooksIdle(std::chrono::milliseconds timeout) const {
  auto r =
      Call("POST", "/_sim/webhooks/wait?timeout_ms=" + std::to_string(timeout.count()));
  return r.is_object() && r.value("idle", false);
}
bool SimProcess::SilentPatchDevice(int id, const nlohmann::json& body) const {
  return !Call("PATCH", "/_sim/devices/" + std::to_string(id), body.dump()).is_null();
}
bool SimProcess::SilentDeleteDevice(int id) const {
  httplib::Client client(base_url_);
  auto r = client.Delete("/_sim/devices/" + std::to_string(id));
  return r && r->status == 204;
}

}  // namespace nbr::testing
