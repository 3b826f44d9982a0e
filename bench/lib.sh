# Set-up shared by the benchmarks (sourced): the user jpodbench (jpodbench$JPOD_BENCH_ID), a copy of the build it can read,
# the busybox rootfs tarball, and running a command as that user.
#   bench_setup        needs $repo; sets user, uid, home, run_dir, dist, work and builds/copies
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
