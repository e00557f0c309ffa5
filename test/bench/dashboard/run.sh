#!/usr/bin/env bash
# Benchmark of the OSPO dashboard (see README.md): seeds a year of OSPO data
# for a generated organisation, starts the demo backend serving the built app
# on it, and measures the dashboard endpoints' latency under concurrent
# clients and the time to the heat map in headless Chromium.
#
#   bash test/bench/dashboard/run.sh [--teams N] [--users N] [--components N]
#     [--days N] [--consultations N] [--seed N] [--clients N] [--load-rounds N]
#     [--duration S] [--warmup S] [--rounds N] [--port N] [--database NAME] [--sqlite]
#     [--skip-build] [--no-load] [--no-browser] [--no-entity] [--only entity]
#     [--entity-clients N,N] [--entity-components N] [--keep-database] [--profile]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
. "$root/scripts/bootstrap.sh"
cd "$root"

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}
build=1
keep_database=0
profile=()
while [ $# -gt 0 ]; do
  case "$1" in
    --teams) export OSPO_DASHBOARD_BENCH_TEAMS="$2"; shift 2 ;;
    --users) export OSPO_DASHBOARD_BENCH_USERS="$2"; shift 2 ;;
    --components) export OSPO_DASHBOARD_BENCH_COMPONENTS="$2"; shift 2 ;;
    --days) export OSPO_DASHBOARD_BENCH_DAYS="$2"; shift 2 ;;
    --consultations) export OSPO_DASHBOARD_BENCH_CONSULTATIONS="$2"; shift 2 ;;
    --seed) export OSPO_DASHBOARD_BENCH_SEED="$2"; shift 2 ;;
    --clients) export OSPO_DASHBOARD_BENCH_CLIENTS="$2"; shift 2 ;;
    --load-rounds) export OSPO_DASHBOARD_BENCH_LOAD_ROUNDS="$2"; shift 2 ;;
    --duration) export OSPO_DASHBOARD_BENCH_DURATION="$2"; shift 2 ;;
    --warmup) export OSPO_DASHBOARD_BENCH_WARMUP="$2"; shift 2 ;;
    --rounds) export OSPO_DASHBOARD_BENCH_BROWSER_ROUNDS="$2"; shift 2 ;;
    --port) export OSPO_DASHBOARD_BENCH_PORT="$2"; shift 2 ;;
    --database) export OSPO_DASHBOARD_BENCH_DATABASE="$2"; shift 2 ;;
    --sqlite) export OSPO_DASHBOARD_BENCH_CLIENT=better-sqlite3; shift ;;
    --skip-build) build=0; shift ;;
    --no-load) export OSPO_DASHBOARD_BENCH_LOAD=0; shift ;;
    --no-browser) export OSPO_DASHBOARD_BENCH_BROWSER=0; shift ;;
    --no-entity) export OSPO_DASHBOARD_BENCH_ENTITY=0; shift ;;
    --only) export OSPO_DASHBOARD_BENCH_ONLY="$2"; shift 2 ;;
    --entity-clients) export OSPO_DASHBOARD_BENCH_ENTITY_CLIENTS="$2"; shift 2 ;;
    --entity-components) export OSPO_DASHBOARD_BENCH_ENTITY_COMPONENTS="$2"; shift 2 ;;
    --keep-database) keep_database=1; shift ;;
    --profile) profile=(yes); shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage 1 >&2 ;;
  esac
done

if [ -n "${OSPO_DASHBOARD_BENCH_ONLY:-}" ]; then
  # The entity-page scenario alone needs neither the app nor a browser.
  build=0
  export OSPO_DASHBOARD_BENCH_BROWSER=0
fi

port="${OSPO_DASHBOARD_BENCH_PORT:=7027}"
export OSPO_DASHBOARD_BENCH_PORT
database="${OSPO_DASHBOARD_BENCH_DATABASE:-ospo_bench_dashboard}"
client="${OSPO_DASHBOARD_BENCH_CLIENT:-pg}"
out="$root/test-results/bench-dashboard"
mkdir -p "$out"
export OSPO_DASHBOARD_BENCH_OUT_DIR="$out"
OSPO_DASHBOARD_BENCH_DATA_DIR="$(mktemp -d)"
export OSPO_DASHBOARD_BENCH_DATA_DIR
log="$out/backend.log"

if [ "${#profile[@]}" -gt 0 ]; then
  # The bench samples the backend's CPU over the inspector during the load.
  export OSPO_DASHBOARD_BENCH_INSPECT_PORT=$((port + 2000))
  profile=(--inspect="127.0.0.1:$OSPO_DASHBOARD_BENCH_INSPECT_PORT")
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "bench: port $port is in use; stop what listens there or pass --port" >&2
  exit 1
fi

bash scripts/ensure-postgres.sh
if [ "${OSPO_DASHBOARD_BENCH_BROWSER:-1}" != 0 ]; then
  bash scripts/ensure-chromium.sh
fi

backend_pid=""
cleanup() {
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill "$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$backend_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$backend_pid" 2>/dev/null || true
  fi
  rm -rf "$OSPO_DASHBOARD_BENCH_DATA_DIR"
  if [ "$client" = pg ] && [ "$keep_database" = 0 ]; then
    psql -q -h "${OSPO_DASHBOARD_BENCH_DB_HOST:-127.0.0.1}" \
      -p "${OSPO_DASHBOARD_BENCH_DB_PORT:-5432}" \
      -U "${OSPO_DASHBOARD_BENCH_DB_USER:-postgres}" -d postgres \
      -c "drop database if exists \"$database\" with (force)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$build" = 1 ]; then
  echo "bench: building the frontend (log: ${out#"$root"/}/app-build.log)"
  start=$(date +%s)
  yarn workspace app build >"$out/app-build.log" 2>&1 || {
    tail -n 50 "$out/app-build.log"
    exit 1
  }
  echo "bench: frontend built in $(($(date +%s) - start)) s"
elif [ -z "${OSPO_DASHBOARD_BENCH_ONLY:-}" ] && [ ! -f packages/app/dist/index.html ]; then
  echo "bench: --skip-build, but packages/app/dist holds no build" >&2
  exit 1
fi

transform="$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs')")"
node --max-old-space-size=2048 --require "$transform" test/bench/dashboard/prepare.ts

# The demo backend as test/e2e/run.sh starts it, without a file watcher, on
# the overlay config prepare.ts wrote (database, catalog files, no scheduled
# metrics run). Production mode: JSON logs, as a deployment runs.
echo "bench: starting the demo backend on port $port (log: ${log#"$root"/})"
(cd packages/backend && NODE_ENV=production ESBK_TSCONFIG_PATH="$root/tsconfig.json" exec node \
  --enable-source-maps "${profile[@]}" --require "$transform" src/index.ts \
  --config ../../app-config.yaml \
  --config "$OSPO_DASHBOARD_BENCH_DATA_DIR/app-config.bench.yaml") \
  >"$log" 2>&1 &
backend_pid=$!
export OSPO_DASHBOARD_BENCH_BACKEND_PID="$backend_pid"

status=0
node --require "$transform" test/bench/dashboard/bench.ts || status=$?
if [ "$status" = 1 ]; then
  echo "bench: backend log tail:" >&2
  tail -n 30 "$log" >&2
fi
exit "$status"
