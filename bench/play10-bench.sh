#!/usr/bin/env bash
# speed-bench.sh's row "10 pods, play" alone: `kube play` of one file of 10 pods (2 busybox containers each)
# until all 20 containers run, jpod and podman alternately, then `kube down` of it; medians and the ratio.
#
#   bench/play10-bench.sh [-n RUNS] [--network MODE]     (as root; RUNS defaults to 5)
#
# --network MODE is given to both tools' `kube play` (slirp4netns, bridge...); without it each plays with its
# default. The load of the machine is printed with the result: other work on it shows in the figures.
#
# Runs as root and switches to the user jpodbench, or jpodbench$JPOD_BENCH_ID (bench/lib.sh). Builds jpod if
# target/jpod.jar is missing.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
network=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --network) network=(--network "$2"); shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] [--network MODE]" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
die() { bench_die "$@"; }
bench_needs_podman
tools=(jpod podman)

bench_setup
bench_idle_ready "${tools[@]}"

echo "==> $runs alternate plays of 10 pods ${network[*]:-(default network)}, the first one a warm-up" >&2
for i in $(seq 0 "$runs"); do
  for tool in "${tools[@]}"; do
    t0=$(now_ms)
    idle_play "$tool" "${network[@]}"
    [ "$i" = 0 ] || echo $(( $(now_ms) - t0 )) >> "$work/$tool.play10"
    idle_down "$tool"
  done
  [ "$i" = 0 ] || echo "    run $i: $(tail -1 "$work/jpod.play10") / $(tail -1 "$work/podman.play10") ms (jpod/podman)" >&2
done
for tool in "${tools[@]}"; do
  bench_reset "$tool"
done
j=$(median < "$work/jpod.play10")
p=$(median < "$work/podman.play10")
awk -v j="$j" -v p="$p" -v n="$runs" -v net="${network[*]:-default network}" -v c="$(nproc)" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
  'BEGIN { printf "10 pods, play (%s): jpod %d ms, podman %d ms, ratio %.2f (medians of %d alternate runs; %d cores, load %s)\n", net, j, p, (p ? j / p : 0), n, c, l }'
