#!/usr/bin/env bash
# Where the end-to-end suite's time went, from target/e2e-times/*.tsv (written by the harness on every run):
# the time of the commands each class ran, the slowest tests, and the total per jpod verb.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files=(target/e2e-times/*.tsv)
[ -e "${files[0]}" ] || { echo "no target/e2e-times/*.tsv: run the end-to-end tests first" >&2; exit 1; }
echo "== seconds in commands, per class (count)"
awk -F'\t' '{s[$1]+=$3; n[$1]++} END {for (c in s) printf "%8.1f %6d  %s\n", s[c]/1000, n[c], c}' "${files[@]}" | sort -rn
echo "== slowest tests (seconds in commands)"
awk -F'\t' '{s[$1"."$2]+=$3} END {for (c in s) printf "%8.1f  %s\n", s[c]/1000, c}' "${files[@]}" | sort -rn | head -25
echo "== per verb: total seconds, count, median ms"
awk -F'\t' '{split($4, w, " "); v=w[1]" "w[2]; if (w[1]=="jpod" && w[3] !~ /^-/ && w[3] != "") v=v" "w[3]; print v"\t"$3}' "${files[@]}" \
  | sort -t$'\t' -k1,1 -k2,2n \
  | awk -F'\t' '{k=$1; t[k]+=$2; a[k, ++n[k]]=$2} END {for (k in t) printf "%8.1f %6d %7d  %s\n", t[k]/1000, n[k], a[k, int((n[k]+1)/2)], k}' \
  | sort -rn | head -30
echo "== commands run by waits for a condition (polls): seconds, count"
awk -F'\t' '$5=="poll" {t+=$3; n++} END {printf "%8.1f %6d\n", t/1000, n}' "${files[@]}"
