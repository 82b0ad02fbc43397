// The daemon's Prometheus metrics (prometheus-cpp), rendered in the text
// exposition format by /metrics. Thread-safe: prometheus-cpp metrics are.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "netbox/types.h"
#include "reconcile/report.h"

namespace nbr::daemon {

class Metrics {
 public:
  Metrics();

  // A webhook delivery and what became of it ("accepted", "echo",
  // "ignored", "bad_signature", "unsigned", "malformed", "too_large", ...).
  void CountWebhook(std::string_view result);
  void SetQueueDepth(size_t depth);
  // A finished pass: counts it, observes its duration, and sets the
  // findings-by-kind gauges of the last full pass.
  void RecordPass(const reconcile::PassReport& report, bool ok);
  void RecordPassFailure(std::string_view trigger);
  void SetProcesses(std::string_view status, double count);
  // Every request to NetBox (the client's RequestObserver).
  void RecordNetBoxRequest(const netbox::RequestRecord& record);
  // Seconds since the epoch of the last successful contact with NetBox.
  void SetLastNetBoxContact(double epoch_seconds);

  // The exposition text.
  std::string Render() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& webhooks_;
  prometheus::Gauge& queue_depth_;
  prometheus::Family<prometheus::Counter>& passes_;
  prometheus::Family<prometheus::Histogram>& pass_seconds_;
  prometheus::Family<prometheus::Gauge>& findings_;
  prometheus::Family<prometheus::Counter>& findings_total_;
  prometheus::Family<prometheus::Gauge>& processes_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& request_seconds_;
  prometheus::Gauge& last_contact_;
};

}  // namespace nbr::daemon
