#!/usr/bin/env bash
# Builds newsalign with its tests and runs the whole suite (CTest over Catch2).
# Run after scripts/setup.sh: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSALIGN_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
