#!/bin/sh
# Prepares a fresh Debian machine (12 or 13) for Nephos: installs what is missing from Debian's
# packages (QEMU, the musl C library headers and libc.a, binutils, git for engine patches; wrk, lz4
# and xz for the benchmarks), then
# the npm dependencies pinned by package-lock.json. Safe to run again: it only installs what is
# missing. Needs root or sudo for apt-get.
set -eu
cd "$(dirname "$0")/.."

missing=""
have() { command -v "$1" >/dev/null 2>&1; }
have qemu-system-x86_64 || missing="$missing qemu-system-x86"
[ -e /usr/share/seabios/bios-256k.bin ] || missing="$missing seabios"
[ -e /usr/lib/x86_64-linux-musl/libc.a ] || missing="$missing musl-dev"
have objcopy || missing="$missing binutils"
have gcc || missing="$missing gcc"
have git || missing="$missing git"
have tar || missing="$missing tar"
have curl || missing="$missing curl"
# Benchmarks (bench/): the HTTP load generator, and the tools the Linux microVM baseline uses to
# unpack Debian's kernel (xz) and compress its initramfs (lz4).
have wrk || missing="$missing wrk"
have lz4 || missing="$missing lz4"
have xz || missing="$missing xz-utils"
# The network lab (tests/net-lab.test.ts): a Linux peer in its own network namespace, which pings
# the VM and connects to it.
have ip || missing="$missing iproute2"
have ping || missing="$missing iputils-ping"
# The dashboard's browser test (tests/dashboard.test.ts) drives Debian's chromium with playwright-core.
have chromium || missing="$missing chromium"

if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
