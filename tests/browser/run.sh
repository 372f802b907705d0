#!/usr/bin/env bash
# Real-browser test of the static site: tests/browser/run.sh [SITE_DIR]
# SITE_DIR defaults to site-assets/sample (.ci/run passes target/site, built by `practice site`).
# LARGE_SITE_DIR: a 10,000-practice site for the timings; unset: built from `--example synth` with
# `practice site`; `none`: skipped.
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
elif [ -z "$large" ]; then
  # A synthetic library of 10,000 practices, built into a site by `practice site` itself.
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$here/../.." && cargo run --locked --release --quiet --example synth -- --out "$tmp/lib" --count 10000 --seed 1 >/dev/null &&
    start=$(date +%s%N) &&
    cargo run --locked --release --quiet -- --criteria "$tmp/lib/criteria.toml" --root "$tmp/lib/practices" site --out "$tmp/site" --quiet &&
    echo "practice site: 10,000 practices built in $(( ($(date +%s%N) - start) / 1000000 )) ms (release build)")
  large="$tmp/site"
fi

echo "browser test: $site ($("$CHROMIUM" --version 2>/dev/null | head -1), node $(node --version))"
SITE_DIR="$site" LARGE_SITE_DIR="$large" node --test --test-reporter=spec --test-reporter-destination=stdout site.test.mjs
