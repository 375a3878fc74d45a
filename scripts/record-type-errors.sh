#!/usr/bin/env bash
# Records the real compiler's type-error messages for the checker's error conformance corpus
# (crates/go_types/tests/type_errors/, compared by crates/go_types/tests/type_errors_vs_gc.rs).
#
# For each corpus file FILE.go (a single-file `package p` with some type errors), this copies it
# alone into a fresh temp directory (no go.mod: the file forms `command-line-arguments`) and
# runs the pinned toolchain (scripts/install-go.sh, go1.27.3) there as
#     go build -gcflags=-e -o /dev/null FILE.go
# with GOTOOLCHAIN=local, GOFLAGS= and GOWORK=off cleared/fixed, CGO_ENABLED=0, linux/amd64.
# `-e` makes gc report every error instead of stopping after 10. `go build` is used rather than
# `go tool compile -e -p p FILE.go` because the latter cannot import std packages without an
# importcfg (there is no precompiled std since Go 1.20): it reports "could not import fmt".
# The combined stdout+stderr is written to FILE.gc.txt beside FILE.go with the
# `# command-line-arguments` header dropped and the `./` prefix of file positions (also inside
# messages and continuation lines, e.g. "other declaration" lines) and any temp dir removed,
# i.e. lines `FILE.go:LINE:COL: msg` plus gc's tab-indented continuation lines, in gc's order
# (sorted by position). Goldens are never edited by hand: re-run this script to refresh them.
#
# usage: scripts/record-type-errors.sh [GOROOT] [FILE.go...]
#        (default GOROOT: scripts/install-go.sh 1.27.3; default files: the whole corpus)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/crates/go_types/tests/type_errors
goroot=${1:-$("$root/scripts/install-go.sh" 1.27.3)}
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
  set -- "$corpus"/*.go
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export GOROOT=$goroot GOTOOLCHAIN=local GOFLAGS= GOWORK=off GO111MODULE= CGO_ENABLED=0 GOOS=linux GOARCH=amd64
go=$goroot/bin/go
"$go" version
clean=0
for src in "$@"; do
  name=$(basename "$src")
  dir=$tmp/${name%.go}
  mkdir -p "$dir"
  cp "$src" "$dir/$name"
  status=0
  (cd "$dir" && "$go" build -gcflags=-e -o /dev/null "$name") > "$dir/out.txt" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    echo "record-type-errors: $name compiles without errors (not a type-error case)" >&2
    clean=$((clean + 1))
  fi
  { grep -v '^# command-line-arguments$' "$dir/out.txt" || true; } |
    sed -e "s#$dir/##g" -e 's#\./\([A-Za-z0-9_.-]*\.go:\)#\1#g' > "${src%.go}.gc.txt"
  rm -rf "$dir"
done
echo "recorded $# files ($clean without errors)"
[ "$clean" -eq 0 ]
