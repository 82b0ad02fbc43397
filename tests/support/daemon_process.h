// Runs `netbox-reconciler serve` as a real process for end-to-end tests,
// with a configuration written into a temporary directory.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "support/run_command.h"

namespace nbr::testing {

// A loopback port that was free a moment ago.
inline int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

class DaemonProcess {
 public:
  // `config_path` must exist; stderr goes to `log_path`.
  DaemonProcess(std::string config_path, std::string log_path, int port)
      : config_path_(std::move(config_path)),
        log_path_(std::move(log_path)),
        port_(port) {}
  ~DaemonProcess() { Kill(); }

  // Starts the process and waits until /healthz answers. False on timeout.
  bool Start(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    pid_ = ::fork();
    if (pid_ == 0) {
      int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::string binary = ReconcilerBinary();
      ::execl(binary.c_str(), binary.c_str(), "--config", config_path_.c_str(), "serve",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(0, 200000);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto res = client.Get("/healthz"); res && res->status == 200) {
        return true;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  void Signal(int sig) const {
    if (pid_ > 0) {
      ::kill(pid_, sig);
    }
  }

  // Sends SIGTERM and waits; returns the exit code (-1 on timeout/signal).
  int Terminate(std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    if (pid_ <= 0) {
      return -1;
    }
    ::kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Kill();
    return -1;
  }

  void Kill() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  bool running() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }

  std::string Log() const {
    std::ifstream in(log_path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  int port() const { return port_; }

 private:
  std::string config_path_;
  std::string log_path_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace nbr::testing
