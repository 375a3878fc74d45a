#!/usr/bin/env bash
# Installs the official SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5.json, as shipped in the npm
# package @microsoft/jest-sarif) into the heapscope cache, for the SARIF validation tests.
# prints the schema's path on stdout. Idempotent.
set -euo pipefail
cache=${HEAPSCOPE_CACHE:-$HOME/.cache/heapscope}
dest="$cache/sarif-2.1.0-rtm.5.json"
if [ -s "$dest" ]; then echo "$dest"; exit 0; fi
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/tmp.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
tar -xzf "$tmp"/microsoft-jest-sarif-*.tgz -C "$tmp" package/lib/schemas/sarif-2.1.0-rtm.5.json
mv "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$dest"
echo "$dest"
