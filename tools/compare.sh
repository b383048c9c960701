#!/usr/bin/env bash
# Installs (if needed), builds and runs the default comparison: every implemented security design on
# the same run; results (CSV + manifest.json) and plots go to results/ (or to --output DIR).
# Further arguments go to mip6-compare (see `build/scenarios/mip6-compare --help`).
exec "$(dirname "$0")/scenario.sh" mip6-compare results "$@"
