#!/usr/bin/env bash
# Measures the desktop app's time to first frame in a real window under a virtual X
# display with Mesa's software renderer (the same packages as scripts/screenshot.sh).
#
# Usage: scripts/startup_time.sh [runs]   (default 5; build first: cargo build --release)
# Each run starts the app with HOOKCRAFT_STARTUP_PROBE=1: it prints the time from opening
# the window to its first frame being drawn, then closes itself.
set -euo pipefail

runs="${1:-5}"
bin="${HOOKCRAFT_BIN:-${CARGO_TARGET_DIR:-target}/release/hookcraft}"
command -v xvfb-run >/dev/null || { echo "missing xvfb-run: see the apt-get line in scripts/screenshot.sh" >&2; exit 1; }
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release (or set HOOKCRAFT_BIN)" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for _ in $(seq "$runs"); do
    xvfb-run -a -s "-screen 0 1280x800x24" env \
        LIBGL_ALWAYS_SOFTWARE=1 \
        HOOKCRAFT_STARTUP_PROBE=1 \
        HOOKCRAFT_WORKSPACE="$scratch/workspace" \
        HOOKCRAFT_SECRETS="$scratch/secrets.json" \
        XDG_DATA_HOME="$scratch/data" \
        XDG_CONFIG_HOME="$scratch/config" \
        timeout 60 "$bin" 2>&1 | grep '^startup:' || echo "startup: no frame within 60 s"
done
