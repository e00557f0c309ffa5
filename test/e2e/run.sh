#!/usr/bin/env bash
# Builds the frontend, starts the backend serving it on a fresh SQLite folder,
# and runs the browser tests in headless Chromium against it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash scripts/ensure-chromium.sh

out="$root/test-results/e2e"
mkdir -p "$out"
export OSPO_E2E_DATA_DIR="$(mktemp -d)"
export OSPO_E2E_BASE_URL="http://localhost:7017"
export OSPO_E2E_ARTIFACTS="$out"
OSPO_E2E_SBOM_TOKEN="$(node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('base64url'))")"
export OSPO_E2E_SBOM_TOKEN

echo "e2e: building the frontend"
start=$(date +%s)
yarn workspace app build >"$out/app-build.log" 2>&1 || {
  tail -n 50 "$out/app-build.log"
  exit 1
}
echo "e2e: frontend built in $(($(date +%s) - start)) s"

# The backend runs as `backstage-cli package start` runs it, minus the file
# watcher: a restart in the middle of a browser test would only be noise.
transform="$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs')")"
(cd packages/backend && NODE_ENV=development ESBK_TSCONFIG_PATH="$root/tsconfig.json" exec node \
  --enable-source-maps --require "$transform" src/index.ts \
  --config ../../app-config.yaml --config ../../test/e2e/app-config.e2e.yaml) \
  >"$out/backend.log" 2>&1 &
backend_pid=$!
cleanup() {
  kill "$backend_pid" 2>/dev/null || true
  rm -rf "$OSPO_E2E_DATA_DIR"
}
trap cleanup EXIT

status=0
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$root/test-results/e2e.tap" \
  "test/e2e/*.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "e2e: backend log tail:"
  tail -n 40 "$out/backend.log"
fi
exit "$status"
