#!/usr/bin/env bash
# Sets up a fresh Debian 12 host for jpod and runs the demo, as root:
#
#   sudo scripts/setup.sh          # the demo runs as you (SUDO_USER)
#   scripts/setup.sh               # as root without sudo: the demo runs as a user "jpod" it creates
#
# It says what it does at each step. Idempotent: run it again at any time.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { echo "Error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run scripts/setup.sh as root (sudo scripts/setup.sh): it installs packages and sets up subordinate ids"

# ------------------------------------------------------------------ 1. packages and /dev/net/tun
say "1. Packages and rootless networking"
bash "$repo/scripts/prepare-host.sh"

# ------------------------------------------------------------------ 2. the user
say "2. The user who runs jpod (rootless: jpod never needs root)"
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
  user=$SUDO_USER
  note "using $user, who ran sudo"
else
  user=jpod
  if id -u "$user" >/dev/null 2>&1; then
    note "using the demo user $user (exists)"
  else
    useradd -m -s /bin/bash "$user"
    note "created the demo user $user (useradd -m); run jpod as that user (e.g. runuser -u $user -- bash -l)"
  fi
fi
uid=$(id -u "$user")
home=$(getent passwd "$user" | cut -d: -f6)

# ------------------------------------------------------------------ 3. subordinate ids
say "3. Subordinate uid/gid ranges for $user"
note "A rootless container has more than one uid (root, app users, nobody): the user namespace maps"
note "$user to root inside and a range from /etc/subuid and /etc/subgid to the rest, through the setuid"
note "helpers newuidmap/newgidmap (package uidmap)."
has_range() { grep -qE "^($user|$uid):[0-9]+:[0-9]+$" "$1" 2>/dev/null; }
if has_range /etc/subuid && has_range /etc/subgid; then
  note "$user has them: $(grep -E "^($user|$uid):" /etc/subuid | head -1) (subuid), $(grep -E "^($user|$uid):" /etc/subgid | head -1) (subgid)"
else
  # The first free 65536 ids above every range given out so far (and above 100000).
  start=$(cat /etc/subuid /etc/subgid 2>/dev/null | awk -F: 'NF == 3 { end = $2 + $3; if (end > max) max = end } END { print (max > 100000 ? max : 100000) }')
  end=$((start + 65535))
  has_range /etc/subuid || usermod --add-subuids "$start-$end" "$user"
  has_range /etc/subgid || usermod --add-subgids "$start-$end" "$user"
  note "gave $user the ids $start-$end (usermod --add-subuids/--add-subgids)"
fi
max_userns=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)
[ "$max_userns" -gt 0 ] || die "user namespaces are disabled (user.max_user_namespaces = $max_userns): sysctl -w user.max_user_namespaces=15000"
if [ -r /proc/sys/kernel/unprivileged_userns_clone ] && [ "$(cat /proc/sys/kernel/unprivileged_userns_clone)" != 1 ]; then
  note "unprivileged user namespaces are off: enabling (sysctl kernel.unprivileged_userns_clone=1)"
  sysctl -q -w kernel.unprivileged_userns_clone=1
fi

# ------------------------------------------------------------------ 4. runtime directory
say "4. Runtime directory"
if [ -d "/run/user/$uid" ]; then
  note "/run/user/$uid exists (systemd-logind): jpod keeps its runtime state in \$XDG_RUNTIME_DIR/jpod"
else
  note "no systemd/logind session here, so no XDG_RUNTIME_DIR: bin/jpod falls back to /tmp/jpod-run-$uid"
  note "(created 0700, owned by $user). It holds the user-namespace holder's pid, conmon sockets and exit files."
fi

# ------------------------------------------------------------------ 5. build
say "5. Building jpod (mvn -q -B package -DskipTests)"
(cd "$repo" && mvn -q -B -Dstyle.color=never package -DskipTests)
note "built $repo/target/jpod.jar, $repo/target/lib/ and the man pages in $repo/target/man/"

# ------------------------------------------------------------------ 5b. man pages and completion
say "5b. Man pages and bash completion"
man_dir=/usr/local/share/man/man1
mkdir -p "$man_dir"
install -m 0644 "$repo"/target/man/*.1 "$man_dir/"
command -v mandb >/dev/null && mandb -q >/dev/null 2>&1 || true
note "installed $(ls "$repo"/target/man/*.1 | wc -l) pages in $man_dir: man jpod, man jpod-kube-play..."

# ------------------------------------------------------------------ 6. a place the user can read
say "6. Where $user runs jpod from"
readable() {
  runuser -u "$user" -- sh -c 'test -x "$1/bin/jpod" && test -r "$1/target/jpod.jar" && test -r "$1/examples/kube/hello-pod.yaml" && ls "$1/target/lib" >/dev/null' _ "$1" 2>/dev/null
}
if readable "$repo"; then
  dist=$repo
  note "$user can read $repo: running from there"
else
  dist=/opt/jpod
  note "$user cannot read $repo (e.g. it is under /root): copying the build to $dist"
  rm -rf "$dist.new"
  mkdir -p "$dist.new/target"
  cp -a "$repo/bin" "$repo/examples" "$repo/scripts" "$dist.new/"
  cp -a "$repo/target/jpod.jar" "$repo/target/lib" "$dist.new/target/"
  [ -x "$repo/target/jpod-client" ] && cp -a "$repo/target/jpod-client" "$dist.new/target/"
  [ -x "$repo/target/jpod-exec" ] && cp -a "$repo/target/jpod-exec" "$dist.new/target/"
  chmod -R a+rX "$dist.new"
  rm -rf "$dist"
  mv "$dist.new" "$dist"
  readable "$dist" || die "$user cannot read $dist either; check the permissions of /opt"
  note "copied bin/, target/jpod.jar, target/lib/, target/jpod-client, target/jpod-exec, examples/ and scripts/ to $dist (world-readable)"
fi

# ------------------------------------------------------------------ 7. the demo image
say "7. The demo image: a busybox root filesystem"
tarball=$dist/target/busybox-rootfs.tar
bash "$repo/scripts/make-busybox-rootfs.sh" "$tarball"
chmod 0644 "$tarball"

# ------------------------------------------------------------------ 8. the demo, as the user
say "8. The demo, as $user"
as_user() {
  echo "\$ jpod $*"
  (cd "$dist" && runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
      PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 TERM="${TERM:-dumb}" bin/jpod "$@")
}
as_user import --change ENV=PATH=/bin:/usr/bin "$tarball" localhost/busybox:latest
as_user kube play examples/kube/hello-pod.yaml --replace
as_user pod ps
as_user ps -a
note "(waiting 5 s for the client to fetch the page a few times)"
sleep 5
as_user logs hello-server
as_user logs hello-client
as_user exec hello-server cat /etc/hostname
completion=/etc/bash_completion.d/jpod
mkdir -p "${completion%/*}"
(cd "$dist" && runuser -u "$user" -- env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 bin/jpod completion bash) > "$completion"
note "bash completion of jpod's commands and of the names in the store: $completion (zsh, fish: jpod completion zsh|fish)"

say "Done. The pod hello keeps running without needing any jpod process (conmon watches each container)."
note "(The command service that ran these commands ends by itself after a minute without one: README.md.)"
note "As $user, in $dist:"
note "  bin/jpod logs -f hello-client                      # follow the client"
note "  bin/jpod kube down examples/kube/hello-pod.yaml    # stop and remove the pod"
note "  bin/jpod system reset -f                           # remove all of $user's jpod state"
note "From root: runuser -u $user -- $dist/bin/jpod kube down $dist/examples/kube/hello-pod.yaml"
