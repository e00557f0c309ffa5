#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives it; it never
# downloads a browser of its own).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
