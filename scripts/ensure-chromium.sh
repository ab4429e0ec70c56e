#!/usr/bin/env bash
# The browser tests drive a real Chromium (never a browser downloaded by a test tool): the one
# named by CHROMIUM_PATH, else Debian's `chromium`, installed here when this machine can.
set -euo pipefail
source "$(dirname "$0")/lib/require.sh"

if [[ -n ${CHROMIUM_PATH:-} ]]; then
  [[ -x $CHROMIUM_PATH ]] || { echo "[pacte setup] CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; }
  exit 0
fi
require_command chromium chromium "the browser tests (tests/e2e)"
