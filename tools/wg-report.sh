#!/usr/bin/env bash
# The WG evidence in one command: installs (if needed) and builds mip6, runs every design variant
# (`--designs variants`) of mip6-compare and every design of mip6-mcoa, and writes
# results-wg/report.md: per design the air-interface signalling bytes and round trips at
# bootstrap and per handover, with the manifest.json that holds the exact configuration.
#   tools/wg-report.sh [--output DIR] [--runs N] [--no-mcoa] [further mip6-compare options]
# --runs N (default 1) runs every variant N times and reports mean ± 95 % CI (doc/analysis.rst).
# MIP6_BUILD=DIR uses that build directory as it is (no install, no build).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="results-wg"
runs=1
mcoa=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --output) out="$2"; shift 2 ;;
    --output=*) out="${1#--output=}"; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --runs=*) runs="${1#--runs=}"; shift ;;
    --no-mcoa) mcoa=0; shift ;;
    --help | -h) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
# MIP6_BUILD=DIR: use that (already built) build directory instead of installing and building.
if [ -n "${MIP6_BUILD:-}" ]; then
  bin=$(cd "$MIP6_BUILD" && pwd)
else
  "$here/tools/setup.sh"
  bin="$here/build"
fi
mkdir -p "$out"
"$bin/scenarios/mip6-compare" --designs variants --runs "$runs" --output "$out/compare" \
  ${args[@]+"${args[@]}"}
# Relative paths in the report: it names the manifests next to it.
(cd "$out" && "$bin/analysis/mip6-summary" --input compare --wg-report compare/wg.md >/dev/null)
if [ "$mcoa" = 1 ]; then
  "$bin/scenarios/mip6-mcoa" --designs all --output "$out/mcoa"
  (cd "$out" && "$bin/analysis/mip6-summary" --input mcoa --wg-report mcoa/wg.md >/dev/null)
fi
{
  echo "# Air-interface signalling of every design variant"
  echo
  echo "Written by \`tools/wg-report.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) from mip6 $(git -C "$here" describe --always --dirty 2>/dev/null || echo unknown)."
  echo "Every figure is computed from the CSVs next to the manifest named in each section"
  echo "(\`mip6-summary\`, doc/analysis.rst); the full tables are in each folder's summary.md."
  echo
  cat "$out/compare/wg.md"
  if [ "$mcoa" = 1 ]; then
    cat "$out/mcoa/wg.md"
  fi
} >"$out/report.md"
echo "WG report: $out/report.md"
