#!/usr/bin/env bash
# The demo: netbox-reconciler end to end on the bundled inventories.
#
# Installs what is missing, builds, starts netbox-sim (a NetBox emulator)
# with the orchestrator workshop's inventory (five planned core routers with
# their loopbacks) and NetBox's own demo inventory, with an event rule that
# points at the daemon and signs with a secret; starts the daemon with
# auto-confirmation; shows the five routers enrolled and active; creates a
# new planned router through the NetBox API the way an operator would
# (enrolled through the webhook path); puts one enrolled router back to
# planned the way the workshop's bug left it (mended by the next pass);
# prints the reconciliation report; and stops everything it started.
#
# Environment: NBR_BUILD_DIR (default build), NBR_DEMO_SKIP_BUILD=1 to use
# an existing build, NBR_DEMO_KEEP=1 to keep the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build_dir="${NBR_BUILD_DIR:-$root/build}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "demo: $*" >&2; exit 1; }

# --- 0. Set-up -----------------------------------------------------------------
if [ "${NBR_DEMO_SKIP_BUILD:-0}" != 1 ]; then
  step "Installing what is missing and building"
  ./scripts/setup-deps.sh
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j"$(nproc)" --target netbox-reconciler netbox-sim
fi
reconciler="$build_dir/netbox-reconciler"
sim="$build_dir/netbox-sim"
[ -x "$reconciler" ] && [ -x "$sim" ] || fail "binaries missing in $build_dir"

work=$(mktemp -d /tmp/netbox-reconciler-demo.XXXXXX)
sim_pid=""
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  if [ "${NBR_DEMO_KEEP:-0}" = 1 ]; then
    echo "demo: work directory kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_until() {  # wait_until SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2
  shift 2
  for _ in $(seq 1 $((limit * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "--- daemon log ---" >&2; tail -n 40 "$work/daemon.log" >&2 || true
  fail "timed out waiting for: $what"
}

# --- 1. NetBox (netbox-sim) with an event rule to the daemon -------------------
step "Starting NetBox (netbox-sim 4.5) with the workshop and NetBox demo inventories"
umask 077
token=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$token" > "$work/netbox-token"
printf '%s rw reconciler\n' "$token" > "$work/sim-tokens"
od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$work/webhook-secret"
daemon_port=$(free_port)
cat > "$work/rules.json" <<JSON
[{"url": "http://127.0.0.1:$daemon_port/webhooks/netbox",
  "secret_file": "$work/webhook-secret",
  "object_types": ["dcim.device"]}]
JSON
"$sim" --netbox-version 4.5 \
  --data testdata/netbox-data/workshop-netbox-3.4.json \
  --data testdata/netbox-data/netbox-demo-3.6.json \
  --listen 127.0.0.1:0 --ready-file "$work/sim-url" --token-file "$work/sim-tokens" \
  --event-rules "$work/rules.json" --profile lan >"$work/sim.log" 2>&1 &
sim_pid=$!
wait_until 30 "netbox-sim to listen" test -s "$work/sim-url"
netbox=$(cat "$work/sim-url")
echo "NetBox at $netbox; webhooks go to 127.0.0.1:$daemon_port, signed"

api() {  # api METHOD PATH [JSON]
  curl -sS -X "$1" -H "Authorization: Token $token" -H "Content-Type: application/json" \
    -H "Accept: application/json" ${3:+--data "$3"} "$netbox$2"
}
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
device_status() { api GET "/api/dcim/devices/$1/" | json 'd["status"]["value"]'; }
status_is() { [ "$(device_status "$1")" = "$2" ]; }
show_routers() {
  for id in "$@"; do
    api GET "/api/dcim/devices/$id/" | json '"  %-4s %-12s %s" % (d["id"], d["name"], d["status"]["value"])'
  done
}

echo "Workshop routers in NetBox before the daemon starts:"
show_routers 1 2 3 4 5

# --- 2. The daemon -------------------------------------------------------------
step "Starting netbox-reconciler (auto-confirmation, poll every 10 s)"
cat > "$work/netbox-reconciler.toml" <<TOML
[netbox]
url = "$netbox"
token_file = "netbox-token"
requests_per_second = 50

[webhook]
listen_address = "127.0.0.1"
listen_port = $daemon_port
secret_files = ["webhook-secret"]

[database]
path = "state.db"

[poll]
interval_seconds = 10
jitter_seconds = 0

[workflow]
config_confirmation = "auto"

[log]
level = "info"
TOML
"$reconciler" config check "$work/netbox-reconciler.toml"
"$reconciler" --config "$work/netbox-reconciler.toml" serve >"$work/daemon.log" 2>&1 &
daemon_pid=$!
wait_until 30 "the daemon to be healthy" curl -sf "http://127.0.0.1:$daemon_port/healthz"

# --- 3. The start-up pass enrolls the five routers --------------------------------
step "The start-up pass enrolls the five planned routers"
for id in 1 2 3 4 5; do
  wait_until 60 "router $id to be active" status_is "$id" active
done
show_routers 1 2 3 4 5
"$reconciler" --config "$work/netbox-reconciler.toml" subscriptions list

# --- 4. A new router, created as an operator would ---------------------------------
step "An operator creates loc6-core in NetBox (planned), then its loopback"
new_id=$(api POST /api/dcim/devices/ \
  '{"name": "loc6-core", "device_type": 1, "role": 1, "site": 1, "status": "planned"}' |
  json 'd["id"]')
echo "  created device $new_id (planned, no addresses yet: the daemon waits for them)"
iface=$(api POST /api/dcim/interfaces/ \
  "{\"device\": $new_id, \"name\": \"loopback0\", \"type\": \"virtual\"}" | json 'd["id"]')
ip4=$(api POST /api/ipam/ip-addresses/ \
  "{\"address\": \"10.0.0.6/32\", \"status\": \"active\", \"assigned_object_type\": \"dcim.interface\", \"assigned_object_id\": $iface}" |
  json 'd["id"]')
ip6=$(api POST /api/ipam/ip-addresses/ \
  "{\"address\": \"2001:db8::6/128\", \"status\": \"active\", \"assigned_object_type\": \"dcim.interface\", \"assigned_object_id\": $iface}" |
  json 'd["id"]')
api PATCH "/api/dcim/devices/$new_id/" "{\"primary_ip4\": $ip4, \"primary_ip6\": $ip6}" >/dev/null
echo "  loopback0 with 10.0.0.6/32 and 2001:db8::6/128 set as primary: NetBox sends a webhook"
wait_until 30 "loc6-core to be enrolled through the webhook" status_is "$new_id" active
show_routers "$new_id"
echo "  enrolled through the webhook path:"
grep -E "webhook (created|updated) for device $new_id" "$work/daemon.log" | tail -n 2 | sed 's/^/    /'

# --- 5. The workshop's bug: an enrolled router left planned ------------------------
step "loc3-core is put back to planned without a webhook (the workshop's bug)"
curl -sS -X PATCH -H "Content-Type: application/json" --data '{"status": "planned"}' \
  "$netbox/_sim/devices/3" >/dev/null
show_routers 3
echo "  waiting for the next poll pass to mend it..."
wait_until 40 "loc3-core to be mended by the poll" status_is 3 active
show_routers 3

# --- 6. The report ----------------------------------------------------------------
step "The reconciliation report of the pass that mended it"
report_id=$("$reconciler" --config "$work/netbox-reconciler.toml" report list --json |
  json '[r["id"] for r in d if r["trigger"] == "schedule" and r["summary"]["by_kind"]["enrolled_but_planned"] > 0][0]')
"$reconciler" --config "$work/netbox-reconciler.toml" report show "$report_id"

step "Stopping"
kill "$daemon_pid"
wait "$daemon_pid" && daemon_pid=""
grep -q "stopped cleanly" "$work/daemon.log" || fail "the daemon did not stop cleanly"
echo "demo finished: 6 routers enrolled, one drift mended, nothing enrolled twice"
