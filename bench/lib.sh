# Set-up shared by the benchmarks (sourced): the user jpodbench (jpodbench$JPOD_BENCH_ID), a copy of the build it can read,
# the busybox rootfs tarball, and running a command as that user.
#   bench_setup        needs $repo; sets user, uid, sub_start, sub_count, home, run_dir, dist, work and builds/copies
#                      (JPOD_BENCH_ID=X: the user jpodbenchX, with directories of its own, so that a
#                      benchmark can run beside another one; its subuid range is useradd's)
#   as_user CMD...     runs CMD as the user in $work, with a clean environment
#   tool_cmd TOOL      the command line of jpod, jpod-alone (JPOD_NO_SERVICE=1) or podman (runc, or $PODMAN_RUNTIME)
#   bench_fresh TOOL   resets TOOL's store and imports the busybox image as localhost/busybox:latest
#   bench_trained      waits for bin/jpod's AOT cache training, if one runs, to end
#   bench_reset TOOL   resets TOOL's store (what a benchmark leaves at its end)
#   bench_idle_ready TOOL...  each TOOL's 10 idle pods written ($work/idle-TOOL.yaml), its store fresh, jpod's caches trained
#   now_ms, wait_until TIMEOUT CMD..., median, user_pids: measuring (see each)

bench_die() { echo "Error: $*" >&2; exit 1; }
bench_needs_podman() {
  command -v podman >/dev/null || bench_die "podman is not installed: this benchmark compares jpod with it (apt-get install podman)"
}

bench_setup() {
  [ "$(id -u)" = 0 ] || bench_die "run as root: the benchmark creates the user jpodbench and switches to it"
  # JPOD_BENCH_ID=X: a user jpodbenchX and directories of its own, for a run beside another one
  user=jpodbench${JPOD_BENCH_ID:-}
  run_dir=/tmp/jpod-bench${JPOD_BENCH_ID:-}-run
  dist=/tmp/jpod-bench${JPOD_BENCH_ID:-}-dist
  work=/tmp/jpod-bench${JPOD_BENCH_ID:-}-work
  id -u "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
  grep -q "^$user:" /etc/subuid || usermod --add-subuids 300000-365535 "$user"
  grep -q "^$user:" /etc/subgid || usermod --add-subgids 300000-365535 "$user"
  uid=$(id -u "$user")
  read -r sub_start sub_count < <(awk -F: -v u="$user" '$1 == u { print $2, $3; exit }' /etc/subuid)
  home=$(getent passwd "$user" | cut -d: -f6)
  [ -r "$repo/target/jpod.jar" ] || (cd "$repo" && mvn -q -B -Dstyle.color=never package -DskipTests)
  rm -rf "$dist" "$work"
  mkdir -p "$dist/target" "$work" "$run_dir"
  cp -a "$repo/bin" "$dist/"
  cp -a "$repo/target/jpod.jar" "$repo/target/lib" "$dist/target/"
  [ -x "$repo/target/jpod-client" ] && cp -a "$repo/target/jpod-client" "$dist/target/" # the command service's native client
  [ -x "$repo/target/jpod-exec" ] && cp -a "$repo/target/jpod-exec" "$dist/target/" # the exec probes' helper
  chmod -R a+rX "$dist"
  chown "$user:" "$run_dir"
  chmod 0700 "$run_dir"
  bash "$repo/scripts/make-busybox-rootfs.sh" "$work/busybox-rootfs.tar" 2>/dev/null
}

as_user() {
  (cd "$work" && runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
      PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$run_dir" "$@")
}

tool_cmd() { # tool -> its command line (word-split by the caller: `as_user $(tool_cmd jpod) ps`)
  case "$1" in
    jpod) echo "env JPOD_SERVICE_IDLE=${bench_service_idle:-15} $dist/bin/jpod" ;; # a command service that ends 15 s (or bench_service_idle) after the last command, not 60
    jpod-alone) echo "env JPOD_NO_SERVICE=1 $dist/bin/jpod" ;;
    podman) echo "podman --runtime ${PODMAN_RUNTIME:-runc}" ;;
    *) bench_die "tool_cmd: no tool $1" ;;
  esac
}

bench_reset() { # tool
  # shellcheck disable=SC2046
  as_user $(tool_cmd "$1") system reset -f >/dev/null 2>&1 || true
}

bench_fresh() { # tool
  bench_reset "$1"
  # shellcheck disable=SC2046
  as_user $(tool_cmd "$1") import --change ENV=PATH=/bin:/usr/bin "$work/busybox-rootfs.tar" localhost/busybox:latest >/dev/null \
    2>"$work/stderr" || bench_die "$1 import failed: $(cat "$work/stderr")"
}

bench_trained() { # bin/jpod trains its AOT caches in the background on a new build: a measure must not share the CPU with it
  local _
  for _ in $(seq 1 600); do
    pgrep -u "$user" -f -- -XX:AOTCacheOutput >/dev/null || return 0
    sleep 0.2
  done
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

wait_until() { # timeout-seconds command...: whether the command succeeded within the timeout (tried every 20 ms)
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.02
  done
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

user_pids() { # the pids of the user's processes and of its subordinate uids' (its containers')
  local d u
  for d in /proc/[0-9]*; do
    u=$(awk '/^Uid:/ { print $2; exit }' "$d/status" 2>/dev/null) || continue
    [ -n "$u" ] || continue
    if [ "$u" = "$uid" ] || { [ "$u" -ge "$sub_start" ] && [ "$u" -lt $((sub_start + sub_count)) ]; }; then
      echo "${d#/proc/}"
    fi
  done
}

# bench_idle_pods FILE TAG: writes FILE, 10 pods of 2 busybox containers each (idle1-TAG..idle10-TAG) that stop
# at once on SIGTERM; every container's command line holds ": idle-TAG;", which bench_count_marked finds.
bench_idle_pods() {
  local file=$1 tag=$2 i
  local sleeper="trap 'exit 0' TERM; while true; do sleep 1 & wait \$!; done"
  : > "$file"
  for i in $(seq 1 10); do
    cat >> "$file" <<EOP
---
apiVersion: v1
kind: Pod
metadata:
  name: idle$i-$tag
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: a
    image: localhost/busybox:latest
    command: ["sh", "-c", ": idle-$tag; $sleeper"]
  - name: b
    image: localhost/busybox:latest
    command: ["sh", "-c", ": idle-$tag; $sleeper"]
EOP
  done
}

# bench_count_marked TEXT: how many processes have TEXT (no regex characters) in their command line; its first
# character in brackets, so that grep does not count itself.
bench_count_marked() { grep -l -a -e "[${1:0:1}]${1:1}" /proc/[0-9]*/cmdline 2>/dev/null | wc -l; }
idle_running() { [ "$(bench_count_marked ": idle-$1;")" -ge 20 ]; } # TAG: all 20 containers of bench_idle_pods run
idle_gone() { [ "$(bench_count_marked ": idle-$1;")" -eq 0 ]; }     # TAG: none is left

bench_idle_ready() { # tools...: after bench_setup
  local tool
  for tool in "$@"; do
    bench_idle_pods "$work/idle-$tool.yaml" "$tool"
  done
  chmod -R a+rX "$work"
  for tool in "$@"; do
    echo "==> $tool: reset, import the busybox image" >&2
    bench_fresh "$tool"
  done
  as_user "$dist/bin/jpod" kube validate "$work/idle-jpod.yaml" >/dev/null 2>&1 || true # a new build trains its caches
  bench_trained
}

idle_play() { # TOOL [kube play options...]: plays $work/idle-TOOL.yaml and waits until its 20 containers run
  local tool=$1; shift
  # shellcheck disable=SC2046
  as_user $(tool_cmd "$tool") kube play "$@" "$work/idle-$tool.yaml" >/dev/null 2>"$work/stderr" \
    || bench_die "$tool kube play: $(cat "$work/stderr")"
  wait_until 120 idle_running "$tool" || bench_die "$tool: the 10 pods did not all run"
}

idle_down() { # TOOL: kube down of $work/idle-TOOL.yaml, and waits until none of its containers is left
  # shellcheck disable=SC2046
  as_user $(tool_cmd "$1") kube down "$work/idle-$1.yaml" >/dev/null 2>"$work/stderr" || bench_die "$1 kube down: $(cat "$work/stderr")"
  wait_until 120 idle_gone "$1" || bench_die "$1: the 10 pods did not stop"
}
