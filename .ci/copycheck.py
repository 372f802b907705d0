#!/usr/bin/env python3
"""Copied-text check: fail when a project text file shares 12 or more consecutive
words with one of the source reports in ../shared/seeds/.

Facts from the reports may be used; their sentences may not. The reports are OCR
text, so both sides are normalised the same way before comparison:

* lower-case; æ -> "ae" (OCR also gives "ae" or "="); ø, o and g fold to one letter
  (OCR reads ø as g or o); å and a fold to one letter, and &, 8 and 3 next to a
  letter count as å (OCR "p&", "p8", "p3"), and so do a bare &, 3 or 8 (OCR for
  the word «å»); the word "pd" counts as "på";
* a word broken by a hyphen at the end of a line is joined again;
* punctuation separates words and is dropped;
* URLs (http://, www., name.tld/...) and citations are left out: parenthesised
  references such as "(imdi-2018 l. 2199-2200)" and TOML/YAML fields that hold a
  source title or address (source, title, url, ...).

Every 12-word shingle of the seeds is put in a set; every text file in the project
(except target/, .git/, fuzz corpora and binary files) is scanned against it. A run
of overlapping matching shingles is reported once:

    path:line: shares N words with seeds/FILE l. L: «...»

Exit status: 0 when clean (or when the seeds folder is absent: users' clones do
not have it, and the check then skips with a message), 1 on any hit, 2 on usage
error. `--self-test` plants copies in a temporary tree and checks the checker.

Standard library only; runs in well under a second on this repository.
"""

import argparse
import os
import re
import sys
import tempfile

SHINGLE = 12

SKIP_DIRS = {".git", "target", "node_modules", "corpus", "artifacts", "coverage", "__pycache__",
             "fuzz-regressions"}  # fuzz corpora and saved fuzz inputs
# Text files worth scanning; other extensions are scanned too if they decode as UTF-8
# text, except these, which never hold prose.
SKIP_EXT = {".lock", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".ico", ".bin"}
MAX_BYTES = 4 * 1024 * 1024

URL_RE = re.compile(
    r"(?:https?://|ftp://|mailto:|www\.)\S*"
    r"|\b[\w.-]+\.(?:no|com|org|net|dk|se|eu|io|rs|html?|pdf)(?:/\S*)?",
    re.IGNORECASE,
)
# A parenthesised citation: "(l. 12)", "(imdi-2018 l. 2199–2200)", "(Fafo 2017, s. 79)".
CITE_RE = re.compile(
    r"\([^()\n]{0,80}?(?:\bl\.\s*\d|\bs\.\s*\d|\bside\s+\d|\bp\.\s*\d|\b(?:19|20)\d\d\b)[^()\n]{0,80}?\)",
    re.IGNORECASE,
)
# TOML / YAML fields whose value is a citation (title of a source, address).
CITE_FIELD_RE = re.compile(
    r"""^\s*-?\s*["']?(?:source|sources|title|url|href|link|cite|citation|kilde)["']?\s*[:=]""",
    re.IGNORECASE,
)
# Leading "key = " (TOML) or "key: " / "- key: " (YAML) on a line.
KEY_RE = re.compile(r"""^\s*(?:-\s+)?["']?[\w.-]+["']?\s*(?:=|:(?=\s|$))\s*""")

FOLD = str.maketrans({
    "ø": "o", "g": "o", "ö": "o", "ó": "o", "ò": "o", "ô": "o",
    "å": "a", "à": "a", "á": "a", "â": "a",
    "é": "e", "è": "e", "ê": "e", "ë": "e",
})
ARING_RE = re.compile(r"(?<=[a-zæøåé])[&83]|[&83](?=[a-zæøåé])")
SPLIT_RE = re.compile(r"[^a-z0-9]+")
HYPHEN_END_RE = re.compile(r"[A-Za-zÆØÅæøåÉé]-\s*$")


def fold_text(text):
    """Lower-case and fold the OCR confusions; returns text still containing separators."""
    t = text.lower()
    t = t.replace("æ", "ae").replace("ä", "ae").replace("=", "ae")
    t = ARING_RE.sub("a", t)
    return t.translate(FOLD)


def tokens_of_line(line):
    """Yield (folded word, original word) pairs for one line of text."""
    line = URL_RE.sub(" ", line)
    line = CITE_RE.sub(" ", line)
    # folding never adds or removes whitespace, so the two splits line up
    for orig, folded in zip(line.split(), fold_text(line).split()):
        if orig in ("&", "3", "8"):  # OCR for the word «å» (so a bare 3 or 8 counts as «å» too)
            yield "a", orig
            continue
        for w in SPLIT_RE.split(folded):
            if not w:
                continue
            if w == "pd":
                w = "pa"
            yield w, orig


def tokenise(text, structured=False):
    """Return a list of (folded word, line number, original word)."""
    out = []
    lines = text.splitlines()
    carry = None  # (folded prefix, line, original) of a word hyphen-broken at line end
    for no, line in enumerate(lines, 1):
        if structured:
            if CITE_FIELD_RE.match(line):
                carry = None
                continue
            line = KEY_RE.sub("", line, count=1)
        toks = list(tokens_of_line(line))
        if carry is not None and toks:
            w, orig = toks[0]
            toks[0] = (carry[0] + w, carry[2] + orig)
            first_line = carry[1]
        else:
            first_line = no
        carry = None
        broken = HYPHEN_END_RE.search(line) is not None and toks
        if broken:
            w, orig = toks.pop()
            carry = (w, first_line if not toks else no, orig.rstrip("-"))
        for i, (w, orig) in enumerate(toks):
            out.append((w, first_line if i == 0 else no, orig))
    if carry is not None:
        out.append((carry[0], carry[1], carry[2]))
    return out


def is_structured(path):
    return path.endswith((".toml", ".yaml", ".yml"))


def read_text(path):
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES or b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def build_index(seeds_dir):
    index = {}
    for name in sorted(os.listdir(seeds_dir)):
        path = os.path.join(seeds_dir, name)
        if not os.path.isfile(path):
            continue
        text = read_text(path)
        if text is None:
            continue
        toks = tokenise(text)
        words = [t[0] for t in toks]
        for i in range(len(words) - SHINGLE + 1):
            key = " ".join(words[i:i + SHINGLE])
            index.setdefault(key, (name, toks[i][1]))
    return index


def project_files(root, skip_paths):
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        keep = []
        for d in dirnames:
            rel = os.path.normpath(os.path.join(rel_dir, d))
            if d in SKIP_DIRS or rel in skip_paths or os.path.islink(os.path.join(dirpath, d)):
                continue
            # fuzz corpora and crash artifacts (fuzz/corpus, fuzz/artifacts, ...)
            if rel_dir.split(os.sep)[0] == "fuzz" and d not in ("fuzz_targets",):
                continue
            keep.append(d)
        dirnames[:] = sorted(keep)
        for fn in sorted(filenames):
            if os.path.splitext(fn)[1].lower() in SKIP_EXT:
                continue
            full = os.path.join(dirpath, fn)
            if os.path.islink(full):
                continue
            yield full, os.path.normpath(os.path.relpath(full, root))


def scan_file(text, structured, index):
    """Return hits as (line, n_words, seed_file, seed_line, quote)."""
    toks = tokenise(text, structured)
    words = [t[0] for t in toks]
    hits = []
    i, n = 0, len(words)
    while i <= n - SHINGLE:
        src = index.get(" ".join(words[i:i + SHINGLE]))
        if src is None:
            i += 1
            continue
        j = i
        while j + 1 <= n - SHINGLE and " ".join(words[j + 1:j + 1 + SHINGLE]) in index:
            j += 1
        end = j + SHINGLE  # exclusive
        quote = " ".join(dedupe_split(toks[i:end]))
        if len(quote) > 240:
            quote = quote[:150] + " … " + quote[-80:]
        hits.append((toks[i][1], end - i, src[0], src[1], quote))
        i = end
    return hits


def dedupe_split(toks):
    """Original words for a token run, once per original word (a word split at
    punctuation gives several tokens with the same original)."""
    out = []
    prev = None
    for w, line, orig in toks:
        key = (line, orig)
        if key != prev:
            out.append(orig)
        prev = key
    return out


def run(root, seeds_dir, out=sys.stdout):
    index = build_index(seeds_dir)
    seeds_real = os.path.realpath(seeds_dir)
    skip = set()
    rel = os.path.relpath(seeds_real, os.path.realpath(root))
    if not rel.startswith(".."):
        skip.add(os.path.normpath(rel))
    total = 0
    files = 0
    for full, rel in project_files(root, skip):
        if os.path.realpath(full).startswith(seeds_real + os.sep):
            continue
        text = read_text(full)
        if text is None:
            continue
        files += 1
        for line, n, seed, seed_line, quote in scan_file(text, is_structured(full), index):
            total += 1
            print(f"{rel}:{line}: shares {n} words with seeds/{seed} l. {seed_line}: «{quote}»", file=out)
    return total, files, len(index)


SELF_TEST_SEED = """\
Fgrst ma man beskrive hvordan kommunen fglger opp deltakerne pd arbeids-
plassen, og naermere om hvordan veileder og arbeidsgiver holder kontakt
underveis i hele perioden. Det er viktig 3 f3 med alle parter.
Les mer om ordningen her: https://www.eksempel.no/en/to/tre/fire/fem/seks/sju/atte/ni/ti/elleve
"""


def self_test():
    ok = True

    def check(cond, what):
        nonlocal ok
        print(("ok   " if cond else "FAIL ") + what)
        ok = ok and cond

    with tempfile.TemporaryDirectory() as tmp:
        seeds = os.path.join(tmp, "seeds")
        proj = os.path.join(tmp, "proj")
        os.makedirs(seeds)
        os.makedirs(os.path.join(proj, "target"))
        os.makedirs(os.path.join(proj, "fuzz", "corpus"))
        with open(os.path.join(seeds, "rapport.txt"), "w", encoding="utf-8") as f:
            f.write(SELF_TEST_SEED)
        files = {
            # correct spelling of the OCR'd seed: ø read as g, å as «pd», æ as «ae», a hyphen break
            "copy.toml": 'finding = "Først må man beskrive hvordan kommunen følger opp deltakerne '
                         'på arbeidsplassen, og nærmere om hvordan veileder"\n',
            # twelve words spanning two lines of a Markdown file, with «å få» (OCR «3 f3»)
            "copy.md": "Tekst: underveis i hele perioden. Det er viktig\nå få med alle parter, sier de.\n",
            # the same facts in new words: no hit
            "own.md": "Veilederen og arbeidsgiveren snakker sammen jevnlig mens deltakeren er i praksis.\n",
            # a shared URL (which alone is more than 12 words once split) plus three shared words
            "url.md": "Les mer om: https://www.eksempel.no/en/to/tre/fire/fem/seks/sju/atte/ni/ti/elleve\n",
            # a citation field holding the seed text is left out
            "cite.yaml": "source: Først må man beskrive hvordan kommunen følger opp deltakerne på arbeidsplassen\n",
            # build output and fuzz corpora are skipped
            "target/copy.md": "Først må man beskrive hvordan kommunen følger opp deltakerne på arbeidsplassen, og\n",
            "fuzz/corpus/x": "Først må man beskrive hvordan kommunen følger opp deltakerne på arbeidsplassen, og\n",
        }
        for rel, text in files.items():
            with open(os.path.join(proj, rel), "w", encoding="utf-8") as f:
                f.write(text)
        with open(os.path.join(proj, "binary.md"), "wb") as f:
            f.write(b"\0\1\2" + files["copy.md"].encode())

        import io
        buf = io.StringIO()
        total, _, _ = run(proj, seeds, out=buf)
        lines = buf.getvalue().splitlines()
        print("\n".join("     | " + l for l in lines))
        by_file = {}
        for l in lines:
            by_file.setdefault(l.split(":", 1)[0], []).append(l)
        check(len(by_file.get("copy.toml", [])) == 1, "catches a planted copy with ø/å/æ folded and a hyphen-broken word")
        check(any("shares 16 words with seeds/rapport.txt l. 1:" in l for l in by_file.get("copy.toml", [])),
              "reports the run length (16 words) and the seed line")
        check(len(by_file.get("copy.md", [])) == 1 and "copy.md:1:" in by_file["copy.md"][0],
              "catches a copy across lines, with OCR «3 f3» for «å få»")
        check("own.md" not in by_file, "ignores the same facts in new words")
        check("url.md" not in by_file, "ignores a shared URL")
        check("cite.yaml" not in by_file, "ignores a citation field")
        check(not any(k.startswith(("target", "fuzz", "binary")) for k in by_file), "skips target/, fuzz corpora and binary files")
        check(total == 2, f"exactly two hits (got {total})")
        folded = [w for w, _, _ in tokenise("Først på nærmere")]
        folded_ocr = [w for w, _, _ in tokenise("Fgrst pd naermere")]
        check(folded == folded_ocr, f"folds «Først på nærmere» and «Fgrst pd naermere» alike ({folded})")
    print("self-test passed" if ok else "self-test FAILED")
    return 0 if ok else 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=default_root, help="project root (default: the repository)")
    ap.add_argument("--seeds", default=None, help="seed reports folder (default: ROOT/../shared/seeds)")
    ap.add_argument("--self-test", action="store_true", help="check the checker on a planted copy")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    seeds = args.seeds or os.path.join(args.root, "..", "shared", "seeds")
    if not os.path.isdir(seeds):
        print(f"copycheck: {os.path.normpath(seeds)} not found; skipping the copied-text check "
              "(the seed reports are only available in CI)")
        return 0
    total, files, shingles = run(args.root, seeds)
    if total:
        print(f"copycheck: {total} passage(s) share {SHINGLE} or more consecutive words with the seed reports "
              f"({files} files scanned). Keep the facts, write the sentences anew.", file=sys.stderr)
        return 1
    print(f"copycheck: ok ({files} files scanned against {shingles} {SHINGLE}-word shingles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
