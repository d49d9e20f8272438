#!/usr/bin/env bash
# Installs newsalign's dependencies from Debian packages, builds it (CMake, Release) and
# aligns the shipped sample news pair. Run as root on Debian 12: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config python3 libxml2-utils
  libicu-dev libboost-locale-dev libsqlite3-dev zlib1g-dev libssl-dev libxml2-dev
  libstemmer-dev libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libgumbo-dev catch2
  mueller7-dict dict-freedict-eng-rus dict-freedict-deu-fra
  parallel time
  chromium fonts-dejavu-core nodejs
  clang-14 libclang-rt-14-dev
)
# npm (the browser tests' driver): Debian's, unless the installed nodejs bundles it (NodeSource's
# nodejs conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

[ "${1:-}" = "--no-demo" ] && exit 0
echo
echo "== newsalign align corpora/samples/dushanbe-water.ru.txt corpora/samples/dushanbe-water.en.txt"
./build/src/newsalign/cli/newsalign align corpora/samples/dushanbe-water.ru.txt corpora/samples/dushanbe-water.en.txt
