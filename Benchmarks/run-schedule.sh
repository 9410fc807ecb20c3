#!/usr/bin/env bash
# The cohort scheduler against OR-Tools CP-SAT on the same synthetic cohorts (Benchmarks/make-schedule-cohort.py),
# side by side: total and maximum delay, each side's lower bound, and the time. ahsct exports the problem it solves
# (--export-model) and Benchmarks/schedule-peer/cpsat_schedule.py builds it as a CP-SAT model with interval
# variables and cumulative constraints, solved with a 60-second limit on both cores.
#
#   bash Benchmarks/run-schedule.sh                   # N = 20 100 500 2000, CP-SAT 60 s each
#   SIZES="20 100" CPSAT_SECONDS=10 bash Benchmarks/run-schedule.sh
#
# Each ahsct schedule is checked by planning the cohort with the proposals written in and asking `ahsct conflicts`
# for capacity_exceeded days: there must be none. Builds into .build-bench/; Python: .venv-bench with ortools.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-20 100 500 2000}"
CPSAT_SECONDS="${CPSAT_SECONDS:-60}"
SCRATCH=".build-bench"
HORIZON=60

echo "building ahsct (release, --scratch-path $SCRATCH) ..." >&2
swift build -c release --product ahsct --scratch-path "$SCRATCH" >&2
BIN="$(swift build -c release --product ahsct --scratch-path "$SCRATCH" --show-bin-path)/ahsct"
if ! .venv-bench/bin/python -c 'import ortools' 2>/dev/null; then
    echo "installing ortools==9.15.6755 into .venv-bench ..." >&2
    [ -x .venv-bench/bin/python ] || python3 -m venv .venv-bench
    .venv-bench/bin/pip install -q ortools==9.15.6755 >&2
fi
echo "ortools $(.venv-bench/bin/python -c 'import ortools; print(ortools.__version__)'), $(nproc) cores" >&2

printf '%6s | %9s %5s %7s %6s %8s | %9s %5s %7s %8s %-8s | %s\n' N "ahsct" max bound gap seconds "cp-sat" max bound seconds status "overflow"
status=0
for n in $SIZES; do
    cohort="$SCRATCH/schedule-$n.yaml"
    python3 Benchmarks/make-schedule-cohort.py "$n" "$cohort"
    # The export (a JSON of every choice) is written by a run of its own, so the timed run is the scheduling alone.
    "$BIN" schedule "$cohort" --now 2026-12-31 --horizon "$HORIZON" --moves 0 \
        --export-model "$SCRATCH/model-$n.json" > /dev/null || true
    start=$(date +%s.%N)
    "$BIN" schedule "$cohort" --now 2026-12-31 --horizon "$HORIZON" \
        --out "$SCRATCH/scheduled-$n.yaml" > "$SCRATCH/schedule-$n.txt" || true
    end=$(date +%s.%N)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    total=$(sed -n 's/.*total delay: \([0-9]*\) days (lower bound \([0-9]*\).*/\1/p' "$SCRATCH/schedule-$n.txt")
    bound=$(sed -n 's/.*total delay: \([0-9]*\) days (lower bound \([0-9]*\).*/\2/p' "$SCRATCH/schedule-$n.txt")
    gap=$(sed -n 's/.*certified gap: \([0-9.]*\).*/\1/p' "$SCRATCH/schedule-$n.txt")
    [ -n "$gap" ] && [ "$gap" != 0 ] && gap="$gap%"
    worst=$(sed -n 's/.*maximum delay: \([0-9]*\) days.*/\1/p' "$SCRATCH/schedule-$n.txt")
    unfit=$(sed -n 's/.*cannot fit: \([0-9]*\).*/\1/p' "$SCRATCH/schedule-$n.txt")
    overflow=$("$BIN" conflicts "$SCRATCH/scheduled-$n.yaml" --now 2026-12-31 --no-suggestions --format csv \
        | grep -c '^capacity_exceeded' || true)
    peer=$(.venv-bench/bin/python Benchmarks/schedule-peer/cpsat_schedule.py "$SCRATCH/model-$n.json" "$CPSAT_SECONDS" "$(nproc)")
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$peer"; }
    printf '%6s | %9s %5s %7s %6s %8s | %9s %5s %7s %8s %-8s | %s\n' "$n" "$total" "$worst" "$bound" "${gap:--}" "$seconds" \
        "$(field total)" "$(field max)" "$(field bound)" "$(field seconds)" "$(sed -n 's/.*status=\([A-Z]*\).*/\1/p' <<<"$peer")" \
        "$overflow days, $unfit unfit"
    [ "$overflow" = 0 ] && [ "$unfit" = 0 ] || status=1
done
exit "$status"
