#!/usr/bin/env bash
# Installs, from Debian's packages, whatever the build, the tests and the demo
# need and the machine lacks. Idempotent: a second run installs nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libspdlog-dev
  libgtest-dev libgmock-dev libcli11-dev libtomlplusplus-dev libssl-dev
  libsystemd-dev prometheus-cpp-dev
  python3-pynetbox python3-requests
  curl sqlite3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
