# Set-up shared by the benchmarks (sourced): the user jpodbench (jpodbench$JPOD_BENCH_ID), a copy of the build it can read,
# the busybox rootfs tarball, and running a command as that user.
#   bench_setup        needs $repo; sets user, uid, home, run_dir, dist, work and builds/copies
#                      (JPOD_BENCH_ID=X: the user jpodbenchX, with directories of its own, so that a
#                      benchmark can run beside another one; its subuid range is useradd's)
#   as_user CMD...     runs CMD as the user in $work, with a clean environment

bench_die() { echo "Error: $*" >&2; exit 1; }

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
