#!/usr/bin/env bash
# Issue 16, item 2: build the parser study and run it on the 10,000-practice clone library (see BENCHMARKS.md).
#   bench/parsers/run.sh [PRACTICES_DIR] [PASSES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=${1:-$root/target/bench/clone-10000/practices}
[ -d "$lib" ] || LIBS_ONLY=1 "$root/bench/compare.sh" 10000 >/dev/null
(cd "$here" && CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release --quiet)
"$here/target/release/parser-study" "$lib" "${2:-5}"
