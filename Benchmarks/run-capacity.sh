#!/usr/bin/env bash
# Builds the occupancy ledger and finds the over-full runs for 10^5 and 10^6 intervals, in Swift (release) and with
# a straightforward NumPy sweep of the same intervals, and prints them side by side with the speed-up.
#
#   bash Benchmarks/run-capacity.sh                 # 100,000 and 1,000,000 intervals, best of 5
#   SIZES="1000 10000" REPEAT=1 bash Benchmarks/run-capacity.sh
#   STRICT=1 bash Benchmarks/run-capacity.sh        # exit 1 below 5x NumPy, or 10^6 not under a second
#
# The two sides must find the same number of runs and over-full days, or the script fails.
# Builds into .build-bench/ (never .build/). Python: .venv-interop if it has NumPy, else .venv-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-100000 1000000}"
REPEAT="${REPEAT:-5}"
STRICT="${STRICT:-0}"
SCRATCH=".build-bench"

echo "building capacity-bench (release, --scratch-path $SCRATCH) ..." >&2
swift build -c release --product capacity-bench --scratch-path "$SCRATCH" >&2
BIN="$(swift build -c release --product capacity-bench --scratch-path "$SCRATCH" --show-bin-path)/capacity-bench"

source Benchmarks/numpy-python.sh

status=0
for size in $SIZES; do
    file="$SCRATCH/intervals-$size.bin"
    swift_line="$("$BIN" "$size" "$REPEAT" "$file")"
    capacity="$(sed -n 's/.* capacity=\([0-9]*\) .*/\1/p' <<<"$swift_line")"
    numpy_lines="$("$PY" Benchmarks/capacity-peer/numpy_sweep.py "$file" "$capacity" "$REPEAT")"
    numpy_line="$(head -1 <<<"$numpy_lines")"
    bincount_line="$(tail -1 <<<"$numpy_lines")"
    echo "$swift_line"
    echo "$numpy_lines"
    swift_time="$(sed -n 's/.* ledger+runs=\([0-9.]*\)s .*/\1/p' <<<"$swift_line")"
    numpy_time="$(sed -n 's/.* ledger+runs=\([0-9.]*\)s .*/\1/p' <<<"$numpy_line")"
    swift_found="$(grep -o 'runs=[0-9]* overfull_days=[0-9]*' <<<"$swift_line")"
    numpy_found="$(grep -o 'runs=[0-9]* overfull_days=[0-9]*' <<<"$numpy_line")"
    bincount_found="$(grep -o 'runs=[0-9]* overfull_days=[0-9]*' <<<"$bincount_line")"
    if [ "$swift_found" != "$numpy_found" ] || [ "$swift_found" != "$bincount_found" ]; then
        echo "MISMATCH: swift $swift_found, numpy $numpy_found, numpy-bincount $bincount_found" >&2
        status=1
    fi
    ratio="$(awk -v s="$swift_time" -v n="$numpy_time" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')"
    bincount_time="$(sed -n 's/.* ledger+runs=\([0-9.]*\)s .*/\1/p' <<<"$bincount_line")"
    ratio2="$(awk -v s="$swift_time" -v n="$bincount_time" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')"
    echo "=> $size intervals: Swift $swift_time s, NumPy sweep $numpy_time s (Swift ${ratio}x faster), NumPy bincount $bincount_time s (${ratio2}x); all found $swift_found"
    if [ "$STRICT" = 1 ]; then
        awk -v r="$ratio" 'BEGIN { exit !(r >= 5) }' || { echo "STRICT: less than 5x" >&2; status=1; }
        if [ "$size" -ge 1000000 ]; then
            awk -v s="$swift_time" 'BEGIN { exit !(s < 1) }' || { echo "STRICT: 10^6 not under a second" >&2; status=1; }
        fi
    fi
    rm -f "$file"
done
exit "$status"
