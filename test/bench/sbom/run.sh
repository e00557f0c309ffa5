#!/usr/bin/env bash
# Benchmark of SBOM uploads (see README.md): starts the demo backend on a
# fresh PostgreSQL database with a static external access token, then posts a
# synthetic 20,000-component CycloneDX 1.6 SBOM through the real route and
# prints the upload time, the backend's RSS growth, and a read endpoint's
# latency with and without concurrent uploads.
#
#   bash test/bench/sbom/run.sh [--components N] [--vulnerabilities N]
#     [--runs N] [--seconds S] [--port N] [--database NAME] [--keep-database]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
. "$root/scripts/bootstrap.sh"
cd "$root"

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}
keep_database=0
while [ $# -gt 0 ]; do
  case "$1" in
    --components) export OSPO_SBOM_BENCH_COMPONENTS="$2"; shift 2 ;;
    --vulnerabilities) export OSPO_SBOM_BENCH_VULNERABILITIES="$2"; shift 2 ;;
    --runs) export OSPO_SBOM_BENCH_RUNS="$2"; shift 2 ;;
    --seconds) export OSPO_SBOM_BENCH_SECONDS="$2"; shift 2 ;;
    --port) export OSPO_SBOM_BENCH_PORT="$2"; shift 2 ;;
    --database) export OSPO_SBOM_BENCH_DATABASE="$2"; shift 2 ;;
    --keep-database) keep_database=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage 1 >&2 ;;
  esac
done

port="${OSPO_SBOM_BENCH_PORT:=7037}"
export OSPO_SBOM_BENCH_PORT
database="${OSPO_SBOM_BENCH_DATABASE:-ospo_bench_sbom}"
out="$root/test-results/bench-sbom"
mkdir -p "$out"
log="$out/backend.log"
data="$(mktemp -d)"
# A token for this run only: the bench uploads as a CI job would.
OSPO_SBOM_BENCH_TOKEN="$(node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('base64url'))")"
export OSPO_SBOM_BENCH_TOKEN

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "bench: port $port is in use; stop what listens there or pass --port" >&2
  exit 1
fi
bash scripts/ensure-postgres.sh

psql_admin() {
  PGOPTIONS=--client-min-messages=warning psql -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "$1" >/dev/null
}
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
  rm -rf "$data"
  if [ "$keep_database" = 0 ]; then
    psql_admin "drop database if exists \"$database\" with (force)" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_admin "drop database if exists \"$database\" with (force)"
psql_admin "create database \"$database\""

# The demo's config, on PostgreSQL (a schema per plugin), with the bench's
# token and no scheduled metrics run.
cat >"$data/app-config.bench.yaml" <<YAML
app:
  baseUrl: http://localhost:$((port + 1))
backend:
  baseUrl: http://localhost:$port
  listen: { port: $port }
  cors: { origin: http://localhost:$((port + 1)) }
  database:
    client: pg
    pluginDivisionMode: schema
    connection: { host: 127.0.0.1, port: 5432, user: postgres, database: $database }
  auth:
    externalAccess:
      - type: static
        options: { token: '\${OSPO_SBOM_BENCH_TOKEN}', subject: sbom-bench }
        accessRestrictions: [{ plugin: ospo }]
catalog:
  processingInterval: { days: 365 }
ospo:
  metrics:
    schedule:
      frequency: { trigger: manual }
      timeout: { minutes: 30 }
YAML

transform="$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs')")"
echo "bench: starting the demo backend on port $port (log: ${log#"$root"/})"
(cd packages/backend && NODE_ENV=production ESBK_TSCONFIG_PATH="$root/tsconfig.json" exec node \
  --enable-source-maps --require "$transform" src/index.ts \
  --config ../../app-config.yaml --config "$data/app-config.bench.yaml") \
  >"$log" 2>&1 &
backend_pid=$!
export OSPO_SBOM_BENCH_BACKEND_PID="$backend_pid"

status=0
node --max-old-space-size=2048 --require "$transform" test/bench/sbom/bench.ts || status=$?
if [ "$status" = 1 ]; then
  echo "bench: backend log tail:" >&2
  tail -n 30 "$log" >&2
fi
exit "$status"
