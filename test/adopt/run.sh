#!/usr/bin/env bash
# Installs the four packages into a fresh app from @backstage/create-app the way
# an adopter does, before the packages are published: build and pack them, add
# the tarballs by `file:` reference as the READMEs say, type-check and build the
# app, start its backend serving the built frontend, and check in headless
# Chromium, signed in with the template's guest sign-in, that /ospo and the
# entity cards render. Exits non-zero on the first failed check.
#
# Environment:
#   OSPO_ADOPT_TARBALLS  a folder with plugin-ospo{,-backend,-common,-node}.tgz
#                        to install instead of building and packing them
#   OSPO_ADOPT_KEEP=1    keep the generated app (its path is printed)
#   OSPO_ADOPT_RESOLVE=latest  resolve the app's dependencies to the newest
#                        releases instead of those of Backstage 1.55
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OSPO_SKIP_INSTALL="${OSPO_SKIP_INSTALL:-0}" . "$root/scripts/bootstrap.sh"
cd "$root"
bash scripts/ensure-chromium.sh

# create-app 0.9.2 is the release that came with Backstage 1.55.0 (backstage.json):
# its template pins @backstage/cli 0.36.6 and core-plugin-api 1.12.10, as this repo does.
CREATE_APP_VERSION=0.9.2
# The template's dependencies are caret ranges, resolved when the app installs
# (create-app's seed lock file comes from GitHub and is not fetched, see
# no-github-fetch.cjs). To test against the Backstage 1.55 an adopter of that
# release got, rather than whatever is newest today, the app only takes package
# versions published before 2026-11-17, the day the next release's @backstage
# packages came out (frontend-plugin-api 1.0.0, plugin-catalog-react 4.0.0).
# OSPO_ADOPT_RESOLVE=latest resolves as an adopter running create-app today does.
RESOLVE_BEFORE="2026-11-17T00:00:00Z"

out="$root/test-results/adopt"
rm -rf "$out" && mkdir -p "$out"
# One line per check, `ok N - name` or `not ok N - name`, for the summary line of
# scripts/test.sh.
export OSPO_ADOPT_TAP="$root/test-results/adopt.tap"
: >"$OSPO_ADOPT_TAP"
tap() {
  echo "$1 $(($(wc -l <"$OSPO_ADOPT_TAP") + 1)) - $2" >>"$OSPO_ADOPT_TAP"
}
work="$(mktemp -d "${TMPDIR:-/tmp}/ospo-adopt.XXXXXX")"
app="$work/app"
backend_pid=""
cleanup() {
  local status=$?
  if [ -n "$phase_name" ] && [ "$status" -ne 0 ]; then
    tap "not ok" "$phase_name"
    echo "adopt: FAILED in \"$phase_name\" after $(($(date +%s) - phase_start)) s"
  fi
  if [ -n "$backend_pid" ]; then
    # The backend runs in its own process group (setsid): stop the group.
    kill -- "-$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
  if [ "${OSPO_ADOPT_KEEP:-}" = "1" ]; then
    echo "adopt: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

phase_start=0
phase_name=""
phase() {
  phase_end
  phase_name="$1"
  phase_start=$(date +%s)
  echo "adopt: $phase_name"
}
phase_end() {
  if [ -n "$phase_name" ]; then
    tap ok "$phase_name"
    echo "adopt: $phase_name: $(($(date +%s) - phase_start)) s"
    echo "$phase_name: $(($(date +%s) - phase_start)) s" >>"$out/timings.txt"
  fi
  phase_name=""
}
# Runs a command with its output in a log; on failure shows the log's tail.
logged() {
  local log="$out/$1.log"
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "adopt: FAILED: $* (log: $log)"
    return 1
  fi
}

tarballs="$work/tarballs"
mkdir -p "$tarballs"
if [ -n "${OSPO_ADOPT_TARBALLS:-}" ]; then
  cp "$OSPO_ADOPT_TARBALLS"/plugin-ospo*.tgz "$tarballs/"
else
  phase "build and pack the four packages"
  # The packages' type declarations are built from tsc's output (dist-types).
  logged tsc yarn tsc
  for dir in ospo-common ospo-node ospo-backend ospo; do
    name="$(node -p "require('./plugins/$dir/package.json').name")"
    logged "build-$dir" yarn workspace "$name" backstage-cli package build
    # Packing runs the package's prepack (manifest pointing at dist/) and postpack.
    logged "pack-$dir" yarn workspace "$name" pack --out "$tarballs/plugin-$dir.tgz"
  done
fi
phase "check the tarballs"
node test/adopt/check-tarballs.mjs "$tarballs"/plugin-ospo*.tgz

phase "create an app with @backstage/create-app@$CREATE_APP_VERSION"
(cd "$work" && BACKSTAGE_APP_NAME=ospo-adopter \
  NODE_OPTIONS="--require $root/test/adopt/no-github-fetch.cjs" \
  logged create-app npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --path app --skip-install)

phase "add the OSPO packages as the READMEs say"
node test/adopt/add-plugins.mjs "$app" "$tarballs"
if [ -d "$app/.git" ]; then
  (cd "$app" && git diff --stat && git diff >"$out/adopter-edits.diff")
fi

phase "yarn install"
gate_minutes=$(node -p "Math.ceil((Date.now() - Date.parse('$RESOLVE_BEFORE')) / 60000)")
# The template's .yarnrc.yml has a 3-day age gate that @backstage/* packages skip;
# here it applies to every package.
if [ "${OSPO_ADOPT_RESOLVE:-}" != "latest" ]; then
  (cd "$app" &&
    yarn config set npmMinimalAgeGate "$gate_minutes" >/dev/null &&
    yarn config set npmPreapprovedPackages --json '[]' >/dev/null)
fi
node test/adopt/skip-unused-builds.mjs "$app"
# Native modules compile against Node 22's headers (npm_config_nodedir, from
# bootstrap.sh) rather than downloading prebuilt binaries from GitHub.
# A new app has no lock file yet: the install writes it, also under CI=true
# (where Yarn would otherwise refuse to change a lock file).
(cd "$app" && npm_config_build_from_source=true YARN_ENABLE_IMMUTABLE_INSTALLS=false \
  logged yarn-install yarn install)
# Where the app resolved more than one version of a package the plugins share
# with it, an older copy ended up nested under the plugins: reported, so that
# a dependency range that no longer lets the app dedupe shows up here.
# On Backstage 1.55 there must be none of @backstage or React (a second copy of
# such a package is what breaks plugins); resolving the newest releases, some are
# expected where those have moved a major version ahead of the plugins' ranges.
strict=--strict
[ "${OSPO_ADOPT_RESOLVE:-}" = "latest" ] && strict=""
(cd "$app" && node "$root/test/adopt/report-duplicates.mjs" $strict | tee "$out/duplicates.txt"; exit "${PIPESTATUS[0]}")

phase "tsc"
(cd "$app" && logged app-tsc yarn tsc)

phase "build the frontend"
(cd "$app" && logged app-build yarn workspace app build)

phase "start the backend"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
base="http://localhost:$port"
cat >"$app/app-config.adopt.yaml" <<EOF
app:
  baseUrl: $base
backend:
  baseUrl: $base
  listen:
    port: $port
  cors:
    origin: $base
EOF
(cd "$app" && exec setsid yarn workspace backend start \
  --config ../../app-config.yaml --config ../../app-config.adopt.yaml) \
  >"$out/backend.log" 2>&1 &
backend_pid=$!
node test/adopt/wait-for-backend.mjs "$base" || {
  tail -n 40 "$out/backend.log"
  exit 1
}

phase "check /ospo and the entity cards in Chromium"
node test/adopt/browse.mjs "$base" "$out" || {
  echo "adopt: backend log tail:"
  tail -n 40 "$out/backend.log"
  exit 1
}
phase_end
echo "adopt: the packages install and render in a fresh create-app app"
