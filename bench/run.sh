#!/usr/bin/env bash
# Benchmarks of `practice` on synthetic libraries (see BENCHMARKS.md).
#
#   bench/run.sh [COUNT...]          default: 1000 10000
#
# Environment: RUNS (timed runs per command, default 3; the median is reported), SEED (default 1),
# BENCH_DIR (where libraries are generated, default target/bench — kept between runs, regenerated when the
# generator's inputs change), BENCH_SETTLE (seconds to wait after deleting many files, default 60; see TRASH).
#
# For each library it measures a parse-only baseline (examples/parse_only: read and deserialise every file with the
# same loaders, nothing else), `validate`, `score` (table and JSON) and — when `practice <cmd> --help` succeeds —
# `render` (first run into an empty folder, then nothing changed), `regrade` (first run, nothing to change,
# `--check`, everything changed), `agree` and `list`. Each row: median wall time, CPU time (user + sys) of that run,
# peak RSS over the runs, files written (created or modified during a run; the most of any run), and the exit code.
# A command that writes is measured from the same state every run: a setup step (not timed) restores it. Peak RSS
# needs GNU time (/usr/bin/time, Debian package `time`); without it the script falls back to bash's `time` and
# prints "n/a".
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-target/bench}
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1000 10000)

cargo build --release --quiet --bin practice --example synth --example parse_only
BIN=$PWD/target/release/practice
PARSE=$PWD/target/release/examples/parse_only
SYNTH=$PWD/target/release/examples/synth
GNU_TIME=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then GNU_TIME=/usr/bin/time; fi

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Files the setup steps take away are moved here, not deleted: on this machine's ext4, creating files within a
# minute of deleting thousands is slow (the inode allocator skips recently freed inodes: `recently_deleted` in the
# kernel profile), which tripled the time of a first render. The next run deletes the folder, then lets the file
# system settle (BENCH_SETTLE seconds, default 60) before measuring anything.
TRASH=$BENCH_DIR/trash
settle() {
    sync
    echo "(waiting ${BENCH_SETTLE:-60} s after deleting files; see TRASH in bench/run.sh)" >&2
    sleep "${BENCH_SETTLE:-60}"
}
if [ -e "$TRASH" ]; then
    rm -rf "$TRASH"
    settle
fi
mkdir -p "$TRASH"

echo "## Machine"
echo
echo "- $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "- memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(rustc --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
[ -n "$GNU_TIME" ] || echo "- /usr/bin/time not found: peak memory not measured (apt-get install time)"
echo

has() { "$BIN" "$1" --help >/dev/null 2>&1; }

# measure LABEL DIR -- COMMAND...: run RUNS times in DIR; print one table row.
measure() {
    local label=$1 dir=$2
    shift 3
    local walls=() cpus=() rss=0 written=0 code=0 i
    for ((i = 0; i < RUNS; i++)); do
        # The state the command starts from (not timed): e.g. an empty output folder.
        # Then `sync`, so the file system's deferred work (17,000 deleted sheets) is not timed with the command.
        if [ -n "${SETUP:-}" ]; then
            "$SETUP" "$i"
            sync
        fi
        touch "$TMP/marker"
        sleep 0.01
        if [ -n "$GNU_TIME" ]; then
            set +e
            (cd "$dir" && "$GNU_TIME" -o "$TMP/time" -f "%e %U %S %M" "$@" >"$TMP/out" 2>"$TMP/err")
            code=$?
            set -e
            read -r wall user sys kb <"$TMP/time"
        else
            set +e
            local TIMEFORMAT="%R %U %S"
            { time (cd "$dir" && "$@" >"$TMP/out" 2>"$TMP/err"); } 2>"$TMP/time"
            code=$?
            set -e
            read -r wall user sys <"$TMP/time"
            kb=0
        fi
        walls+=("$wall")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')")
        [ "$kb" -gt "$rss" ] && rss=$kb
        local now
        now=$(find "$dir" -newer "$TMP/marker" -type f | wc -l)
        [ "$now" -gt "$written" ] && written=$now
        if [ "$code" -gt 1 ]; then
            echo "| $label | failed with exit code $code: $(head -c 300 "$TMP/err" | tr '\n' ' ') | | | | |"
            return
        fi
    done
    local median cpu
    median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    for ((i = 0; i < ${#walls[@]}; i++)); do [ "${walls[$i]}" = "$median" ] && cpu=${cpus[$i]}; done
    local mem="n/a"
    [ -n "$GNU_TIME" ] && mem=$(awk -v k="$rss" 'BEGIN {printf "%d", k / 1024}')
    printf '| %s | %.2f | %.2f | %s | %s | %s |\n' "$label" "$median" "$cpu" "$mem" "$written" "$code"
}

# Setup steps for `measure` (SETUP=name): called with the run's number. They move files aside (see TRASH).
empty_out() { [ ! -e "$lib/anbefalinger" ] || mv "$lib/anbefalinger" "$(mktemp -d "$TRASH/out.XXXXXX")"; }
no_grades() {
    local aside
    aside=$(mktemp -d "$TRASH/grades.XXXXXX")
    find "$lib/practices" -name score.toml -print0 |
        ASIDE=$aside perl -0 -ne 'chomp; my $to = $_; $to =~ s{/}{_}g; rename($_, "$ENV{ASIDE}/$to") or die "$_: $!\n";'
}
# A new criteria version in the library's own criteria.toml, and on every other run one criterion reweighted, so
# every stored grade changes: the version is stored in each score.toml, the weight moves every total.
new_criteria_version() {
    [ -f "$lib/criteria.orig.toml" ] || cp "$lib/criteria.toml" "$lib/criteria.orig.toml"
    local weight=2.0
    [ $(($1 % 2)) -eq 0 ] || weight=1.0
    # Only the first `version =` (the top-level key; [labels] has one too) and the first criterion weight.
    sed -e "0,/^version = \"\(.*\)\"/s//version = \"\1-bench-$1\"/" -e "0,/^weight = 1.0/s//weight = $weight/" \
        "$lib/criteria.orig.toml" >"$lib/criteria.toml"
}

for count in "${COUNTS[@]}"; do
    lib=$BENCH_DIR/lib-$count
    stamp="seed=$SEED count=$count synth=$(sha256sum testkit/src/synth.rs criteria.toml | sha256sum | cut -c1-16)"
    if [ ! -f "$lib/.stamp" ] || [ "$(cat "$lib/.stamp")" != "$stamp" ]; then
        if [ -e "$lib" ]; then
            rm -rf "$lib"
            settle
        fi
        "$SYNTH" --out "$lib" --count "$count" --seed "$SEED" 2>"$TMP/synth"
        echo "$stamp" >"$lib/.stamp"
    fi
    # Leftovers of an earlier (interrupted) run of writing commands would change what they have to do.
    [ ! -f "$lib/criteria.orig.toml" ] || mv "$lib/criteria.orig.toml" "$lib/criteria.toml"
    no_grades
    empty_out
    files=$(find "$lib/practices" -type f | wc -l)
    mb=$(du -sm "$lib/practices" | cut -f1)
    echo "## $count practices ($files files, $mb MB; seed $SEED; $RUNS runs, median)"
    echo
    echo "| command | wall (s) | CPU (s) | peak RSS (MB) | files written | exit |"
    echo "|---|---:|---:|---:|---:|---:|"
    measure "parse-only baseline" "$lib" -- "$PARSE" practices criteria.toml
    measure "validate" "$lib" -- "$BIN" validate --quiet
    measure "score" "$lib" -- "$BIN" score
    measure "score --format json" "$lib" -- "$BIN" score --format json
    if has render; then
        SETUP=empty_out measure "render (first run, empty folder)" "$lib" -- "$BIN" render --out anbefalinger
        measure "render (nothing changed)" "$lib" -- "$BIN" render --out anbefalinger
    else
        echo "| render | not available (\`practice render --help\` fails) | | | | |"
    fi
    if has regrade; then
        SETUP=no_grades measure "regrade (first run: every grade new)" "$lib" -- "$BIN" regrade
        measure "regrade (nothing to change)" "$lib" -- "$BIN" regrade
        measure "regrade --check (nothing to change)" "$lib" -- "$BIN" regrade --check
        SETUP=new_criteria_version measure "regrade (everything changed)" "$lib" -- "$BIN" regrade
        mv "$lib/criteria.orig.toml" "$lib/criteria.toml"
    else
        echo "| regrade | not available (\`practice regrade --help\` fails) | | | | |"
    fi
    if has agree; then
        measure "agree" "$lib" -- "$BIN" agree
    else
        echo "| agree | not available (\`practice agree --help\` fails) | | | | |"
    fi
    if has list; then
        measure "list" "$lib" -- "$BIN" list
    else
        echo "| list | not available (\`practice list --help\` fails) | | | | |"
    fi
    echo
done
