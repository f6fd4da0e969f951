#!/usr/bin/env bash
# Install headless Chromium and its driver (Debian packages) for the browser tests of the
# review report (tests/browser/). Nothing is downloaded outside the package manager:
# Playwright drives this system Chromium; `playwright install` is never run.
# Quick no-op when /usr/bin/chromium is there; without root or apt-get it says so and
# carries on (the browser tests then skip with that reason).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install Chromium yourself to run tests/browser" >&2
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo -n"
    if ! $SUDO true 2>/dev/null; then
        echo "install-browser: need root to apt-get install chromium; tests/browser will skip" >&2
        exit 0
    fi
else
    SUDO=""
fi
echo "install-browser: installing chromium and chromium-driver (Debian packages)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
