#!/usr/bin/env bash
# iCalendar both ways, side by side in one run, with libical called directly from C as the yardstick and Python's
# icalendar as the peer.
#
# Write half: the same planner-like calendar written by our Swift writer (ICalendar's CalendarWriter over libical),
# by libical from C, and by Python's icalendar.
# Parse half (issue 17, item 8): one file of PARSE_EVENTS such events (written by the C writer) read by libical
# from C (Benchmarks/ics-c/parse_events.c: icalparser_parse_string on the whole text, and icalparser_parse fed from
# the file line by line), by the release `ahsct ics check FILE`, and by Python's icalendar (`Calendar.from_ical`,
# then a walk over the VEVENTs). Each is a whole process, measured with /usr/bin/time (wall time, peak RSS).
#
#   bash Benchmarks/run-ics.sh                 # write 100,000 events (Python 20,000); parse 75,000 (Python too)
#   EVENTS=1000 PY_EVENTS=1000 PARSE_EVENTS=1000 REPEAT=1 bash Benchmarks/run-ics.sh
#   HALF=parse bash Benchmarks/run-ics.sh      # only the parse half (HALF=write: only the write half)
#   STRICT=1 bash Benchmarks/run-ics.sh        # exit 1 when a target is missed
#
# Environment: EVENTS (default 100000), PY_EVENTS (default 20000; Python needs ~40 s for 100k),
# PARSE_EVENTS (default 75000), PY_PARSE_EVENTS (default PARSE_EVENTS; Python needs ~30 s for 75k),
# REPEAT (best of, default 3; Python always runs once), HALF (both, write or parse; default both), STRICT (default 0),
# AHSCT_BIN (an ahsct binary to time instead of building one, e.g. to compare with an older build).
# Targets: writing, Swift within 1.5x the C time; parsing, `ahsct ics check` within 1.3x the time and 1.2x the
# peak memory of C (the better of its two parses, column by column).
# Builds into .build-bench/ (never the lead's .build/). Python: .venv-interop if present, else .venv-bench.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${EVENTS:-100000}"
PY_EVENTS="${PY_EVENTS:-20000}"
PARSE_EVENTS="${PARSE_EVENTS:-75000}"
PY_PARSE_EVENTS="${PY_PARSE_EVENTS:-$PARSE_EVENTS}"
REPEAT="${REPEAT:-3}"
HALF="${HALF:-both}"
STRICT="${STRICT:-0}"
LIMIT="1.50"
PARSE_TIME_LIMIT="1.30"
PARSE_MEMORY_LIMIT="1.20"
SCRATCH=".build-bench"
case "$HALF" in both | write | parse) ;; *) echo "HALF is both, write or parse" >&2; exit 2 ;; esac
if [ "$HALF" != write ] && [ ! -x /usr/bin/time ]; then
    echo "the parse half needs GNU time (/usr/bin/time): apt-get install time" >&2
    exit 2
fi

echo "building Swift (release, --scratch-path $SCRATCH) and C (cc -O2) ..." >&2
mkdir -p "$SCRATCH"
# shellcheck disable=SC2046  # pkg-config's output is meant to split into words
for program in write_events parse_events; do
    cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -o "$SCRATCH/$program" "Benchmarks/ics-c/$program.c" \
        $(pkg-config --cflags --libs libical)
done
if [ "$HALF" != parse ]; then
    swift build -c release --product ics-bench --scratch-path "$SCRATCH" >&2
fi
if [ "$HALF" != write ] && [ -z "${AHSCT_BIN:-}" ]; then
    swift build -c release --product ahsct --scratch-path "$SCRATCH" >&2
fi
BIN_PATH="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
AHSCT_BIN="${AHSCT_BIN:-$BIN_PATH/ahsct}"

if [ -x .venv-interop/bin/python ] && .venv-interop/bin/python -c 'import icalendar' 2>/dev/null; then
    PY=.venv-interop/bin/python
else
    if ! .venv-bench/bin/python -c 'import icalendar' 2>/dev/null; then
        echo "creating .venv-bench with icalendar==7.3.0 ..." >&2
        python3 -m venv .venv-bench
        .venv-bench/bin/pip install -q icalendar==7.3.0 >&2
    fi
    PY=.venv-bench/bin/python
fi
PY_VERSION="$("$PY" -c 'import icalendar; print(icalendar.__version__)')"

# ---------------------------------------------------------------------------------------------------------------
write_half() {
    echo "write: swift and c with $EVENTS events (best of $REPEAT), python-icalendar $PY_VERSION with $PY_EVENTS events (once) ..." >&2
    local c_line swift_line py_line
    c_line="$("$SCRATCH/write_events" --events "$EVENTS" --repeat "$REPEAT")"
    swift_line="$("$BIN_PATH/ics-bench" --events "$EVENTS" --repeat "$REPEAT")"
    py_line="$("$PY" Benchmarks/ics-peer/write_events.py --events "$PY_EVENTS" --repeat 1)"
    echo "== write"
    printf '%s\n%s\n%s\n' "$swift_line" "$c_line" "$py_line"
    echo
    if [ "$PY_EVENTS" != "$EVENTS" ]; then
        echo "note: python-icalendar ran $PY_EVENTS events, not $EVENTS (PY_EVENTS; ~40 s per 100k), once;"
        echo "      its 'x C time' compares time per event."
    fi

    # The table and the verdict, from the three machine-readable lines.
    printf '%s\n%s\n%s\n' "$swift_line" "$c_line" "$py_line" | awk -v limit="$LIMIT" -v strict="$STRICT" '
        function field(name,    i, kv) {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
            return ""
        }
        {
            tool[NR] = $1; events[NR] = field("events"); secs[NR] = field("build_serialize_s"); bytes[NR] = field("bytes")
            if ($1 == "c") c_rate = events[NR] / secs[NR]
            if ($1 == "swift") swift_rate = events[NR] / secs[NR]
        }
        END {
            printf "%-18s %8s %9s %10s %11s %9s\n", "tool", "events", "seconds", "events/s", "bytes", "x C time"
            for (i = 1; i <= NR; i++) {
                rate = events[i] / secs[i]
                # Per-event time relative to C, so runs with different event counts still compare.
                printf "%-18s %8d %9.3f %10.0f %11d %9.2f\n", tool[i], events[i], secs[i], rate, bytes[i], c_rate / rate
            }
            ratio = c_rate / swift_rate
            printf "\nswift/c ratio: %.2f (target <= %.2f)\n", ratio, limit
            if (ratio > limit + 0) {
                if (strict == "1") { print "FAIL: Swift is slower than the target (STRICT=1)"; exit 3 }
                print "note: above target (set STRICT=1 to fail on this)"
            }
        }' || verdict "$?"
}

# ---------------------------------------------------------------------------------------------------------------
# The file of N events to parse (the C writer's output; the Swift writer's is byte-identical), made once.
parse_file() {
    local file="$SCRATCH/parse-$1.ics"
    if [ ! -s "$file" ]; then
        "$SCRATCH/write_events" --events "$1" --repeat 1 --out "$file.tmp" >/dev/null
        mv "$file.tmp" "$file"
    fi
    echo "$file"
}

# Runs a command `runs` times; prints "SECONDS PEAK_KB EVENTS": the least wall time and the least peak RSS seen
# (each whole process, by /usr/bin/time), and the event count the command reported (its `events=N`, or
# `N events` from ahsct ics check). Fails if the command fails.
measure() {
    local runs="$1"; shift
    local best_s="" best_kb="" events="" seconds kb
    for _ in $(seq "$runs"); do
        if ! /usr/bin/time -f "%e %M" -o "$SCRATCH/time.txt" "$@" >"$SCRATCH/out.txt"; then
            echo "failed: $*" >&2
            cat "$SCRATCH/time.txt" >&2
            exit 1
        fi
        read -r seconds kb <"$SCRATCH/time.txt"
        events="$(sed -n 's/.*events=\([0-9]*\).*/\1/p; s/.*: \([0-9]*\) events.*/\1/p' "$SCRATCH/out.txt" | head -1)"
        if [ -z "$best_s" ] || awk -v a="$seconds" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best_s="$seconds"; fi
        if [ -z "$best_kb" ] || [ "$kb" -lt "$best_kb" ]; then best_kb="$kb"; fi
    done
    echo "$best_s $best_kb $events"
}

parse_half() {
    local file py_file bytes
    file="$(parse_file "$PARSE_EVENTS")"
    py_file="$(parse_file "$PY_PARSE_EVENTS")"
    bytes="$(wc -c <"$file")"
    echo "parse: $PARSE_EVENTS events ($bytes bytes): c (both ways) and ahsct ics check best of $REPEAT, python-icalendar $PY_VERSION with $PY_PARSE_EVENTS events (once) ..." >&2
    local rows
    rows="$(
        echo "c-parse-string $(measure "$REPEAT" "$SCRATCH/parse_events" --mode string "$file")"
        echo "c-parse-stream $(measure "$REPEAT" "$SCRATCH/parse_events" --mode stream "$file")"
        echo "ahsct-ics-check $(measure "$REPEAT" "$AHSCT_BIN" ics check "$file")"
        echo "python-icalendar $(measure 1 "$PY" Benchmarks/ics-peer/parse_events.py "$py_file")"
    )"
    echo "== parse ($bytes bytes; wall time and peak RSS of each whole process, best of $REPEAT; Python once)"
    if [ "$PY_PARSE_EVENTS" != "$PARSE_EVENTS" ]; then
        echo "note: python-icalendar read a file of $PY_PARSE_EVENTS events, not $PARSE_EVENTS (PY_PARSE_EVENTS);"
        echo "      its 'x C time' compares time per event, and its memory is of the smaller file."
    fi
    echo "$rows" | awk -v expected="$PARSE_EVENTS" -v py_expected="$PY_PARSE_EVENTS" -v strict="$STRICT" \
        -v time_limit="$PARSE_TIME_LIMIT" -v memory_limit="$PARSE_MEMORY_LIMIT" '
        {
            tool[NR] = $1; secs[NR] = $2; kb[NR] = $3; events[NR] = $4
            want = ($1 == "python-icalendar") ? py_expected : expected
            if (events[NR] != want) { printf "FAIL: %s read %s events, expected %s\n", $1, events[NR], want; bad = 1 }
            if ($1 ~ /^c-/) {
                # The yardstick: the better C parse, column by column.
                if (c_per_event == "" || secs[NR] / events[NR] < c_per_event) c_per_event = secs[NR] / events[NR]
                if (c_kb == "" || kb[NR] < c_kb) c_kb = kb[NR]
            }
        }
        END {
            if (bad) exit 1
            printf "%-18s %8s %9s %9s %9s %11s\n", "tool", "events", "seconds", "peak MB", "x C time", "x C memory"
            for (i = 1; i <= NR; i++) {
                time_ratio[i] = secs[i] / events[i] / c_per_event
                memory_ratio[i] = kb[i] / c_kb
                printf "%-18s %8d %9.2f %9.1f %9.2f %11.2f\n", tool[i], events[i], secs[i], kb[i] / 1024,
                    time_ratio[i], memory_ratio[i]
                if (tool[i] == "ahsct-ics-check") { t = time_ratio[i]; m = memory_ratio[i] }
            }
            printf "\nahsct ics check vs C: time %.2fx (target <= %.2f) %s, memory %.2fx (target <= %.2f) %s\n",
                t, time_limit, (t <= time_limit + 0 ? "PASS" : "MISS"), m, memory_limit, (m <= memory_limit + 0 ? "PASS" : "MISS")
            if (t > time_limit + 0 || m > memory_limit + 0) {
                if (strict == "1") { print "FAIL: ahsct ics check misses a target (STRICT=1)"; exit 3 }
                print "note: a target is missed (set STRICT=1 to fail on this)"
            }
        }' || verdict "$?"
}

# A table's awk exits 3 for a missed target under STRICT=1 (both halves still run), anything else for a failure.
missed=0
verdict() {
    if [ "$1" -eq 3 ]; then missed=1; else exit "$1"; fi
}

if [ "$HALF" != parse ]; then write_half; fi
if [ "$HALF" = both ]; then echo; fi
if [ "$HALF" != write ]; then parse_half; fi
exit "$missed"
