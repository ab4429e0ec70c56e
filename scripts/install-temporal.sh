#!/usr/bin/env bash
# Builds the Temporal servers Pacte's tests and `npm start` run, from the registries this
# machine reaches (Go module proxy, Maven Central), once, into a cache outside the repository.
#   - the Temporal CLI (dev server with Web UI and SQLite persistence), built with `go install`;
#   - the Java time-skipping test server, resolved from Maven Central, started by a launcher
#     that takes the single argument the TypeScript SDK passes to it: the port.
# A second run reuses what exists. PACTE_CACHE_DIR moves the cache (default ~/.cache/pacte).
# TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH name existing binaries instead. A missing tool
# stops the script with what to install: there is no silent fall-back to a download.
set -euo pipefail
source "$(dirname "$0")/lib/require.sh"

CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.31.0}"
CACHE="${PACTE_CACHE_DIR:-$HOME/.cache/pacte}"
mkdir -p "$CACHE/bin"

step() { printf '\n[pacte setup] %s\n' "$*"; }
elapsed() { printf '[pacte setup]   done in %ss\n' "$(( SECONDS - $1 ))"; }

# Go 1.22 or later builds the CLI (Debian 12's golang-go is 1.19: too old, so not installed here).
require_go() {
  local version
  version=$(go env GOVERSION 2>/dev/null || true)
  if [[ ! $version =~ ^go1\.([0-9]+) ]] || (( BASH_REMATCH[1] < 22 )); then
    echo "[pacte setup] Go 1.22 or later is needed to build the Temporal CLI (found: ${version:-no Go})." >&2
    echo "[pacte setup] Install Go 1.22+ (its official release, or a backport for your distribution) or set TEMPORAL_CLI_PATH to an existing temporal binary (CLI v1.5.1)." >&2
    exit 1
  fi
}

install_cli() {
  local target="$CACHE/bin/temporal" stamp="$CACHE/bin/temporal.version"
  if [[ -n ${TEMPORAL_CLI_PATH:-} ]]; then
    [[ -x $TEMPORAL_CLI_PATH ]] || { echo "[pacte setup] TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable" >&2; exit 1; }
    step "Temporal CLI from TEMPORAL_CLI_PATH: $TEMPORAL_CLI_PATH"
    return
  fi
  if [[ -x "$target" && "$(cat "$stamp" 2>/dev/null)" == "$CLI_VERSION" ]]; then
    step "Temporal CLI $CLI_VERSION already built: $target"
    return
  fi
  require_go
  step "Building the Temporal CLI $CLI_VERSION with go install (first time: about 6 minutes on 2 cores)"
  local t0=$SECONDS
  # -x would be too verbose; a ticker shows the build is alive.
  ( while sleep 30; do printf '[pacte setup]   still building the Temporal CLI (%ss)\n' "$(( SECONDS - t0 ))"; done ) &
  local ticker=$!
  trap 'kill $ticker 2>/dev/null || true' RETURN
  # A build that hangs (a stalled module download) fails here rather than at CI's time limit.
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod timeout 1800 go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION" ||
    { echo "[pacte setup] building the Temporal CLI failed or took over 30 minutes" >&2; exit 1; }
  echo "$CLI_VERSION" >"$stamp"
  elapsed $t0
  "$target" --version
}

install_test_server() {
  local dir="$CACHE/test-server-$TEST_SERVER_VERSION"
  local launcher="$CACHE/bin/temporal-test-server"
  if [[ -n ${TEMPORAL_TEST_SERVER_PATH:-} ]]; then
    [[ -x $TEMPORAL_TEST_SERVER_PATH ]] || { echo "[pacte setup] TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH is not an executable" >&2; exit 1; }
    step "Time-skipping test server from TEMPORAL_TEST_SERVER_PATH: $TEMPORAL_TEST_SERVER_PATH"
    return
  fi
  if [[ -s "$dir/classpath.txt" ]]; then
    write_launcher "$dir" "$launcher"
    step "Time-skipping test server $TEST_SERVER_VERSION already resolved: $launcher"
    return
  fi
  require_command java openjdk-17-jre-headless "the time-skipping test server (or set TEMPORAL_TEST_SERVER_PATH)"
  require_command mvn maven "resolving the time-skipping test server from Maven Central (or set TEMPORAL_TEST_SERVER_PATH)"
  step "Resolving io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central"
  local t0=$SECONDS
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>pacte</groupId><artifactId>temporal-test-server-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
  </dependencies>
</project>
POM
  timeout 900 mvn -B -q -Dstyle.color=never -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" ||
    { echo "[pacte setup] resolving the test server from Maven Central failed or took over 15 minutes" >&2; exit 1; }
  write_launcher "$dir" "$launcher"
  elapsed $t0
}

# The SDK runs an `existing-path` test server as `<path> <port>` (exactly one argument) and gives
# it 5 seconds to listen. A client-only JIT and the serial collector start the JVM about a third
# faster, which keeps a busy 2-core CI machine inside that limit.
write_launcher() {
  local dir=$1 launcher=$2
  cat >"$launcher" <<LAUNCHER
#!/bin/sh
# Generated by scripts/install-temporal.sh: the SDK calls this with one argument, the port.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -cp "\$(cat '$dir/classpath.txt')" io.temporal.testserver.TestServer "\$@"
LAUNCHER
  chmod +x "$launcher"
}

install_cli
install_test_server
step "Temporal servers ready in $CACHE/bin"
