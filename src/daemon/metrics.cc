#include "daemon/metrics.h"

#include <prometheus/text_serializer.h>

#include <sstream>

namespace nbr::daemon {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

const prometheus::Histogram::BucketBoundaries kRequestBuckets{
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
const prometheus::Histogram::BucketBoundaries kPassBuckets{0.01, 0.05, 0.1, 0.5, 1,  2.5,
                                                           5,    10,   30,  60,  300};

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      webhooks_(BuildCounter()
                    .Name("netbox_reconciler_webhooks_total")
                    .Help("Webhook deliveries received, by result")
                    .Register(*registry_)),
      queue_depth_(BuildGauge()
                       .Name("netbox_reconciler_queue_depth")
                       .Help("Devices waiting in the work queue")
                       .Register(*registry_)
                       .Add({})),
      passes_(BuildCounter()
                  .Name("netbox_reconciler_passes_total")
                  .Help("Reconcile passes, by trigger, scope and result")
                  .Register(*registry_)),
      pass_seconds_(BuildHistogram()
                        .Name("netbox_reconciler_pass_duration_seconds")
                        .Help("Duration of reconcile passes")
                        .Register(*registry_)),
      findings_(BuildGauge()
                    .Name("netbox_reconciler_findings")
                    .Help("Findings of the last full pass, by kind")
                    .Register(*registry_)),
      findings_total_(BuildCounter()
                          .Name("netbox_reconciler_findings_total")
                          .Help("Findings of all passes, by kind and outcome")
                          .Register(*registry_)),
      processes_(BuildGauge()
                     .Name("netbox_reconciler_processes")
                     .Help("Workflow processes, by status")
                     .Register(*registry_)),
      requests_(BuildCounter()
                    .Name("netbox_reconciler_netbox_requests_total")
                    .Help("Requests to NetBox, by endpoint, method and HTTP status (0: "
                          "no answer)")
                    .Register(*registry_)),
      request_seconds_(BuildHistogram()
                           .Name("netbox_reconciler_netbox_request_duration_seconds")
                           .Help("Latency of requests to NetBox, by endpoint")
                           .Register(*registry_)),
      last_contact_(BuildGauge()
                        .Name("netbox_reconciler_netbox_last_contact_timestamp_seconds")
                        .Help("When NetBox last answered a request")
                        .Register(*registry_)
                        .Add({})) {}

void Metrics::CountWebhook(std::string_view result) {
  webhooks_.Add({{"result", std::string(result)}}).Increment();
}

void Metrics::SetQueueDepth(size_t depth) {
  queue_depth_.Set(static_cast<double>(depth));
}

void Metrics::RecordPass(const reconcile::PassReport& report, bool ok) {
  std::string scope = report.scope_device_id ? "device" : "full";
  std::string trigger(reconcile::TriggerName(report.trigger));
  passes_.Add({{"trigger", trigger}, {"scope", scope}, {"result", ok ? "ok" : "error"}})
      .Increment();
  double seconds =
      std::chrono::duration<double>(report.finished_at - report.started_at).count();
  pass_seconds_.Add({{"scope", scope}}, kPassBuckets).Observe(seconds);
  for (const auto& f : report.findings) {
    findings_total_
        .Add({{"kind", std::string(reconcile::FindingKindName(f.kind))},
              {"outcome", std::string(reconcile::OutcomeName(f.outcome))}})
        .Increment();
  }
  if (!report.scope_device_id && report.mode == reconcile::Mode::kApply) {
    for (const auto& [kind, count] : report.CountsByKind()) {
      findings_.Add({{"kind", kind}}).Set(count);
    }
  }
}

void Metrics::RecordPassFailure(std::string_view trigger) {
  passes_.Add({{"trigger", std::string(trigger)}, {"scope", "full"}, {"result", "error"}})
      .Increment();
}

void Metrics::SetProcesses(std::string_view status, double count) {
  processes_.Add({{"status", std::string(status)}}).Set(count);
}

void Metrics::RecordNetBoxRequest(const netbox::RequestRecord& record) {
  requests_
      .Add({{"endpoint", record.endpoint},
            {"method", record.method},
            {"status", std::to_string(record.status)}})
      .Increment();
  request_seconds_.Add({{"endpoint", record.endpoint}}, kRequestBuckets)
      .Observe(record.seconds);
}

void Metrics::SetLastNetBoxContact(double epoch_seconds) {
  last_contact_.Set(epoch_seconds);
}

std::string Metrics::Render() const {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, registry_->Collect());
  return out.str();
}

}  // namespace nbr::daemon
