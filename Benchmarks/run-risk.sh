#!/usr/bin/env bash
# The risk view of a 2,000-patient cohort over three years (beds, machines, chairs), in Swift (release) and with
# NumPy convolving the same chances, side by side; the two must agree to 1e-9 on every resource-day.
#
#   bash Benchmarks/run-risk.sh                      # N = 2000 over 1,095 days, best of 5
#   N=500 REPEAT=1 bash Benchmarks/run-risk.sh
#   STRICT=1 bash Benchmarks/run-risk.sh             # exit 1 when the Swift side takes more than 0.5 s
#
# Builds into .build-bench/ (never .build/). Python: .venv-interop if it has NumPy, else .venv-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-2000}"
REPEAT="${REPEAT:-5}"
STRICT="${STRICT:-0}"
SCRATCH=".build-bench"

echo "building risk-bench (release, --scratch-path $SCRATCH) ..." >&2
swift build -c release --product risk-bench --scratch-path "$SCRATCH" >&2
BIN="$(swift build -c release --product risk-bench --scratch-path "$SCRATCH" --show-bin-path)/risk-bench"
source Benchmarks/numpy-python.sh

cohort="$SCRATCH/risk-$N.yaml"
python3 Benchmarks/make-cohort.py "$N" "$cohort" --days 1095
swift_line="$("$BIN" "$cohort" 2026-11-22 2026-05-25 2029-05-24 "$REPEAT" "$SCRATCH/risk-$N.json")"
numpy_line="$("$PY" Benchmarks/risk-peer/numpy_risk.py "$SCRATCH/risk-$N.json" "$REPEAT")" || true
echo "$swift_line"
echo "$numpy_line"
swift_seconds="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$swift_line")"
numpy_seconds="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$numpy_line")"
mismatches="$(sed -n 's/.*mismatches=\([0-9]*\).*/\1/p' <<<"$numpy_line")"
awk -v s="$swift_seconds" -v n="$numpy_seconds" -v m="$mismatches" 'BEGIN {
    printf "=> %d patients, 3 years: Swift %.4f s, NumPy convolution %.4f s (Swift %.1fx faster); mismatches %d\n", '"$N"', s, n, n / s, m }'
[ "$mismatches" = 0 ] || { echo "the two sides disagree" >&2; exit 1; }
if [ "$STRICT" = 1 ]; then
    awk -v s="$swift_seconds" 'BEGIN { exit !(s <= 0.5) }' || { echo "over 0.5 s" >&2; exit 1; }
fi
