#!/usr/bin/env bash
# Builds newsalign with its tests and runs the whole suite (CTest over Catch2).
# Run after scripts/setup.sh: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSALIGN_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"
# The browser tests' driver, playwright-core as pinned in tests/browser/package-lock.json (from
# the npm registry); without it (or without chromium) those tests report themselves skipped.
if command -v npm >/dev/null 2>&1; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || echo "test: npm ci failed; browser tests will skip"
fi
ctest --test-dir build --output-on-failure -j"$(nproc)"
