#!/usr/bin/env bash
# Installs (if needed), builds and runs one scenario program, then plots its output:
#   tools/scenario.sh PROGRAM DEFAULT_OUTPUT [program arguments...]
# PROGRAM is a program of scenarios/ (mip6-compare, mip6-mcoa); results (CSV + manifest.json) and
# plots go to DEFAULT_OUTPUT unless the arguments give --output DIR. Each subdirectory of the
# output with a handovers.csv (mip6-mcoa's single/ and mcoa/) is plotted too.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
program=$1
default_out=$2
shift 2
"$here/tools/setup.sh"
out=""
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --output) j=$((i + 1)); out="${!j}" ;;
    --output=*) out="${!i#--output=}" ;;
    --help | -h | --list-designs) exec "$here/build/scenarios/$program" "$@" ;;
  esac
done
if [ -z "$out" ]; then
  out="$default_out"
  set -- --output "$out" "$@"
fi
"$here/build/scenarios/$program" "$@"
"$here/build/analysis/mip6-plot" --input "$out" --output "$out"
for sub in "$out"/*/; do
  if [ -f "$sub/handovers.csv" ]; then
    "$here/build/analysis/mip6-plot" --input "$sub" --output "$sub"
  fi
done
