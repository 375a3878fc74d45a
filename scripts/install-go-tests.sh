#!/usr/bin/env bash
# Install Go's own test tree (`$GOROOT/test`, the compiler's test suite) from Debian's
# `golang-X.Y-src` package into the heapscope cache, through a private apt sources list so
# the machine's apt setup is untouched.
#
# usage: scripts/install-go-tests.sh [X.Y]   (default 1.27; 1.19 comes from bookworm)
# prints the directory that holds the tree (…/test) on stdout. Idempotent.
set -euo pipefail
minor=${1:-1.27}
cache=${HEAPSCOPE_CACHE:-$HOME/.cache/heapscope}
dest="$cache/go$minor-test"
if [ -f "$dest/.complete" ]; then echo "$dest"; exit 0; fi
case "$minor" in
  1.19) suite=bookworm ;;
  1.22|1.23) suite=bookworm-backports ;;
  1.24) suite=trixie ;;
  *) suite=sid ;;
esac
A="$cache/apt-$suite"
mkdir -p "$A/lists/partial" "$A/cache/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" > "$A/sources.list"
O=(-o "Dir::Etc::SourceList=$A/sources.list" -o Dir::Etc::SourceParts=/dev/null -o APT::Sandbox::User=root
   -o "Dir::State::Lists=$A/lists" -o "Dir::Cache=$A/cache")
apt-get "${O[@]}" update -qq >&2
tmp=$(mktemp -d "$cache/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get "${O[@]}" download -qq "golang-$minor-src" >&2)
dpkg-deb -x "$tmp"/golang-"$minor"-src_*.deb "$tmp/x"
src="$tmp/x/usr/share/go-$minor/test"
[ -d "$src" ] || src=$(find "$tmp/x" -maxdepth 4 -type d -name test -path '*go*' | head -n 1)
[ -d "$src" ] || { echo "install-go-tests: no test/ tree in golang-$minor-src" >&2; exit 2; }
rm -rf "$dest"; mkdir -p "$dest"
mv "$src" "$dest/test"
dpkg-deb -f "$tmp"/golang-"$minor"-src_*.deb Version > "$dest/.complete"
echo "$dest"
