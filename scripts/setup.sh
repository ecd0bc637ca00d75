#!/usr/bin/env bash
# Install everything Nianbao needs on a fresh machine (idempotent).
#   scripts/setup.sh          -> .venv with the project and its pinned dependencies
#   scripts/setup.sh --test   -> also the test extras, Chromium + ChromeDriver and CJK fonts
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
[ "$want_test" = 1 ] && extras="[test]"
stamp=".venv/.installed$extras-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

# LibreOffice (headless, no GUI toolkits) converts legacy .doc/.wps/.xls/.et files;
# OpenCV (pulled in by rapidocr-onnxruntime for OCR) loads libGL and GLib.
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
ldconfig -p | grep -q 'libGL.so.1 ' || missing+=(libgl1)
ldconfig -p | grep -q 'libglib-2.0.so.0 ' || missing+=(libglib2.0-0)
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup.sh: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_test" = 1 ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  command -v unzip >/dev/null || missing+=(unzip)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)  # tests/portal/test_proxy.py runs deploy/nginx.conf
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "setup.sh: installing Debian packages: ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
