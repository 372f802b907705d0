#!/usr/bin/env python3
"""Split a `perf record --call-graph dwarf` profile of `practice` into where the time goes.

    perf script -i perf.data | python3 bench/profile_split.py

Each sample is given to the first frame, from the leaf up, that names a known part (allocator and libc frames are
skipped, so malloc is charged to whoever called it): the YAML deserialiser (serde_yaml + unsafe-libyaml), the YAML
spans/hazards parser (yaml-rust2), the TOML parser (toml, toml_parser, winnow), reading files and folders (the
loader's read/list functions, std::fs, kernel frames under them), the checks, scoring, output. Prints a Markdown
table of shares of all samples.
"""
import re
import sys

PARTS = [
    ("YAML: serde_yaml + unsafe-libyaml (deserialise)", re.compile(r"serde_yaml|unsafe_libyaml")),
    ("YAML: yaml-rust2 (spans / hazards pass)", re.compile(r"yaml_rust2")),
    ("TOML: toml + toml_parser + winnow", re.compile(r"\btoml(_parser|_datetime)?::|winnow::")),
    ("serde_path_to_error / serde glue", re.compile(r"serde_path_to_error")),
    ("reading files and folders (incl. kernel)", re.compile(
        r"practice::library::(list_folder|read_kind|read_dir)|SourceFile::read|SourceFile::from_bytes|std::fs::|"
        r"core::str::.*from_utf8|__x64_sys_(read|openat|getdents64|newfstatat|statx|close)|ksys_read|vfs_read")),
    ("checks (practice::validate, criteria)", re.compile(r"practice::(validate|criteria)")),
    ("scoring (practice::scoring, report)", re.compile(r"practice::(scoring|report|regrade)")),
    ("output (serde_json, practice::output, diagnostics)", re.compile(r"serde_json|practice::(output|diagnostic)")),
    ("loader bookkeeping (practice::library, model, source)", re.compile(r"practice::(library|model|source)")),
]
SKIP = re.compile(r"malloc|free|realloc|memcpy|memmove|memset|alloc::|core::ptr::drop|__rust_|_int_|cfree")


def classify(frames):
    for sym in frames:
        if SKIP.search(sym):
            continue
        for name, pattern in PARTS:
            if pattern.search(sym):
                return name
    return "other (process start/exit, rayon, allocator alone, kernel)"


counts = {}
total = 0
frames = []
for line in list(sys.stdin) + [""]:
    if not line.strip():
        if frames:
            part = classify(frames)
            counts[part] = counts.get(part, 0) + 1
            total += 1
        frames = []
        continue
    if line.startswith((" ", "\t")):
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            frames.append(parts[1])
print(f"| part ({total} samples) | share |")
print("|---|---:|")
for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
    print(f"| {name} | {100 * n / total:.1f} % |")
