#!/usr/bin/env bash
# End-to-end benchmark: builds the default dossier (4 volumes) from
# `dossier sample` data of 10k, 100k and 1M signatures and prints wall time,
# CPU time, peak memory, pages, bytes, bytes per signature per volume,
# signatures per second, and the time `dossier verify` takes on the result.
# Usage: bench/end_to_end.sh [COUNTS...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DDOSSIER_WERROR=OFF >/dev/null
cmake --build build -j"$(nproc)" --target dossier >/dev/null
counts=("$@")
((${#counts[@]})) || counts=(10000 100000 1000000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-9s %8s %8s %9s %7s %10s %13s %11s %9s\n' rows wall_s cpu_s peak_MB pages pdf_MB bytes/sig/vol sigs/s verify_s
for n in "${counts[@]}"; do
  ./build/dossier sample --count "$n" --seed 1 > "$work/in.csv"
  rm -rf "$work/out"
  /usr/bin/time -v ./build/dossier build --signatures "$work/in.csv" --out "$work/out" --quiet \
    > "$work/stdout" 2> "$work/time"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; print s}' "$work/time")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time")
  pages=$(python3 -c "import json;print(json.load(open('$work/out/manifest.json'))['totals']['pages'])")
  sigs=$(python3 -c "import json;print(json.load(open('$work/out/manifest.json'))['totals']['signatures'])")
  bytes=$(cat "$work"/out/*.pdf | wc -c)
  vols=$(python3 -c "import json;print(len({v['volume'] for v in json.load(open('$work/out/manifest.json'))['volumes']}))")
  v0=$(date +%s.%N)
  ./build/dossier verify "$work/out" --quiet > /dev/null
  verify=$(echo "$(date +%s.%N) - $v0" | bc)
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v p="$pages" -v b="$bytes" \
      -v g="$sigs" -v vols="$vols" -v vt="$verify" 'BEGIN {
    printf "%-9d %8.2f %8.2f %9.0f %7d %10.1f %13.1f %11.0f %9.2f\n", n, w, u+s, r/1024, p,
           b/1048576, b/(g*vols), g/w, vt }'
done
