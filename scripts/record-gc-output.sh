#!/usr/bin/env bash
# Records real compiler output for the gc engine's parser tests
# (crates/heapscope_gc/tests/recorded/<go version>/).
#
# For each Go toolchain given (default: the `go` on PATH and the pinned go1.27.3 from
# scripts/install-go.sh) and each target package, this stores:
#   NAME.list.json  the package's `go list -json` fields the engine reads, with Dir replaced
#                   by a placeholder so recordings do not depend on this machine;
#   NAME.meta       `cwd_rel=`: the package directory relative to the directory go ran in
#                   (and, for plain-text recordings, `exit_mN=`: go's exit status);
#   NAME.mN.jsonl   `go build -json -o /dev/null -gcflags=-m=N PKG` standard output, N = 1, 2,
#                   built with a fresh GOCACHE so nothing is replayed from an earlier run;
#   NAME.mN.txt     the same for toolchains before Go 1.24 (no `go build -json`): the plain
#                   standard error of `go build -o /dev/null -gcflags=-m=N PKG`.
# Targets: the bundled examples (run from examples/), a few std packages (run from
# $GOROOT/src), and a small package with a type error (written to a temp module).
# Nothing here is edited by hand: re-run this script to refresh the recordings.
#
# usage: scripts/record-gc-output.sh [GOROOT...]
# (the committed recordings come from: go on PATH (go1.26), and scripts/install-go.sh 1.27.3,
#  1.24.11 and 1.21.13)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out_base=$root/crates/heapscope_gc/tests/recorded
if [ $# -eq 0 ]; then
  set -- "$(go env GOROOT)" "$("$root/scripts/install-go.sh" 1.27.3)"
fi
std_pkgs="strconv net/url sync encoding/json"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/broken/bad"
printf 'module example.com/broken\n\ngo 1.21\n' > "$tmp/broken/go.mod"
cat > "$tmp/broken/bad/bad.go" <<'GO'
package bad

func F() int { return "s" }

func G() *int { x := 1; return &x }
GO

record() { # goroot dir pkg name
  local goroot=$1 dir=$2 pkg=$3 name=$4 out=$5
  local go="$goroot/bin/go"
  (cd "$dir" && GOROOT=$goroot GOTOOLCHAIN=local "$go" list -e -json=ImportPath,Dir,Name,GoFiles,CgoFiles "$pkg") |
    python3 -c 'import json,sys; d=json.load(sys.stdin); d["Dir"]="$DIR"; json.dump(d,sys.stdout,indent=1); print()' > "$out/$name.list.json"
  local pdir; pdir=$(cd "$dir" && GOROOT=$goroot GOTOOLCHAIN=local "$go" list -e -f '{{.Dir}}' "$pkg")
  echo "cwd_rel=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$pdir" "$(cd "$dir" && pwd -P)")" > "$out/$name.meta"
  local minor; minor=$(GOROOT=$goroot GOTOOLCHAIN=local "$go" env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
  for m in 1 2; do
    if [ "$minor" -ge 24 ]; then
      (cd "$dir" && GOROOT=$goroot GOTOOLCHAIN=local GOCACHE="$tmp/cache" GOFLAGS= \
        "$go" build -json -o /dev/null -gcflags="-m=$m" "$pkg" > "$out/$name.m$m.jsonl") || true
    else
      local rc=0
      (cd "$dir" && GOROOT=$goroot GOTOOLCHAIN=local GOCACHE="$tmp/cache" GOFLAGS= \
        "$go" build -o /dev/null -gcflags="-m=$m" "$pkg" 2> "$out/$name.m$m.txt") || rc=$?
      echo "exit_m$m=$rc" >> "$out/$name.meta"
    fi
  done
}

for goroot in "$@"; do
  ver=$(GOROOT=$goroot GOTOOLCHAIN=local "$goroot/bin/go" env GOVERSION)
  out=$out_base/$ver
  rm -rf "$out"; mkdir -p "$out"
  rm -rf "$tmp/cache"
  # Toolchains older than the examples' `go` line record a copy that declares their version.
  minor=$(echo "$ver" | sed -E 's/^go1\.([0-9]+).*/\1/')
  want=$(sed -nE 's/^go 1\.([0-9]+).*/\1/p' "$root/examples/go.mod")
  exdir="$root/examples"
  if [ "$minor" -lt "$want" ]; then
    exdir="$tmp/examples-$ver"; rm -rf "$exdir"; cp -r "$root/examples" "$exdir"
    sed -i -E "s/^go 1\.[0-9.]+$/go 1.$minor/" "$exdir/go.mod"
  fi
  record "$goroot" "$exdir" . examples "$out"
  for p in $std_pkgs; do record "$goroot" "$goroot/src" "$p" "$(echo "$p" | tr / _)" "$out"; done
  record "$goroot" "$tmp/broken" ./bad broken "$out"
  echo "recorded $ver: $(ls "$out" | wc -l) files"
done
