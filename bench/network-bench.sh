#!/usr/bin/env bash
# Requests per second and latency (median and 99th percentile) of one small HTTP server, busybox httpd
# in a pod, reached on the paths the pod network offers, jpod and podman side by side in one run:
#   host       the same httpd run on the host, on its loopback: the limit
#   published  the pod's hostPort from the host: jpod with slirp4netns per pod (the default), jpod on its
#              shared network (--network bridge: pasta out, a slirp4netns for the ports, nftables; and with
#              --network-backend slirp4netns: one slirp4netns for both), podman's kube play (rootlessport)
#   pod-to-pod a client in another pod's network namespace, to the server pod's address: jpod's shared
#              network, podman's kube network (slirp4netns per pod has no such path)
#   outbound   that client to the host's httpd through host.containers.internal (10.0.2.2): jpod's shared network
# and the helpers' memory (RSS of slirp4netns, pasta, aardvark-dns, rootlessport... with the two pods up).
# The load client is bench/net/Load.java (HTTP/1.0, a connection per request, THREADS at once).
# Usage (as root): bench/network-bench.sh [-s SECONDS] [-c THREADS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/bench/lib.sh"
seconds=5
threads=4
while getopts "s:c:" o; do
  case "$o" in
    s) seconds=$OPTARG ;;
    c) threads=$OPTARG ;;
    *) bench_die "usage: $0 [-s SECONDS] [-c THREADS]" ;;
  esac
done
bench_setup
java=$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)
port=18790
load="$work/Load.java"
cp "$repo/bench/net/Load.java" "$load"
chmod 0644 "$load"
page='<html>'$(printf 'x%.0s' $(seq 1 1000))'</html>'

cat > "$work/net.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: netbench-server
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: localhost/busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo '$page' > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports:
    - containerPort: 8080
      hostPort: $port
---
apiVersion: v1
kind: Pod
metadata:
  name: netbench-client
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: localhost/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait \$!; done"]
YAML
chmod 0644 "$work/net.yaml"

jpod() { as_user "$dist/bin/jpod" "$@"; }
podman_() { as_user podman --runtime runc "$@"; }
load() { "$java" "$load" "$@" "$seconds" "$threads"; }            # HOST PORT -> "rps p50 p99"
in_netns() { local pid=$1; shift; nsenter -t "$pid" -n "$java" "$load" "$@" "$seconds" "$threads"; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; bench_die "port $1 does not answer"; }
helpers_rss() { ps -u "$user" -o rss=,comm= | awk '$2 ~ /slirp4netns|aardvark-dns|rootlessport|passt|pasta|netavark/ {s += $1; n[$2]++} END {printf "%d kB (", s; for (k in n) printf "%s×%d ", k, n[k]; printf ")"}'; }
eth0() { awk '{for (i = 1; i < NF; i++) if ($i == "inet") {sub("/.*", "", $(i + 1)); print $(i + 1); exit}}'; }

declare -A result
jpod import --change ENV=PATH=/bin:/usr/bin "$work/busybox-rootfs.tar" localhost/busybox:latest >/dev/null
jpod version >/dev/null
sleep 15 # the launcher's start-up cache, made in the background after a new build

# the host's own httpd: the limit
mkdir -p "$work/www" && echo "$page" > "$work/www/index.html"
busybox httpd -f -p 127.0.0.1:$((port + 1)) -h "$work/www" &
host_httpd=$!
wait_port $((port + 1))
result[host]=$(load 127.0.0.1 $((port + 1)))

for mode in slirp4netns bridge bridge-slirp4netns; do
  case "$mode" in
    bridge-slirp4netns) jpod --network-backend slirp4netns kube play --network bridge "$work/net.yaml" >/dev/null ;;
    *) jpod kube play --network "$mode" "$work/net.yaml" >/dev/null ;;
  esac
  wait_port "$port"
  result[published-jpod-$mode]=$(load 127.0.0.1 "$port")
  result[helpers-jpod-$mode]=$(helpers_rss)
  if [ "$mode" != slirp4netns ]; then
    server_ip=$(jpod exec netbench-server-web ip -4 -o addr show eth0 | eth0)
    client_pid=$(jpod ps -a --pod --format json | python3 -c 'import json,sys; print([c["Pid"] for c in json.load(sys.stdin) if c["IsInfra"] and c["PodName"] == "netbench-client"][0])')
    result[pod-jpod-$mode]=$(in_netns "$client_pid" "$server_ip" 8080)
    result[out-jpod-$mode]=$(in_netns "$client_pid" 10.0.2.2 $((port + 1)))
  fi
  jpod kube down "$work/net.yaml" >/dev/null
done
kill "$host_httpd"

if command -v podman >/dev/null; then
  podman_ import --change ENV=PATH=/bin:/usr/bin "$work/busybox-rootfs.tar" localhost/busybox:latest >/dev/null
  podman_ kube play "$work/net.yaml" >/dev/null
  wait_port "$port"
  result[published-podman]=$(load 127.0.0.1 "$port")
  result[helpers-podman]=$(helpers_rss)
  server_ip=$(podman_ exec netbench-server-web ip -4 -o addr show eth0 | eth0)
  infra=$(podman_ pod inspect netbench-client --format '{{.InfraContainerID}}')
  client_pid=$(podman_ inspect "$infra" --format '{{.State.Pid}}')
  result[pod-podman]=$(in_netns "$client_pid" "$server_ip" 8080)
  podman_ kube down "$work/net.yaml" >/dev/null
fi

echo
echo "HTTP GET of a 1 KB page, a connection per request, $threads at once, ${seconds} s each: requests/s, p50 ms, p99 ms"
printf '%-34s %s\n' "host (httpd on the host's loopback)" "${result[host]}"
printf '%-34s %s\n' "published, jpod slirp4netns" "${result[published-jpod-slirp4netns]}"
printf '%-34s %s\n' "published, jpod shared network" "${result[published-jpod-bridge]}"
printf '%-34s %s\n' "published, jpod shared, slirp4netns" "${result[published-jpod-bridge-slirp4netns]}"
printf '%-34s %s\n' "published, podman" "${result[published-podman]:-not measured (no podman)}"
printf '%-34s %s\n' "pod to pod, jpod shared network" "${result[pod-jpod-bridge]}"
printf '%-34s %s\n' "pod to pod, jpod shared, slirp4netns" "${result[pod-jpod-bridge-slirp4netns]}"
printf '%-34s %s\n' "pod to pod, podman" "${result[pod-podman]:-not measured (no podman)}"
printf '%-34s %s\n' "pod to host, jpod shared network" "${result[out-jpod-bridge]}"
printf '%-34s %s\n' "pod to host, jpod shared, slirp4netns" "${result[out-jpod-bridge-slirp4netns]}"
echo "network helpers with the two pods up (RSS):"
printf '  %-32s %s\n' "jpod slirp4netns" "${result[helpers-jpod-slirp4netns]}"
printf '  %-32s %s\n' "jpod shared network" "${result[helpers-jpod-bridge]}"
printf '  %-32s %s\n' "jpod shared, slirp4netns" "${result[helpers-jpod-bridge-slirp4netns]}"
printf '  %-32s %s\n' "podman" "${result[helpers-podman]:-}"
