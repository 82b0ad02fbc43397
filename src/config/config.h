// The daemon's configuration: a TOML file (config/netbox-reconciler.toml
// documents every key) plus secrets read from files or the environment.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/secret.h"

namespace nbr::config {

// What a reconcile does about one kind of drift.
enum class Policy { kFix, kReport, kIgnore };
std::string_view PolicyName(Policy policy);

// How provide_config_to_user is confirmed.
enum class Confirmation {
  kAuto,    // recorded and confirmed at once (labs, the demo)
  kManual,  // the process suspends until an operator confirms
};

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

struct NetBoxSettings {
  std::string url;  // "https://netbox.example.net", no trailing slash
  Secret token;     // from token_file or token_env
  bool verify_tls = true;
  std::string ca_file;  // empty: the system's CA store
  std::chrono::milliseconds timeout{10000};
  int page_size = 1000;             // asked; the server may cap it
  double requests_per_second = 20;  // rate limit on all requests to NetBox
  int bulk_batch_size = 50;         // devices per bulk PATCH
};

struct WebhookSettings {
  std::string listen_address = "127.0.0.1";
  int listen_port = 8095;
  std::string path = "/webhooks/netbox";
  std::vector<Secret> secrets;  // any one may sign (rotation)
  bool allow_unsigned = false;
  size_t max_body_bytes = 1 << 20;
  bool full_pass_on_unknown_body = false;
  // An event about an IP address assigned to a device's interface
  // reconciles that device (its loopbacks may have changed).
  bool reconcile_ip_address_events = false;
  Secret admin_token;  // empty: operator actions over HTTP disabled
};

struct DriftPolicies {
  Policy planned_without_subscription = Policy::kFix;
  Policy enrolled_but_planned = Policy::kFix;
  Policy orphaned_subscription = Policy::kFix;
  Policy unmanaged_active_device = Policy::kReport;
  Policy changed_device = Policy::kFix;
  Policy duplicate_subscriptions = Policy::kReport;
  Policy stuck_processes = Policy::kReport;
  std::chrono::seconds stuck_process_after{3600};
};

struct WorkflowSettings {
  Confirmation config_confirmation = Confirmation::kManual;
  bool allow_single_stack = false;
  int max_parallel = 4;  // workflows run at once
  std::chrono::seconds retry_initial{5};
  std::chrono::seconds retry_max{600};
};

struct Config {
  std::filesystem::path source;  // the file it was loaded from
  NetBoxSettings netbox;
  WebhookSettings webhook;
  std::filesystem::path database_path;
  std::chrono::seconds poll_interval{300};
  std::chrono::seconds poll_jitter{30};
  DriftPolicies drift;
  WorkflowSettings workflow;
  LogLevel log_level = LogLevel::kInfo;
};

// Loads and validates the file and the secrets it points at. On failure the
// message names the file, the line, the key, the bad value and what is
// expected; unknown keys are errors (with a suggestion when one is close).
// `environment` lookups go through getenv.
Result<Config> LoadConfig(const std::filesystem::path& path);

// The same from text; `source` names it in messages and anchors relative
// secret file paths.
Result<Config> ParseConfig(std::string_view text, const std::filesystem::path& source);

}  // namespace nbr::config
