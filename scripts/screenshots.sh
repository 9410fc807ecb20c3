#!/usr/bin/env bash
# Renders the pictures of the README and docs/report.md from what `make example` wrote, with headless Chromium (Debian:
# apt-get install chromium fonts-dejavu-core). Not part of the tests: run it after changing the report's looks.
#
#   bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BROWSER="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$BROWSER" ] || { echo "chromium not found: apt-get install -y chromium fonts-dejavu-core" >&2; exit 1; }
shot() {  # shot PAGE PNG WIDTH HEIGHT
    "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$3,$4" --screenshot="$2" "file://$PWD/$1" 2>/dev/null
}
shot calendars/report.html docs/images/report.png 1300 1500
shot calendars/patients/P-0006.html docs/images/patient-page.png 900 1100
# A patient's page as a phone shows it: 360 CSS px wide, the first screen and a half.
shot calendars/patients/P-0001.html docs/images/patient-page-phone.png 360 900
ls -l docs/images
