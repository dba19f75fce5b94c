#!/usr/bin/env bash
# Reading a petition export as .xlsx against the same rows as CSV: wall
# time, CPU time and peak memory of ingest alone (bench/read_export), the
# run with the least CPU time of RUNS.
# The rows come from `dossier sample` (names in every script, 5 columns,
# e-mail included); bench/csv_to_xlsx.py writes them as a workbook with a
# shared-strings table and a date column. Nothing is kept afterwards.
# Usage: bench/xlsx_vs_csv.sh [ROWS] [RUNS]   (default: 1000000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DDOSSIER_WERROR=OFF >/dev/null
cmake --build build -j2 --target dossier read_export >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./build/dossier sample --count "$rows" --seed 1 > "$work/in.csv"
python3 bench/csv_to_xlsx.py "$work/in.csv" "$work/in.xlsx"
printf '| format | file MB | rows read | accepted | wall s | CPU s | peak MB |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for f in in.csv in.xlsx; do
  best=""
  for ((i = 0; i < runs; i++)); do
    line=$(./build/bench/read_export "$work/$f")
    read -r format read accepted wall cpu peak <<<"$line"
    if [[ -z "$best" ]] || awk -v a="$cpu" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$cpu
      best_wall=$wall
      best_peak=$peak
    fi
  done
  mb=$(awk -v b="$(stat -c %s "$work/$f")" 'BEGIN {printf "%.1f", b / 1048576}')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$format" "$mb" "$read" "$accepted" \
    "$best_wall" "$best" "$best_peak"
done
