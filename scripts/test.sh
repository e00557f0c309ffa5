#!/usr/bin/env bash
# Runs every test of the repository: lint (ESLint, Backstage's rules) and
# formatting (Prettier); type check; API reports; unit, component and database
# tests (SQLite and a real PostgreSQL); the browser end-to-end test in Chromium;
# installing the packed packages into a fresh @backstage/create-app app.
# Ends with one summary line "ospo: N passed, N failed".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$OSPO_ROOT"
rm -rf test-results && mkdir -p test-results

bash scripts/ensure-postgres.sh
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
# Database tests fail rather than skip PostgreSQL when it is not reachable.
export OSPO_REQUIRE_POSTGRES=1

failed_steps=()
step() {
  local name="$1"
  shift
  echo
  echo "== $name"
  local start=$(date +%s)
  if "$@"; then
    echo "== $name: ok ($(($(date +%s) - start)) s)"
  else
    echo "== $name: FAILED ($(($(date +%s) - start)) s)"
    failed_steps+=("$name")
  fi
}

# Cheap static checks first. Lint fails on errors; warnings are only printed.
step "lint" yarn backstage-cli repo lint
step "formatting" yarn prettier:check
# The router, its types and ospo-common's types are generated from openapi.yaml.
step "generated OpenAPI code" yarn openapi:check
step "type check" yarn tsc --noEmit
# The reports (plugins/*/report*.api.md) pin each package's public API: an export
# or signature that changes without its report being regenerated fails here.
step "API reports" yarn api-reports --ci
# The repository's own scripts (scripts/**/*.test.mjs), on Node's test runner.
step "script tests" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$OSPO_ROOT/test-results/scripts.tap" \
  "scripts/**/*.test.mjs"
# CI=true: outside CI, Backstage's `repo test` watches for changes (and, in a
# fresh clone, runs nothing and waits) instead of running every test once.
step "unit, component and database tests" \
  env CI=true yarn backstage-cli repo test --ci --maxWorkers=2 \
  --json --outputFile="$OSPO_ROOT/test-results/jest.json"
step "browser end-to-end tests" bash test/e2e/run.sh
# Packs the four packages and installs them into a new app, as an adopter does.
step "install into a fresh create-app app" bash test/adopt/run.sh

node scripts/test-summary.mjs "${#failed_steps[@]}"
if [ "${#failed_steps[@]}" -gt 0 ]; then
  echo "failed: ${failed_steps[*]}"
  exit 1
fi
