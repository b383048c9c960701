#!/usr/bin/env bash
# Installs (if needed), builds and runs the validation against published results (Rana et al. 2017
# Table B, the RFC 6275 first-registration timeline); CSVs, manifest.json, validation.md and the
# validation plot go to results-validate/ (or to --output DIR). Further arguments go to
# mip6-validate (see `build/scenarios/mip6-validate --help`), e.g. --runs 100.
exec "$(dirname "$0")/scenario.sh" mip6-validate results-validate "$@"
