#!/usr/bin/env bash
# Measures netbox-sim on this machine: start-up with 100,000 generated
# devices, a full listing at limit=1000 (full and brief), and small GETs
# in parallel. Usage: sim/bench/bench-sim.sh [BUILD_DIR] (default: build-sim)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build-sim}"
sim="$build/netbox-sim"
devices="${DEVICES:-100000}"
token="Authorization: Token 0123456789abcdef0123456789abcdef01234567"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$(echo "$2 - $1" | bc -l)" | awk '{printf "%.2f", $1}'; }

# 1. Start-up with the workshop inventory and N generated devices.
start=$(now)
"$sim" --netbox-version 4.5 --data "$root/testdata/netbox-data/workshop-netbox-3.4.json" \
  --generate "$devices" --listen 127.0.0.1:0 --ready-file "$work/ready" \
  --http-threads 32 >"$work/log" 2>&1 &
pid=$!
while [ ! -s "$work/ready" ]; do sleep 0.02; done
ready=$(now)
url="$(cat "$work/ready")"
echo "start-up with $devices generated devices: $(elapsed "$start" "$ready") s"

# 2. Every device, 1,000 per page, following next as given.
# Prints pages, megabytes and the seconds spent waiting for the server
# (curl's time_total, summed; the loop's own overhead excluded).
list_all() {
  local next="$url/api/dcim/devices/?limit=1000$1" pages=0 bytes=0 server=0 t
  while [ -n "$next" ]; do
    t="$(curl -s -H "$token" "$next" -o "$work/page" -w '%{time_total}')"
    server="$(echo "$server + $t" | bc -l)"
    bytes=$((bytes + $(stat -c %s "$work/page")))
    next="$(head -c 600 "$work/page" | sed -n 's/^{"count":[0-9]*,"next":"\([^"]*\)".*/\1/p')"
    pages=$((pages + 1))
  done
  echo "$pages pages, $((bytes / 1000000)) MB, server time $(printf '%.2f' "$server") s"
}
for mode in "" "&brief=1" "&exclude=config_context"; do
  start=$(now)
  what="$(list_all "$mode")"
  echo "full listing limit=1000$mode: $(elapsed "$start" "$(now)") s ($what)"
done

# 3. Small GETs, 8 connections in parallel.
n=4000
for i in $(seq 1 $n); do
  echo "url = \"$url/api/dcim/devices/$(( (i % devices) + 1 ))/\""
  echo "output = /dev/null"
done >"$work/urls"
start=$(now)
curl -s --no-progress-meter --parallel --parallel-max 8 -H "$token" -K "$work/urls"
secs=$(elapsed "$start" "$(now)")
echo "GET one device x $n, 8 in parallel: $secs s ($(echo "$n / $secs" | bc) requests/s)"
