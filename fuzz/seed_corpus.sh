#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with valid files to start from: the bundled practices and criteria fixtures, and a
# small synthetic library. Each seed is the file with one byte in front that picks the format (0 TOML, 1 YAML).
set -euo pipefail
cd "$(dirname "$0")/.."
synth=$(mktemp -d)
trap 'rm -rf "$synth"' EXIT
cargo run --quiet --release --example synth -- --out "$synth" --count 60 --seed 7 2>/dev/null
add() { # kind file
    local target="fuzz/corpus/$1_file" ext="${2##*.}" name
    mkdir -p "$target"
    name="$(echo "$2" | tr '/' '_')"
    if [ "$ext" = toml ]; then printf '\x00' > "$target/$name"; else printf '\x01' > "$target/$name"; fi
    cat "$2" >> "$target/$name"
}
for kind in practice evidence assessment; do
    for file in practices/*/"$kind".* "$synth"/practices/*/"$kind".*; do add "$kind" "$file"; done
done
for file in "$synth"/practices/*/assessments/*; do add assessment "$file"; done
for file in criteria.toml tests/fixtures/criteria/*; do add criteria "$file"; done
# render_files: one seed per practice folder, in the format of its practice file: the format byte, then practice,
# evidence and assessment separated by NUL bytes (a part missing in that format is left empty).
mkdir -p fuzz/corpus/render_files
for dir in practices/*/ "$synth"/practices/*/; do
    for ext in toml yaml; do
        [ -f "$dir/practice.$ext" ] || continue
        seed="fuzz/corpus/render_files/$(basename "$dir").$ext"
        if [ "$ext" = toml ]; then printf '\x00' >"$seed"; else printf '\x01' >"$seed"; fi
        cat "$dir/practice.$ext" >>"$seed"
        for kind in evidence assessment; do
            printf '\x00' >>"$seed"
            [ ! -f "$dir/$kind.$ext" ] || cat "$dir/$kind.$ext" >>"$seed"
        done
    done
done
# render_structured needs no seeds: every input is valid, and libFuzzer grows a corpus from the empty one.
ls fuzz/corpus | while read -r t; do echo "$t: $(ls "fuzz/corpus/$t" | wc -l) seeds"; done
