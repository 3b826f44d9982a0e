#!/usr/bin/env bash
# Prepares a Debian 12 host for jpod, as root, and says what it does:
#   1. installs the packages of scripts/host-packages.txt that are missing (apt-get);
#   2. makes /dev/net/tun usable by every user (0666), which rootless networking needs.
# Idempotent: run it as often as you like. Used by scripts/setup.sh and .ci/run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { echo "==> $*"; }
die() { echo "Error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run $0 as root (it installs packages)"
command -v apt-get >/dev/null || die "apt-get not found: jpod's scripts are written for Debian 12"

mapfile -t packages < <(sed -e 's/#.*//' "$here/host-packages.txt" | awk 'NF {print $1}')
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
else
  say "packages: all ${#packages[@]} of scripts/host-packages.txt are installed"
fi

say "rootless networking (slirp4netns, pasta) opens /dev/net/tun as the user: making it 0666"
if [ ! -e /dev/net/tun ]; then
  mkdir -p /dev/net
  mknod /dev/net/tun c 10 200
fi
chmod 0666 /dev/net/tun
