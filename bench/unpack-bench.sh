#!/usr/bin/env bash
# Layer unpack throughput by compression: one generated layer (MB megabytes of a tar, half random
# bytes, half generated text, as pull-bench.sh makes), stored plain, gzip -6 and zstd -3, each
# `jpod import`ed RUNS times (as root, store in a temp dir; the image is removed between runs).
#
#   bench/unpack-bench.sh [-n RUNS] [-m MB]   (as root; RUNS defaults to 3, MB to 200)
#
# Prints per format the median wall time and uncompressed MB/s. An import reads the blob, hashes
# it and its tar, unpacks every file, and keeps the blob (a plain tar is gzip-compressed to be kept,
# so "tar" pays for a compression the others do not). Needs python3, gzip and zstd.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3
mb=200
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -m) mb=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] [-m MB]" >&2; exit 2 ;;
  esac
done
die() { echo "Error: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
for t in python3 gzip zstd; do command -v $t >/dev/null || die "$t is missing"; done
[ -r "$repo/target/jpod.jar" ] || (cd "$repo" && mvn -q package -DskipTests)

work=$(mktemp -d /tmp/unpack-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export JPOD_ROOT=$work/jpod-root JPOD_RUNROOT=$work/jpod-run
jpod() { "$repo/bin/jpod" "$@"; }

python3 - "$work/layer.tar" "$mb" <<'PY'
import io, os, random, sys, tarfile
out, mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
words = [w.encode() for w in "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda container image layer registry".split()]
def chunk(size):
    parts, n = [], 0
    while n < size:
        b = os.urandom(rng.randint(512, 4096)) if rng.random() < 0.5 else b" ".join(rng.choice(words) for _ in range(rng.randint(60, 600))) + b"\n"
        parts.append(b); n += len(b)
    return b"".join(parts)[:size]
with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as t:
    left, i = mb << 20, 0
    while left > 0:
        size = min(left, rng.randint(256 << 10, 4 << 20))
        ti = tarfile.TarInfo(f"data/file{i:04d}.bin"); ti.size = size; ti.mode = 0o644; ti.mtime = 1600000000
        t.addfile(ti, io.BytesIO(chunk(size))); left -= size; i += 1
PY
gzip -6 -k -c "$work/layer.tar" >"$work/layer.tar.gz"
zstd -q -3 -c "$work/layer.tar" >"$work/layer.tar.zst"
size=$(stat -c %s "$work/layer.tar")
jpod images >/dev/null
printf '%-8s %12s %10s %10s\n' format blob_MB median_s MB/s
for f in tar tar.gz tar.zst; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    jpod import -q "$work/layer.$f" localhost/unpack:1 >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
    jpod rmi localhost/unpack:1 >/dev/null
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-8s %12.1f %10.2f %10.1f\n' "$f" "$(echo "$(stat -c %s "$work/layer.$f") / 1048576" | bc -l)" "$median" \
    "$(echo "$size / 1048576 / $median" | bc -l)"
done
