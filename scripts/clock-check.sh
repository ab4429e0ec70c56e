#!/usr/bin/env bash
# `npm run test:clock`: proves that no test depends on the calendar date it runs on. Runs the pure
# suites and the CLI suite with the clock of the test processes moved by libfaketime (Debian's
# `faketime`) to three dates: after a new year, New Year's Eve (already the next year in Paris)
# and a date years ahead. Every process of the run (vitest, its forks, the `pacte` commands)
# reads the moved clock through libc; a Go binary (the Temporal dev server) keeps the real one,
# which is why tests against a server place their inputs relative to the server's clock.
# Installs faketime with apt-get when it is missing. Exits non-zero if any run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

DATES=("2027-01-04 06:30:00" "2027-12-31 23:30:00" "2029-03-01 12:00:00")
SUITES=(tests/domain tests/workflows/unit tests/activities tests/client)

say() { printf '[clock-check] %s\n' "$*"; }

source scripts/lib/require.sh
require_command faketime faketime "moving the clock of the test processes"

# The CLI suite needs the Temporal dev server (built once, reused).
bash scripts/install-temporal.sh >/dev/null

# Only the wall clock moves: timers and timeouts (monotonic clock) keep real time. One clock for
# the whole process tree (child processes do not restart from the given date).
export FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_DONT_RESET=1

failed=()
total_start=$SECONDS
for date in "${DATES[@]}"; do
  # The moved clock must really be seen by node, or the check proves nothing.
  seen=$(faketime -f "@$date" node -e 'process.stdout.write(new Date().toISOString().slice(0, 16))')
  if [[ "$seen" != "${date:0:10}T${date:11:5}" ]]; then
    say "faketime did not move node's clock to $date (node sees $seen)" >&2
    exit 1
  fi
  say "$date UTC: ${SUITES[*]}"
  start=$SECONDS
  if faketime -f "@$date" npx vitest run "${SUITES[@]}"; then
    say "$date UTC: passed in $(( SECONDS - start ))s"
  else
    say "$date UTC: FAILED after $(( SECONDS - start ))s"
    failed+=("$date")
  fi
done

if (( ${#failed[@]} > 0 )); then
  say "failed on: ${failed[*]} ($(( SECONDS - total_start ))s)"
  exit 1
fi
say "every suite passed on the ${#DATES[@]} dates in $(( SECONDS - total_start ))s"
