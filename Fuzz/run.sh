#!/usr/bin/env bash
# Builds the libFuzzer targets (release, AddressSanitizer) and runs each for SECONDS, seeded with the test fixtures.
#
#   bash Fuzz/run.sh                 # 60 s per target
#   SECONDS_PER_TARGET=600 bash Fuzz/run.sh
#   TARGETS=fuzz-cohort bash Fuzz/run.sh
#   TARGETS=fuzz-fhir bash Fuzz/run.sh      # the FHIR bundle reader
#
# A crash or leak stops the target and leaves its input under Fuzz/findings/<target>/: turn it into a fixture and a
# test, then fix. The corpus grows under .build-fuzz/corpus/<target>/ between runs. Exit 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${SECONDS_PER_TARGET:-60}"
TARGETS="${TARGETS:-fuzz-ics fuzz-cohort fuzz-form fuzz-fhir}"
SCRATCH=".build-fuzz"
FLAGS=(-c release --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)

status=0
for target in $TARGETS; do
    echo "building $target (release, -sanitize=fuzzer,address) ..." >&2
    swift build "${FLAGS[@]}" --product "$target" >&2
    bin="$(swift build "${FLAGS[@]}" --product "$target" --show-bin-path)/$target"
    corpus="$SCRATCH/corpus/$target"
    findings="Fuzz/findings/$target"
    mkdir -p "$corpus" "$findings"
    case "$target" in
        fuzz-ics) find Tests/ICalendarTests/Fixtures calendars -name '*.ics' -exec cp {} "$corpus/" \; ;;
        fuzz-cohort) find Tests/InterchangeTests/Fixtures/cohorts calendars -maxdepth 2 \
                         \( -name '*.yaml' -o -name '*.json' \) -exec cp {} "$corpus/" \; ;;
        fuzz-form) printf 'field=apheresis&value=2026-12-15&csrf=Zx3-_q' > "$corpus/record";
                   printf 'user=anna&password=caf%%C3%%A9+%%26+co' > "$corpus/sign-in";
                   printf 'theme=dark; ahsct_session=Zx3-_q' > "$corpus/cookie" ;;
        fuzz-fhir) find Tests/FHIRTests/Fixtures -name '*.json' -exec cp {} "$corpus/" \; ;;
    esac
    echo "fuzzing $target for $SECONDS_PER_TARGET s ($(ls "$corpus" | wc -l) inputs in the corpus) ..." >&2
    if ! "$bin" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$findings/" -print_final_stats=1 2> "$SCRATCH/$target.log"; then
        echo "FINDING in $target: see $findings/ and $SCRATCH/$target.log" >&2
        tail -30 "$SCRATCH/$target.log" >&2
        status=1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$SCRATCH/$target.log" | sed "s/^/$target /"
done
exit "$status"
