#!/usr/bin/env bash
# Takes a screenshot of the desktop app under a virtual X display.
#
# Installs nothing. Needs (Debian/Ubuntu):
#   apt-get install -y xvfb xauth mesa-utils libgl1-mesa-dri libegl1 libegl-mesa0 \
#     libxkbcommon-x11-0 imagemagick
# Usage: scripts/screenshot.sh [out.png] [card] [sample] [tab]
#   defaults: assets/screenshot.png segment payment.succeeded output
#   tab: output, preview, checks or diff (the tab beside the output)
# Builds nothing either: set HOOKCRAFT_BIN (default target/release/hookcraft, built with
# `cargo build --release`). The app opens on the card and sample through HOOKCRAFT_DEMO and
# uses a throwaway workspace and secrets file, so your own endpoints are never shown.
set -euo pipefail

out="${1:-assets/screenshot.png}"
card="${2:-segment}"
sample="${3:-payment.succeeded}"
tab="${4:-output}"
bin="${HOOKCRAFT_BIN:-${CARGO_TARGET_DIR:-target}/release/hookcraft}"
wait_secs="${SCREENSHOT_WAIT_SECS:-6}"

for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "missing $tool: see the apt-get line at the top of $0" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release (or set HOOKCRAFT_BIN)" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Inside the virtual display: start the app, wait for it to draw, grab the root window.
xvfb-run -a -s "-screen 0 1280x800x24" env \
    LIBGL_ALWAYS_SOFTWARE=1 \
    HOOKCRAFT_DEMO="$card $sample $tab" \
    HOOKCRAFT_WORKSPACE="$scratch/workspace" \
    HOOKCRAFT_SECRETS="$scratch/secrets.json" \
    XDG_DATA_HOME="$scratch/data" \
    XDG_CONFIG_HOME="$scratch/config" \
    bash -c '
        "$1" &
        app=$!
        sleep "$2"
        import -window root "$3"
        kill "$app"
        wait "$app" 2>/dev/null || true
    ' _ "$bin" "$wait_secs" "$out"

echo "saved $out"
