#!/usr/bin/env bash
# The CPU that play10-bench.sh's play costs, which the machine's load changes far less than its wall time: `kube play`
# of one file of 10 pods (2 busybox containers each) until its 20 containers run, jpod and podman alternately, each
# run with every process of the user in a cpuacct cgroup of its own (all the CPU of the play: the tool, conmon, the
# runtime, the network's helpers, the containers' start, the command service) and process accounting on (`accton`:
# the programs run, by name, and what those that ended cost). Prints per tool the medians of CPU and wall time and
# the programs of the median run.
#
#   bench/play10-cpu.sh [-n RUNS]     (as root, cgroup v1's cpuacct mounted; RUNS defaults to 3)
#
# Process accounting is the host's: no other accounting may run meanwhile. JPOD_BENCH_ID as for the other scripts.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
die() { bench_die "$@"; }
command -v accton >/dev/null && command -v dump-acct >/dev/null || die "process accounting's tools are missing (apt-get install acct)"
bench_needs_podman
[ -d /sys/fs/cgroup/cpuacct ] || die "no cgroup v1 cpuacct hierarchy at /sys/fs/cgroup/cpuacct"
tools=(jpod podman)

bench_setup
cg=/sys/fs/cgroup/cpuacct/jpod-bench${JPOD_BENCH_ID:-}-play
mkdir -p "$cg"
acct=$work/pacct
trap 'accton off >/dev/null 2>&1 || true' EXIT

bench_service_idle=600 # the command service lives through the runs: its own CPU is read before and after each play
# every process of the user into the cgroup (the command service, the namespace's holder), and the caller's shell
into_cgroup() {
  local p
  for p in $(pgrep -u "$user") "$BASHPID"; do echo "$p" > "$cg/cgroup.procs" 2>/dev/null || true; done
}
# jpod's command service's own CPU so far, ms (its children's not counted); 0 without one, or for podman
service_cpu() { # tool
  local pid
  [ "$1" = jpod ] && pid=$(pgrep -u "$user" -f io.jpod.cli.CommandServer | head -1)
  [ -n "${pid:-}" ] && awk '{ sub(/^.*\) /, ""); print ($12 + $13) * 10 }' "/proc/$pid/stat" 2>/dev/null || echo 0
}
# The programs of the user that ran in the accounting file: "name count cpu-ms" (sleep, the idle containers' own, left out)
programs() {
  dump-acct "$acct" | awk -F'|' -v uid="$uid" '{ gsub(/ /, "", $1); gsub(/ /, "", $6) }
    $6 == uid && $1 != "sleep" { n[$1]++; cpu[$1] += ($3 + $4) * 10 }
    END { for (c in n) printf "%s %d %d\n", c, n[c], cpu[c] }' | sort -k3,3nr -k2,2nr
}

bench_idle_ready "${tools[@]}"

echo "==> $runs alternate plays of 10 pods, the first one a warm-up" >&2
for i in $(seq 0 "$runs"); do
  for tool in "${tools[@]}"; do
    (
      into_cgroup
      : > "$acct"
      before=$(cat "$cg/cpuacct.usage")
      service_before=$(service_cpu "$tool")
      accton "$acct" >/dev/null
      t0=$(now_ms)
      idle_play "$tool"
      t1=$(now_ms)
      accton off >/dev/null
      after=$(cat "$cg/cpuacct.usage")
      service_after=$(service_cpu "$tool")
      [ "$i" = 0 ] && exit 0
      echo "$(( (after - before) / 1000000 )) $(( t1 - t0 )) $(( service_after - service_before ))" >> "$work/$tool.runs"
      programs > "$work/$tool.programs.$i"
    )
    idle_down "$tool"
  done
  [ "$i" = 0 ] || echo "    run $i: CPU $(tail -1 "$work/jpod.runs" | cut -d' ' -f1) / $(tail -1 "$work/podman.runs" | cut -d' ' -f1) ms (jpod/podman)" >&2
done
for tool in "${tools[@]}"; do
  bench_reset "$tool"
done
for p in $(cat "$cg/cgroup.procs"); do echo "$p" > /sys/fs/cgroup/cpuacct/cgroup.procs 2>/dev/null || true; done
rmdir "$cg" 2>/dev/null || true

echo "10 pods, play: CPU and wall time, medians of $runs alternate runs ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for tool in "${tools[@]}"; do
  cpu=$(cut -d' ' -f1 "$work/$tool.runs" | median)
  wall=$(cut -d' ' -f2 "$work/$tool.runs" | median)
  service=$(cut -d' ' -f3 "$work/$tool.runs" | median)
  run=$(awk -v m="$cpu" '$1 == m { print NR; exit }' "$work/$tool.runs")
  echo "$tool: CPU $cpu ms (the command service's own $service ms), wall $wall ms; programs run in the median run (name, count, CPU ms of those that ended):"
  awk '{ printf "  %-18s %4d %6d\n", $1, $2, $3 }' "$work/$tool.programs.${run:-1}"
done
