#!/usr/bin/env bash
# Installs the system packages argocd-image-pr builds and tests with, on Debian/Ubuntu.
# Swift itself is expected to be installed already (swift.org toolchain or the swift image).
set -euo pipefail

packages=(libgit2-dev docker-registry apache2-utils openssl git ca-certificates pkg-config python3)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
echo "installing: ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
