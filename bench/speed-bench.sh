#!/usr/bin/env bash
# The speed issue's table in one run: jpod against podman (same user, same image, runc for both),
# side by side, runs interleaved (jpod, podman, jpod, podman...), medians.
#
#   bench/speed-bench.sh [-n RUNS]        (as root; RUNS defaults to 15)
#
# Measured:
#   version         `version`, wall time (the start-up floor of a command)
#   ps (empty)      `ps` with no container
#   play -> ready   `kube play` of a 2-container pod until its hostPort answers (busybox httpd)
#   kube down       `kube down` of it until the port is closed and its processes are gone
#   ps -a json      `ps -a --format json` with 10 idle pods present
#   pod ps          `pod ps` with the same 10 pods
#   10 pods, play   `kube play` of one file of 10 pods until all 20 containers run (fewer runs)
#   PSS per pod     memory the 10 idle pods keep (PSS of every process they added) / 10; for jpod twice: with
#                   the command service's PSS counted in, as if the 10 pods alone kept it up (2 s after the play),
#                   and once the service has ended, idle (jpod's commands run with JPOD_SERVICE_IDLE=15)
# and jpod/podman ratios, with the issue's goals beside them. version, ps, ps -a json and pod ps are measured a
# third time as "jpod alone" (JPOD_NO_SERVICE=1: a JVM of their own, no command service).
#
# Runs as root and switches to the user jpodbench (XDG_RUNTIME_DIR=/tmp/jpod-bench-run), like
# bench/play-bench.sh. Builds jpod if target/jpod.jar is missing. Host port 18181 (or $BENCH_PORT) must be free.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=15
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
die() { bench_die "$@"; }
bench_needs_podman
port=${BENCH_PORT:-18181} # BENCH_PORT: another, for a run beside one on the default port
tools=(jpod podman)

# ---------------------------------------------------------------- the user, the build, the image
bench_setup

sleeper="trap 'exit 0' TERM; while true; do sleep 1 & wait \$!; done"
cat > "$work/web.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: benchweb
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: httpd
    image: localhost/busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo ready > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports:
    - containerPort: 8080
      hostPort: $port
  - name: side
    image: localhost/busybox:latest
    command: ["sh", "-c", "$sleeper"]
EOF
for tool in "${tools[@]}"; do
  bench_idle_pods "$work/idle-$tool.yaml" "$tool"
done
chmod -R a+rX "$work"

# ---------------------------------------------------------------- measuring
answers() { busybox wget -q -O- "http://127.0.0.1:$port/" 2>/dev/null | grep -q ready; }
port_closed() { ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
service_gone() { ! pgrep -u "$user" -f io.jpod.cli.CommandServer >/dev/null; }
web_gone() { ! grep -q -a -e 'httpd -f -p 8080' /proc/[0-9]*/cmdline 2>/dev/null; }
pss_of() { # pids... -> KiB
  local total=0 pid kib
  for pid in "$@"; do
    kib=$(awk '/^Pss:/ { print $2; exit }' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
    total=$((total + ${kib:-0}))
  done
  echo "$total"
}
timed() { # file tool args... : appends the wall ms of `tool args` to file
  local file=$1 tool=$2 t0; shift 2
  t0=$(now_ms)
  # shellcheck disable=SC2046
  as_user $(tool_cmd "$tool") "$@" >/dev/null 2>"$work/stderr" || die "$tool $*: $(cat "$work/stderr")"
  echo $(( $(now_ms) - t0 )) >> "$file"
}

for tool in "${tools[@]}"; do
  echo "==> $tool: reset, import the busybox image" >&2
  bench_fresh "$tool"
done
as_user "$dist/bin/jpod" version >/dev/null
bench_trained
as_user "$dist/bin/jpod" kube validate "$work/web.yaml" >/dev/null 2>&1 || true # the kube profile's cache
bench_trained

echo "==> $runs interleaved runs of version, ps, play -> ready, kube down" >&2
for i in $(seq 0 "$runs"); do
  for tool in "${tools[@]}"; do
    suffix=""; [ "$i" = 0 ] && suffix=".warm" # run 0 warms up and is not counted
    timed "$work/$tool.version$suffix" "$tool" version
    timed "$work/$tool.ps-empty$suffix" "$tool" ps
    if [ "$tool" = jpod ]; then
      timed "$work/jpod-alone.version$suffix" jpod-alone version
      timed "$work/jpod-alone.ps-empty$suffix" jpod-alone ps
    fi
    t0=$(now_ms)
    # shellcheck disable=SC2046
    as_user $(tool_cmd "$tool") kube play "$work/web.yaml" >/dev/null 2>"$work/stderr" || die "$tool kube play: $(cat "$work/stderr")"
    wait_until 60 answers || die "$tool: port $port did not answer"
    echo $(( $(now_ms) - t0 )) >> "$work/$tool.play$suffix"
    t0=$(now_ms)
    # shellcheck disable=SC2046
    as_user $(tool_cmd "$tool") kube down "$work/web.yaml" >/dev/null 2>"$work/stderr" || die "$tool kube down: $(cat "$work/stderr")"
    wait_until 60 port_closed || die "$tool: port $port stayed open"
    wait_until 60 web_gone || die "$tool: httpd stayed"
    echo $(( $(now_ms) - t0 )) >> "$work/$tool.down$suffix"
  done
  [ "$i" = 0 ] || echo "    run $i: version $(tail -1 "$work/jpod.version")/$(tail -1 "$work/podman.version") ms, play $(tail -1 "$work/jpod.play")/$(tail -1 "$work/podman.play") ms, down $(tail -1 "$work/jpod.down")/$(tail -1 "$work/podman.down") ms (jpod/podman)" >&2
done

echo "==> 10 pods in one file, played in parallel ($(( (runs + 4) / 5 )) runs each), then left idle" >&2
for i in $(seq 1 $(( (runs + 4) / 5 ))); do
  for tool in "${tools[@]}"; do
    before=" $(user_pids | tr '\n' ' ') "
    t0=$(now_ms)
    # shellcheck disable=SC2046
    as_user $(tool_cmd "$tool") kube play "$work/idle-$tool.yaml" >/dev/null 2>"$work/stderr" || die "$tool kube play (10 pods): $(cat "$work/stderr")"
    wait_until 120 idle_running "$tool" || die "$tool: the 10 pods did not all run"
    echo $(( $(now_ms) - t0 )) >> "$work/$tool.play10"
    sleep 2 # start-up transients (exit commands, helpers) go
    added=()
    for pid in $(user_pids); do
      case "$before" in *" $pid "*) ;; *) added+=("$pid") ;; esac
    done
    service_pss=0
    if [ "$tool" = jpod ]; then # the command service, up since earlier commands: counted as the pods'
      service_pss=$(pss_of $(pgrep -u "$user" -f io.jpod.cli.CommandServer))
      echo "$service_pss" >> "$work/jpod.service-pss"
    fi
    echo $(( ($(pss_of "${added[@]}") + service_pss) / 10 )) >> "$work/$tool.pss"
    if [ "$tool" = jpod ]; then # and once the service has ended, idle: what the pods alone keep
      wait_until 60 service_gone || die "jpod: the command service did not end when idle"
      echo $(( $(pss_of "${added[@]}") / 10 )) >> "$work/jpod.pss-idle"
    fi
    if [ "$i" -lt $(( (runs + 4) / 5 )) ]; then
      # shellcheck disable=SC2046
      as_user $(tool_cmd "$tool") kube down "$work/idle-$tool.yaml" >/dev/null 2>"$work/stderr" || die "$tool kube down (10 pods): $(cat "$work/stderr")"
      wait_until 120 idle_gone "$tool" || die "$tool: the 10 pods did not stop: $(grep -l -a -e ": idle-$tool;" /proc/[0-9]*/cmdline 2>/dev/null | tr '\n' ' ')"
    fi
  done
done

echo "==> $runs interleaved runs of ps -a --format json and pod ps with both tools' 10 idle pods" >&2
for i in $(seq 0 "$runs"); do
  for tool in "${tools[@]}"; do
    suffix=""; [ "$i" = 0 ] && suffix=".warm"
    timed "$work/$tool.psjson$suffix" "$tool" ps -a --format json
    timed "$work/$tool.podps$suffix" "$tool" pod ps
    if [ "$tool" = jpod ]; then
      timed "$work/jpod-alone.psjson$suffix" jpod-alone ps -a --format json
      timed "$work/jpod-alone.podps$suffix" jpod-alone pod ps
    fi
  done
done
for tool in "${tools[@]}"; do
  # shellcheck disable=SC2046
  as_user $(tool_cmd "$tool") kube down "$work/idle-$tool.yaml" >/dev/null 2>&1 || true
  bench_reset "$tool"
done

# ---------------------------------------------------------------- the table
row() { # label key unit goal [jpod's variant]
  local j p
  if [ "${5:-}" = jpod-idle ]; then j=$(median < "$work/jpod.$2-idle"); else j=$(median < "$work/${5:-jpod}.$2"); fi
  p=$(median < "$work/podman.$2")
  awk -v l="$1" -v j="$j" -v p="$p" -v u="$3" -v g="$4" \
    'BEGIN { printf "| %-22s | %8s %-3s | %8s %-3s | %5.2f | %-22s |\n", l, j, u, p, u, (p ? j / p : 0), g }'
}
echo
echo "| measure                |        jpod     |      podman     | ratio | goal (jpod/podman)     |"
echo "|------------------------|-----------------|-----------------|-------|------------------------|"
row "version" version ms "jpod <= 150 ms"
row "version, jpod alone" version ms "jpod <= 150 ms" jpod-alone
row "ps (empty store)" ps-empty ms "jpod <= 200 ms"
row "ps (empty), jpod alone" ps-empty ms "jpod <= 200 ms" jpod-alone
row "play -> ready" play ms "<= 0.8"
row "kube down" down ms "<= 0.8"
row "ps -a --format json" psjson ms "<= 1.5 (aim 1.0)"
row "ps -a json, jpod alone" psjson ms "<= 1.5 (aim 1.0)" jpod-alone
row "pod ps" podps ms "<= 1.5 (aim 1.0)"
row "pod ps, jpod alone" podps ms "<= 1.5 (aim 1.0)" jpod-alone
row "10 pods, play" play10 ms "<= 0.5"
row "PSS per pod, service up" pss KiB "none: ends when idle"
row "PSS per idle pod" pss KiB "<= 1.0" jpod-idle
echo
echo "(jpod's PSS per pod counts its command service in: $(median < "$work/jpod.service-pss") KiB, the median of its PSS)"
echo "(medians of $runs interleaved runs, $(( (runs + 4) / 5 )) for the 10-pod file; runc for both; user $user; $(nproc) cores)"
