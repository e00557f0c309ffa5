#!/usr/bin/env bash
# Brings the toolchain this repository needs and installs its dependencies.
#
# Backstage needs Node 22 or 24; a fresh machine may only have an older Node and npm.
# The `node` package on the npm registry carries a Node 22 binary and its C headers, and
# `@yarnpkg/cli-dist` carries Yarn 4, so both are installed into ./.tools with npm alone.
# Source it (`. scripts/bootstrap.sh`) to get the same PATH in the calling script.
set -euo pipefail

OSPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OSPO_TOOLS="$OSPO_ROOT/.tools"
NODE_VERSION="22.23.3"
YARN_VERSION="$(sed -n 's/.*"packageManager": *"yarn@\([^"]*\)".*/\1/p' "$OSPO_ROOT/package.json")"

have_tools() {
  [ -x "$OSPO_TOOLS/node_modules/.bin/node" ] &&
    [ "$("$OSPO_TOOLS/node_modules/.bin/node" --version)" = "v$NODE_VERSION" ] &&
    [ -f "$OSPO_TOOLS/node_modules/@yarnpkg/cli-dist/package.json" ] &&
    grep -q "\"version\": \"$YARN_VERSION\"" "$OSPO_TOOLS/node_modules/@yarnpkg/cli-dist/package.json"
}

if ! have_tools; then
  echo "bootstrap: installing Node $NODE_VERSION and Yarn $YARN_VERSION into .tools/"
  mkdir -p "$OSPO_TOOLS"
  [ -f "$OSPO_TOOLS/package.json" ] || echo '{ "private": true }' >"$OSPO_TOOLS/package.json"
  npm install --prefix "$OSPO_TOOLS" --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "@yarnpkg/cli-dist@$YARN_VERSION"
fi

export PATH="$OSPO_TOOLS/node_modules/.bin:$PATH"
# Native modules (better-sqlite3) must compile against Node 22's headers, not the machine's Node.
npm_config_nodedir="$(find "$OSPO_TOOLS/node_modules/node/node_modules" -maxdepth 1 -name 'node-linux-*' | head -n 1)"
export npm_config_nodedir
# Yarn uses the same registry npm is configured with on this machine.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  YARN_NPM_REGISTRY_SERVER="$(cd /tmp && npm config get registry 2>/dev/null | sed 's:/*$::')"
  export YARN_NPM_REGISTRY_SERVER
fi
export YARN_ENABLE_TELEMETRY=0

# Install (or refresh) the workspace when the lock file or a manifest changed since the last install.
install_fingerprint() {
  local f
  for f in "$OSPO_ROOT/yarn.lock" "$OSPO_ROOT"/package.json "$OSPO_ROOT"/packages/*/package.json \
    "$OSPO_ROOT"/plugins/*/package.json; do
    [ -f "$f" ] && cat "$f"
  done | sha1sum | cut -d' ' -f1
  echo "-$NODE_VERSION"
}
stamp="$OSPO_ROOT/node_modules/.ospo-install-stamp"
want="$(install_fingerprint)"
if [ "${OSPO_SKIP_INSTALL:-}" != "1" ] && [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: yarn install"
  start=$(date +%s)
  (cd "$OSPO_ROOT" && if [ "${CI:-}" = "true" ]; then yarn install --immutable; else yarn install; fi)
  echo "bootstrap: dependencies installed in $(($(date +%s) - start)) s"
  want="$(install_fingerprint)"
  echo "$want" >"$stamp"
fi
