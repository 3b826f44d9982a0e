#!/usr/bin/env bash
# slirp4netns and pasta side by side, each attached as jpod's shared network attaches its helper (to a network
# namespace bound to a file, in the user's own user namespace): start until ready, memory idle and after the
# runs, requests/s and p50/p99 latency (bench/net/Load.java, a connection per request, 4 at once) and the
# throughput of a 200 MB file, inbound (a host port forwarded to busybox httpd in the namespace) and outbound
# (the namespace to an httpd on the host's loopback, through the address that leads there).
# Usage (as root): bench/network-backends.sh [-s SECONDS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/bench/lib.sh"
seconds=5
while getopts "s:" o; do
  case "$o" in
    s) seconds=$OPTARG ;;
    *) bench_die "usage: $0 [-s SECONDS]" ;;
  esac
done
bench_setup
command -v pasta >/dev/null || bench_die "pasta is not installed (apt-get install passt)"
cp "$repo/bench/net/Load.java" "$work/Load.java"
dd if=/dev/urandom of="$work/big.bin" bs=1M count=200 status=none
chmod 0644 "$work/Load.java" "$work/big.bin"
cat > "$work/backends.sh" <<'SCRIPT'
set -u
seconds=$1; work=$2
J=$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)
# in the user's own run directory ($work is root's)
D=$3/backends; rm -rf "$D"; mkdir -p "$D/www"; cd "$D"
echo hello > "$D/www/index.html"; ln -s "$work/big.bin" "$D/www/big.bin"
ms() { date +%s%N; }
rss() { awk '/^Pss:/ {p = $2} END {printf "%d kB PSS", p}' "/proc/$1/smaps_rollup"; }
line() { printf '%-12s %-34s %s\n' "$1" "$2" "$3"; }
for backend in slirp4netns pasta; do
  touch "$D/ns"; unshare --net="$D/ns" true
  t0=$(ms)
  if [ "$backend" = slirp4netns ]; then
    ( exec 3>"$D/ready"; exec slirp4netns --configure --mtu=65520 --netns-type=path --api-socket "$D/api.sock" --ready-fd 3 "$D/ns" tap0 >/dev/null 2>&1 ) &
    pid=$!
    while ! grep -q 1 "$D/ready" 2>/dev/null; do sleep 0.001; done
    gw=10.0.2.2
  else
    pasta --config-net -q -P "$D/pasta.pid" -t 18811:8080 --netns "$D/ns"
    pid=$(cat "$D/pasta.pid")
    gw=$(nsenter --net="$D/ns" ip route | awk '/default/ {print $3; exit}')
  fi
  t1=$(ms)
  line "$backend" "start until ready" "$(( (t1 - t0) / 1000000 )) ms"
  sleep 0.5
  line "$backend" "memory, idle" "$(rss "$pid")"
  nsenter --net="$D/ns" ip link set lo up
  nsenter --net="$D/ns" busybox httpd -f -p 8080 -h "$D/www" & httpd=$!
  if [ "$backend" = slirp4netns ]; then
    python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.send(b'{\"execute\": \"add_hostfwd\", \"arguments\": {\"proto\": \"tcp\", \"host_addr\": \"127.0.0.1\", \"host_port\": 18811, \"guest_addr\": \"10.0.2.100\", \"guest_port\": 8080}}'); s.recv(999)" "$D/api.sock"
  fi
  sleep 0.3
  line "$backend" "inbound req/s, p50 ms, p99 ms" "$("$J" "$work/Load.java" 127.0.0.1 18811 "$seconds" 4)"
  t0=$(ms); busybox wget -q -O /dev/null http://127.0.0.1:18811/big.bin && t1=$(ms) \
    && line "$backend" "inbound 200 MB" "$(( 200000 / ((t1 - t0) / 1000000 + 1) )) MB/s" || line "$backend" "inbound 200 MB" "failed"
  kill "$httpd"
  busybox httpd -f -p 127.0.0.1:18812 -h "$D/www" & host=$!
  sleep 0.3
  line "$backend" "outbound req/s, p50 ms, p99 ms" "$(nsenter --net="$D/ns" "$J" "$work/Load.java" "$gw" 18812 "$seconds" 4)"
  t0=$(ms); nsenter --net="$D/ns" busybox wget -q -O /dev/null "http://$gw:18812/big.bin" 2>/dev/null && t1=$(ms) \
    && line "$backend" "outbound 200 MB" "$(( 200000 / ((t1 - t0) / 1000000 + 1) )) MB/s" || line "$backend" "outbound 200 MB" "failed"
  line "$backend" "memory after the runs" "$(rss "$pid")"
  kill "$host" "$pid" 2>/dev/null; sleep 0.5
  umount "$D/ns"; rm -f "$D/ns" "$D/ready" "$D/api.sock" "$D/pasta.pid"
done
SCRIPT
chmod 0644 "$work/backends.sh"
as_user unshare --user --map-root-user --map-auto --mount bash "$work/backends.sh" "$seconds" "$work" "$run_dir"
