#!/usr/bin/env bash
# Installs (if needed), builds and runs the multi-access scenario: every implemented security
# design with a single binding and with multiple care-of addresses (RFC 5648) on the same WLAN +
# cellular run; results (mcoa.csv, manifest.json, single/ and mcoa/ with the other CSVs) and plots
# go to results-mcoa/ (or to --output DIR). Further arguments go to mip6-mcoa (see
# `build/scenarios/mip6-mcoa --help`).
exec "$(dirname "$0")/scenario.sh" mip6-mcoa results-mcoa "$@"
