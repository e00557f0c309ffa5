#!/usr/bin/env bash
# Runs the demo portal: the backend (http://localhost:7007) with the OSPO plugin
# on SQLite and the example organisation, and the frontend (http://localhost:3000).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$OSPO_ROOT"
mkdir -p .ospo-data/sqlite
cat <<MSG

  OSPO for Backstage is starting. Open http://localhost:3000 and pick a persona:
    Erin Ng (engineer), Lee Tanaka (team lead of Checkout), Olivia Osei (OSPO staff).
  Answers are kept in .ospo-data/sqlite; delete that folder to start afresh.

MSG
# As each example component's CI pipeline would, upload its SBOM once the
# backend is up: in the background and at low priority, so that start does not
# wait for it, and a failure is only printed. OSPO_SKIP_DEMO_SBOMS=1 skips it.
if [ "${OSPO_SKIP_DEMO_SBOMS:-}" != "1" ]; then
  nice -n 10 node scripts/sbom/upload-demo-sboms.mjs --until-pid $$ &
fi
exec yarn backstage-cli repo start "$@"
