// The rules of reconciliation, as a pure function: from what NetBox and the
// store hold now, decide every finding and the action its policy calls for.
// Level-driven: the decision depends only on the snapshot, never on the
// event that led to it. No I/O; deterministic order (device id, then kind).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "config/config.h"
#include "netbox/types.h"
#include "reconcile/finding.h"
#include "store/types.h"

namespace nbr::reconcile {

// The name the engine gives the enrollment workflow.
inline constexpr std::string_view kCreateNodeWorkflow = "create_node";

enum class Mode {
  kApply,  // findings get the action their policy calls for
  kPlan,   // the same decisions, marked planned: nothing will be done
};

// What a pass decides from.
struct Snapshot {
  // Every device in scope as NetBox listed it (de-duplicated). When the
  // listing failed, `listing_complete` is false and no finding that could
  // destroy or create anything is made from the absence of a device.
  std::vector<netbox::Device> devices;
  bool listing_complete = true;
  // Devices that NetBox answered 404 for when asked for them directly.
  std::set<int64_t> gone;
  // Subscriptions in scope that are not terminated.
  std::vector<store::Subscription> live_subscriptions;
  // Processes that are not completed or aborted.
  std::vector<store::Process> open_processes;
};

// Uses the drift policies and workflow.allow_single_stack of `config`.
std::vector<Finding> Decide(const Snapshot& snapshot, const config::Config& config,
                            TimePoint now, Mode mode);

// "10.0.0.1/32" -> "10.0.0.1"; addresses without a prefix are returned as is.
std::string AddressWithoutPrefix(const std::string& cidr);

}  // namespace nbr::reconcile
