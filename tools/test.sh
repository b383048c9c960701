#!/usr/bin/env bash
# Installs (if needed), builds and runs every mip6 test; ends with ctest's summary line.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/tools/setup.sh"
cd "$here/build"
ctest --output-on-failure -j"$(nproc 2>/dev/null || echo 2)"
