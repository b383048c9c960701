#!/usr/bin/env bash
# Installs (if needed), builds and runs the default comparison: every implemented security design on
# the same run; results (CSV + manifest.json) and plots go to results/ (or to --output DIR).
# Further arguments go to mip6-compare (see `build/scenarios/mip6-compare --help`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/tools/setup.sh"
out=""
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --output) j=$((i + 1)); out="${!j}" ;;
    --output=*) out="${!i#--output=}" ;;
    --help | -h | --list-designs) exec "$here/build/scenarios/mip6-compare" "$@" ;;
  esac
done
if [ -z "$out" ]; then
  out="results"
  set -- --output "$out" "$@"
fi
"$here/build/scenarios/mip6-compare" "$@"
"$here/build/analysis/mip6-plot" --input "$out" --output "$out"
