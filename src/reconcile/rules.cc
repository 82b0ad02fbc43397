#include "reconcile/rules.h"

#include <algorithm>
#include <map>
#include <optional>

namespace nbr::reconcile {
namespace {

using store::Lifecycle;
using store::ProcessStatus;

bool InFlight(ProcessStatus s) {
  return s == ProcessStatus::kCreated || s == ProcessStatus::kRunning ||
         s == ProcessStatus::kSuspended || s == ProcessStatus::kWaiting;
}

std::optional<std::string> Loopback(const std::optional<std::string>& cidr) {
  if (!cidr) {
    return std::nullopt;
  }
  return AddressWithoutPrefix(*cidr);
}

nlohmann::json OptionalJson(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// Builds findings with the policy's action, outcome and the common fields.
class FindingMaker {
 public:
  explicit FindingMaker(std::vector<Finding>& out) : out_(out) {}

  Finding* Add(FindingKind kind, config::Policy policy, Action fix_action,
               const netbox::Device* device, int64_t device_id) {
    if (policy == config::Policy::kIgnore) {
      return nullptr;
    }
    Finding f;
    f.kind = kind;
    f.device_id = device_id;
    f.device_name = device && device->name ? *device->name : "";
    f.policy = policy;
    bool fix = policy == config::Policy::kFix && fix_action != Action::kNone;
    f.action = fix ? fix_action : Action::kNone;
    f.outcome = !fix ? Outcome::kReported : Outcome::kPlanned;
    out_.push_back(std::move(f));
    return &out_.back();
  }

 private:
  std::vector<Finding>& out_;
};

struct DeviceContext {
  const netbox::Device* device = nullptr;
  std::vector<const store::Subscription*> subscriptions;  // oldest first
  const store::Process* enrollment_in_flight = nullptr;
  const store::Process* enrollment_failed = nullptr;
};

std::map<int64_t, DeviceContext> Index(const Snapshot& snapshot) {
  std::map<int64_t, DeviceContext> by_device;
  for (const auto& d : snapshot.devices) {
    by_device[d.id].device = &d;
  }
  for (const auto& s : snapshot.live_subscriptions) {
    if (s.node_id) {
      by_device[*s.node_id].subscriptions.push_back(&s);
    }
  }
  for (auto& [id, ctx] : by_device) {
    std::sort(ctx.subscriptions.begin(), ctx.subscriptions.end(),
              [](const auto* a, const auto* b) {
                return std::tie(a->created_at, a->id) < std::tie(b->created_at, b->id);
              });
  }
  for (const auto& p : snapshot.open_processes) {
    if (p.workflow != kCreateNodeWorkflow || !p.device_id) {
      continue;
    }
    auto& ctx = by_device[*p.device_id];
    if (InFlight(p.status)) {
      ctx.enrollment_in_flight = &p;
    } else if (p.status == ProcessStatus::kFailed) {
      ctx.enrollment_failed = &p;
    }
  }
  return by_device;
}

// What a device lacks before create_node can succeed, or "".
std::string MissingForEnrollment(const netbox::Device& d, bool allow_single_stack) {
  if (!d.primary_ip4 && !d.primary_ip6) {
    return "no primary IPv4 or IPv6 address";
  }
  if (allow_single_stack) {
    return "";
  }
  if (!d.primary_ip4) {
    return "no primary IPv4 address";
  }
  if (!d.primary_ip6) {
    return "no primary IPv6 address";
  }
  return "";
}

void DecideUnenrolled(const DeviceContext& ctx, const config::DriftPolicies& policies,
                      bool allow_single_stack, FindingMaker& make) {
  const netbox::Device& d = *ctx.device;
  if (ctx.enrollment_in_flight) {
    return;  // create_node is already on it
  }
  Finding* f = nullptr;
  if (d.status == "planned") {
    f = make.Add(FindingKind::kPlannedWithoutSubscription,
                 policies.planned_without_subscription, Action::kEnroll, &d, d.id);
  } else if (d.status == "active") {
    f = make.Add(FindingKind::kUnmanagedActiveDevice, policies.unmanaged_active_device,
                 Action::kAdopt, &d, d.id);
  }
  if (!f) {
    return;
  }
  f->after = {{"status", d.status}};
  std::string missing = MissingForEnrollment(d, allow_single_stack);
  if (!missing.empty() && f->action != Action::kNone) {
    // Starting create_node now would only fail at fetch_ip_address_information:
    // wait for NetBox to have the addresses (the change comes as a webhook).
    f->outcome = Outcome::kSkipped;
    f->detail = "not enrolled yet: the device has " + missing + " in NetBox";
    return;
  }
  if (ctx.enrollment_failed && f->action != Action::kNone) {
    // A failed enrollment holds the device until someone resumes or aborts
    // it: starting another one every pass would only pile up failures.
    f->outcome = Outcome::kSkipped;
    f->process_id = ctx.enrollment_failed->id;
    f->detail = "create_node process " + std::to_string(ctx.enrollment_failed->id) +
                " failed (" + ctx.enrollment_failed->failure_reason +
                "); resume or abort it first";
  }
}

void DecideEnrolled(const DeviceContext& ctx, const store::Subscription& s,
                    const config::DriftPolicies& policies, FindingMaker& make) {
  const netbox::Device& d = *ctx.device;
  bool settled = s.insync && (s.lifecycle == Lifecycle::kActive ||
                              s.lifecycle == Lifecycle::kProvisioning);
  if (!settled) {
    return;  // a workflow works on it, or one failed: stuck-process reporting covers it
  }

  // 1. Still planned in NetBox although enrolled: the workshop's drift.
  if (d.status == "planned") {
    if (Finding* f =
            make.Add(FindingKind::kEnrolledButPlanned, policies.enrolled_but_planned,
                     Action::kSetActive, &d, d.id)) {
      f->subscription_id = s.id;
      f->before = {{"status", "planned"}};
      f->after = {{"status", "active"}};
    }
  }

  // 2. Decommissioned in NetBox: the subscription ends.
  if (d.status == "decommissioning") {
    if (Finding* f =
            make.Add(FindingKind::kOrphanedSubscription, policies.orphaned_subscription,
                     Action::kTerminate, &d, d.id)) {
      f->subscription_id = s.id;
      f->before = {{"lifecycle", store::LifecycleName(s.lifecycle)}};
      f->after = {{"status", d.status}};
      f->detail = "device is decommissioning";
    }
    return;
  }

  // 3. Name or loopbacks changed in NetBox.
  nlohmann::json before = nlohmann::json::object();
  nlohmann::json after = nlohmann::json::object();
  auto compare = [&](const char* key, const std::optional<std::string>& stored,
                     const std::optional<std::string>& current) {
    if (stored != current) {
      before[key] = OptionalJson(stored);
      after[key] = OptionalJson(current);
    }
  };
  compare("node_name", s.node_name, d.name);
  compare("ipv4_loopback", s.ipv4_loopback, Loopback(d.primary_ip4));
  compare("ipv6_loopback", s.ipv6_loopback, Loopback(d.primary_ip6));
  if (!before.empty()) {
    if (Finding* f = make.Add(FindingKind::kChangedDevice, policies.changed_device,
                              Action::kModify, &d, d.id)) {
      f->subscription_id = s.id;
      f->before = std::move(before);
      f->after = std::move(after);
    }
  }
}

void DecideDuplicates(int64_t device_id, const DeviceContext& ctx,
                      const config::DriftPolicies& policies, FindingMaker& make) {
  Finding* f =
      make.Add(FindingKind::kDuplicateSubscriptions, policies.duplicate_subscriptions,
               Action::kTerminateExtra, ctx.device, device_id);
  if (!f) {
    return;
  }
  nlohmann::json ids = nlohmann::json::array();
  for (const auto* s : ctx.subscriptions) {
    ids.push_back(s->id);
  }
  f->subscription_id = ctx.subscriptions.front()->id;
  f->before = {{"subscriptions", ids}};
  f->after = {{"keep", ctx.subscriptions.front()->id}};
  f->detail =
      std::to_string(ctx.subscriptions.size()) + " live subscriptions for one device";
}

void DecideStuck(const Snapshot& snapshot, const config::DriftPolicies& policies,
                 TimePoint now, FindingMaker& make) {
  for (const auto& p : snapshot.open_processes) {
    bool stuck_kind = p.status == ProcessStatus::kFailed ||
                      p.status == ProcessStatus::kWaiting ||
                      p.status == ProcessStatus::kSuspended;
    if (!stuck_kind || now - p.modified_at < policies.stuck_process_after) {
      continue;
    }
    Finding* f = make.Add(FindingKind::kStuckProcess, policies.stuck_processes,
                          Action::kNone, nullptr, p.device_id.value_or(0));
    if (!f) {
      continue;
    }
    f->process_id = p.id;
    f->before = {{"workflow", p.workflow},
                 {"status", store::ProcessStatusName(p.status)},
                 {"last_step", p.last_step},
                 {"since", FormatTimestamp(p.modified_at)}};
    f->detail = p.workflow + " " + std::string(store::ProcessStatusName(p.status)) +
                (p.failure_reason.empty() ? "" : ": " + p.failure_reason);
  }
}

}  // namespace

std::string AddressWithoutPrefix(const std::string& cidr) {
  auto slash = cidr.find('/');
  return slash == std::string::npos ? cidr : cidr.substr(0, slash);
}

std::vector<Finding> Decide(const Snapshot& snapshot, const config::Config& config,
                            TimePoint now, Mode mode) {
  const config::DriftPolicies& policies = config.drift;
  std::vector<Finding> findings;
  FindingMaker make(findings);
  auto by_device = Index(snapshot);

  for (const auto& [device_id, ctx] : by_device) {
    // 1. Several live subscriptions for one device.
    if (ctx.subscriptions.size() > 1) {
      DecideDuplicates(device_id, ctx, policies, make);
    }

    // 2. A subscription whose device NetBox says is gone.
    if (!ctx.device) {
      if (snapshot.gone.contains(device_id)) {
        for (const auto* s : ctx.subscriptions) {
          if (Finding* f = make.Add(FindingKind::kOrphanedSubscription,
                                    policies.orphaned_subscription, Action::kTerminate,
                                    nullptr, device_id)) {
            f->device_name = s->node_name.value_or("");
            f->subscription_id = s->id;
            f->before = {{"lifecycle", store::LifecycleName(s->lifecycle)}};
            f->after = {{"device", "not found (404)"}};
          }
        }
      }
      continue;
    }

    // 3. A device without, or with, a subscription.
    if (ctx.subscriptions.empty()) {
      DecideUnenrolled(ctx, policies, config.workflow.allow_single_stack, make);
    } else {
      DecideEnrolled(ctx, *ctx.subscriptions.front(), policies, make);
    }
  }

  // 4. Processes that have waited too long for someone.
  DecideStuck(snapshot, policies, now, make);

  if (mode == Mode::kPlan) {
    for (auto& f : findings) {
      if (f.outcome != Outcome::kSkipped && f.action != Action::kNone) {
        f.outcome = Outcome::kPlanned;
      }
    }
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.device_id, a.kind) < std::tie(b.device_id, b.kind);
                   });
  return findings;
}

}  // namespace nbr::reconcile
