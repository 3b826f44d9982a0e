#!/usr/bin/env bash
# Benchmarks `kube play` and `kube down` of a 2-container pod (busybox sleepers), and the memory
# that stays in use per pod, for jpod and, when it is installed, podman (same user, same image,
# same OCI runtime: runc), and prints jpod/podman ratios.
#
#   bench/play-bench.sh [-n RUNS]        (as root; RUNS defaults to 5, plus one warm-up run)
#
# Measured per run:
#   play_ms  wall time from starting `kube play` until both containers' processes run
#   down_ms  wall time from starting `kube down` until they are gone
#   pss_kib  PSS (/proc/PID/smaps_rollup) summed over every process of the user (its uid and its
#            subordinate uids) that the play added and that stays while the pod runs: conmon (one
#            per container, infra included), the infra container's process (catatonit/pause), the
#            containers' processes (sh, sleep), and per-pod networking helpers (slirp4netns,
#            pasta, rootlessport; podman's aardvark-dns, started with the first pod of its network)
#            when the tool starts them. Not counted: the user-namespace holder
#            (jpod's catatonit -P, podman's pause process), which is per user, not per pod, and
#            exists before the play.
# Medians over the runs are printed, with the processes counted in the last run.
#
# Runs as root and switches to the user jpodbench (created like the e2e harness's user), with
# XDG_RUNTIME_DIR=/tmp/jpod-bench-run. Builds jpod if target/jpod.jar is missing.
# BENCH_TOOLS="jpod" (or "podman") measures only those; PODMAN_RUNTIME picks podman's OCI runtime.
# PLAY_FLAGS adds flags to every `kube play` (e.g. PLAY_FLAGS="--network none" to measure without
# the pod network; the default is slirp4netns for both tools).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
die() { bench_die "$@"; }

# ---------------------------------------------------------------- the user, the build, the image
bench_setup
cat > "$work/bench-pod.yaml" <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: bench
spec:
  restartPolicy: Always
  containers:
    - name: a
      image: localhost/busybox:latest
      command: ["sh", "-c", ": bench-a; trap 'exit 0' TERM; sleep 100000 & wait"]
    - name: b
      image: localhost/busybox:latest
      command: ["sh", "-c", ": bench-b; trap 'exit 0' TERM; sleep 100000 & wait"]
EOF
chmod -R a+rX "$work"
yaml=$work/bench-pod.yaml

# ---------------------------------------------------------------- measuring
containers_running() { # both sleepers' shells are there
  local n
  n=$(grep -l -a -e ': bench-a' -e ': bench-b' /proc/[0-9]*/cmdline 2>/dev/null | wc -l)
  [ "$n" -ge 2 ]
}
containers_gone() { ! grep -q -a -e ': bench-a' -e ': bench-b' /proc/[0-9]*/cmdline 2>/dev/null; }

declare -A result
breakdown=""

bench_tool() {
  local tool=$1 cmd plays=() downs=() psss=() i before t0 play_ms down_ms pss pid comm kib
  cmd=$(tool_cmd "$tool")
  echo "==> $tool: reset, import the busybox image, 1 warm-up run + $runs measured runs" >&2
  bench_fresh "$tool"
  bench_trained # bin/jpod's first run on JDK 25+ trains an AOT cache in the background
  for i in $(seq 0 "$runs"); do
    before=" $(user_pids | tr '\n' ' ') "
    t0=$(now_ms)
    # shellcheck disable=SC2086 # PLAY_FLAGS is a list of flags
    as_user $cmd kube play ${PLAY_FLAGS:-} "$yaml" >/dev/null 2>"$work/stderr" || die "$tool kube play failed: $(cat "$work/stderr")"
    wait_until 120 containers_running || die "$tool: the containers did not start"
    play_ms=$(( $(now_ms) - t0 ))
    sleep 1 # let start-up transients (exit commands, short-lived helpers) go
    pss=0
    breakdown=""
    for pid in $(user_pids); do
      case "$before" in *" $pid "*) continue ;; esac
      comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
      kib=$(awk '/^Pss:/ { print $2; exit }' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
      [ -n "$kib" ] || continue
      pss=$((pss + kib))
      breakdown+="$comm $kib"$'\n'
    done
    t0=$(now_ms)
    as_user $cmd kube down "$yaml" >/dev/null 2>"$work/stderr" || die "$tool kube down failed: $(cat "$work/stderr")"
    wait_until 120 containers_gone || die "$tool: the containers did not stop"
    down_ms=$(( $(now_ms) - t0 ))
    if [ "$i" -gt 0 ]; then
      plays+=("$play_ms"); downs+=("$down_ms"); psss+=("$pss")
      echo "    run $i: play ${play_ms} ms, down ${down_ms} ms, pss ${pss} KiB" >&2
    else
      echo "    warm-up: play ${play_ms} ms, down ${down_ms} ms, pss ${pss} KiB" >&2
    fi
  done
  result[$tool.play]=$(printf '%s\n' "${plays[@]}" | median)
  result[$tool.down]=$(printf '%s\n' "${downs[@]}" | median)
  result[$tool.pss]=$(printf '%s\n' "${psss[@]}" | median)
  result[$tool.breakdown]=$(printf '%s' "$breakdown" | awk 'NF { n[$1]++; k[$1] += $2 } END { for (c in n) printf "%s x%d = %d KiB; ", c, n[c], k[c] }')
  as_user $cmd system reset -f >/dev/null 2>&1 || true
}

if [ -n "${BENCH_TOOLS:-}" ]; then
  read -r -a tools <<< "$BENCH_TOOLS"
else
  tools=(jpod)
  if command -v podman >/dev/null; then tools+=(podman); else echo "(podman is not installed: jpod only)" >&2; fi
fi
for t in "${tools[@]}"; do bench_tool "$t"; done

echo
printf '%-8s %12s %12s %12s\n' tool play_ms down_ms pss_kib
for t in "${tools[@]}"; do
  printf '%-8s %12s %12s %12s\n' "$t" "${result[$t.play]}" "${result[$t.down]}" "${result[$t.pss]}"
done
echo
for t in "${tools[@]}"; do echo "$t counted: ${result[$t.breakdown]}"; done
if [ ${#tools[@]} -eq 2 ]; then
  echo
  awk -v jp="${result[jpod.play]}" -v pp="${result[podman.play]}" -v jd="${result[jpod.down]}" -v pd="${result[podman.down]}" \
      -v jm="${result[jpod.pss]}" -v pm="${result[podman.pss]}" 'BEGIN {
    printf "jpod/podman: play %.2f, down %.2f, pss %.2f\n", (pp ? jp / pp : 0), (pd ? jd / pd : 0), (pm ? jm / pm : 0) }'
fi
echo "(medians of $runs runs; runtime runc for both; user $user)"
