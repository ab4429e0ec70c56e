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
# Its French resources, so that its own controls speak French in the tests and the README's
# screenshots (a date field's jj/mm/aaaa). Best effort: without them the tests pass, in English.
if [[ ! -e /usr/lib/chromium/locales/fr.pak && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq chromium-l10n >/dev/null ||
    echo '[pacte setup] chromium-l10n not installed: Chromium shows its own controls in English' >&2
fi
