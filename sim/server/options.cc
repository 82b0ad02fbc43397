#include "server/options.h"

#include <CLI/CLI.hpp>

namespace nbr::sim {

bool ParseCommandLine(int argc, char** argv, SimOptions& o, int& exit_code) {
  CLI::App app{
      "netbox-sim: a NetBox emulator (REST API, webhooks, cost model, faults) for "
      "tests,\n"
      "benchmarks and demos. Control endpoint under /_sim/ (see docs/netbox-sim.md)."};
  app.add_option(
         "--netbox-version", o.netbox_version,
         "NetBox version to emulate: 3.1, 3.4, 3.6, 4.2, 4.4, 4.5, 4.6, 4.7, or with a "
         "patch level (4.2.3)")
      ->capture_default_str();
  app.add_option("--data", o.data,
                 "inventory in NetBox's dumpdata JSON; repeatable; ids are renumbered "
                 "per model in pk "
                 "order after those already loaded (the first file keeps pks 1..n)");
  app.add_option(
      "--generate", o.generate,
      "add N deterministic synthetic devices (with sites, roles, loopback IPs)");
  app.add_option("--listen", o.listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  app.add_option("--ready-file", o.ready_file,
                 "once listening, write the base URL (http://HOST:PORT) to this file");
  app.add_option("--token-file", o.token_file,
                 "API tokens, one per line: '<token> rw|ro [username]' (v1: 40 hex, v2: "
                 "nbt_KEY.SECRET); default: the golden tokens, read-write, user admin");
  app.add_option("--event-rules", o.event_rules,
                 "JSON list of webhook rules {url, secret|secret_file, body_version, "
                 "body_template, events, headers}");
  app.add_option(
      "--webhook-url", o.webhook_urls,
      "an unsigned event rule for every device event (repeatable); secrets go in "
      "--event-rules");
  app.add_option(
         "--profile", o.profile,
         "cost model: none (tests), lan (2 ms per request), netbox-3.1-small (the "
         "measured NetBox 3.1)")
      ->capture_default_str();
  app.add_option("--paginate-count", o.paginate_count,
                 "PAGINATE_COUNT: default page size")
      ->capture_default_str();
  app.add_option("--max-page-size", o.max_page_size, "MAX_PAGE_SIZE (0: unlimited)")
      ->capture_default_str();
  app.add_option("--webhook-workers", o.webhook_workers,
                 "background webhook workers (more than one: no ordering guarantee)")
      ->capture_default_str();
  app.add_option("--webhook-retries", o.webhook_retries,
                 "retries of a failed delivery (NetBox's default: none)")
      ->capture_default_str();
  app.add_option("--webhook-retry-delay-ms", o.webhook_retry_delay_ms,
                 "pause between delivery attempts")
      ->capture_default_str();
  app.add_option("--webhook-timeout", o.webhook_timeout_s,
                 "seconds to wait for a receiver")
      ->capture_default_str();
  app.add_option(
      "--fault", o.faults,
      "a fault at start, KEY=VALUE (repeatable), e.g. error_rate=0.1, latency_ms=50, "
      "rate_limit_rate=0.2, drop_rate=0.1, hang_rate=0.05, page_size_quirk=true, "
      "duplicate_rows=true, ignore_filters=true, stale_duplicate_updates=true, "
      "update_before_delete=true, webhooks_unreachable=true");
  app.add_flag(
      "--login-required", o.login_required,
      "LOGIN_REQUIRED: /api/ and /api/status/ need a token too (off in the golden "
      "captures' setup)");
  app.add_option("--http-threads", o.http_threads,
                 "HTTP server threads (each open keep-alive connection holds one)")
      ->capture_default_str();
  app.add_option("--seed", o.seed, "seed of the random faults and slow tail")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    exit_code = app.exit(e);
    return false;
  }
  return true;
}

}  // namespace nbr::sim
