// netbox-sim: parses the command line, builds the emulator, serves until
// SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include <pthread.h>

#include "server/sim_server.h"

namespace {

// Blocks SIGTERM and SIGINT in every thread; main waits for them.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

bool WriteReadyFile(const std::string& path, const std::string& url) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << url << "\n";
    if (!out) {
      return false;
    }
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  nbr::sim::SimOptions options;
  int exit_code = 0;
  if (!nbr::sim::ParseCommandLine(argc, argv, options, exit_code)) {
    return exit_code;
  }
  sigset_t stop_signals = BlockStopSignals();

  // 1. Build everything, failing fast on bad input.
  std::unique_ptr<nbr::sim::SimServer> server;
  nbr::sim::Status created = nbr::sim::SimServer::Create(options, server);
  if (created.ok()) {
    created = server->Bind();
  }
  if (!created.ok()) {
    std::cerr << "netbox-sim: " << created.message() << std::endl;
    return 2;
  }

  // 2. Serve, and tell the world where.
  std::thread serving([&server] { server->Run(); });
  std::cout << "netbox-sim listening on " << server->base_url() << std::endl;
  if (!options.ready_file.empty() &&
      !WriteReadyFile(options.ready_file, server->base_url())) {
    std::cerr << "netbox-sim: cannot write ready file '" << options.ready_file << "'"
              << std::endl;
  }

  // 3. Stop cleanly on SIGTERM or SIGINT.
  int signal = 0;
  sigwait(&stop_signals, &signal);
  server->Stop();
  serving.join();
  return 0;
}
