#!/usr/bin/env bash
# A/B timing of two dossier binaries on the same input, runs alternating so
# that both see the same machine load. Prints wall and CPU seconds per run
# and the medians, then checks that each binary builds byte-identical
# output twice.
# Usage: bench/ab.sh OLD_BINARY NEW_BINARY [COUNT] [RUNS]   (default 100000, 5)
set -euo pipefail
old=$1 new=$2 count=${3:-100000} runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$new" sample --count "$count" --seed 1 > "$work/in.csv"
measure() {  # binary label out-dir
  rm -rf "$3"
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$1" build --signatures "$work/in.csv" --out "$3" --quiet >/dev/null
  read -r wall user sys rss < "$work/t"
  echo "$2 $wall $(echo "$user + $sys" | bc) $((rss / 1024))"
}
for ((i = 0; i < runs; i++)); do
  measure "$old" old "$work/old" >> "$work/results"
  measure "$new" new "$work/new" >> "$work/results"
done
cat "$work/results"
for label in old new; do
  grep "^$label " "$work/results" | sort -k2,2n | awk -v l="$label" '{w[NR]=$2} END {printf "%s median: %.2f s wall", l, w[int((NR+1)/2)]}'
  grep "^$label " "$work/results" | sort -k3,3n | awk '{c[NR]=$3} END {printf ", %.2f s CPU over %d runs\n", c[int((NR+1)/2)], NR}'
done
"$new" check --signatures "$work/in.csv" --out "$work/check" --quiet > "$work/check.out"
/usr/bin/time -f 'check: %e s wall, %U s user, %M KB peak' "$new" check --signatures "$work/in.csv" --out "$work/check" --quiet >/dev/null
cp -r "$work/new" "$work/new1"
measure "$new" new "$work/new" >/dev/null
if diff -r "$work/new1" "$work/new" >/dev/null; then echo "new: two builds byte-identical"; else echo "new: builds DIFFER"; fi
