#!/usr/bin/env bash
# Installs Debian's Chromium for the HTML report's browser tests (test/report-browser.e2e.test.ts),
# which drive /usr/bin/chromium through playwright-core. Idempotent: prints nothing and exits 0
# when Chromium is already there. Needs root (or sudo) and apt.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-chromium: $CHROMIUM is missing and this is not root (no sudo): install the 'chromium' package" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here: install Chromium so that $CHROMIUM exists" >&2
  exit 1
fi

echo "install-chromium: installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "install-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed" >&2
