#!/usr/bin/env bash
# What jpod's supervisor (jpod system supervise) costs: its own memory, and the CPU and memory each
# probed pod adds, with pods probed every 10 s as the lifecycle issue's targets say
# (supervisor under 64 MB RSS; an idle pod with a probe every 10 s well under 1 % of a core and 2 MB;
# pods with nothing to watch need no supervisor at all).
#
#   bench/supervisor-bench.sh [-s SECONDS] [-r]    (as root; SECONDS of CPU sampling, default 60)
#
# Plays, as the user jpodbench: 10 idle pods without probes (no supervisor may run), then 1 and 10
# pods with an HTTP readiness probe, then 10 with an exec readiness probe, each every 10 s; samples the
# supervisor's RSS and PSS, and its CPU time with its children's (jpod-exec, or runc exec) over SECONDS.
# -r: then the 10 exec-probed pods again with exec probes through runc exec (the build without jpod-exec),
# and the helper's once more, side by side in one run.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=60
runc_too=false
while [ $# -gt 0 ]; do
  case "$1" in
    -s) seconds=$2; shift 2 ;;
    -r) runc_too=true; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-s SECONDS] [-r]" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
bench_setup
jpod="$dist/bin/jpod"
as_user "$jpod" system reset -f >/dev/null 2>&1 || true
as_user "$jpod" import "$work/busybox-rootfs.tar" localhost/busybox:latest >/dev/null

pods() { # count kind(none|http|exec) -> a YAML file of that many pods
  local n=$1 kind=$2 f="$work/pods-$1-$2.yaml" i probe
  case "$kind" in
    none) probe="" ;;
    http) probe="    readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 10}" ;;
    exec) probe="    readinessProbe: {exec: {command: [\"true\"]}, periodSeconds: 10}" ;;
  esac
  : > "$f"
  for i in $(seq 1 "$n"); do
    cat >> "$f" <<YAML
---
apiVersion: v1
kind: Pod
metadata:
  name: $kind$i
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: localhost/busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
$probe
YAML
  done
  chmod a+r "$f"
  echo "$f"
}
supervisor_pid() { pgrep -u "$user" -f "system supervise" | head -1; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/smaps_rollup"; }
cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

measure() { # label file
  local label=$1 file=$2 pid t0 t1 c0 c1
  as_user "$jpod" kube play "$file" >/dev/null
  sleep 15 # the first probes, the JIT settling
  pid=$(supervisor_pid)
  [ -n "$pid" ] || bench_die "$label: no supervisor runs"
  c0=$(cpu_ticks "$pid"); t0=$(date +%s%N)
  sleep "$seconds"
  c1=$(cpu_ticks "$pid"); t1=$(date +%s%N)
  local pct
  pct=$(awk -v c=$((c1 - c0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", 100 * (c / hz) / (ns / 1e9) }')
  printf '%-28s supervisor RSS %6d KiB  PSS %6d KiB  CPU %5s %% of a core\n' "$label" "$(kib "$pid" Rss)" "$(kib "$pid" Pss)" "$pct"
  echo "$label $(kib "$pid" Rss) $(kib "$pid" Pss) $pct" >> "$work/results"
  as_user "$jpod" kube down "$file" >/dev/null
}

: > "$work/results"
f=$(pods 10 none)
as_user "$jpod" kube play "$f" >/dev/null
sleep 5
as_user "$jpod" pod ps >/dev/null
sleep 1
if [ -n "$(supervisor_pid)" ]; then bench_die "a supervisor runs for pods with nothing to watch"; fi
echo "10 pods without probes       no supervisor runs"
as_user "$jpod" kube down "$f" >/dev/null

measure "1 pod, HTTP probe / 10 s" "$(pods 1 http)"
measure "10 pods, HTTP probe / 10 s" "$(pods 10 http)"
measure "10 pods, exec probe / 10 s" "$(pods 10 exec)"
if $runc_too && [ -x "$dist/target/jpod-exec" ]; then
  no_supervisor() { # the next supervisor starts from the dist as it is now
    local i
    for i in $(seq 1 100); do [ -z "$(supervisor_pid)" ] && return; sleep 0.2; done
    bench_die "the supervisor does not end"
  }
  mv "$dist/target/jpod-exec" "$dist/jpod-exec.off"
  no_supervisor
  measure "10 pods, exec via runc / 10 s" "$(pods 10 exec)"
  mv "$dist/jpod-exec.off" "$dist/target/jpod-exec"
  no_supervisor
  measure "10 pods, exec probe / 10 s" "$(pods 10 exec)"
fi

awk '
  /^1 pod, HTTP/ { r1 = $(NF-2) }
  /^10 pods, HTTP/ { r10 = $(NF-2); c10 = $NF }
  /^10 pods, exec probe/ { e10 += $NF; en++ }
  /^10 pods, exec via runc/ { x10 = $NF; xn++ }
  END {
    printf "per probed pod (HTTP): %.0f KiB RSS, %.3f %% of a core; (exec): %.3f %% of a core\n",
      (r10 - r1) / 9, c10 / 10, e10 / en / 10
    if (xn) printf "per probed pod (exec through runc exec): %.3f %% of a core\n", x10 / 10
  }' "$work/results"
as_user "$jpod" system reset -f >/dev/null 2>&1 || true
