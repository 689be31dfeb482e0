#!/usr/bin/env bash
# Times the whole CLI as a user runs it and prints medians:
#   - the seed report as a fresh process (PDF, DOCX), with peak RSS and file size;
#   - a 100-report batch of the 2021 example (PDF, PDF+DOCX), reports per second and peak RSS.
# Usage: bench/run.sh [RUNS]   (default 15 runs for single reports, 5 for batches)
#        GONGWEN_BIN=/path/to/gongwen bench/run.sh   times that binary (e.g. an older build)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-15}
if [ -z "${GONGWEN_BIN:-}" ]; then cargo build --release -q; fi
BIN=${GONGWEN_BIN:-$PWD/target/release/gongwen}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run CMD...: wall milliseconds and peak RSS KB of one run, "ms kb"
run() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -o "$OUT/time.txt" -f "%M" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(tail -1 "$OUT/time.txt")"
}

single() {
  local label=$1; shift
  local ms=() kb=()
  for _ in $(seq "$RUNS"); do
    read -r m k < <(run "$@")
    ms+=("$m"); kb+=("$k")
  done
  printf "%-34s median %4s ms   peak RSS %6s KB\n" "$label" \
    "$(printf '%s\n' "${ms[@]}" | median)" "$(printf '%s\n' "${kb[@]}" | median)"
}

if [ ! -x /usr/bin/time ]; then echo "needs /usr/bin/time (Debian package: time)"; exit 1; fi
single "seed report → PDF (fresh process)" "$BIN" render examples/yiyang-2020.yaml --pdf -o "$OUT" -q
single "seed report → DOCX (fresh process)" "$BIN" render examples/yiyang-2020.yaml --docx -o "$OUT" -q
single "2021 form → PDF (fresh process)" "$BIN" render examples/demo-2021.yaml --pdf -o "$OUT" -q
echo "seed PDF size: $(stat -c %s "$OUT/yiyang-2020.pdf") bytes"

mkdir -p "$OUT/batch"
for i in $(seq -w 1 100); do
  sed "s/^organ: .*/organ: 青山市第${i}局/" examples/demo-2021.yaml > "$OUT/batch/dept-$i.yaml"
done
batch() {
  local label=$1; shift
  local ms=() kb=()
  for _ in $(seq "${BATCH_RUNS:-5}"); do
    rm -rf "$OUT/dist"
    read -r m k < <(run "$BIN" batch "$OUT/batch" -o "$OUT/dist" "$@")
    ms+=("$m"); kb+=("$k")
  done
  local med
  med=$(printf '%s\n' "${ms[@]}" | median)
  printf "%-34s median %5s ms   %6.1f reports/s   peak RSS %6s KB\n" "$label" "$med" \
    "$(echo "100000 / $med" | bc -l)" "$(printf '%s\n' "${kb[@]}" | median)"
}
batch "batch 100 × 2021 form → PDF" --pdf
batch "batch 100 × 2021 form → PDF+DOCX" --pdf --docx
