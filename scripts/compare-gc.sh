#!/usr/bin/env bash
# Compares `heapscope check --engine gc --format gc -m N PKG` with `go build -gcflags=PKG=-m=N PKG`
# run from the same directory, byte for byte. This is issue #2's acceptance check.
#
# usage: scripts/compare-gc.sh GOROOT DIR PKG...     (runs in DIR; N = 1 and 2)
# env:   HEAPSCOPE (the binary; default target/release/heapscope, else target/debug/heapscope)
set -uo pipefail
goroot=$1; dir=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
hs=${HEAPSCOPE:-$root/target/release/heapscope}
[ -x "$hs" ] || hs=$root/target/debug/heapscope
export GOROOT=$goroot GOTOOLCHAIN=local PATH=$goroot/bin:$PATH
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
for pkg in "$@"; do
  for m in 1 2; do
    n=$((n+1))
    (cd "$dir" && go build -gcflags="$pkg=-m=$m" "$pkg") 2> "$tmp/go.txt"
    (cd "$dir" && "$hs" check --engine gc --format gc -m "$m" --go-root "$goroot" "$pkg") > "$tmp/hs.txt" 2> "$tmp/hs.err"
    if cmp -s "$tmp/go.txt" "$tmp/hs.txt"; then
      echo "same     -m=$m $pkg ($(wc -l < "$tmp/go.txt") lines)"
    else
      fail=$((fail+1)); echo "DIFFERENT -m=$m $pkg"; diff "$tmp/go.txt" "$tmp/hs.txt" | head -10
    fi
  done
done
echo "$((n-fail)) passed, $fail failed"
[ "$fail" = 0 ]
