#!/usr/bin/env bash
# Plans 100,000 synthetic patients with the built-in protocol in a release build and prints patients per second.
#
#   bash Benchmarks/run-plan.sh                # 100,000 patients, best of 3
#   PATIENTS=1000000 REPEAT=1 bash Benchmarks/run-plan.sh
#
# Builds into .build-bench/ (never .build/).
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${PATIENTS:-100000}"
REPEAT="${REPEAT:-3}"
SCRATCH=".build-bench"
echo "building plan-bench (release, --scratch-path $SCRATCH) ..." >&2
swift build -c release --product plan-bench --scratch-path "$SCRATCH" >&2
"$(swift build -c release --product plan-bench --scratch-path "$SCRATCH" --show-bin-path)/plan-bench" "$PATIENTS" "$REPEAT"
