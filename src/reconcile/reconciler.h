// The reconciler: reads NetBox and the store, decides (reconcile/rules.h),
// acts on what its policies say to fix, and stores a report of every pass.
//
// Reading NetBox: one listing of every device (pages of up to page_size,
// `next` followed as given, de-duplicated by id, without config_context and
// on 4.0+ with only the fields it needs). A listing that fails makes the pass
// skip everything that could destroy or create: a device counts as gone only
// when NetBox answers 404 for it directly.
//
// Acting: enrollments and other workflows run on up to
// workflow.max_parallel threads; devices enrolled but still planned are set
// active with bulk PATCHes of netbox.bulk_batch_size devices, checked id by
// id (NetBox skips ids it does not know).
//
// Thread-safe; passes may run concurrently with one-device reconciles (the
// store and the engine arbitrate; a pass never takes a process twice).
#pragma once

#include <cstdint>
#include <functional>

#include "common/clock.h"
#include "config/config.h"
#include "netbox/api.h"
#include "reconcile/report.h"
#include "reconcile/workflow_runner.h"
#include "store/store.h"

namespace nbr::reconcile {

// Whether a pass's report is stored.
enum class StoreReport { kAlways, kWhenFindings };

class Reconciler {
 public:
  Reconciler(netbox::NetBoxApi& netbox, store::Store& store, WorkflowRunner& runner,
             const config::Config& config, const Clock& clock);

  // A pass over every device and subscription. In plan mode nothing is
  // changed and the report is not stored. Errors only for store failures;
  // NetBox failures are recorded in the report (errors, listing_complete).
  Result<PassReport> RunPass(Trigger trigger, Mode mode);

  // Reconciles one device (after a webhook): reads it fresh and applies the
  // same rules to it and its subscriptions. Stores a report only when there
  // was something to find. Errors: Unavailable when NetBox could not be
  // asked (the caller retries later).
  Result<PassReport> ReconcileDevice(int64_t device_id, Trigger trigger);

  // Replaces the configuration used by later passes (SIGHUP).
  void UpdateConfig(const config::Config& config);

 private:
  Status GatherAll(PassReport& report, Snapshot& snapshot);
  Result<Snapshot> GatherDevice(int64_t device_id, PassReport& report);
  Status LoadStoreState(Snapshot& snapshot, std::optional<int64_t> device_id);
  void Act(PassReport& report, const Snapshot& snapshot);
  Status Finish(PassReport& report, StoreReport store_report, uint64_t requests_before);

  config::Config ConfigCopy() const;

  netbox::NetBoxApi& netbox_;
  store::Store& store_;
  WorkflowRunner& runner_;
  const Clock& clock_;
  mutable std::mutex config_mu_;
  config::Config config_;  // guarded by config_mu_
};

}  // namespace nbr::reconcile
