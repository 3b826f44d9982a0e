#!/usr/bin/env bash
# Builds a small root filesystem tarball from Debian's static busybox (package busybox-static),
# for `jpod import` (and `podman import`):
#
#   /bin/busybox and one symlink per applet (busybox --list), /sbin -> bin, /usr/bin/env
#   /etc/passwd, /etc/group (root, nobody, app uid/gid 1000), /etc/hosts (localhost)
#   /tmp (1777), /root (0700), /home/app (1000:1000) with /home/app/owned (1000:1000)
#   empty /proc /sys /dev /run /var/tmp as mount points
#
# Everything is owned by 0:0 except /home/app and what is in it (1000:1000), so tests can see
# distinct owners inside a container. The tarball is deterministic (sorted names, fixed mtime,
# numeric owners) and needs no root: ownership is set by GNU tar's --owner/--group, not chown.
#
# Usage: scripts/make-busybox-rootfs.sh OUT.tar      (BUSYBOX=/path/to/static/busybox to override)
set -euo pipefail

die() { echo "make-busybox-rootfs: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 OUT.tar"
out=$1
busybox=${BUSYBOX:-}
if [ -z "$busybox" ]; then
  for candidate in /usr/bin/busybox /bin/busybox; do
    [ -x "$candidate" ] && { busybox=$candidate; break; }
  done
fi
[ -n "$busybox" ] && [ -x "$busybox" ] || die "no busybox found: apt-get install busybox-static"
if command -v ldd >/dev/null && ldd "$busybox" >/dev/null 2>&1; then
  die "$busybox is dynamically linked; a rootfs needs the static one (apt-get install busybox-static)"
fi
tar --version 2>/dev/null | grep -q 'GNU tar' || die "GNU tar is required"

work=$(mktemp -d "${TMPDIR:-/tmp}/bbrootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
umask 022
mkdir -p "$root"/{bin,etc,usr/bin,root,tmp,var/tmp,proc,sys,dev,run,home/app}

cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
"$busybox" --list | sort -u | while read -r applet; do
  case "$applet" in
    ""|busybox|*/*) continue ;;
  esac
  ln -s busybox "$root/bin/$applet"
done
ln -s bin "$root/sbin"
ln -s ../../bin/busybox "$root/usr/bin/env"

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
app:x:1000:
nogroup:x:65534:
GROUP
cat > "$root/etc/hosts" <<'HOSTS'
127.0.0.1	localhost
::1	localhost ip6-localhost ip6-loopback
HOSTS
echo "owned by app (1000:1000)" > "$root/home/app/owned"

chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0700 "$root/root"
chmod 0755 "$root/home/app"
chmod 0644 "$root/etc/passwd" "$root/etc/group" "$root/etc/hosts" "$root/home/app/owned"

common=(--format=gnu --sort=name --mtime=@0 --numeric-owner --no-acls --no-xattrs --no-selinux)
tmp_out="$out.tmp.$$"
# Pass 1: everything but /home/app, owned by root.
tar -C "$root" -cf "$tmp_out" "${common[@]}" --owner=0 --group=0 --exclude=./home/app .
# Pass 2: append /home/app (the directory and what is in it), owned by app.
tar -C "$root" -rf "$tmp_out" "${common[@]}" --owner=1000 --group=1000 ./home/app
mv -f "$tmp_out" "$out"
echo "make-busybox-rootfs: wrote $out ($(tar -tf "$out" | wc -l) entries, $(du -k "$out" | cut -f1) KiB)" >&2
