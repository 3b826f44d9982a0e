#!/usr/bin/env bash
# Benchmarks a cold `pull` of a 4-layer image (>= 200 MB uncompressed, compressible but not
# trivially: random bytes mixed with generated text) from a local registry, for jpod and, when it
# is installed, podman, and prints jpod/podman ratios.
#
#   bench/pull-bench.sh [-n RUNS] [-m MB]   (as root; RUNS defaults to 3, MB (total) to 240)
#
# Steps: starts Debian's docker-registry on 127.0.0.1 (a free port, storage in a temp dir); writes
# a docker-archive of 4 layer tars with python3, `jpod load`s it and `jpod push --tls-verify=false`
# es it; then, RUNS times each, `jpod rmi` + `jpod pull --tls-verify=false` (cold: no layer kept)
# and `podman rmi -a -f` + `podman pull --tls-verify=false`. Medians are printed:
#   pull_s  wall time of the pull (manifest, config, download, gunzip, unpack, record)
#   MB/s    uncompressed layer bytes / pull_s
# jpod runs as root with JPOD_ROOT/JPOD_RUNROOT in the temp dir; podman with its own --root and
# --runroot there (the system store is untouched) and --runtime runc (pull runs no container).
# BENCH_TOOLS="jpod" (or "podman") measures only those. Builds jpod if target/jpod.jar is missing.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3
mb=240
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -m) mb=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] [-m MB]" >&2; exit 2 ;;
  esac
done

die() { echo "Error: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
command -v docker-registry >/dev/null || die "docker-registry is missing (apt-get install docker-registry)"
command -v python3 >/dev/null || die "python3 is missing"
tools=${BENCH_TOOLS:-"jpod podman"}
if ! command -v podman >/dev/null; then
  tools=${tools//podman/}
fi
[ -r "$repo/target/jpod.jar" ] || (cd "$repo" && mvn -q package -DskipTests)

work=$(mktemp -d /tmp/pull-bench.XXXXXX)
registry_pid=
cleanup() {
  set +e
  if [ -n "$registry_pid" ]; then
    kill "$registry_pid" 2>/dev/null
    wait "$registry_pid" 2>/dev/null
  fi
  if command -v podman >/dev/null && [ -d "$work/podman-root" ]; then
    podman --root "$work/podman-root" --runroot "$work/podman-runroot" --runtime runc rmi -a -f >/dev/null 2>&1 || true
    podman --root "$work/podman-root" --runroot "$work/podman-runroot" --runtime runc system reset -f >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || die "the registry did not start: $(cat "$work/registry.log")"

echo "Writing a 4-layer docker-archive of ${mb} MB..." >&2
total=$(python3 - "$work/image.tar" "$mb" <<'PY'
import hashlib, io, json, os, random, sys, tarfile, time
out, total_mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
words = [w.encode() for w in ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
         "sigma tau upsilon phi chi psi omega container image layer registry manifest config digest").split()]
def chunk(size):
    # about half random bytes, half generated text: gzip gets it to roughly 55-60 %
    parts, n = [], 0
    while n < size:
        if rng.random() < 0.5:
            b = os.urandom(rng.randint(512, 4096))
        else:
            b = b" ".join(rng.choice(words) for _ in range(rng.randint(60, 600))) + b"\n"
        parts.append(b); n += len(b)
    return b"".join(parts)[:size]
layer_bytes = total_mb * 1024 * 1024 // 4
diff_ids, tars, total = [], [], 0
for l in range(4):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        d = tarfile.TarInfo(f"data{l}"); d.type = tarfile.DIRTYPE; d.mode = 0o755; d.mtime = 1600000000
        t.addfile(d)
        left, i = layer_bytes, 0
        while left > 0:
            size = min(left, rng.randint(256 << 10, 4 << 20))
            ti = tarfile.TarInfo(f"data{l}/file{i:04d}.bin"); ti.size = size; ti.mode = 0o644; ti.mtime = 1600000000
            t.addfile(ti, io.BytesIO(chunk(size)))
            left -= size; i += 1
    data = buf.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(data).hexdigest()); tars.append(data); total += len(data)
config = json.dumps({"architecture": "amd64", "os": "linux", "created": "2020-09-13T12:26:40Z",
                     "config": {"Cmd": ["/bin/sh"]}, "rootfs": {"type": "layers", "diff_ids": diff_ids},
                     "history": [{"created": "2020-09-13T12:26:40Z", "created_by": f"layer {i}"} for i in range(4)]}).encode()
cid = hashlib.sha256(config).hexdigest()
def add(t, name, data):
    ti = tarfile.TarInfo(name); ti.size = len(data); ti.mode = 0o644; ti.mtime = 1600000000
    t.addfile(ti, io.BytesIO(data))
with tarfile.open(out, "w") as t:
    layers = []
    for d, data in zip(diff_ids, tars):
        name = d[7:] + "/layer.tar"; layers.append(name); add(t, name, data)
    add(t, cid + ".json", config)
    add(t, "manifest.json", json.dumps([{"Config": cid + ".json", "RepoTags": ["localhost/pullbench:latest"], "Layers": layers}]).encode())
print(total)
PY
)

export JPOD_ROOT=$work/jpod-root JPOD_RUNROOT=$work/jpod-run
jpod() { "$repo/bin/jpod" "$@"; }
image=127.0.0.1:$port/bench/pullbench:latest
jpod load -q -i "$work/image.tar" >/dev/null
jpod push -q --tls-verify=false localhost/pullbench:latest "$image"
jpod rmi -a -f >/dev/null
rm -f "$work/image.tar"
compressed=$(curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json' \
  "http://127.0.0.1:$port/v2/bench/pullbench/manifests/latest" \
  | python3 -c 'import json,sys; print(sum(l["size"] for l in json.load(sys.stdin)["layers"]))')

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # tool -> prints one pull time per run
  local tool=$1 t0 t1
  for _ in $(seq "$runs"); do
    case $tool in
      jpod)
        jpod rmi -a -f >/dev/null 2>&1 || true
        sync; t0=$(now); jpod pull -q --tls-verify=false "$image" >/dev/null; t1=$(now) ;;
      podman)
        pod=(podman --root "$work/podman-root" --runroot "$work/podman-runroot" --runtime runc)
        "${pod[@]}" rmi -a -f >/dev/null 2>&1 || true
        sync; t0=$(now); "${pod[@]}" pull -q --tls-verify=false "$image" >/dev/null; t1=$(now) ;;
    esac
    echo "$t1 - $t0" | bc -l
  done
}

printf 'image: %s, 4 layers, %.1f MB uncompressed, %.1f MB compressed; %s runs each (median)\n' \
  "$image" "$(echo "$total / 1000000" | bc -l)" "$(echo "$compressed / 1000000" | bc -l)" "$runs"
printf '%-8s %8s %8s   %s\n' tool pull_s MB/s runs_s
declare -A result
for tool in $tools; do
  times=$(measure "$tool")
  m=$(echo "$times" | median)
  result[$tool]=$m
  printf '%-8s %8.2f %8.1f   %s\n' "$tool" "$m" "$(echo "$total / 1000000 / $m" | bc -l)" "$(echo $times | tr '\n' ' ')"
done
if [ -n "${result[jpod]:-}" ] && [ -n "${result[podman]:-}" ]; then
  printf 'jpod/podman pull time ratio: %.2f\n' "$(echo "${result[jpod]} / ${result[podman]}" | bc -l)"
fi
