#!/usr/bin/env bash
# Installs what a fresh Debian machine with only Swift, Python and apt lacks: libical and libqrencode (with headers),
# time-zone data, pkg-config, Python's venv module, GNU time (peak memory in `make bench-ics`), and Chromium with
# chromium-driver and poppler-utils for the browser checks. Does nothing when
# they are already there.
set -euo pipefail

need=()
pkg-config --exists libical 2>/dev/null || need+=(libical-dev)
pkg-config --exists libqrencode 2>/dev/null || need+=(libqrencode-dev)
[ -f /usr/share/zoneinfo/Europe/Amsterdam ] || need+=(tzdata)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
[ -x /usr/bin/time ] || need+=(time)
# The browser checks (make browser): Chromium, its WebDriver, and pdfinfo to count printed pages.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
# The console's QR codes, read back by a third-party decoder.
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
