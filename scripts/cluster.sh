#!/usr/bin/env bash
# Pacte on the production engine, natively: the Temporal server 1.29.1 on PostgreSQL 15, its four
# services (frontend, history, matching, worker) as separate processes, the namespace and Pacte's
# search attributes registered, the Web UI (http://localhost:8080), a local MailDev inbox (web on :1081) and the
# Pacte worker (its delivery ledger in the same PostgreSQL, database `pacte`). The same versions and
# values as docker-compose.yml (cluster/values.env), for machines without a Docker engine.
#
#   npm run cluster                      build once (cached), start what is not running, print where
#   npm run cluster -- --down            stop what it started (by pid), keep the data
#   npm run cluster -- --down --all      the same, and stop PostgreSQL too
#   npm run cluster -- --no-pacte        without the Pacte worker and mail inbox (tests bring theirs)
#   npm run cluster -- --no-ui           without the Web UI (built once, on first use, otherwise)
#   npm run cluster -- --fresh [...]     stop it, drop both databases, start on new ones (--no-pacte/--no-ui apply)
#   npm run cluster -- --restart SERVICE [--kill]  stop one service (kill -9 with --kill), start it again
#   npm run cluster -- --status          what runs, by pid
#
# "up" means: every service process alive and the cluster accepting a workflow start (a throwaway
# workflow on a throwaway task queue, terminated at once) and describing a task queue. On a new
# database (no cluster metadata yet) the frontend starts alone first: it initialises the cluster
# metadata, which the four services would otherwise race to write (one of them then dies at
# start-up); on a database already in use the four start at once. Every wait has a time
# limit (READY_TIMEOUT, default 180 s) and says what it waited for when it gives up.
#
# Everything lives in $PACTE_CACHE_DIR/cluster (default ~/.cache/pacte/cluster): bin/ (server, sql
# tool), config/ (rendered configuration), run/ (pids), logs/. The data is in PostgreSQL's
# databases `temporal` and `temporal_visibility`. Any value of cluster/values.env can be
# overridden from the environment for one run (e.g. FRONTEND_PORT=17233).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/require.sh"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${PACTE_CACHE_DIR:-$HOME/.cache/pacte}"
DIR="$CACHE/cluster"
BIN="$DIR/bin"
RUN="$DIR/run"
LOGS="$DIR/logs"
CONF="$DIR/config"
TEMPORAL_CLI="${TEMPORAL_CLI_PATH:-$CACHE/bin/temporal}"
SERVICES=(history matching frontend worker)
mkdir -p "$BIN" "$RUN" "$LOGS" "$CONF"

# Values: the file's defaults, unless the environment already sets them (one run's override).
while IFS='=' read -r key value; do
  [[ -z "$key" || "$key" == \#* ]] && continue
  if [[ -z "${!key:-}" ]]; then export "$key=$value"; else export "$key"; fi
done < "$ROOT/cluster/values.env"

T0=$(date +%s)
say() { printf '[cluster %3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
die() { say "error: $*" >&2; exit 1; }

ADDRESS="127.0.0.1:$FRONTEND_PORT"
tctl() { "$TEMPORAL_CLI" --address "$ADDRESS" --disable-config-file --disable-config-env --client-connect-timeout 10s --command-timeout 30s "$@"; }
READY_TIMEOUT="${READY_TIMEOUT:-180}"
# The frontend first (it initialises a new database's cluster metadata), then the others.
START_ORDER=(frontend history matching worker)

# A pid file's process, if it is still the one we started (pids are recycled).
alive() {
  local pidfile="$RUN/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(cat "$pidfile")
  [[ -d "/proc/$pid" ]] && grep -q -- "$2" "/proc/$pid/cmdline" 2>/dev/null
}

# A process that has exited (a zombie not yet reaped by its new parent has exited too).
gone() { [[ ! -d "/proc/$1" ]] || [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" == Z ]]; }

# The last lines of a service's log, for a message about why it is not there.
# Long lines keep their start and their end (where Go puts the cause of an error chain).
log_tail() {
  tail -n "${2:-3}" "$LOGS/$1.log" 2>/dev/null \
    | awk '{ if (length($0) > 400) print "    " substr($0, 1, 150) " … " substr($0, length($0) - 229); else print "    " $0 }'
}

stop_one() { # name, cmdline marker, signal
  local name=$1 marker=$2 sig=${3:-TERM} pid
  if [[ -f "$RUN/$name.pid" ]] && ! alive "$name" "$marker"; then
    say "$name: already dead (pid $(cat "$RUN/$name.pid"), log $LOGS/$name.log), last lines:"
    log_tail "$name" >&2
  elif alive "$name" "$marker"; then
    pid=$(cat "$RUN/$name.pid")
    # Each process was started by setsid as its own group leader: signal the group (tsx's child).
    kill "-$sig" -- "-$pid" 2>/dev/null || kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do gone "$pid" && break; sleep 0.2; done
    if ! gone "$pid"; then
      say "$name did not exit within 20 s of SIG$sig: SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped $name (pid $pid, SIG$sig)"
  fi
  rm -f "$RUN/$name.pid"
}

# ---------------------------------------------------------------------------------------------
# Binaries: built once from the Go module proxy (the host the SDK downloads from is unreachable).
build() {
  local stamp="$BIN/server.version"
  if [[ -x "$BIN/server" && -x "$BIN/sql" && "$(cat "$stamp" 2>/dev/null)" == "$TEMPORAL_SERVER_VERSION" ]]; then
    say "server $TEMPORAL_SERVER_VERSION and sql tool: cached in $BIN"
    return
  fi
  command -v go >/dev/null || die "Go is needed once to build the Temporal server (go install)"
  say "building the Temporal server $TEMPORAL_SERVER_VERSION (go install, several minutes cold)…"
  GOBIN="$BIN" timeout 1800 go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" ||
    die "building the Temporal server failed or took over 30 minutes"
  say "building its sql tool…"
  GOBIN="$BIN" timeout 900 go install "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" ||
    die "building the sql tool failed or took over 15 minutes"
  echo "$TEMPORAL_SERVER_VERSION" > "$stamp"
  say "built into $BIN"
}

# The Web UI: the same ui-server the temporalio/ui image runs, configured the same way (the
# module's config/docker.yaml template read with TEMPORAL_ADDRESS, TEMPORAL_UI_PORT, …). Its
# binary is also called `server`, hence its own directory.
UI_DIR="$DIR/ui"
build_ui() {
  local stamp="$UI_DIR/bin/server.version"
  if [[ -x "$UI_DIR/bin/server" && "$(cat "$stamp" 2>/dev/null)" == "$TEMPORAL_UI_VERSION" ]]; then
    say "Web UI $TEMPORAL_UI_VERSION: cached in $UI_DIR/bin"
    return
  fi
  say "building the Web UI server $TEMPORAL_UI_VERSION (go install, a few minutes cold)…"
  mkdir -p "$UI_DIR/bin" "$UI_DIR/config"
  GOBIN="$UI_DIR/bin" go install "github.com/temporalio/ui-server/v2/cmd/server@v$TEMPORAL_UI_VERSION"
  echo "$TEMPORAL_UI_VERSION" > "$stamp"
}

start_ui() {
  build_ui
  if alive ui "$UI_DIR/bin/server"; then say "Web UI: running (pid $(cat "$RUN/ui.pid"))"; return; fi
  mkdir -p "$UI_DIR/config"
  cp "$(go env GOMODCACHE)/github.com/temporalio/ui-server/v2@v$TEMPORAL_UI_VERSION/config/docker.yaml" "$UI_DIR/config/docker.yaml"
  chmod u+w "$UI_DIR/config/docker.yaml"
  TEMPORAL_ADDRESS="$ADDRESS" TEMPORAL_UI_PORT="$UI_PORT" TEMPORAL_DEFAULT_NAMESPACE="$NAMESPACE" \
    TEMPORAL_CORS_ORIGINS="http://localhost:$UI_PORT" \
    setsid "$UI_DIR/bin/server" --root "$UI_DIR" --config config --env docker start >>"$LOGS/ui.log" 2>&1 < /dev/null &
  echo $! > "$RUN/ui.pid"
  say "Web UI: started (pid $!, http://localhost:$UI_PORT)"
}

schema_dir() { echo "$(go env GOMODCACHE)/go.temporal.io/server@v$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL: the Debian package's cluster `$POSTGRES_MAJOR main`.
pg_running() { pg_lsclusters -h 2>/dev/null | awk -v v="$POSTGRES_MAJOR" '$1==v && $2=="main" {print $4}' | grep -q online; }
psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $DB_PORT $*"; }

postgres_up() {
  require_package "postgresql-$POSTGRES_MAJOR" "the cluster's database"
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$POSTGRES_MAJOR main "; then
    die "PostgreSQL $POSTGRES_MAJOR is installed but has no 'main' cluster (pg_createcluster $POSTGRES_MAJOR main)"
  fi
  if pg_running; then
    say "PostgreSQL $POSTGRES_MAJOR: running"
  else
    say "starting PostgreSQL $POSTGRES_MAJOR…"
    pg_ctlcluster "$POSTGRES_MAJOR" main start
  fi
  # The role Temporal connects as (the compose file's POSTGRES_USER/POSTGRES_PASSWORD).
  if [[ "$(psql_admin -tAc "\"SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'\"")" != 1 ]]; then
    psql_admin -c "\"CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\""
    say "created role $DB_USER"
  fi
}

sqltool() { "$BIN/sql" --plugin "$DB_PLUGIN" --ep "$DB_HOST" -p "$DB_PORT" -u "$DB_USER" --pw "$DB_PASSWORD" "$@"; }

migrate() { # database, schema subdir
  local db=$1 sub=$2
  if [[ "$(psql_admin -tAc "\"SELECT 1 FROM pg_database WHERE datname='$db'\"")" != 1 ]]; then
    sqltool --db "$db" create-database >>"$LOGS/sql.log" 2>&1
    say "created database $db"
  fi
  if [[ "$(psql_admin -d "$db" -tAc "\"SELECT to_regclass('public.schema_version') IS NOT NULL\"")" != t ]]; then
    sqltool --db "$db" setup-schema -v 0.0 >>"$LOGS/sql.log" 2>&1
  fi
  # Idempotent: applies only the versions newer than the database's.
  sqltool --db "$db" update-schema -d "$(schema_dir)/$sub/versioned" >>"$LOGS/sql.log" 2>&1 \
    || die "schema update of $db failed (see $LOGS/sql.log)"
  say "database $db: schema $(psql_admin -d "$db" -tAc "\"SELECT curr_version FROM schema_version\"")"
}

# ---------------------------------------------------------------------------------------------
render_config() {
  export CLUSTER_DYNAMIC_CONFIG="$ROOT/cluster/dynamicconfig.yaml"
  require_command envsubst gettext-base "writing the cluster's configuration"
  envsubst < "$ROOT/cluster/config.template.yaml" > "$CONF/pacte.yaml"
}

start_service() { # service
  local svc=$1
  if alive "$svc" "$BIN/server"; then
    say "$svc: running (pid $(cat "$RUN/$svc.pid"))"
    return
  fi
  setsid "$BIN/server" --root "$DIR" --config config --env pacte --allow-no-auth start --service "$svc" \
    >>"$LOGS/$svc.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$svc.pid"
  say "$svc: started (pid $!, log $LOGS/$svc.log)"
}

wait_frontend() {
  for _ in $(seq 1 120); do
    if tctl operator cluster health >/dev/null 2>&1; then return 0; fi
    alive frontend "$BIN/server" || die "the frontend exited (see $LOGS/frontend.log)"
    sleep 1
  done
  die "the frontend did not answer on $ADDRESS within 120 s (see $LOGS/frontend.log)"
}

# Every Temporal service process still alive, or a clear message about the first one that died.
services_alive() {
  local svc
  for svc in "${SERVICES[@]}"; do
    if ! alive "$svc" "$BIN/server"; then
      say "error: the $svc process is dead (log $LOGS/$svc.log), last lines:" >&2
      log_tail "$svc" 5 >&2
      die "the $svc service died: the cluster is not up"
    fi
  done
}

# Up means usable: a workflow start accepted (history hosts in the ring, the namespace known to
# them) and a task queue described (matching hosts), every process alive before and after.
wait_ready() {
  local t0 now id tq="pacte-cluster-check-$$" err=""
  t0=$(date +%s)
  while :; do
    services_alive
    id="pacte-cluster-check-$(date +%s%N)"
    if err=$(tctl workflow start --namespace "$NAMESPACE" --type PacteClusterCheck --task-queue "$tq" \
      --workflow-id "$id" --execution-timeout 1m 2>&1); then
      break
    fi
    now=$(date +%s)
    (( now - t0 < READY_TIMEOUT )) || die "no workflow start accepted within ${READY_TIMEOUT} s; last answer: $err"
    sleep 1
  done
  tctl workflow terminate --namespace "$NAMESPACE" --workflow-id "$id" --reason "cluster.sh readiness check" >/dev/null \
    || die "the readiness check's workflow $id could not be terminated"
  until err=$(tctl task-queue describe --namespace "$NAMESPACE" --task-queue "$tq" 2>&1 >/dev/null); do
    services_alive
    now=$(date +%s)
    (( now - t0 < READY_TIMEOUT )) || die "task queue $tq not described within ${READY_TIMEOUT} s; last answer: $err"
    sleep 1
  done
  services_alive
  say "ready: 4 services alive, a workflow start accepted and terminated, a task queue described ($(( $(date +%s) - t0 )) s)"
}

register() {
  if tctl operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
    say "namespace $NAMESPACE: registered"
  else
    tctl operator namespace create --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION" >/dev/null \
      || die "namespace $NAMESPACE could not be created"
    say "namespace $NAMESPACE: created (retention $NAMESPACE_RETENTION)"
  fi
  local existing pair name type added=()
  # The namespace registry reaches every frontend a few seconds after a create: retry until then.
  for i in $(seq 1 30); do
    existing=$(tctl operator search-attribute list --namespace "$NAMESPACE" -o json 2>/dev/null) && break
    (( i < 30 )) || die "the search attributes of $NAMESPACE could not be listed within 30 tries"
    sleep 1
  done
  IFS=',' read -ra pairs <<< "$SEARCH_ATTRIBUTES"
  for pair in "${pairs[@]}"; do
    name=${pair%%=*}; type=${pair#*=}
    if grep -q "\"$name\"" <<< "$existing"; then continue; fi
    tctl operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" >/dev/null \
      || die "search attribute $name could not be created"
    added+=("$name")
  done
  say "search attributes: ${#pairs[@]} registered${added:+ (added ${added[*]})}"
}

start_pacte() {
  if [[ -z "${SMTP_URL:-}" ]]; then
    if ! alive mail "cluster/mail"; then
      setsid node --import tsx "$ROOT/cluster/mail.ts" >>"$LOGS/mail.log" 2>&1 < /dev/null &
      echo $! > "$RUN/mail.pid"
      say "mail inbox: started (pid $!, smtp://127.0.0.1:${MAIL_PORT:-1025}, http://localhost:${MAIL_UI_PORT:-1081}, outbox $DIR/outbox)"
    else
      say "mail inbox: running (pid $(cat "$RUN/mail.pid"))"
    fi
    export SMTP_URL="smtp://127.0.0.1:${MAIL_PORT:-1025}"
  fi
  if alive pacte-worker "worker/main"; then
    say "Pacte worker: running (pid $(cat "$RUN/pacte-worker.pid"))"
    return
  fi
  # Payloads are encrypted (codec/): without keys of its own, the worker gets a key file made
  # once for this cluster, as `npm start` does for the dev server.
  if [[ -z "${PACTE_CODEC_KEYS:-}${PACTE_CODEC_KEYS_FILE:-}${PACTE_CODEC:-}" ]]; then
    if [[ ! -f "$DIR/codec.keys" ]]; then
      (umask 077 && printf '# Pacte cluster payload key (npm run cluster). Not for production.\ncluster-1:%s\n' \
        "$(head -c 32 /dev/urandom | base64 -w0)" > "$DIR/codec.keys")
    fi
    export PACTE_CODEC_KEYS_FILE="$DIR/codec.keys"
  fi
  # The delivery ledger in the cluster's PostgreSQL (database $LEDGER_DB_NAME, created by the
  # worker on first use), unless the environment names another one.
  export PACTE_DELIVERY_LEDGER="${PACTE_DELIVERY_LEDGER:-postgres://$DB_USER:$DB_PASSWORD@$DB_HOST:$DB_PORT/$LEDGER_DB_NAME}"
  # Started directly (no subshell) so that the pid recorded is the worker's own process group.
  TEMPORAL_ADDRESS="$ADDRESS" TEMPORAL_NAMESPACE="$NAMESPACE" setsid "$ROOT/node_modules/.bin/tsx" "$ROOT/worker/main.ts" \
    >>"$LOGS/pacte-worker.log" 2>&1 < /dev/null &
  echo $! > "$RUN/pacte-worker.pid"
  say "Pacte worker: started (pid $(cat "$RUN/pacte-worker.pid"), log $LOGS/pacte-worker.log)"
}

status() {
  local name
  for name in "${SERVICES[@]}" ui mail pacte-worker; do
    if [[ -f "$RUN/$name.pid" && -d "/proc/$(cat "$RUN/$name.pid")" ]]; then echo "  $name: pid $(cat "$RUN/$name.pid")";
    else echo "  $name: stopped"; fi
  done
  if pg_running; then echo "  postgresql $POSTGRES_MAJOR: online"; else echo "  postgresql $POSTGRES_MAJOR: down"; fi
}

down() {
  stop_one pacte-worker "worker/main" TERM
  stop_one mail "cluster/mail" TERM
  stop_one ui "$UI_DIR/bin/server" TERM
  local i
  for (( i=${#SERVICES[@]}-1; i>=0; i-- )); do stop_one "${SERVICES[$i]}" "$BIN/server" TERM; done
  if [[ "${1:-}" == all ]] && pg_running; then
    pg_ctlcluster "$POSTGRES_MAJOR" main stop
    say "stopped PostgreSQL $POSTGRES_MAJOR"
  fi
  say "down; data kept in PostgreSQL ($DB_NAME, $VISIBILITY_DB_NAME)"
}

restart_service() { # service, signal
  local svc=$1 sig=${2:-TERM}
  [[ " ${SERVICES[*]} " == *" $svc "* ]] || die "unknown service $svc (${SERVICES[*]})"
  stop_one "$svc" "$BIN/server" "$sig"
  start_service "$svc"
  wait_frontend
  wait_ready
}

# New, empty databases: what runs is stopped first (it holds connections to them).
drop_databases() {
  down services
  postgres_up
  local db
  for db in "$DB_NAME" "$VISIBILITY_DB_NAME"; do
    psql_admin -c "\"DROP DATABASE IF EXISTS $db WITH (FORCE)\""
  done
  say "dropped databases $DB_NAME and $VISIBILITY_DB_NAME: starting on new ones"
}

up() {
  local with_pacte=$1 with_ui=$2 fresh=$3
  build
  if [[ "$fresh" == yes ]]; then drop_databases; fi
  postgres_up
  migrate "$DB_NAME" temporal
  migrate "$VISIBILITY_DB_NAME" visibility
  render_config
  local svc
  if [[ "$(psql_admin -d "$DB_NAME" -tAc "\"SELECT count(*) FROM cluster_metadata_info\"")" == 0 ]]; then
    # A new database: the frontend alone until it serves; by then it has written the cluster metadata.
    say "new database: the frontend starts first and writes the cluster metadata"
    start_service "${START_ORDER[0]}"
    wait_frontend
    for svc in "${START_ORDER[@]:1}"; do start_service "$svc"; done
  else
    # Metadata written: all four at once (a service started alone would spend ~40 s trying to
    # join the previous run's members, still listed in cluster_membership).
    for svc in "${START_ORDER[@]}"; do start_service "$svc"; done
    wait_frontend
  fi
  say "frontend answers on $ADDRESS"
  register
  wait_ready
  if [[ "$with_ui" == yes ]]; then start_ui; fi
  if [[ "$with_pacte" == yes ]]; then start_pacte; fi
  say "up: TEMPORAL_ADDRESS=$ADDRESS TEMPORAL_NAMESPACE=$NAMESPACE${PACTE_CODEC_KEYS_FILE:+ PACTE_CODEC_KEYS_FILE=$PACTE_CODEC_KEYS_FILE} (stop: npm run cluster -- --down)"
}

flag() { [[ " $ARGS " == *" $1 "* ]] && echo no || echo yes; }
ARGS="$*"
case "${1:-up}" in
  up|--up|--no-pacte|--no-ui|--fresh) up "$(flag --no-pacte)" "$(flag --no-ui)" "$([[ " $ARGS " == *" --fresh "* ]] && echo yes || echo no)" ;;
  --down) down "$([[ "${2:-}" == --all ]] && echo all || echo services)" ;;
  --restart) restart_service "${2:?service}" "$([[ "${3:-}" == --kill ]] && echo KILL || echo TERM)" ;;
  --status) status ;;
  --render) render_config; cat "$CONF/pacte.yaml" ;;
  *) die "usage: cluster.sh [--fresh] [--no-pacte] [--no-ui] | --down [--all] | --restart SERVICE [--kill] | --status" ;;
esac
