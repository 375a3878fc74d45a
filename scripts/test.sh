#!/usr/bin/env bash
# The test command: installs what the tests need (the pinned Go toolchain, Go's test trees and
# the pinned real-world Go modules, cached under ~/.cache/heapscope) and runs the whole test suite.
#
# usage: scripts/test.sh [extra cargo test arguments]
# env:   HEAPSCOPE_SKIP_LINT=1  skip the format and clippy checks
set -euo pipefail
cd "$(dirname "$0")/.."
export HEAPSCOPE_GOROOT=${HEAPSCOPE_GOROOT:-$(scripts/install-go.sh 1.27.3)}
export HEAPSCOPE_GO_TEST_DIR=${HEAPSCOPE_GO_TEST_DIR:-$(scripts/install-go-tests.sh 1.27)/test}
export HEAPSCOPE_GO119_TEST_DIR=${HEAPSCOPE_GO119_TEST_DIR:-$(scripts/install-go-tests.sh 1.19)/test}
export HEAPSCOPE_MODULES_DIR=${HEAPSCOPE_MODULES_DIR:-$(scripts/fetch-modules.sh "$HEAPSCOPE_GOROOT")}
export HEAPSCOPE_SARIF_SCHEMA=${HEAPSCOPE_SARIF_SCHEMA:-$(scripts/install-sarif-schema.sh)}
echo "go toolchain: $HEAPSCOPE_GOROOT ($("$HEAPSCOPE_GOROOT/bin/go" version))"
echo "go test tree: $HEAPSCOPE_GO_TEST_DIR"
echo "go modules:   $HEAPSCOPE_MODULES_DIR"
if [ "${HEAPSCOPE_SKIP_LINT:-}" != 1 ]; then
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
fi
cargo test --workspace --locked "$@"
