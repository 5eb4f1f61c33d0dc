#!/usr/bin/env bash
# Installs what the browser tests (tests/test_explore.py, marked `browser`) need:
# Debian's headless-capable Chromium.  Idempotent: does nothing when it is there.
# The tests drive Chromium over the DevTools pipe with the standard library only
# (tests/browser.py), so no pip package and no chromedriver are needed.
#
#   KG_CJK_FONTS=1 bash .ci/install-browser.sh   # also Chinese fonts (for screenshots)
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: need root (or sudo) to apt-get install chromium" >&2; exit 1
  fi
fi

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
if [ "${KG_CJK_FONTS:-0}" = 1 ] && ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  packages+=(fonts-noto-cjk)
fi

if [ ${#packages[@]} -gt 0 ]; then
  echo "install-browser: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q "${packages[@]}"
fi

/usr/bin/chromium --version 2>/dev/null || { echo "install-browser: chromium does not run" >&2; exit 1; }
