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
exec yarn backstage-cli repo start "$@"
