#!/usr/bin/env bash
# Installs the Debian 12 packages abis needs to build, run and test, and only those missing.
# Runs as root, or through sudo when it is available. Safe to run again: it does nothing when all
# packages are present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libsqlite3-dev libsodium-dev libssl-dev zlib1g-dev libbrotli-dev
  libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libpng-dev libjpeg62-turbo-dev libtiff-dev libopenjp2-7-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev curl openssl
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "abis: installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "abis: these packages are missing and I am not root (no sudo either): ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
