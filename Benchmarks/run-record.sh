#!/usr/bin/env bash
# `ahsct record` of one fact against `ahsct plan` on the same 2,000-patient cohort (Benchmarks/make-cohort.py), side by
# side in one run, release build: each repetition plans the cohort, then records one fact into a fresh copy of it (a
# real write: lock, read, edit, check, plan before and after, atomic write, audit line). Prints the best and the median
# of each and the ratio of the best times; the target is record <= 0.75 x plan.
#
#   bash Benchmarks/run-record.sh                  # 2,000 patients, 7 repetitions
#   PATIENTS=500 REPEAT=3 bash Benchmarks/run-record.sh
#   STRICT=1 bash Benchmarks/run-record.sh         # exit 1 when record takes more than 0.75 x plan
#   BASELINE=/other/ahsct bash Benchmarks/run-record.sh   # also time another build (an older commit) in the same run
#
# Builds into .build-bench/ (never .build/; SCRATCH=... for another folder).
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${PATIENTS:-2000}"
REPEAT="${REPEAT:-7}"
STRICT="${STRICT:-0}"
SCRATCH="${SCRATCH:-.build-bench}"
echo "building ahsct (release, --scratch-path $SCRATCH) ..." >&2
swift build -c release --product ahsct --scratch-path "$SCRATCH" >&2
BIN="$(swift build -c release --product ahsct --scratch-path "$SCRATCH" --show-bin-path)/ahsct"
mkdir -p "$SCRATCH"
COHORT="$SCRATCH/record-$PATIENTS.yaml"
python3 Benchmarks/make-cohort.py "$PATIENTS" "$COHORT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The fact: the committee's answer for the middle patient, four weeks after the second opinion (a weekday; it
# anchors the rest of that patient's plan, so the changes have something to show).
patient=$(printf 'B-%05d' $(( (PATIENTS + 1) / 2 )))
opinion=$(sed -n "s/.*id: $patient, second-opinion: \([0-9-]*\).*/\1/p" "$COHORT")
answer=$(date -d "$opinion + 28 days" +%F)

seconds() {  # wall time of "$@" (its output discarded: the synthetic site gives no phone number, a warning), in seconds
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

record_into() {  # records the fact with ahsct $1 into a fresh copy in folder $2; prints the time
    mkdir "$2"
    cp "$COHORT" "$2/cohort.yaml"
    seconds "$1" record "$2/cohort.yaml" --patient "$patient" committee-answer "$answer" --now 2026-11-22 --by bench
    # A real write each time: the fact is in the file and in the audit log.
    grep -q "committee-answer: $answer" "$2/cohort.yaml" || { echo "record wrote nothing" >&2; exit 1; }
    [ "$(wc -l <"$2/.ahsct/audit.jsonl")" = 1 ] || { echo "no audit line" >&2; exit 1; }
}

plans=() records=() base_plans=() base_records=()
for i in $(seq "$REPEAT"); do
    plans+=("$(seconds "$BIN" plan "$COHORT" --now 2026-11-22)")
    records+=("$(record_into "$BIN" "$WORK/$i")")
    if [ -n "${BASELINE:-}" ]; then
        base_plans+=("$(seconds "$BASELINE" plan "$COHORT" --now 2026-11-22)")
        base_records+=("$(record_into "$BASELINE" "$WORK/base-$i")")
    fi
done

stats() {  # best and median of the arguments
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f %.3f\n", v[1], v[int((NR + 1) / 2)] }'
}
read -r plan_best plan_median <<<"$(stats "${plans[@]}")"
read -r record_best record_median <<<"$(stats "${records[@]}")"
echo "plan:   $PATIENTS patients, best ${plan_best} s, median ${plan_median} s ($REPEAT runs)"
echo "record: $PATIENTS patients, best ${record_best} s, median ${record_median} s ($REPEAT runs: $patient committee-answer $answer, each into a fresh copy)"
awk -v r="$record_best" -v p="$plan_best" -v rm="$record_median" -v pm="$plan_median" 'BEGIN {
    printf "record / plan: %.2f (medians %.2f; target <= 0.75)\n", r / p, rm / pm }'
if [ -n "${BASELINE:-}" ]; then
    read -r base_plan_best base_plan_median <<<"$(stats "${base_plans[@]}")"
    read -r base_record_best base_record_median <<<"$(stats "${base_records[@]}")"
    echo "baseline ($BASELINE):"
    echo "  plan:   best ${base_plan_best} s, median ${base_plan_median} s"
    echo "  record: best ${base_record_best} s, median ${base_record_median} s"
    awk -v r="$base_record_best" -v p="$base_plan_best" -v rm="$base_record_median" -v pm="$base_plan_median" 'BEGIN {
        printf "  record / plan: %.2f (medians %.2f)\n", r / p, rm / pm }'
fi
if [ "$STRICT" = 1 ]; then
    awk -v r="$record_best" -v p="$plan_best" 'BEGIN { exit !(r <= 0.75 * p) }' || { echo "record is over 0.75 x plan" >&2; exit 1; }
fi
