#!/usr/bin/env bash
# Fuzzes go_syntax's parser (fuzz target `parse`) for N seconds (default 20)
# on stable Rust (no sanitizer), seeding the corpus with a few files from
# $HEAPSCOPE_GOROOT/src. Installs cargo-fuzz if missing.
# Usage: scripts/fuzz-parse.sh [SECONDS]
set -euo pipefail
secs="${1:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
goroot="${HEAPSCOPE_GOROOT:-$HOME/.cache/heapscope/go1.27.3}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz..."
  cargo install --locked cargo-fuzz
fi

corpus="$root/fuzz/corpus/parse"
mkdir -p "$corpus"
if [ -d "$goroot/src" ]; then
  for f in fmt/print.go go/ast/ast.go strings/builder.go sort/sort.go errors/wrap.go \
           cmd/compile/internal/syntax/parser.go unicode/utf8/utf8.go; do
    if [ -f "$goroot/src/$f" ]; then
      cp "$goroot/src/$f" "$corpus/seed_$(echo "$f" | tr '/' '_')"
    fi
  done
else
  echo "note: $goroot/src not found; fuzzing without seeds (scripts/install-go.sh 1.27.3 installs it)"
fi

cd "$root/fuzz"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/fuzz/target}"
exec cargo fuzz run --sanitizer none parse "$corpus" -- -max_total_time="$secs" -max_len=65536
