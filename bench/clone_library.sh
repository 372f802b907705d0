#!/usr/bin/env bash
# The clone library of issue 16: N practices made by copying the bundled ones (practices/) round-robin.
#
#   bench/clone_library.sh OUT N [SOURCE_PRACTICES_DIR]
#
# Practice i (0-based) is a copy of bundled practice i mod B (B = 13 bundled practices, sorted by slug), copy number
# k = i div B, in OUT/practices/<slug>-<k>. Formats are kept: every `.toml`/`.yaml` file is copied byte for byte,
# except in `practice.*`:
#   * `related[].slug` and `variant_of` are rewritten to the same copy (<target>-<k>); in the last, partial round a
#     target whose copy k was not made points to copy k-1 instead (so N must be at least B);
#   * the practice's `name` (line 1) gets " #<k>", so that clones are not reported as possible duplicates of each
#     other (10,000 warnings listing 20 namesakes each would make `validate` measure its warning output).
#     CLONE_KEEP_NAMES=1 keeps the names as they are.
# Generated files (`score.toml`) are not copied: the library holds only what people write (at 10,000 practices:
# 30,000 files, 112 MB, as in the issue). OUT/criteria.toml is the repository's own criteria.toml.
# Writes into a fresh temporary folder beside OUT and renames it into place; refuses to replace an existing OUT.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUT N [SOURCE_PRACTICES_DIR]" >&2; exit 2; }
cd "$(dirname "$0")/.."
OUT=$1 COUNT=$2 SRC=${3:-practices}
[ ! -e "$OUT" ] || { echo "$OUT exists; remove it first" >&2; exit 2; }
exec python3 - "$OUT" "$COUNT" "$SRC" criteria.toml "${CLONE_KEEP_NAMES:-0}" <<'PY'
import os, re, shutil, sys, tempfile

out, count, src, criteria, keep_names = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == "1"
bases = sorted(d for d in os.listdir(src) if not d.startswith(".") and os.path.isdir(os.path.join(src, d)))
if count < len(bases):
    sys.exit(f"N must be at least {len(bases)} (the bundled practices), so every link has a target")
index = {slug: i for i, slug in enumerate(bases)}

# Link lines: TOML `slug = "x"` / `variant_of = "x"`, YAML `- slug: x` / `slug: "x"` / `variant_of: x`.
LINK = re.compile(r'^(\s*(?:-\s+)?(?:slug|variant_of)\s*[=:]\s*)(["\']?)([a-z0-9-]+)(["\']?)(\s*(?:#.*)?)$')
NAME = re.compile(r'^(name\s*[=:]\s*)"(.*)"(\s*)$')

def target(slug, k):
    if slug not in index:
        sys.exit(f"link to `{slug}`, which is not a bundled practice")
    # Copy k of the target exists when its index in round k is below N; otherwise the previous round's copy.
    return f"{slug}-{k if index[slug] + k * len(bases) < count else k - 1}"

def rewrite_practice(text, k):
    lines = text.split("\n")
    for n, line in enumerate(lines):
        m = LINK.match(line)
        if m:
            lines[n] = f"{m[1]}{m[2]}{target(m[3], k)}{m[4]}{m[5]}"
        elif n == 0 and not keep_names:
            m = NAME.match(line)
            if not m:
                sys.exit(f"expected the practice's name on line 1: {line!r}")
            lines[n] = f'{m[1]}"{m[2]} #{k}"{m[3]}'
    return "\n".join(lines)

# Every file of every bundled practice, read once.
files = {}
for slug in bases:
    entries = []
    for root, _dirs, names in os.walk(os.path.join(src, slug)):
        for name in sorted(names):
            if name == "score.toml" or not name.endswith((".toml", ".yaml", ".yml")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, os.path.join(src, slug))
            with open(path, encoding="utf-8", newline="") as f:
                entries.append((rel, f.read()))
    files[slug] = entries

parent = os.path.dirname(os.path.abspath(out))
os.makedirs(parent, exist_ok=True)
tmp = tempfile.mkdtemp(prefix=".clone-", dir=parent)
shutil.copyfile(criteria, os.path.join(tmp, "criteria.toml"))
nfiles = nbytes = 0
for i in range(count):
    slug, k = bases[i % len(bases)], i // len(bases)
    dest = os.path.join(tmp, "practices", f"{slug}-{k}")
    for rel, text in files[slug]:
        if os.path.dirname(rel) == "" and rel.startswith("practice."):
            text = rewrite_practice(text, k)
        path = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        nfiles += 1
        nbytes += len(data)
os.rename(tmp, out)
print(f"clone library: {count} practices ({len(bases)} bundled, round-robin), {nfiles} files, {nbytes / 1e6:.1f} MB in {out}",
      file=sys.stderr)
PY
