#!/usr/bin/env bash
# Installs what mip6 needs on Debian 12 (idempotent) and builds it into build/.
# Usage: tools/setup.sh [extra cmake arguments]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

# ns-3.37's exported CMake config names files from these -dev packages (research: ns3-feasibility §9);
# slurm-wlm and munge for the ctest mip6-campaign-slurm (a one-node cluster; services not started),
# python3 for the campaign tests' JSON checks.
packages=(
  cmake g++ make pkg-config git
  libns3-dev ns3 libgsl-dev libsqlite3-dev libxml2-dev libpython3.11-dev
  libssl-dev libboost-program-options-dev libboost-iostreams-dev libboost-filesystem-dev
  libgnuplot-iostream-dev gnuplot-nox tshark
  slurm-wlm munge python3
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "mip6 setup: missing packages: ${missing[*]}; run as root or install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # tshark otherwise asks whether non-root users may capture.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$here/build" -j"$jobs"
