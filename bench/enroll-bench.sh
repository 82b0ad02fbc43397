#!/usr/bin/env bash
# Enrollment benchmark: the workshop's way (pynetbox, one device after the
# other: list planned, get by name, get by id, set active, save) against
# `netbox-reconciler reconcile --once`, on the same netbox-sim inventory with
# the cost model of a real NetBox 3.1 (profile netbox-3.1-small).
#
# Usage: bench/enroll-bench.sh [N_GENERATED_DEVICES] (default 250, about
# 100 of them planned with dual-stack loopbacks). Needs a build in
# ${NBR_BUILD_DIR:-build}. Prints seconds and NetBox round trips for each.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-250}
build_dir="${NBR_BUILD_DIR:-build}"
work=$(mktemp -d /tmp/nbr-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
token=0123456789abcdef0123456789abcdef01234567

start_sim() {  # start_sim NAME -> sets url
  rm -f "$work/$1.url"
  "$build_dir/netbox-sim" --netbox-version 3.1 --generate "$n" --profile netbox-3.1-small \
    --listen 127.0.0.1:0 --ready-file "$work/$1.url" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/$1.url" ] && break; sleep 0.1; done
  url=$(cat "$work/$1.url")
}
requests() { curl -s "$1/_sim/stats" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

# 1. The workshop's way, in Python.
start_sim python
/usr/bin/python3 - "$url" "$token" >"$work/python.out" <<'PY'
import sys, time, pynetbox
nb = pynetbox.api(sys.argv[1], token=sys.argv[2])
start = time.monotonic()
planned = list(nb.dcim.devices.filter(status="planned"))
done = 0
for d in planned:
    if not d.name or d.primary_ip4 is None or d.primary_ip6 is None:
        continue
    list(nb.dcim.devices.filter(name=d.name))    # the workshop looks it up by name
    device = nb.dcim.devices.get(id=d.id)
    device.status = "active"
    device.save()
    done += 1
print(f"{done} {time.monotonic() - start:.1f}")
PY
read -r py_done py_secs <"$work/python.out"
py_requests=$(requests "$url")

# 2. netbox-reconciler, one pass.
start_sim daemon
printf '%s\n' "$token" >"$work/token"
cat >"$work/c.toml" <<TOML
[netbox]
url = "$url"
token_file = "token"
requests_per_second = 0
[webhook]
allow_unsigned = true
[database]
path = "state.db"
[workflow]
config_confirmation = "auto"
max_parallel = 4
[drift]
unmanaged_active_device = "ignore"
[log]
level = "warn"
TOML
t0=$(date +%s.%N)
"$build_dir/netbox-reconciler" --config "$work/c.toml" reconcile --once --json >"$work/report.json" || true
t1=$(date +%s.%N)
nbr_done=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for f in r["findings"] if f["kind"]=="planned_without_subscription" and f["outcome"]=="done"))' "$work/report.json")
nbr_secs=$(/usr/bin/python3 -c "print(f'{$t1 - $t0:.1f}')")
nbr_requests=$(requests "$url")

printf '%-34s %8s %10s %10s\n' "way" "enrolled" "seconds" "requests"
printf '%-34s %8s %10s %10s\n' "workshop (pynetbox, sequential)" "$py_done" "$py_secs" "$py_requests"
printf '%-34s %8s %10s %10s\n' "netbox-reconciler reconcile --once" "$nbr_done" "$nbr_secs" "$nbr_requests"
