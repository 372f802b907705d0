#!/usr/bin/env bash
# CI for `practice::forms`: install openpyxl and run the round trip through it, failing (not skipping) when
# openpyxl cannot be imported. Meant to be called from .ci/run: `bash tests/forms/ci.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! python3 -c "import openpyxl" 2>/dev/null; then
  python3 -m pip install --quiet openpyxl 2>/dev/null || python3 -m pip install --quiet --break-system-packages openpyxl
fi
PRACTICE_REQUIRE_OPENPYXL=1 cargo test --locked --test it forms::
