// The command line of netbox-sim.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"

namespace nbr::sim {

struct SimOptions {
  std::string netbox_version = "4.5";
  std::vector<std::string> data;  // dumpdata files, in order
  int generate = 0;               // synthetic devices added after them
  std::string listen = "127.0.0.1:0";
  std::string ready_file;
  std::string token_file;
  std::string event_rules;
  std::vector<std::string> webhook_urls;  // unsigned rules from the command line
  std::string profile = "none";
  int paginate_count = 50;
  int max_page_size = 1000;
  int webhook_workers = 1;
  int webhook_retries = 0;
  int webhook_retry_delay_ms = 500;
  int webhook_timeout_s = 60;
  std::vector<std::string> faults;  // key=value
  bool login_required = false;
  int http_threads = 64;
  uint32_t seed = 42;
};

// Parses argv. Returns false when the program should exit right away with
// `exit_code` (after --help, or on a bad command line, with the message
// already printed).
bool ParseCommandLine(int argc, char** argv, SimOptions& options, int& exit_code);

}  // namespace nbr::sim
