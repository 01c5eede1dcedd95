#!/bin/bash
# The QEMU of both systems in bench/compare (the Linux microVM is started through it directly, and
# Nephos through NEPHOS_QEMU=<this file>), so the two differ in nothing the benchmark controls:
#   NEPHOS_BENCH_TB_SIZE=N   rewrites `-accel tcg` to `-accel tcg,tb-size=N` (MiB of TCG
#                            translation cache): the same on both sides, as the fairness
#                            rules ask. Unset or empty: QEMU's default.
#   NEPHOS_BENCH_STAMP=FILE  writes "<epoch seconds with microseconds> <pid>" to FILE, then execs
#                            QEMU: the time is the QEMU launch that boot-to-ready counts from, and
#                            the pid is QEMU's own (exec keeps it), even for a detached `nephos run -d`.
# bash, not sh: EPOCHREALTIME reads the clock without forking `date` (bash 5, Debian 12 and 13).
if [ -n "$NEPHOS_BENCH_STAMP" ]; then
  printf '%s %s\n' "$EPOCHREALTIME" "$$" > "$NEPHOS_BENCH_STAMP"
fi
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "-accel" ] && [ "$2" = "tcg" ] && [ -n "$NEPHOS_BENCH_TB_SIZE" ]; then
    args+=(-accel "tcg,tb-size=$NEPHOS_BENCH_TB_SIZE")
    shift 2
    continue
  fi
  args+=("$1")
  shift
done
exec "${NEPHOS_BENCH_REAL_QEMU:-qemu-system-x86_64}" "${args[@]}"
