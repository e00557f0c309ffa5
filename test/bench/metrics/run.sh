#!/usr/bin/env bash
# Benchmark of the OSPO metrics run against a real catalog backend holding a
# synthetic catalog (see README.md). Starts the catalog backend, waits until
# the catalog has settled (loading it first when its database does not hold
# it yet), runs the bench client, and stops the backend on exit.
#
#   bash test/bench/metrics/run.sh [--components N] [--groups N] [--users N]
#     [--seed N] [--page-size N] [--rounds N] [--port N] [--database NAME]
#     [--no-warmup]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
. "$root/scripts/bootstrap.sh"
cd "$root"

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --components) export OSPO_BENCH_COMPONENTS="$2"; shift 2 ;;
    --groups) export OSPO_BENCH_GROUPS="$2"; shift 2 ;;
    --users) export OSPO_BENCH_USERS="$2"; shift 2 ;;
    --seed) export OSPO_BENCH_SEED="$2"; shift 2 ;;
    --page-size) export OSPO_BENCH_PAGE_SIZE="$2"; shift 2 ;;
    --rounds) export OSPO_BENCH_ROUNDS="$2"; shift 2 ;;
    --port) export OSPO_BENCH_PORT="$2"; shift 2 ;;
    --database) export OSPO_BENCH_DATABASE="$2"; shift 2 ;;
    --no-warmup) export OSPO_BENCH_WARMUP=0; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage 1 >&2 ;;
  esac
done

port="${OSPO_BENCH_PORT:-7099}"
timeout_s="${OSPO_BENCH_LOAD_TIMEOUT:-7200}"
out="$root/test-results/bench-metrics"
mkdir -p "$out"
export OSPO_BENCH_READY_FILE="$out/catalog-ready.json"
rm -f "$OSPO_BENCH_READY_FILE"
log="$out/catalog-backend.log"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "bench: port $port is in use; stop what listens there or pass --port" >&2
  exit 1
fi

bash scripts/ensure-postgres.sh

transform="$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs')")"
echo "bench: starting the catalog backend on port $port (log: ${log#"$root"/})"
# JSON logs (NODE_ENV=production) so the progress lines can be picked out;
# the catalog process holds the whole generated catalog while it loads it.
NODE_ENV=production node --max-old-space-size="${OSPO_BENCH_BACKEND_HEAP_MB:-4096}" \
  --enable-source-maps --require "$transform" test/bench/metrics/catalogBackend.ts \
  >"$log" 2>&1 &
backend_pid=$!
cleanup() {
  if kill -0 "$backend_pid" 2>/dev/null; then
    kill "$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$backend_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$backend_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Wait for the readiness report, showing the load's progress now and then.
start=$(date +%s)
last_progress=""
while [ ! -f "$OSPO_BENCH_READY_FILE" ]; do
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    echo "bench: the catalog backend exited; log tail:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  if [ $(($(date +%s) - start)) -gt "$timeout_s" ]; then
    echo "bench: the catalog did not settle within $timeout_s s; log tail:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  progress="$(sed -n 's/.*"message":"ospo-bench: \([^"]*\)".*/\1/p' "$log" 2>/dev/null | tail -n 1 || true)"
  if [ -n "$progress" ] && [ "$progress" != "$last_progress" ]; then
    echo "bench: $progress"
    last_progress="$progress"
  fi
  sleep 2
done
echo "bench: catalog ready after $(($(date +%s) - start)) s"

node --expose-gc --require "$transform" test/bench/metrics/bench.ts
