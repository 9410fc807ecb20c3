#!/usr/bin/env bash
# Renders the HTML report of a synthetic 2,000-patient cohort (Benchmarks/make-cohort.py) in a release build and
# prints the time (best of REPEAT) and the file's size; the conflict report of the same cohort is timed beside it.
#
#   bash Benchmarks/run-report.sh               # 2,000 patients, best of 3
#   PATIENTS=500 REPEAT=1 bash Benchmarks/run-report.sh
#
# Builds into .build-bench/ (never .build/).
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${PATIENTS:-2000}"
REPEAT="${REPEAT:-3}"
SCRATCH=".build-bench"
echo "building ahsct (release, --scratch-path $SCRATCH) ..." >&2
swift build -c release --product ahsct --scratch-path "$SCRATCH" >&2
BIN="$(swift build -c release --product ahsct --scratch-path "$SCRATCH" --show-bin-path)/ahsct"
mkdir -p "$SCRATCH"
COHORT="$SCRATCH/cohort-$PATIENTS.yaml"
python3 Benchmarks/make-cohort.py "$PATIENTS" "$COHORT"

best() {  # best wall time of REPEAT runs of "$@", in seconds
    local best="" start end took
    for _ in $(seq "$REPEAT"); do
        start=$(date +%s.%N)
        "$@" >/dev/null || [ $? -eq 2 ]
        end=$(date +%s.%N)
        took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
        if [ -z "$best" ] || awk -v t="$took" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$took; fi
    done
    echo "$best"
}

report_time=$(best "$BIN" report "$COHORT" --now 2026-11-22 --out "$SCRATCH/report-$PATIENTS.html")
conflicts_time=$(best "$BIN" conflicts "$COHORT" --now 2026-11-22)
size=$(stat -c %s "$SCRATCH/report-$PATIENTS.html")
echo "report:    $PATIENTS patients, ${report_time} s, $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB ($size bytes)"
echo "conflicts: $PATIENTS patients, ${conflicts_time} s ($("$BIN" conflicts "$COHORT" --now 2026-11-22 | sed -n 2p || true))"
