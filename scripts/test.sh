#!/usr/bin/env bash
# The test command: installs what is missing (Debian packages), builds, and
# runs every test. Usage: ./scripts/test.sh [extra ctest arguments]
# NBR_BUILD_DIR picks the build directory (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-deps.sh

build_dir="${NBR_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)"

ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 "$@"
