#!/usr/bin/env bash
# Real-browser test of the static site: tests/browser/run.sh [SITE_DIR]
# SITE_DIR defaults to site-assets/sample; later `practice site --out target/site` gives the real one.
# Installs what it needs when missing: Debian's chromium (puppeteer-core drives it over CDP and
# downloads no browser) and the pinned npm packages (npm ci). Prints the 10,000-practice timings.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="$(cd "${1:-$here/../../site-assets/sample}" && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
cd "$here"
if ! node -e 'require.resolve("puppeteer-core"); require.resolve("axe-core")' 2>/dev/null; then
  npm ci --no-audit --no-fund
fi

large="${LARGE_SITE_DIR:-}"
if [ "$large" = none ]; then
  large=""   # LARGE_SITE_DIR=none: skip the 10,000-practice timings
elif [ -z "$large" ] && command -v python3 >/dev/null; then
  large="$(mktemp -d)/large"
  python3 "$here/gen_large.py" "$large" 10000
  trap 'rm -rf "$(dirname "$large")"' EXIT
fi

echo "browser test: $site ($("$CHROMIUM" --version 2>/dev/null | head -1), node $(node --version))"
SITE_DIR="$site" LARGE_SITE_DIR="$large" node --test --test-reporter=spec --test-reporter-destination=stdout site.test.mjs
