#!/bin/sh
# Pre-commit hook for a practice library: refuse a commit while a practice has errors or a stored grade
# (practices/<slug>/score.toml) is missing or stale.
#
# Install in a clone:   cp docs/pre-commit.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# The hook runs `practice` from PATH (cargo install --locked --path .), or the command in $PRACTICE.
# It checks the working tree, which is what `practice regrade` writes: stage the regraded files with the rest.
set -eu

practice=${PRACTICE:-practice}
if ! command -v "$practice" >/dev/null 2>&1; then
    echo "pre-commit: \`$practice\` not found; install it with \`cargo install --locked --path .\`" >&2
    exit 1
fi

if ! "$practice" validate --quiet; then
    echo "pre-commit: fix the findings above, or commit with --no-verify to skip this check" >&2
    exit 1
fi

if ! "$practice" regrade --check --quiet; then
    echo "pre-commit: run \`practice regrade\`, review \`git diff practices\`, and stage the score.toml files" >&2
    exit 1
fi
