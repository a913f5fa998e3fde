#!/usr/bin/env bash
# Installs the Debian packages chipgraph needs to build, test and run its demo.
# Idempotent: packages already installed are skipped, and `apt-get update` only runs
# when something is missing. Uses sudo when not run as root.
#
#   scripts/install-deps.sh
set -euo pipefail

packages=(
  build-essential cmake g++
  libboost-graph-dev rapidjson-dev libsqlite3-dev libfmt-dev libgtest-dev libcli11-dev
  libutf8proc-dev libgumbo-dev libstemmer-dev libmimalloc-dev
  graphviz libxml2-utils python3-networkx python3-igraph sqlite3
)

missing=()
for p in "${packages[@]}"; do
  # dpkg -s also lists removed-but-configured packages: require "install ok installed".
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: error: apt-get not found; install these packages by hand: ${missing[*]}" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: error: not root and sudo is missing; install as root: ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
