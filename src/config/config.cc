#include "config/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/schema.h"
#include "config/secret_source.h"
#include "log/logging.h"

namespace nbr::config {
namespace {

namespace fs = std::filesystem;

// Reads every key of `[netbox]`.
Status LoadNetBox(TableReader& t, const fs::path& base, NetBoxSettings& out) {
  NBR_RETURN_IF_ERROR(t.Url("url", out.url));
  NBR_RETURN_IF_ERROR(t.Bool("verify_tls", out.verify_tls));
  NBR_RETURN_IF_ERROR(t.Path("ca_file", base, out.ca_file, PathKind::kOptionalFile));
  NBR_RETURN_IF_ERROR(t.Millis("timeout_seconds", 0.1, 600, out.timeout));
  NBR_RETURN_IF_ERROR(t.Int("page_size", 1, 100000, out.page_size));
  NBR_RETURN_IF_ERROR(
      t.Double("requests_per_second", 0, 100000, out.requests_per_second));
  NBR_RETURN_IF_ERROR(t.Int("bulk_batch_size", 1, 1000, out.bulk_batch_size));
  NBR_RETURN_IF_ERROR(t.ForbidSecret("token", "token_file or token_env"));
  NBR_ASSIGN_OR_RETURN(out.token,
                       ReadSecretSetting(t, base, "token", SecretNeed::kRequired));
  return t.Finish();
}

Status LoadWebhook(TableReader& t, const fs::path& base, WebhookSettings& out) {
  NBR_RETURN_IF_ERROR(t.String("listen_address", out.listen_address));
  NBR_RETURN_IF_ERROR(t.Int("listen_port", 0, 65535, out.listen_port));
  NBR_RETURN_IF_ERROR(t.UrlPath("path", out.path));
  NBR_RETURN_IF_ERROR(t.Bool("allow_unsigned", out.allow_unsigned));
  NBR_RETURN_IF_ERROR(t.Size("max_body_bytes", 1024, 64 << 20, out.max_body_bytes));
  NBR_RETURN_IF_ERROR(t.Bool("full_pass_on_unknown_body", out.full_pass_on_unknown_body));
  NBR_RETURN_IF_ERROR(
      t.Bool("reconcile_ip_address_events", out.reconcile_ip_address_events));
  NBR_RETURN_IF_ERROR(t.ForbidSecret("secret", "secret_files"));
  NBR_RETURN_IF_ERROR(t.ForbidSecret("admin_token", "admin_token_file"));
  NBR_ASSIGN_OR_RETURN(out.secrets, ReadSecretFiles(t, base, "secret_files"));
  NBR_ASSIGN_OR_RETURN(out.admin_token,
                       ReadSecretSetting(t, base, "admin_token", SecretNeed::kOptional));
  if (out.secrets.empty() && !out.allow_unsigned) {
    return t.ErrorAt("secret_files",
                     "no webhook secret is configured: set secret_files, or set "
                     "allow_unsigned = true to accept unsigned webhooks");
  }
  return t.Finish();
}

Status LoadDrift(TableReader& t, DriftPolicies& out) {
  NBR_RETURN_IF_ERROR(
      t.PolicyValue("planned_without_subscription", out.planned_without_subscription));
  NBR_RETURN_IF_ERROR(t.PolicyValue("enrolled_but_planned", out.enrolled_but_planned));
  NBR_RETURN_IF_ERROR(t.PolicyValue("orphaned_subscription", out.orphaned_subscription));
  NBR_RETURN_IF_ERROR(
      t.PolicyValue("unmanaged_active_device", out.unmanaged_active_device));
  NBR_RETURN_IF_ERROR(t.PolicyValue("changed_device", out.changed_device));
  NBR_RETURN_IF_ERROR(
      t.PolicyValue("duplicate_subscriptions", out.duplicate_subscriptions));
  NBR_RETURN_IF_ERROR(t.PolicyValue("stuck_processes", out.stuck_processes));
  NBR_RETURN_IF_ERROR(
      t.Seconds("stuck_process_after_seconds", 1, 365 * 86400, out.stuck_process_after));
  return t.Finish();
}

Status LoadWorkflow(TableReader& t, WorkflowSettings& out) {
  NBR_RETURN_IF_ERROR(
      t.ConfirmationValue("config_confirmation", out.config_confirmation));
  NBR_RETURN_IF_ERROR(t.Bool("allow_single_stack", out.allow_single_stack));
  NBR_RETURN_IF_ERROR(t.Int("max_parallel", 1, 256, out.max_parallel));
  NBR_RETURN_IF_ERROR(t.Seconds("retry_initial_seconds", 1, 86400, out.retry_initial));
  NBR_RETURN_IF_ERROR(t.Seconds("retry_max_seconds", 1, 7 * 86400, out.retry_max));
  if (out.retry_max < out.retry_initial) {
    return t.ErrorAt("retry_max_seconds", "must not be less than retry_initial_seconds");
  }
  return t.Finish();
}

Status LoadTopLevel(RootReader& root, const fs::path& base, Config& out) {
  NBR_RETURN_IF_ERROR(root.RequireTables({"netbox", "webhook", "database"}));

  auto netbox = root.Table("netbox");
  NBR_RETURN_IF_ERROR(LoadNetBox(netbox, base, out.netbox));
  auto webhook = root.Table("webhook");
  NBR_RETURN_IF_ERROR(LoadWebhook(webhook, base, out.webhook));

  auto database = root.Table("database");
  std::string db_path;
  NBR_RETURN_IF_ERROR(database.RequiredString("path", db_path));
  out.database_path = db_path.empty() ? fs::path() : base / fs::path(db_path);
  NBR_RETURN_IF_ERROR(database.Finish());

  auto poll = root.Table("poll");
  NBR_RETURN_IF_ERROR(poll.Seconds("interval_seconds", 5, 7 * 86400, out.poll_interval));
  NBR_RETURN_IF_ERROR(poll.Seconds("jitter_seconds", 0, 86400, out.poll_jitter));
  NBR_RETURN_IF_ERROR(poll.Finish());

  auto drift = root.Table("drift");
  NBR_RETURN_IF_ERROR(LoadDrift(drift, out.drift));
  auto workflow = root.Table("workflow");
  NBR_RETURN_IF_ERROR(LoadWorkflow(workflow, out.workflow));

  auto log = root.Table("log");
  NBR_RETURN_IF_ERROR(log.LogLevelValue("level", out.log_level));
  NBR_RETURN_IF_ERROR(log.Finish());
  return root.Finish();
}

}  // namespace

std::string_view PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kFix:
      return "fix";
    case Policy::kReport:
      return "report";
    case Policy::kIgnore:
      return "ignore";
  }
  return "report";
}

Result<Config> ParseConfig(std::string_view text, const fs::path& source) {
  NBR_ASSIGN_OR_RETURN(auto root, RootReader::Parse(text, source));
  Config config;
  config.source = source;
  fs::path base = source.has_parent_path() ? source.parent_path() : fs::path(".");
  NBR_RETURN_IF_ERROR(LoadTopLevel(root, base, config));
  log::RegisterSecret(config.netbox.token);
  for (const auto& s : config.webhook.secrets) {
    log::RegisterSecret(s);
  }
  log::RegisterSecret(config.webhook.admin_token);
  return config;
}

Result<Config> LoadConfig(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InvalidArgument(path.string() + ": cannot read the configuration file");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseConfig(buffer.str(), path);
}

}  // namespace nbr::config
