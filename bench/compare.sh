#!/usr/bin/env bash
# Issue 16: `practice` against the raw read (`cat`) and a Python parse-only peer on the clone library.
#
#   bench/compare.sh [COUNT...]        default: 10000 20000 100000
#
# For each COUNT it builds (once; again when its inputs change) the clone library of bench/clone_library.sh in
# $BENCH_DIR/clone-COUNT, then runs, alternating within each of RUNS rounds (so a slow moment of the shared machine
# hits every command alike):
#   cat       find practices -type f -print0 | xargs -0 cat >/dev/null   (the raw read, page cache warm)
#   peer      python3 bench/peer.py practices                              (tomllib + PyYAML CSafeLoader, parse only)
#   validate  practice validate --quiet
#   score     practice score --format json >/dev/null
#   both      validate, then score --format json, in one shell
# and prints the median wall time, the CPU time (user + sys) of that run, the peak RSS over the runs and the exit
# code, then the ratios: peer / tool (the goal is >= 10x) and tool / cat (the goal is <= 4x), on wall and CPU time.
# One untimed round first fills the page cache, so every figure is with the files in memory.
#
# Cold and warm: `practice` has no cache yet, so every figure is cold. WARM HOOK (below): once `practice validate
# --help` lists `--no-cache`, the cold rows pass `--no-cache` and a second table measures the warm runs (cache
# filled by one untimed run). Until then the warm table says "not measured".
#
# Then (unless SKIP holds "memory") one run of each reading command (validate, score, list, regrade --dry-run, agree)
# for the peak-memory table of issue 16 item 3 (at most 100 MB at 20,000 practices; flat as the library grows).
#
# Environment: RUNS (default 3), BENCH_DIR (default target/bench), SKIP (space-separated labels not to run, e.g.
# SKIP="peer" at 100k when time is short), NO_BUILD=1 (use target/release/practice as it is), LIBS_ONLY=1 (only
# build the libraries).
# Peak RSS needs GNU time: /usr/bin/time (Debian/Ubuntu: apt-get install -y time). Without it: "n/a".
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-target/bench}
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000 20000 100000)
SKIP=" ${SKIP:-} "

[ -n "${NO_BUILD:-}${LIBS_ONLY:-}" ] || cargo build --release --quiet --bin practice
BIN=$PWD/target/release/practice
PEER=$PWD/bench/peer.py
GNU_TIME=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    GNU_TIME=/usr/bin/time
else
    echo "note: /usr/bin/time (GNU time) not found: peak RSS is not measured. Install it: apt-get install -y time" >&2
fi
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- WARM HOOK -------------------------------------------------------------------------------------------------
# When the tool grows a cache it must also grow `--no-cache`; then COLD gets the flag and the warm table runs.
COLD=()
HAS_CACHE=""
if "$BIN" validate --help 2>/dev/null | grep -q -- '--no-cache'; then
    COLD=(--no-cache)
    HAS_CACHE=1
fi
# ---------------------------------------------------------------------------------------------------------------

echo "## Machine"
echo
echo "- $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "- memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(rustc --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ' (src modified)')"
echo "- $(python3 "$PEER" /dev/null | sed 's/^peer: .*; //')"
[ -n "$GNU_TIME" ] || echo "- /usr/bin/time not found: peak memory not measured (apt-get install -y time)"
echo

# run LABEL DIR COMMAND...: one timed run; appends "wall cpu kb code" to $TMP/LABEL.
run() {
    local label=$1 dir=$2
    shift 2
    local code wall user sys kb=0
    set +e
    if [ -n "$GNU_TIME" ]; then
        (cd "$dir" && "$GNU_TIME" -o "$TMP/time" -f "%e %U %S %M" "$@" >"$TMP/out" 2>"$TMP/err")
        code=$?
        read -r wall user sys kb <"$TMP/time"
    else
        local TIMEFORMAT="%R %U %S"
        { time (cd "$dir" && "$@" >"$TMP/out" 2>"$TMP/err"); } 2>"$TMP/time"
        code=$?
        read -r wall user sys <"$TMP/time"
    fi
    set -e
    if [ "$code" -gt 1 ]; then
        echo "$label failed with exit code $code: $(head -c 300 "$TMP/err")" >&2
    fi
    echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $kb $code" >>"$TMP/$label"
}

# row LABEL: "median-wall cpu-of-that-run peak-kb worst-code" from $TMP/LABEL.
summary() {
    sort -n -k1,1 "$TMP/$1" | awk 'BEGIN {kb = 0; code = 0} {w[NR]=$1; c[NR]=$2; if ($3 > kb) kb=$3; if ($4 > code) code=$4}
        END {m=int((NR+1)/2); print w[m], c[m], kb, code}'
}

measure_table() {
    local lib=$1 title=$2
    shift 2
    local flags=("$@") labels=() label i
    for label in cat peer validate score both; do
        [[ $SKIP == *" $label "* ]] || labels+=("$label")
    done
    rm -f "$TMP"/cat "$TMP"/peer "$TMP"/validate "$TMP"/score "$TMP"/both
    # Round 0 is untimed: it fills the page cache (and, for a warm table, the tool's cache). The peer is left out.
    for ((i = -1; i < RUNS; i++)); do
        for label in "${labels[@]}"; do
            [ "$i" -ge 0 ] || [ "$label" != peer ] || continue
            case $label in
                cat) run cat "$lib" sh -c 'find practices -type f -print0 | xargs -0 cat >/dev/null' ;;
                peer) run peer "$lib" python3 "$PEER" practices ;;
                validate) run validate "$lib" "$BIN" validate --quiet "${flags[@]}" ;;
                score) run score "$lib" sh -c '"$0" score --format json "$@" >/dev/null' "$BIN" "${flags[@]}" ;;
                both) run both "$lib" sh -c '"$0" validate --quiet "$@"; "$0" score --format json "$@" >/dev/null' "$BIN" "${flags[@]}" ;;
            esac
        done
        [ "$i" -ge 0 ] || rm -f "$TMP"/cat "$TMP"/validate "$TMP"/score "$TMP"/both
    done
    echo "### $title"
    echo
    echo "| command | wall (s) | CPU (s) | peak RSS (MB) | exit |"
    echo "|---|---:|---:|---:|---:|"
    local name
    for label in "${labels[@]}"; do
        case $label in
            cat) name='`cat` of every file (raw read)' ;;
            peer) name='Python peer (tomllib + PyYAML C, parse only)' ;;
            validate) name='`practice validate`' ;;
            score) name='`practice score --format json`' ;;
            both) name='`validate` then `score --format json`' ;;
        esac
        read -r wall cpu kb code < <(summary "$label")
        local mem=n/a
        [ -z "$GNU_TIME" ] || mem=$(awk -v k="$kb" 'BEGIN {printf "%d", k / 1024}')
        printf '| %s | %.2f | %.2f | %s | %s |\n' "$name" "$wall" "$cpu" "$mem" "$code"
        echo "$wall $cpu" >"$TMP/$label.med"
    done
    echo
    echo "| ratio | wall | CPU |"
    echo "|---|---:|---:|"
    ratio() { # NAME NUM DEN
        [ -f "$TMP/$2.med" ] && [ -f "$TMP/$3.med" ] || return 0
        read -r nw nc <"$TMP/$2.med"
        read -r dw dc <"$TMP/$3.med"
        awk -v n="$1" -v nw="$nw" -v nc="$nc" -v dw="$dw" -v dc="$dc" \
            'BEGIN {printf "| %s | %.2f× | %.2f× |\n", n, (dw > 0 ? nw / dw : 0), (dc > 0 ? nc / dc : 0)}'
    }
    for label in validate score both; do
        ratio "peer / $label (goal ≥ 10×)" peer "$label"
    done
    for label in validate score both; do
        ratio "$label / cat (goal ≤ 4×)" "$label" cat
    done
    echo
}

# memory_table LIB: one run of each reading command, peak RSS first.
memory_table() {
    local lib=$1 label args
    echo "### Peak memory (one run each, cold)"
    echo
    echo "| command | peak RSS (MB) | wall (s) | CPU (s) | exit | load average |"
    echo "|---|---:|---:|---:|---:|---:|"
    for args in "validate --quiet" "score --format json" "list --format json" "regrade --dry-run" "agree"; do
        label=mem
        rm -f "$TMP/$label"
        # shellcheck disable=SC2086
        run "$label" "$lib" sh -c '"$0" "$@" >/dev/null' "$BIN" $args "${COLD[@]}"
        read -r wall cpu kb code <"$TMP/$label"
        local mem=n/a
        [ -z "$GNU_TIME" ] || mem=$(awk -v k="$kb" 'BEGIN {printf "%d", k / 1024}')
        printf '| `practice %s` | %s | %.2f | %.2f | %s | %s |\n' "$args" "$mem" "$wall" "$cpu" "$code" "$(cut -d' ' -f1 /proc/loadavg)"
    done
    echo
}

for count in "${COUNTS[@]}"; do
    lib=$BENCH_DIR/clone-$count
    stamp="count=$count inputs=$(cat bench/clone_library.sh criteria.toml $(find practices -type f ! -name score.toml | sort) | sha256sum | cut -c1-16)"
    if [ ! -f "$lib/.stamp" ] || [ "$(cat "$lib/.stamp")" != "$stamp" ]; then
        rm -rf "$lib"
        bench/clone_library.sh "$lib" "$count"
        echo "$stamp" >"$lib/.stamp"
    fi
    [ -z "${LIBS_ONLY:-}" ] || continue
    files=$(find "$lib/practices" -type f | wc -l)
    toml=$(find "$lib/practices" -type f -name '*.toml' | wc -l)
    mb=$(find "$lib/practices" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}')
    echo "## Clone library, $count practices ($files files: $toml TOML, $((files - toml)) YAML; $mb MB; $RUNS runs, alternating, median)"
    echo
    measure_table "$lib" "Cold$([ -n "$HAS_CACHE" ] && echo ' (--no-cache)' || echo ' (no cache exists yet)')" "${COLD[@]}"
    if [ -n "$HAS_CACHE" ]; then
        SKIP="$SKIP cat peer " measure_table "$lib" "Warm (cache filled by one untimed run)"
    else
        echo "### Warm"
        echo
        echo "Not measured: \`practice\` has no cache yet (see the WARM HOOK in bench/compare.sh)."
        echo
    fi
    [[ $SKIP == *" memory "* ]] || memory_table "$lib"
done
