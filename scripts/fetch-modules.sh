#!/usr/bin/env bash
# Fetch a pinned set of real-world Go modules (and their dependencies) through the Go module
# proxy for the type checker's differential test on code outside this repository
# (crates/go_types/tests/types_vs_gotypes_modules.rs).
#
# It makes a scratch module that requires the modules below at pinned versions and blank-imports
# the packages below, then vendors them (`go mod vendor`), so the test and tools/gotypes load
# them offline from the scratch directory (`-mod=vendor`), with no module cache needed.
#
# usage: scripts/fetch-modules.sh [GOROOT]   (default: scripts/install-go.sh 1.27.3)
# prints the scratch module directory on stdout and points modules/current at it (where the
# test looks unless $HEAPSCOPE_MODULES_DIR is set). Idempotent: an existing, complete set is
# reused (the directory name carries a hash of the pins). The download is about 18 MB of module
# zips (seconds); the temporary module cache (75 MB) is removed afterwards, the vendored set
# (about 265 packages) takes 35 MB.
# Cache directory: $HEAPSCOPE_CACHE or ~/.cache/heapscope (the set goes under modules/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
goroot=${1:-${HEAPSCOPE_GOROOT:-$("$here/install-go.sh" 1.27.3)}}
cache=${HEAPSCOPE_CACHE:-$HOME/.cache/heapscope}

# Modules, pinned (the rest of the build list follows from these by minimal version selection;
# the generated go.sum records it). A pin that tidy would raise makes the script fail.
modules=(
  golang.org/x/sync@v0.25.0
  golang.org/x/text@v0.44.0
  golang.org/x/mod@v0.42.0
  golang.org/x/tools@v0.52.0
  golang.org/x/exp@v0.0.0-20261014143641-f0251eb4aa3e
  github.com/google/uuid@v1.6.0
  github.com/google/go-cmp@v0.7.0
  github.com/spf13/cobra@v1.10.2
  github.com/spf13/pflag@v1.1.0
  go.uber.org/zap@v1.28.0
  go.uber.org/multierr@v1.11.0
  github.com/BurntSushi/toml@v1.6.0
  github.com/samber/lo@v1.53.0
  gopkg.in/yaml.v3@v3.0.1
  github.com/hashicorp/golang-lru/v2@v2.0.7
)

# Packages: every non-main package these patterns match in the modules above that loads
# without error for linux/amd64 without cgo, less those matching $exclude (importable only with
# modules outside the pins, or internal: those are compared all the same when a selected
# package depends on them). The test compares every vendored package: these and their
# non-std dependencies.
patterns=(
  golang.org/x/sync/...
  golang.org/x/text/...
  golang.org/x/mod/...
  golang.org/x/tools/...
  golang.org/x/exp/...
  github.com/google/uuid/...
  github.com/google/go-cmp/...
  github.com/spf13/pflag/...
  github.com/spf13/cobra/...
  go.uber.org/zap/...
  go.uber.org/multierr/...
  github.com/BurntSushi/toml/...
  github.com/samber/lo/...
  gopkg.in/yaml.v3/...
  github.com/hashicorp/golang-lru/v2/...
)
exclude='/internal/|/internal$|/testdata/|^golang.org/x/tools/(blog|present|playground/socket)$|^github.com/spf13/cobra/doc$'

id=$(printf '%s\n' "${modules[@]}" "${patterns[@]}" "$exclude" | sha256sum | cut -c1-12)
dest="$cache/modules/set-$id"
if [ -f "$dest/vendor/modules.txt" ] && [ -f "$dest/packages.txt" ]; then
  ln -sfn "set-$id" "$cache/modules/current"
  echo "$dest"; exit 0
fi
mkdir -p "$cache/modules"
tmp=$(mktemp -d "$cache/modules/tmp.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
work="$tmp/set"
mkdir -p "$work"
export GOROOT="$goroot" GOTOOLCHAIN=local GOFLAGS=-mod=mod GOMODCACHE="$tmp/modcache"
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOWORK=off
go="$goroot/bin/go"
cd "$work"
{
  echo "module heapscope.dev/modules"
  echo
  echo "go 1.27"
  echo
  echo "require ("
  for m in "${modules[@]}"; do echo "	${m%@*} ${m##*@}"; done
  echo ")"
} >go.mod
echo "package modules" >imports.go
"$go" list -e -f '{{if and (not .Error) (not .DepsErrors) (ne .Name "main")}}{{.ImportPath}}{{end}}' \
  "${patterns[@]}" 2>"$tmp/list.log" | grep -Ev "$exclude" | grep . >"$tmp/selected" \
  || { cat "$tmp/list.log" >&2; echo "fetch-modules: no package selected" >&2; exit 2; }
{
  echo "// Package modules blank-imports the packages of heapscope's module differential."
  echo "package modules"
  echo
  echo "import ("
  while read -r p; do echo "	_ \"$p\""; done <"$tmp/selected"
  echo ")"
} >imports.go
"$go" mod tidy >&2
# The pins must have survived tidy (no module upgraded by a dependency's requirement).
for m in "${modules[@]}"; do
  got=$("$go" list -m -f '{{.Version}}' "${m%@*}")
  if [ "$got" != "${m##*@}" ]; then
    echo "fetch-modules: ${m%@*} resolved to $got, not the pinned ${m##*@}: update the pins" >&2
    exit 2
  fi
done
"$go" mod vendor >&2
# The packages compared: all vendored ones. Check that they load offline, as the test loads them.
export GOFLAGS=-mod=vendor GOPROXY=off
"$go" list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' . | grep -v '^heapscope.dev/modules$' \
  | grep . | sort >packages.txt
"$go" list -e -deps -f '{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}' $(cat packages.txt) >"$tmp/errors"
if [ -s "$tmp/errors" ]; then
  echo "fetch-modules: the vendored packages do not load:" >&2
  cat "$tmp/errors" >&2
  exit 2
fi
rm -rf "$dest"
mv "$work" "$dest"
ln -sfn "set-$id" "$cache/modules/current"
echo "$dest"
